'use strict'
// A fake Minecraft backend running "Ledger" as far as LedgerNet depends on it: a minecraft-protocol
// server (offline mode) that completes login, configuration (MC >= 1.20.2) and the play Login, answers
// a C2S ledger:handshake only when its protocol number matches the configured Ledger version, logs
// every custom payload (with the phase it arrived in) and every chat command, and can send
// ledger:action / ledger:response (well-formed or malformed) to a player on demand.

const fs = require('fs')
const mc = require('minecraft-protocol')
const { c2s, s2c, decodeHandshakeNbt, Writer } = require('./wire')

const DEFAULT_ACTION_TYPES = ['block-break', 'block-place', 'block-change', 'item-insert', 'item-remove',
  'item-pick-up', 'item-drop', 'entity-kill', 'entity-change']

// Ledger's PROTOCOL_VERSION per release (ledger.md §0.1).
function ledgerProtocol (ledgerVersion) {
  if (ledgerVersion === '1.3.18-backport' || /^1\.2\./.test(ledgerVersion)) return 2
  if (/^1\.3\./.test(ledgerVersion)) return 3
  if (/^1\.1\./.test(ledgerVersion)) return 1
  throw new Error('unknown Ledger version ' + ledgerVersion)
}

function mcAtLeast (a, b) {
  const pa = a.split('.').map(Number); const pb = b.split('.').map(Number)
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i] || 0; const y = pb[i] || 0
    if (x !== y) return x > y
  }
  return true
}

class FakeBackend {
  /**
   * @param {object} o
   * @param {string} o.name backend name (survival, creative, lobby)
   * @param {number} o.port
   * @param {string} o.version Minecraft version
   * @param {string|null} o.ledgerVersion e.g. "1.3.23", "1.3.1", "1.2.10", "1.3.18-backport"; null = no Ledger
   * @param {string[]} [o.dimensions]
   * @param {boolean} [o.ignoreConfigPayloads=true] Ledger registers play-phase receivers only
   * @param {boolean} [o.answerRequests=true] answer search/inspect like Ledger (response 1, actions, 2)
   * @param {string} [o.logFile]
   */
  constructor (o) {
    this.name = o.name
    this.port = o.port
    this.version = o.version
    this.ledgerVersion = o.ledgerVersion ?? null
    this.protocol = this.ledgerVersion ? ledgerProtocol(this.ledgerVersion) : null
    this.dimensions = o.dimensions || ['minecraft:overworld', 'minecraft:the_nether', 'minecraft:the_end']
    this.ignoreConfigPayloads = o.ignoreConfigPayloads !== false
    this.answerRequests = o.answerRequests !== false
    this.actionTypes = o.actionTypes || DEFAULT_ACTION_TYPES
    this.namedNbt = !mcAtLeast(this.version, '1.20.2')
    this.events = []
    this.players = new Map() // username -> minecraft-protocol server-side client
    this.logStream = o.logFile ? fs.createWriteStream(o.logFile, { flags: 'a' }) : null
    this.server = null
  }

  log (ev) {
    ev = { t: Date.now(), backend: this.name, ...ev }
    this.events.push(ev)
    if (this.logStream) this.logStream.write(JSON.stringify(ev) + '\n')
    this.emitter?.(ev)
  }

  start () {
    return new Promise((resolve, reject) => {
      const server = mc.createServer({
        'online-mode': false,
        host: '127.0.0.1',
        port: this.port,
        version: this.version,
        motd: 'fake Ledger backend ' + this.name,
        maxPlayers: 20,
        hideErrors: true,
        enforceSecureProfile: false
      })
      this.server = server
      this.mcData = require('minecraft-data')(server.version)
      server.on('login', (client) => this.onLogin(client))
      server.on('playerJoin', (client) => this.onJoin(client))
      server.on('error', (e) => { this.log({ kind: 'error', message: String(e && e.message) }); reject(e) })
      server.on('listening', () => resolve(this))
    })
  }

  stop () {
    try { this.server?.close() } catch (e) {}
    this.logStream?.end()
  }

  onLogin (client) {
    const user = client.username
    this.players.set(user, client)
    this.log({ kind: 'login', player: user, uuid: client.uuid })
    client.on('end', (reason) => { this.log({ kind: 'disconnect', player: user, reason: String(reason || '') }); if (this.players.get(user) === client) this.players.delete(user) })
    client.on('error', (e) => this.log({ kind: 'client-error', player: user, message: String(e && e.message) }))
    // 'packet' fires before minecraft-protocol's own channel parser rewrites packet.data in place
    client.on('packet', (p, meta) => { if (meta.name === 'custom_payload') this.onPayload(client, { channel: p.channel, data: Buffer.from(p.data) }) })
    const cmd = (type) => (p) => this.log({ kind: 'command', type, player: user, phase: client.state, command: p.command })
    client.on('chat_command', cmd('chat_command'))
    client.on('chat_command_signed', cmd('chat_command_signed'))
    client.on('chat_message', (p) => this.log({ kind: 'chat', type: 'chat_message', player: user, phase: client.state, message: p.message }))
    client.on('chat', (p) => this.log({ kind: 'chat', type: 'chat', player: user, phase: client.state, message: p.message }))
  }

  onJoin (client) {
    const d = this.mcData
    const lp = d.loginPacket
    const packet = {
      ...lp,
      entityId: client.id,
      isHardcore: false,
      gameMode: 0,
      maxPlayers: 20,
      viewDistance: 10,
      simulationDistance: 10,
      reducedDebugInfo: false,
      enableRespawnScreen: true,
      isDebug: false,
      isFlat: true,
      enforceSecureChat: false,
      enforcesSecureChat: false
    }
    client.write('login', packet)
    this.log({ kind: 'join', player: client.username })
  }

