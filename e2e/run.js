#!/usr/bin/env node
'use strict'
// LedgerNet end-to-end runner: real proxy jars (given by path), LedgerNet's plugin jars, three fake
// Ledger backends and a headless client, all inside one network namespace with only loopback.
//
//   node run.js --velocity PATH/velocity.jar --bungee PATH/BungeeCord.jar [--versions 1.20.4,1.21.3]
//   npm test -- --bungee PATH
//
// See README.md for every option.

const fs = require('fs')
const path = require('path')
const { spawnSync } = require('child_process')

const HERE = __dirname
const ROOT = path.resolve(HERE, '..')

function usage (msg) {
  if (msg) console.error('error: ' + msg)
  console.error(`usage: node run.js [--velocity JAR] [--bungee JAR] [options]
  --velocity JAR          Velocity proxy jar (3.4.x)
  --bungee JAR            BungeeCord/Waterfall proxy jar
  --bungee-modules DIR    BungeeCord modules (cmd_server.jar ...) to install; default: a "modules"
                          folder next to the BungeeCord jar (the proxy cannot download them here)
  --velocity-plugin JAR   LedgerNet for Velocity (default ../velocity/target/LedgerNet-Velocity-*.jar)
  --bungee-plugin JAR     LedgerNet for BungeeCord (default ../bungee/target/LedgerNet-Bungee-*.jar)
  --cli JAR               LedgerNet CLI, for the sample databases (default ../cli/target/ledgernet-cli.jar)
  --perms-plugin JAR      the Velocity permission plugin (default velocity-permissions/target/...; built if missing)
  --versions LIST         Minecraft versions, comma-separated (default 1.20.4,1.21.3)
  --only REGEX            run only the scenarios whose name matches
  --scratch DIR           working folder (default /tmp/ledgernet-e2e-<time>)
  --no-netns              do not enter a private network namespace (not recommended)`)
  process.exit(2)
}

function parseArgs (argv) {
  const o = { versions: '1.20.4,1.21.3' }
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]
    const val = () => { if (i + 1 >= argv.length) usage(a + ' needs a value'); return argv[++i] }
    switch (a) {
      case '--velocity': o.velocity = path.resolve(val()); break
      case '--bungee': o.bungee = path.resolve(val()); break
      case '--bungee-modules': o.bungeeModules = path.resolve(val()); break
      case '--velocity-plugin': o.velocityPlugin = path.resolve(val()); break
      case '--bungee-plugin': o.bungeePlugin = path.resolve(val()); break
      case '--cli': o.cli = path.resolve(val()); break
      case '--perms-plugin': o.permsPlugin = path.resolve(val()); break
      case '--versions': o.versions = val(); break
      case '--only': o.only = val(); break
      case '--scratch': o.scratch = path.resolve(val()); break
      case '--no-netns': o.noNetns = true; break
      case '--inside': o.inside = true; break
      case '-h': case '--help': usage()
      // falls through
      default: usage('unknown argument ' + a)
    }
  }
  if (!o.velocity && !o.bungee) usage('give --velocity PATH and/or --bungee PATH')
  return o
}

function glob1 (dir, re) {
  if (!fs.existsSync(dir)) return null
  const f = fs.readdirSync(dir).filter(n => re.test(n) && !n.startsWith('original-')).sort()
  return f.length ? path.join(dir, f[f.length - 1]) : null
}

function must (file, what) {
  if (!file || !fs.existsSync(file)) { console.error(`error: ${what} not found: ${file || '(none)'}`); process.exit(2) }
  return file
}

