'use strict'
const J = (x) => JSON.stringify(x, (k, v) => typeof v === 'bigint' ? v.toString() : v)
// Step 1: the fake backend and the client talking directly (no proxy). Checks the test tools
// themselves: login/configuration/play, Ledger handshake rules, payload logging, S2C sends.
//   node selftest.js [--versions 1.20.4,1.21.3]
const { FakeBackend } = require('./lib/fake-backend')
const { TestClient, sleep } = require('./lib/client')
const { decode } = require('./lib/wire')

async function run (version, port) {
  const results = []
  const check = (name, ok, why) => { results.push(ok); console.log(ok ? `PASS ${name}` : `FAIL ${name}: ${why}`) }
  const b = new FakeBackend({ name: 'survival', port, version, ledgerVersion: '1.3.23' })
  await b.start()
  const c = new TestClient({ username: 'Staff', port, version, protocol: 3 })
  try {
    await c.connect()
    check(`${version} login+play`, true)
    let m = c.mark()
    c.sendHandshake()
    const hs = await c.waitFor(() => c.received('ledger:handshake', m)[0], 3000, 'S2C handshake').catch(e => null)
    const hsd = hs && decode.handshakeS2C(Buffer.from(hs.hex, 'hex'))
    check(`${version} handshake p3 answered`, hsd && hsd.protocol === 3 && hsd.version === '1.3.23', J(hsd))
    const logged = b.payloads({ channel: 'ledger:handshake' })
    check(`${version} backend logs handshake in play`, logged.length === 1 && logged[0].phase === 'play' && logged[0].hex.startsWith('0a03001070726f746f636f6c5f76657273696f6e00000003'), J(logged))
    m = c.mark()
    c.protocol = 2; c.sendHandshake()
    await sleep(300)
    check(`${version} handshake p2 ignored by 1.3.23`, c.received('ledger:handshake', m).length === 0 && b.events.some(e => e.kind === 'handshake-mismatch'), 'answered')
    m = c.mark()
    c.search('action:block-break', 1)
    await c.waitResponse('ledger:search', [2], m, 3000)
    check(`${version} search answered`, c.actions(m).length === 1 && c.actions(m)[0].world === 'minecraft:overworld', J(c.actions(m)))
    m = c.mark()
    b.sendAction('Staff', {}, 'trailing')
    await c.waitFor(() => c.received('ledger:action', m).length, 2000, 'action')
    check(`${version} malformed action delivered directly (no proxy)`, c.actions(m)[0].malformed, 'decoded')
    const since = Date.now()
    c.command('lg rollback source:Steve after:1d')
    await c.waitFor(() => b.commands({ since }).length, 3000, 'command')
    check(`${version} backend logs chat command`, b.commands({ since })[0].command === 'lg rollback source:Steve after:1d', J(b.commands({ since })))
  } catch (e) {
    check(`${version} selftest`, false, e.message)
  } finally {
    c.end(); b.stop()
  }
  return results
}

(async () => {
  const i = process.argv.indexOf('--versions')
  const versions = (i > 0 ? process.argv[i + 1] : '1.20.4,1.21.3').split(',')
  let pass = 0; let fail = 0; let port = 30100
  for (const v of versions) { for (const ok of await run(v, port++)) ok ? pass++ : fail++ }
  console.log(`${pass} passed, ${fail} failed`)
  process.exit(fail ? 1 : 0)
})()