  onPayload (client, p) {
    const phase = client.state // 'configuration' or 'play'
    const data = Buffer.from(p.data || [])
    this.log({ kind: 'payload', player: client.username, phase, channel: p.channel, hex: data.toString('hex'), length: data.length })
    if (!p.channel.startsWith('ledger:')) return
    if (phase !== 'play' && this.ignoreConfigPayloads) return
    if (!this.ledgerVersion) return
    try {
      this.handleLedger(client, p.channel, data)
    } catch (e) {
      this.log({ kind: 'ledger-decode-error', player: client.username, channel: p.channel, message: e.message })
    }
  }

  handleLedger (client, channel, data) {
    if (channel === 'ledger:handshake') {
      const { nbt } = decodeHandshakeNbt(data, { named: this.namedNbt })
      if (!nbt) return this.sendSystemChat(client, 'text.ledger.network.no_mod_info')
      const proto = nbt.protocol_version | 0
      if (proto === this.protocol) {
        this.log({ kind: 'handshake-accepted', player: client.username, protocol: proto, modid: nbt.modid, version: nbt.version })
        this.send(client, 'ledger:handshake', s2c.handshake(this.protocol, this.ledgerVersion, this.actionTypes))
      } else {
        this.log({ kind: 'handshake-mismatch', player: client.username, protocol: proto, expected: this.protocol })
        this.sendSystemChat(client, `Ledger protocols mismatched: server ${this.protocol}, client ${proto}`)
      }
      return
    }
    if (!this.answerRequests) return
    if (channel === 'ledger:search' || channel === 'ledger:inspect') {
      // Ledger 1.3.2-1.3.4 would run a search as a rollback; the fake does not model that window.
      this.send(client, 'ledger:response', s2c.response(channel, 1))
      this.send(client, 'ledger:action', s2c.action(this.sampleAction()))
      this.send(client, 'ledger:response', s2c.response(channel, 2))
    }
  }

  sampleAction (over = {}) {
    return {
      x: 10, y: 64, z: -5, type: 'block-break', world: this.dimensions[0], oldObject: 'minecraft:stone', newObject: 'minecraft:air',
      source: 'Steve', epochSecond: Math.floor(Date.now() / 1000) - 60, rolledBack: false, extraData: '', ...over
    }
  }

  player (name) {
    const c = this.players.get(name)
    if (!c) throw new Error(`${this.name}: player ${name} not connected`)
    return c
  }

  send (client, channel, data) {
    client.write('custom_payload', { channel, data })
    this.log({ kind: 'sent', player: client.username, phase: client.state, channel, hex: data.toString('hex') })
  }

  sendRaw (playerName, channel, data) { this.send(this.player(playerName), channel, Buffer.from(data)) }

  // malformed: undefined | 'truncated' | 'trailing'
  sendAction (playerName, action = {}, malformed) {
    let buf = s2c.action(this.sampleAction(action))
    if (malformed === 'truncated') buf = buf.subarray(0, buf.length - 5)
    if (malformed === 'trailing') buf = Buffer.concat([buf, Buffer.from([0x2a])])
    this.sendRaw(playerName, 'ledger:action', buf)
    return buf
  }

  sendResponse (playerName, type, code, malformed) {
    let buf = s2c.response(type, code)
    if (malformed === 'trailing') buf = Buffer.concat([buf, Buffer.from([0x2a])])
    if (malformed === 'truncated') buf = buf.subarray(0, buf.length - 2)
    this.sendRaw(playerName, 'ledger:response', buf)
    return buf
  }

  sendSystemChat (client, text) {
    const d = this.mcData
    let content
    if (d.supportFeature('chatPacketsUseNbtComponents')) {
      const nbt = require('prismarine-nbt')
      content = nbt.comp({ text: nbt.string(text) })
    } else content = JSON.stringify({ text })
    try { client.write('system_chat', { content, isActionBar: false }) } catch (e) {}
  }

  // ---- queries over the log ----
  payloads (filter = {}) {
    return this.events.filter(e => e.kind === 'payload' && (!filter.channel || e.channel === filter.channel) &&
      (!filter.prefix || e.channel.startsWith(filter.prefix)) && (!filter.player || e.player === filter.player) &&
      (!filter.phase || e.phase === filter.phase) && (!filter.since || e.t >= filter.since))
  }

  commands (filter = {}) {
    return this.events.filter(e => (e.kind === 'command' || e.kind === 'chat') && (!filter.player || e.player === filter.player) && (!filter.since || e.t >= filter.since))
  }
}

module.exports = { FakeBackend, ledgerProtocol, mcAtLeast, Writer, c2s }

// Stand-alone use: node lib/fake-backend.js --name survival --port 25566 --version 1.20.4 --ledger 1.3.23
if (require.main === module) {
  const args = process.argv.slice(2); const o = {}
  for (let i = 0; i < args.length; i += 2) o[args[i].replace(/^--/, '')] = args[i + 1]
  const b = new FakeBackend({ name: o.name || 'survival', port: Number(o.port || 25566), version: o.version || '1.20.4', ledgerVersion: o.ledger === 'none' ? null : (o.ledger || '1.3.23'), dimensions: o.dimensions ? o.dimensions.split(',') : undefined })
  b.emitter = (ev) => console.log(JSON.stringify(ev))
  b.start().then(() => console.log(`${b.name} listening on 127.0.0.1:${b.port} (MC ${b.version}, Ledger ${b.ledgerVersion})`))
}
