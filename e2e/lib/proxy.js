'use strict'
// Starting a real proxy (Velocity or BungeeCord) from a jar the user gives, with LedgerNet and the
// test permissions, in a scratch folder; console commands through stdin; teardown by PID.

const fs = require('fs')
const path = require('path')
const { spawn } = require('child_process')
const { sleep } = require('./client')

const PROXY_PORT = 25577
const BACKENDS = { survival: 25601, creative: 25602, lobby: 25603 }

// Ledger's nodes, granted to Staff; Guest gets none.
const STAFF_NODES = ['ledger.networking', 'ledger.commands.search', 'ledger.commands.inspect', 'ledger.commands.rollback',
  'ledger.commands.purge', 'ledger.commands.player', 'ledgernet.command.search', 'ledgernet.command.player',
  'ledgernet.command.inspect', 'ledgernet.command.status', 'ledgernet.command.reload', 'ledgernet.command.web']

function velocityToml () {
  return `config-version = "2.7"
bind = "127.0.0.1:${PROXY_PORT}"
motd = "LedgerNet e2e"
show-max-players = 20
online-mode = false
force-key-authentication = false
prevent-client-proxy-connections = false
player-info-forwarding-mode = "none"
forwarding-secret-file = "forwarding.secret"
announce-forge = false
kick-existing-players = true
ping-passthrough = "DISABLED"
enable-player-address-logging = true

[servers]
survival = "127.0.0.1:${BACKENDS.survival}"
creative = "127.0.0.1:${BACKENDS.creative}"
lobby = "127.0.0.1:${BACKENDS.lobby}"
try = ["survival"]

[forced-hosts]

[advanced]
compression-threshold = 256
compression-level = -1
login-ratelimit = 0
connection-timeout = 5000
read-timeout = 30000
haproxy-protocol = false
tcp-fast-open = false
bungee-plugin-message-channel = true
show-ping-requests = false
failover-on-unexpected-server-disconnect = false
announce-proxy-commands = true
log-command-executions = true
log-player-connections = true
accepts-transfers = false

[query]
enabled = false
port = ${PROXY_PORT}
map = "Velocity"
show-plugins = false
`
}

function bungeeYaml () {
  const servers = Object.entries(BACKENDS).map(([n, p]) => `  ${n}:\n    motd: '${n}'\n    address: 127.0.0.1:${p}\n    restricted: false`).join('\n')
  return `online_mode: false
ip_forward: false
enforce_secure_profile: false
forge_support: false
log_commands: true
log_pings: false
connection_throttle: 0
connection_throttle_limit: 100
network_compression_threshold: 256
player_limit: -1
prevent_proxy_connections: false
reject_transfers: false
remote_ping_cache: -1
remote_ping_timeout: 5000
server_connect_timeout: 5000
timeout: 30000
max_packets_per_second: 100000
max_packets_data_per_second: 335544320
stats: 00000000-0000-4000-8000-000000000000
listeners:
- host: 127.0.0.1:${PROXY_PORT}
  query_port: ${PROXY_PORT}
  query_enabled: false
  motd: 'LedgerNet e2e'
  max_players: 20
  tab_list: GLOBAL_PING
  tab_size: 60
  force_default_server: true
  forced_hosts: {}
  ping_passthrough: false
  priorities:
  - survival
  bind_local_address: true
  proxy_protocol: false
servers:
${servers}
disabled_commands: []
permissions:
  default:
  - bungeecord.command.server
  - bungeecord.command.list
  staff:
${STAFF_NODES.map(n => '  - ' + n).join('\n')}
groups:
  Staff:
  - staff
`
}

class Proxy {
  /**
   * @param {object} o
   * @param {'velocity'|'bungee'} o.kind
   * @param {string} o.jar proxy jar
   * @param {string} o.dir scratch folder (created)
   * @param {string} o.pluginJar LedgerNet jar for this proxy
   * @param {string} [o.permsJar] Velocity permission plugin jar
   * @param {string} [o.modulesDir] BungeeCord modules (cmd_server.jar ...)
   */
  constructor (o) {
    Object.assign(this, o)
    this.dataDir = path.join(this.dir, 'plugins', this.kind === 'velocity' ? 'ledgernet' : 'LedgerNet')
    this.logFile = path.join(this.dir, 'proxy.log')
    this.out = ''
    this.proc = null
  }

