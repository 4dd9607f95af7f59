'use strict'
// Adapts the config.yml that `ledgernet-cli demo` writes to the test network: survival (fake Ledger
// 1.3.23, version learnt with "auto"), creative (fake Ledger 1.3.1, declared), lobby (no database in
// LedgerNet; its fake runs Ledger 1.2.10). Limits are raised so the scenarios do not hit the rate
// limit by accident, and max-payload-bytes is lowered to 4096 so "oversized" can be tested below
// the proxies' own 32767-byte limit (which disconnects the player). The web console is on, on 127.0.0.1
// and a port found free in the test's network namespace.

// The demo's config.yml is only used for the sample databases it generated; the test config is written
// whole here, every other key at its default.
function testConfig (webPort) {
  if (!Number.isInteger(webPort) || webPort < 1 || webPort > 65535) throw new Error('testConfig: web port ' + webPort)
  return `config-version: 1
backends:
  survival:
    jdbc-url: "jdbc:sqlite:sample-network/survival.sqlite"
    time-zone: UTC
    ledger-version: auto
    legacy-nbt: false
    rollback-as-command: true
  creative:
    jdbc-url: "jdbc:sqlite:sample-network/creative.sqlite"
    time-zone: UTC
    ledger-version: "1.3.1"
    legacy-nbt: false
limits:
  rate-limit:
    per-second: 200.0
    burst: 400
  max-in-flight-per-player: 4
  max-payload-bytes: 4096
web:
  enabled: true
  bind: 127.0.0.1
  port: ${webPort}
`
}

// A TCP port nothing listens on now, on 127.0.0.1 (asked of the kernel: bind to 0, read it, close).
function freePort () {
  return new Promise((resolve, reject) => {
    const server = require('net').createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address()
      server.close(() => resolve(port))
    })
  })
}

// A config.yml LedgerNet must refuse (an unparseable number), for the reload scenarios.
function brokenConfig (good) {
  if (!/^limits:\n/m.test(good)) throw new Error('config.yml: no limits: section')
  return good.replace(/^limits:\n/m, 'limits:\n  max-pages: many\n')
}

module.exports = { testConfig, brokenConfig, freePort }
