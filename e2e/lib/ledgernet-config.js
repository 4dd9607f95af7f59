'use strict'
// Adapts the config.yml that `ledgernet-cli demo` writes to the test network: survival (fake Ledger
// 1.3.23, version learnt with "auto"), creative (fake Ledger 1.3.1, declared), lobby (no database in
// LedgerNet; its fake runs Ledger 1.2.10). Limits are raised so the scenarios do not hit the rate
// limit by accident, and max-payload-bytes is lowered to 4096 so "oversized" can be tested below
// the proxies' own 32767-byte limit (which disconnects the player).

// The demo's config.yml is only used for the sample databases it generated; the test config is written
// whole here, every other key at its default.
function testConfig () {
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
`
}

// A config.yml LedgerNet must refuse (an unparseable number), for the reload scenarios.
function brokenConfig (good) {
  if (!/^limits:\n/m.test(good)) throw new Error('config.yml: no limits: section')
  return good.replace(/^limits:\n/m, 'limits:\n  max-pages: many\n')
}

module.exports = { testConfig, brokenConfig }
