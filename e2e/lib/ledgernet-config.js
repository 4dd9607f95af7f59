'use strict'
// Adapts the config.yml that `ledgernet-cli demo` writes to the test network: survival (fake Ledger
// 1.3.23, version learnt with "auto"), creative (fake Ledger 1.3.1, declared), lobby (no database in
// LedgerNet; its fake runs Ledger 1.2.10). Limits are raised so the scenarios do not hit the rate
// limit by accident, and max-payload-bytes is lowered to 4096 so "oversized" can be tested below
// the proxies' own 32767-byte limit (which disconnects the player).

function replaceSection (text, key, nextKey, body) {
  const start = text.search(new RegExp(`^${key}:`, 'm'))
  const end = text.search(new RegExp(`^# [^\\n]*\\n(#[^\\n]*\\n)*${nextKey}:|^${nextKey}:`, 'm'))
  if (start < 0 || end < 0 || end < start) throw new Error(`config.yml: cannot find section ${key} before ${nextKey}`)
  return text.slice(0, start) + body + '\n' + text.slice(end)
}

function setKey (text, re, replacement) {
  if (!re.test(text)) throw new Error('config.yml: no match for ' + re)
  return text.replace(re, replacement)
}

function testConfig (demoConfig) {
  let t = demoConfig
  t = replaceSection(t, 'backends', 'dimensions', `backends:
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
`)
  t = setKey(t, /^(\s+)per-second: [0-9.]+/m, '$1per-second: 200.0')
  t = setKey(t, /^(\s+)burst: \d+/m, '$1burst: 400')
  t = setKey(t, /^(\s+)max-in-flight-per-player: \d+/m, '$1max-in-flight-per-player: 4')
  t = setKey(t, /^(\s+)max-payload-bytes: \d+/m, '$1max-payload-bytes: 4096')
  return t
}

// A config.yml LedgerNet must refuse (an unparseable number), for the reload scenarios.
function brokenConfig (good) {
  return setKey(good, /^(\s+)max-pages: \d+/m, '$1max-pages: many')
}

module.exports = { testConfig, brokenConfig }