  prepare (ledgernetConfig, sampleNetworkDir) {
    fs.mkdirSync(path.join(this.dir, 'plugins'), { recursive: true })
    fs.mkdirSync(this.dataDir, { recursive: true })
    fs.copyFileSync(this.pluginJar, path.join(this.dir, 'plugins', path.basename(this.pluginJar)))
    if (this.kind === 'velocity') {
      fs.writeFileSync(path.join(this.dir, 'velocity.toml'), velocityToml())
      fs.writeFileSync(path.join(this.dir, 'forwarding.secret'), 'e2e-unused-secret\n')
      fs.copyFileSync(this.permsJar, path.join(this.dir, 'plugins', 'e2e-permissions.jar'))
      fs.mkdirSync(path.join(this.dir, 'plugins', 'e2e-permissions'), { recursive: true })
      fs.writeFileSync(path.join(this.dir, 'plugins', 'e2e-permissions', 'permissions.txt'), `Staff ${STAFF_NODES.join(' ')}\n`)
    } else {
      fs.writeFileSync(path.join(this.dir, 'config.yml'), bungeeYaml())
      if (this.modulesDir) {
        fs.mkdirSync(path.join(this.dir, 'modules'), { recursive: true })
        for (const f of fs.readdirSync(this.modulesDir).filter(f => f.endsWith('.jar'))) fs.copyFileSync(path.join(this.modulesDir, f), path.join(this.dir, 'modules', f))
      }
    }
    fs.cpSync(sampleNetworkDir, path.join(this.dataDir, 'sample-network'), { recursive: true })
    this.writeConfig(ledgernetConfig)
  }

  writeConfig (text) { fs.writeFileSync(path.join(this.dataDir, 'config.yml'), text) }

  async start (timeoutMs = 90000) {
    const log = fs.createWriteStream(this.logFile, { flags: 'a' })
    const args = ['-Xms128m', '-Xmx512m', '-XX:+UseSerialGC', '-Djline.terminal=jline.UnsupportedTerminal',
      '-Dterminal.jline=false', '-Dterminal.ansi=false', '-DIReallyKnowWhatIAmDoingISwear=true', '-jar', this.jar]
    this.proc = spawn('java', args, { cwd: this.dir, stdio: ['pipe', 'pipe', 'pipe'], detached: true })
    registerChild(this.proc)
    const onData = (d) => { const s = d.toString().replace(/\x1b\[[0-9;]*[A-Za-z]/g, ''); this.out += s; log.write(s) }
    this.proc.stdout.on('data', onData)
    this.proc.stderr.on('data', onData)
    this.proc.on('exit', (code, sig) => { this.exited = `${code ?? sig}`; log.write(`\n[e2e] proxy exited: ${code ?? sig}\n`) })
    const ready = this.kind === 'velocity' ? /Done \(|Listening on \//i : /Listening on \//
    const end = Date.now() + timeoutMs
    while (!ready.test(this.out)) {
      if (this.exited) throw new Error(`proxy exited (${this.exited}) before listening; see ${this.logFile}`)
      if (Date.now() > end) throw new Error(`proxy not listening after ${timeoutMs} ms; see ${this.logFile}`)
      await sleep(100)
    }
    await sleep(500)
  }

  mark () { return this.out.length }
  since (mark) { return this.out.slice(mark) }

  // Sends a console command and returns the console output that follows it (until quietMs of silence).
  async console (cmd, { waitFor, timeoutMs = 10000, quietMs = 700 } = {}) {
    const m = this.mark()
    this.proc.stdin.write(cmd + '\n')
    const end = Date.now() + timeoutMs
    let last = this.out.length; let lastChange = Date.now()
    for (;;) {
      await sleep(50)
      if (this.out.length !== last) { last = this.out.length; lastChange = Date.now() }
      const text = this.since(m)
      if (waitFor ? waitFor.test(text) && Date.now() - lastChange >= 200 : Date.now() - lastChange >= quietMs && text.length > 0) return text
      if (Date.now() > end) return text
    }
  }

  async stop () {
    if (!this.proc || this.exited) return
    try { this.proc.stdin.write('end\n') } catch (e) {}
    const end = Date.now() + 10000
    while (!this.exited && Date.now() < end) await sleep(100)
    if (!this.exited) killGroup(this.proc.pid, 'SIGKILL')
    while (!this.exited && Date.now() < end + 3000) await sleep(100)
  }
}

// ---- children, killed by PID (process group) on any exit ----
const children = new Set()
function registerChild (proc) { children.add(proc); proc.on('exit', () => children.delete(proc)) }
function killGroup (pid, sig) { try { process.kill(-pid, sig) } catch (e) { try { process.kill(pid, sig) } catch (e2) {} } }
function killAll () { for (const p of children) killGroup(p.pid, 'SIGKILL') }
process.on('exit', killAll)
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(s, () => { killAll(); process.exit(130) })

module.exports = { Proxy, PROXY_PORT, BACKENDS, STAFF_NODES, killAll }