function sh (cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', ...opts })
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status}): ${(r.stderr || '') + (r.stdout || '')}`.slice(0, 2000))
  return r.stdout
}

// Builds the Velocity permission plugin with Maven when its jar is missing (needs LedgerNet's API
// mirror in the local Maven repository; installs it from ../velocity/api-mirror if it is not).
function ensurePermsPlugin (o) {
  const jar = o.permsPlugin || path.join(HERE, 'velocity-permissions', 'target', 'e2e-velocity-permissions.jar')
  if (fs.existsSync(jar)) return jar
  const pom = path.join(HERE, 'velocity-permissions', 'pom.xml')
  console.log('Building the Velocity permission plugin (mvn -f ' + pom + ' package)...')
  try {
    sh('mvn', ['-B', '-q', '-T1', '-f', pom, 'package'])
  } catch (e) {
    console.log('  needs LedgerNet\'s Velocity API mirror; installing it (mvn install of the parent POM and velocity/api-mirror)...')
    sh('mvn', ['-B', '-q', '-N', '-f', path.join(ROOT, 'pom.xml'), 'install'])
    sh('mvn', ['-B', '-q', '-f', path.join(ROOT, 'velocity', 'api-mirror', 'pom.xml'), 'install'])
    sh('mvn', ['-B', '-q', '-T1', '-f', pom, 'package'])
  }
  return must(jar, 'Velocity permission plugin')
}

// ---------- outside: check inputs, then re-exec in a private network namespace ----------
function outside (o, argv) {
  o.velocityPlugin = o.velocity ? must(o.velocityPlugin || glob1(path.join(ROOT, 'velocity', 'target'), /^LedgerNet-Velocity-.*\.jar$/), 'LedgerNet Velocity jar (build with mvn package, or --velocity-plugin)') : undefined
  o.bungeePlugin = o.bungee ? must(o.bungeePlugin || glob1(path.join(ROOT, 'bungee', 'target'), /^LedgerNet-Bungee-.*\.jar$/), 'LedgerNet Bungee jar (build with mvn package, or --bungee-plugin)') : undefined
  o.cli = must(o.cli || path.join(ROOT, 'cli', 'target', 'ledgernet-cli.jar'), 'LedgerNet CLI jar (--cli)')
  if (o.velocity) { must(o.velocity, 'Velocity jar'); o.permsPlugin = ensurePermsPlugin(o) }
  if (o.bungee) {
    must(o.bungee, 'BungeeCord jar')
    if (!o.bungeeModules) { const d = path.join(path.dirname(o.bungee), 'modules'); const d2 = path.join(path.dirname(o.bungee), 'bungeecord-modules'); o.bungeeModules = fs.existsSync(d) ? d : (fs.existsSync(d2) ? d2 : undefined) }
  }
  o.scratch = o.scratch || path.join(require('os').tmpdir(), 'ledgernet-e2e-' + new Date().toISOString().replace(/[:.]/g, '-'))
  fs.mkdirSync(o.scratch, { recursive: true })
  const args = [__filename, '--inside', '--scratch', o.scratch, '--versions', o.versions, '--cli', o.cli]
  if (o.velocity) args.push('--velocity', o.velocity, '--velocity-plugin', o.velocityPlugin, '--perms-plugin', o.permsPlugin)
  if (o.bungee) args.push('--bungee', o.bungee, '--bungee-plugin', o.bungeePlugin)
  if (o.bungeeModules) args.push('--bungee-modules', o.bungeeModules)
  if (o.only) args.push('--only', o.only)
  if (o.noNetns) args.push('--no-netns')
  const quote = (s) => `'${String(s).replace(/'/g, "'\\''")}'`
  const inner = `ip link set lo up && exec ${quote(process.execPath)} ${args.map(quote).join(' ')}`
  let r
  if (o.noNetns) {
    r = spawnSync(process.execPath, args, { stdio: 'inherit' })
  } else {
    const unshareArgs = process.getuid && process.getuid() === 0 ? ['-n'] : ['-r', '-n']
    r = spawnSync('unshare', [...unshareArgs, 'sh', '-c', inner], { stdio: 'inherit' })
  }
  if (r.error) { console.error('error: ' + r.error.message); process.exit(2) }
  process.exit(r.status ?? 1)
}

// ---------- inside the namespace ----------
async function inside (o) {
  const { FakeBackend } = require('./lib/fake-backend')
  const { TestClient, sleep } = require('./lib/client')
  const { Proxy, PROXY_PORT, BACKENDS, killAll } = require('./lib/proxy')
  const { testConfig, brokenConfig, freePort } = require('./lib/ledgernet-config')
  const { scenarios } = require('./lib/scenarios')

  const ifaces = Object.keys(require('os').networkInterfaces())
  if (!o.noNetns && ifaces.some(n => n !== 'lo')) { console.error('error: not in a loopback-only network namespace: ' + ifaces); process.exit(2) }

  // Sample Ledger databases from LedgerNet's CLI (deterministic per backend name).
  const demo = path.join(o.scratch, 'demo')
  console.log(`Scratch folder: ${o.scratch}`)
  sh('java', ['-jar', o.cli, 'demo', '--dir', demo], { timeout: 300000 })
  const webPort = await freePort()
  const good = testConfig(webPort)
  const broken = brokenConfig(good)
  const sampleJson = JSON.parse(sh('java', ['-jar', o.cli, 'search', 'backend:!creative backend:!lobby action:block-break', '--json', '--dir', demo], { timeout: 120000 }))
  const a0 = sampleJson.actions.find(a => a.playerUuid && a.world.endsWith(':overworld'))
  const sample = { pos: { x: a0.x, y: a0.y, z: a0.z }, uuid: a0.playerUuid, name: a0.source }

  const proxies = []
  if (o.velocity) proxies.push({ kind: 'velocity', jar: o.velocity, plugin: o.velocityPlugin })
  if (o.bungee) proxies.push({ kind: 'bungee', jar: o.bungee, plugin: o.bungeePlugin })
  const only = o.only ? new RegExp(o.only) : null
  const summary = []
  let anyFail = false

  for (const px of proxies) {
    for (const version of o.versions.split(',').map(s => s.trim()).filter(Boolean)) {
      const label = `${px.kind} × ${version}`
      const dir = path.join(o.scratch, `${px.kind}-${version}`)
      fs.mkdirSync(dir, { recursive: true })
      console.log(`\n=== ${label} (logs in ${dir}) ===`)
      let pass = 0; let fail = 0; const results = []
      const check = (name, ok, why) => {
        results.push({ name, ok, why }); ok ? pass++ : fail++
        console.log(ok ? `PASS ${name}` : `FAIL ${name}: ${why}`)
      }
      const backends = {
        survival: new FakeBackend({ name: 'survival', port: BACKENDS.survival, version, ledgerVersion: '1.3.23', logFile: path.join(dir, 'backend-survival.jsonl') }),
        creative: new FakeBackend({ name: 'creative', port: BACKENDS.creative, version, ledgerVersion: '1.3.1', logFile: path.join(dir, 'backend-creative.jsonl') }),
        lobby: new FakeBackend({ name: 'lobby', port: BACKENDS.lobby, version, ledgerVersion: '1.2.10', logFile: path.join(dir, 'backend-lobby.jsonl') })
      }
      const clients = []
      let proxy = new Proxy({ kind: px.kind, jar: px.jar, dir, pluginJar: px.plugin, permsJar: o.permsPlugin, modulesDir: o.bungeeModules })
      const ctx = {
        kind: px.kind,
        version,
        backends,
        sample,
        goodConfig: good,
        brokenConfig: broken,
        webPort,
        get proxy () { return proxy },
        async connect (name, opts = {}) {
          // One connection per name at a time: wait for an earlier one to be gone everywhere.
          for (const c of clients.filter(c => c.username === name && !c.ended)) c.end()
          await waitGone(name)
          const since = Date.now()
          const c = new TestClient({ username: name, port: PROXY_PORT, version, ...opts })
          clients.push(c)
          await c.connect(20000)
          await c.waitFor(() => Object.values(backends).some(b => b.events.some(e => e.kind === 'join' && e.player === name && e.t >= since)), 10000, 'backend join')
          await sleep(300)
          return c
        },
        async restartProxy (config) {
          for (const c of clients) c.end()
          await proxy.stop()
          proxy = new Proxy({ kind: px.kind, jar: px.jar, dir, pluginJar: px.plugin, permsJar: o.permsPlugin, modulesDir: o.bungeeModules })
          proxy.writeConfig(config)
          await proxy.start()
        }
      }
      async function waitGone (name) {
        const end = Date.now() + 8000
        while (Date.now() < end && Object.values(backends).some(b => b.players.has(name))) await sleep(50)
        await sleep(200)
      }
      try {
        for (const b of Object.values(backends)) await b.start()
        proxy.prepare(good, path.join(demo, 'sample-network'))
        await proxy.start()
        for (const sc of scenarios) {
          if (only && !only.test(sc.name)) continue
          const t = { check, note: (s) => console.log('  note: ' + s) }
          const before = results.length
          const timer = new Promise((resolve, reject) => setTimeout(() => reject(new Error('scenario timed out after 90 s')), 90000))
          try {
            await Promise.race([sc.run(ctx, t), timer])
          } catch (e) {
            check(sc.name, false, 'error: ' + (e && e.message))
          }
          if (results.length === before) check(sc.name, false, 'reported nothing')
          for (const c of clients) c.end()
          await sleep(300)
        }
      } catch (e) {
        check('setup', false, e && e.message)
      } finally {
        for (const c of clients) c.end()
        await proxy.stop().catch(() => {})
        for (const b of Object.values(backends)) b.stop()
        await sleep(500)
      }
      console.log(`${pass} passed, ${fail} failed`)
      summary.push({ label, pass, fail, results })
      if (fail) anyFail = true
    }
  }
  killAll()
  fs.writeFileSync(path.join(o.scratch, 'results.json'), JSON.stringify(summary, null, 2))
  console.log('\n=== Summary ===')
  for (const s of summary) console.log(`${s.label}: ${s.pass} passed, ${s.fail} failed`)
  process.exit(anyFail ? 1 : 0)
}

const argv = process.argv.slice(2)
const o = parseArgs(argv)
if (o.inside) {
  inside(o).catch(e => { console.error(e); process.exit(1) })
} else {
  outside(o, argv)
}
