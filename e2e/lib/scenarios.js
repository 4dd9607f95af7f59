'use strict'
// The end-to-end scenarios. Each scenario reports one or more named results through t.check().
// ctx: { kind: 'velocity'|'bungee', version, proxy, backends: {survival, creative, lobby}, sample,
//        goodConfig, brokenConfig, webPort, connect(name, opts) }

const { sleep, clickEvents } = require('./client')
const { c2s, decode, decodeHandshakeNbt } = require('./wire')

const http = require('http')

const J = (x) => JSON.stringify(x, (k, v) => typeof v === 'bigint' ? v.toString() : v)
const LEDGER_REQUESTS = ['ledger:search', 'ledger:inspect', 'ledger:rollback', 'ledger:purge', 'ledger:player']
const DESTRUCTIVE = ['ledger:rollback', 'ledger:purge']

function ledgerPayloads (backend, player, since, channels) {
  return backend.payloads({ player, since }).filter(e => e.channel.startsWith('ledger:') && (!channels || channels.includes(e.channel)))
}
const brief = (evs) => evs.map(e => `${e.backend}/${e.phase}/${e.channel}:${e.hex.slice(0, 40)}`).join(', ')
const words = (s) => s.trim().split(/\s+/).filter(Boolean).sort().join(' ')

// One GET as a browser sends it, redirects not followed: { status, headers, body }.
function httpGet (url, cookie) {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers: cookie ? { Cookie: cookie } : {}, timeout: 15000 }, (res) => {
      let body = ''
      res.setEncoding('utf8')
      res.on('data', (d) => { body += d })
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body }))
    })
    req.on('timeout', () => req.destroy(new Error('timed out: GET ' + url)))
    req.on('error', reject)
  })
}

async function handshakeDone (ctx, c, backend) {
  // Waits until the proxy answered the client and the backend got its replay (if it ever does).
  await c.waitFor(() => c.received('ledger:handshake').length > 0, 5000, 'S2C handshake from the proxy').catch(() => {})
  await sleep(600)
}

const scenarios = [
  {
    name: 'plugin-enabled',
    async run (ctx, t) {
      const log = ctx.proxy.out
      const disabled = /disabled until config\.yml is fixed|LedgerNet is disabled/i.test(log)
      t.check('plugin-enabled', /LedgerNet/.test(log) && !disabled, disabled ? 'log says LedgerNet is disabled' : 'no LedgerNet line in the proxy log')
      // Waits for the status header: the startup probe logs "Backend survival ..." lines too, and may log them just now.
      const out = await ctx.proxy.console('lgn status', { waitFor: /Backends[\s\S]*(survival[\s\S]*creative|creative[\s\S]*survival)/, timeoutMs: 15000, quietMs: 1500 })
      const ok = /survival/.test(out) && /creative/.test(out) && /\bok\b/.test(out)
      t.check('lgn-status-console', ok, 'console answered: ' + out.replace(/\s+/g, ' ').slice(0, 300))
    }
  },
  {
    name: 'guest-refused',
    async run (ctx, t) {
      const g = await ctx.connect('Guest', { protocol: 2 })
      const since = Date.now(); const m = g.mark()
      const { x, y, z } = ctx.sample.pos
      g.sendHandshake()
      g.search('action:block-break', 1)
      g.inspect(x, y, z, 1)
      g.rollback('source:Steve after:1d')
      g.purge('source:Steve before:30d')
      g.player([ctx.sample.uuid])
      await sleep(2000)
      const rs = g.responses(m)
      const want = ['ledger:search', 'ledger:inspect', 'ledger:rollback', 'ledger:purge']
      const missing = want.filter(type => !rs.some(r => r.type === type && r.code === 0))
      const leaked = Object.values(ctx.backends).flatMap(b => ledgerPayloads(b, 'Guest', since))
      const other = rs.filter(r => r.code !== 0)
      t.check('guest-refused-code-0', missing.length === 0 && other.length === 0, `missing code 0 for ${missing.join(', ') || '-'}; other responses ${J(other)}`)
      t.check('guest-unseen-by-backend', leaked.length === 0, 'backend received ' + brief(leaked))
      t.check('guest-no-handshake-or-player-answer', g.received('ledger:handshake', m).length === 0 && g.received('ledger:player', m).length === 0, 'Guest got an S2C handshake or player answer')
      g.end()
    }
  },
  {
    name: 'handshake',
    async run (ctx, t) {
      const s = await ctx.connect('Staff', { protocol: 2 })
      const since = Date.now(); const m = s.mark()
      s.sendHandshake()
      await s.waitFor(() => s.received('ledger:handshake', m).length > 0, 5000, 'S2C handshake').catch(() => {})
      await sleep(1200)
      const got = s.received('ledger:handshake', m)
      let hs = null; try { hs = got[0] && decode.handshakeS2C(Buffer.from(got[0].hex, 'hex')) } catch (e) { hs = { error: e.message } }
      t.check('handshake-answered-by-proxy', got.length === 1 && hs && hs.protocol === 2 && hs.actions?.length > 0,
        `client got ${got.length} S2C handshake(s): ${J(hs)}`)
      const at = ctx.backends.survival.payloads({ channel: 'ledger:handshake', player: 'Staff', since })
      const nbts = at.map(e => { try { return decodeHandshakeNbt(Buffer.from(e.hex, 'hex')).nbt } catch (err) { return { error: err.message } } })
      t.check('handshake-replayed-with-backend-protocol', at.length === 1 && at[0].phase === 'play' && nbts[0]?.protocol_version === 3,
        `survival (Ledger 1.3.23, protocol 3) received ${at.length}: ${at.map((e, i) => e.phase + ' ' + J(nbts[i])).join('; ')}`)
      s.end()
    }
  },
  {
    name: 'network-search',
    async run (ctx, t) {
      const s = await ctx.connect('Staff', { protocol: 2, watson: 'watson-old' })
      await handshakeDone(ctx, s, 'survival')
      const since = Date.now(); const m = s.mark()
      s.search('action:block-break backend:*', 1)
      await s.waitResponse('ledger:search', [2, 3, 4, 0], m, 15000).catch(() => {})
      const rs = s.responses(m).filter(r => r.type === 'ledger:search').map(r => r.code)
      const acts = s.actions(m)
      const worlds = [...new Set(acts.map(a => a.world))]
      const leaked = ['survival', 'creative'].flatMap(n => ledgerPayloads(ctx.backends[n], 'Staff', since, ['ledger:search']))
      const ok = J(rs) === '[1,2]' && acts.length > 0 && worlds.some(w => w.startsWith('creative:')) && worlds.some(w => w.startsWith('minecraft:')) &&
        !worlds.some(w => w.startsWith('survival:')) && !acts.some(a => a.malformed) && leaked.length === 0
      t.check('network-search-namespaced', ok, `responses ${J(rs)}, ${acts.length} actions, worlds ${J(worlds)}, forwarded: ${brief(leaked) || 'none'}`)
      s.end()
    }
  },
  {
    name: 'own-search',
    async run (ctx, t) {
      const s = await ctx.connect('Staff', { protocol: 2, watson: 'watson-old' })
      await handshakeDone(ctx, s, 'survival')
      const since = Date.now(); const m = s.mark()
      s.search('world:survival:overworld action:block-break', 1)
      await s.waitResponse('ledger:search', [2, 3, 4, 0], m, 15000).catch(() => {})
      const rs = s.responses(m).filter(r => r.type === 'ledger:search').map(r => r.code)
      const acts = s.actions(m)
      const fwd = ledgerPayloads(ctx.backends.survival, 'Staff', since, ['ledger:search']).map(e => { try { return decode.search(Buffer.from(e.hex, 'hex')) } catch (err) { return { error: err.message } } })
      const nativeOnly = acts.length > 0 && acts.every(a => !a.malformed && a.world === 'minecraft:overworld')
      let ok = J(rs) === '[1,2]' && nativeOnly
      let how = 'answered by the proxy'
      if (fwd.length) {
        how = 'forwarded as ' + J(fwd)
        ok = ok && fwd.length === 1 && /world:minecraft:overworld/.test(fwd[0].input) && !/survival:|backend:/.test(fwd[0].input) && fwd[0].pages <= 5
      }
      t.check('own-search-local-ids', ok, `responses ${J(rs)}, ${acts.length} actions in ${J([...new Set(acts.map(a => a.world))])}; ${how}`)
      if (ok) t.note(`own-search: ${how}`)
      s.end()
    }
  },
  {
    name: 'destructive-1.3.23',
    async run (ctx, t) {
      const s = await ctx.connect('Staff', { protocol: 2, watson: 'watson-old' })
      await handshakeDone(ctx, s, 'survival')
      const cases = [
        // Specific as Ledger's own /lg rollback requires since 1.3.5: a range: and a source or time.
        { test: 'rollback-1.3.23', send: () => s.rollback('source:Steve after:1d range:10', false), type: 'ledger:rollback', cmd: 'lg rollback source:Steve after:1d range:10' },
        { test: 'restore-1.3.23', send: () => s.rollback('source:Steve after:1d range:10', true), type: 'ledger:rollback', cmd: 'lg restore source:Steve after:1d range:10' },
        { test: 'purge-1.3.23', send: () => s.purge('source:Steve before:30d'), type: 'ledger:purge', cmd: 'lg purge source:Steve before:30d' }
      ]
      for (const k of cases) {
        const since = Date.now(); const m = s.mark()
        k.send()
        await sleep(1500)
        const packets = ledgerPayloads(ctx.backends.survival, 'Staff', since, DESTRUCTIVE)
        const cmds = ctx.backends.survival.commands({ player: 'Staff', since })
        const rs = s.responses(m).filter(r => r.type === k.type).map(r => r.code)
        if (ctx.kind === 'velocity') {
          const ran = cmds.filter(c => c.command && words(c.command) === words(k.cmd))
          t.check(k.test, packets.length === 0 && ran.length === 1 && cmds.length === 1,
            `packets ${brief(packets) || 'none'}; commands ${J(cmds.map(c => c.command))}; responses ${J(rs)}`)
        } else {
          const clicks = s.chats(m).flatMap(c => clickEvents(c.json))
          const suggest = clicks.find(c => /suggest/i.test(c.action) && c.value && words(c.value.replace(/^\//, '')) === words(k.cmd))
          t.check(k.test, packets.length === 0 && cmds.length === 0 && rs.includes(3) && !!suggest,
            `packets ${brief(packets) || 'none'}; commands ${J(cmds.map(c => c.command))}; responses ${J(rs)}; click events ${J(clicks)}; chat ${J(s.chats(m).map(c => c.text))}`)
        }
      }
      s.end()
    }
  },
  {
    name: 'destructive-1.3.1',
    async run (ctx, t) {
      const s = await ctx.connect('Staff', { protocol: 2, watson: 'watson-old' })
      await handshakeDone(ctx, s, 'survival')
      await s.switchServer('creative')
      await sleep(1500)
      const cr = ctx.backends.creative
      const forwardCases = [
        { test: 'rollback-1.3.1-forwarded', send: () => s.rollback('source:Staff after:1d range:@global', false), channel: 'ledger:rollback', restore: false },
        { test: 'restore-1.3.1-forwarded', send: () => s.rollback('source:Staff after:1d range:@global', true), channel: 'ledger:rollback', restore: true },
        { test: 'purge-1.3.1-forwarded', send: () => s.purge('source:Staff before:30d range:@global'), channel: 'ledger:purge' }
      ]
      for (const k of forwardCases) {
        const since = Date.now(); const m = s.mark()
        k.send()
        await sleep(1500)
        const got = ledgerPayloads(cr, 'Staff', since, DESTRUCTIVE)
        const dec = got.map(e => { try { return e.channel === 'ledger:rollback' ? decode.rollback(Buffer.from(e.hex, 'hex')) : decode.purge(Buffer.from(e.hex, 'hex')) } catch (err) { return { error: err.message } } })
        const ok = got.length === 1 && got[0].channel === k.channel && got[0].phase === 'play' && (k.restore === undefined || dec[0].restore === k.restore) &&
          /source:Staff/.test(dec[0].input || '') && !/backend:/.test(dec[0].input || '')
        t.check(k.test, ok, `creative (Ledger 1.3.1) received ${got.length}: ${J(dec)}; responses ${J(s.responses(m))}`)
      }
      const refuseCases = [
        { test: 'rollback-1.3.1-unspecific-refused', send: () => s.rollback('backend:creative', false), type: 'ledger:rollback' },
        { test: 'rollback-1.3.1-empty-refused', send: () => s.rollback('', false), type: 'ledger:rollback' },
        { test: 'restore-1.3.1-unspecific-refused', send: () => s.rollback('backend:!lobby', true), type: 'ledger:rollback' },
        { test: 'purge-1.3.1-unspecific-refused', send: () => s.purge('backend:creative'), type: 'ledger:purge' },
        { test: 'purge-1.3.1-empty-refused', send: () => s.purge(''), type: 'ledger:purge' }
      ]
      for (const k of refuseCases) {
        const since = Date.now(); const m = s.mark()
        k.send()
        await sleep(1200)
        const got = Object.values(ctx.backends).flatMap(b => ledgerPayloads(b, 'Staff', since, DESTRUCTIVE))
        const cmds = Object.values(ctx.backends).flatMap(b => b.commands({ player: 'Staff', since }))
        const rs = s.responses(m).filter(r => r.type === k.type).map(r => r.code)
        t.check(k.test, got.length === 0 && cmds.length === 0 && rs.includes(3),
          `forwarded ${brief(got) || 'nothing'}; commands ${J(cmds.map(c => c.command))}; responses ${J(rs)}`)
      }
      s.end()
    }
  },
  {
    name: 'malformed-c2s',
    async run (ctx, t) {
      const s = await ctx.connect('Staff', { protocol: 2, watson: 'watson-old' })
      await handshakeDone(ctx, s, 'survival')
      const since = Date.now()
      const trailing = (b) => Buffer.concat([b, Buffer.from([0x2a])])
      s.sendRaw('ledger:search', trailing(c2s.search('action:block-break', 1)))
      s.sendRaw('ledger:inspect', c2s.inspect(1, 2, 3, 1).subarray(0, 7))
      s.sendRaw('ledger:rollback', trailing(c2s.rollback(false, 'source:Steve after:1d')))
      s.sendRaw('ledger:purge', Buffer.from([0x7f, 0x61]))
      s.sendRaw('ledger:handshake', Buffer.from([0x0a, 0x08, 0x00, 0x05, 0x6d]))
      s.sendRaw('ledger:player', Buffer.from([0x7f, 0xff, 0xff, 0xff]))
      s.sendRaw('ledger:search', c2s.search('action:block-break source:' + 'x'.repeat(6000), 1)) // > max-payload-bytes 4096
      s.sendRaw('ledger:action', Buffer.from('0011223344', 'hex')) // S2C-only channel from a client
      s.sendRaw('ledger:response', c2s.search('ledger:search', 2))
      await sleep(2000)
      const leaked = Object.values(ctx.backends).flatMap(b => ledgerPayloads(b, 'Staff', since))
      t.check('malformed-c2s-never-forwarded', leaked.length === 0 && !s.ended, `backend received ${brief(leaked) || 'nothing'}; client ${s.ended ? 'disconnected: ' + s.ended : 'connected'}`)
      s.end()
    }
  },
  {
    name: 'malformed-s2c',
    async run (ctx, t) {
      const s = await ctx.connect('Staff', { protocol: 2, watson: 'watson-old' })
      await handshakeDone(ctx, s, 'survival')
      const b = ctx.backends.survival
      const m = s.mark()
      b.sendAction('Staff', {}, 'truncated')
      b.sendAction('Staff', {}, 'trailing')
      b.sendResponse('Staff', 'ledger:search', 2, 'trailing')
      b.sendResponse('Staff', 'ledger:search', 2, 'truncated')
      b.sendRaw('Staff', 'ledger:action', Buffer.from([0x00]))
      await sleep(300)
      b.sendAction('Staff', { source: 'Sentinel' })
      await s.waitFor(() => s.actions(m).some(a => a.source === 'Sentinel'), 5000, 'the well-formed sentinel action').catch(() => {})
      await sleep(300)
      const acts = s.actions(m); const rs = s.responses(m)
      const bad = [...acts.filter(a => a.malformed), ...rs.filter(r => r.malformed)]
      const sentinel = acts.some(a => a.source === 'Sentinel')
      t.check('malformed-s2c-dropped', bad.length === 0 && sentinel, `client received ${bad.length} malformed: ${J(bad)}; well-formed sentinel ${sentinel ? 'delivered' : 'NOT delivered'}`)
      s.end()
    }
  },
  {
    name: 'switch-replay',
    async run (ctx, t) {
      const since0 = Date.now()
      const s = await ctx.connect('Staff', { protocol: 2, watson: 'watson-old' })
      await handshakeDone(ctx, s, 'survival')
      const first = ctx.backends.survival.payloads({ channel: 'ledger:handshake', player: 'Staff', since: since0 })
      t.check('switch-replay-first-join', first.length === 1 && first[0].phase === 'play', `survival received ${first.length}: ${first.map(e => e.phase).join(',')}`)
      for (const target of ['creative', 'survival']) {
        const since = Date.now()
        await s.switchServer(target)
        await sleep(2000)
        const got = ctx.backends[target].payloads({ channel: 'ledger:handshake', player: 'Staff', since })
        const nbt = got.map(e => { try { return decodeHandshakeNbt(Buffer.from(e.hex, 'hex')).nbt.protocol_version } catch (err) { return err.message } })
        t.check(`switch-replay-to-${target}`, got.length === 1 && got[0].phase === 'play' && nbt[0] === 3,
          `${target} received ${got.length} handshake(s): ${got.map((e, i) => e.phase + '/p' + nbt[i]).join(', ') || 'none'}`)
      }
      const hs = s.received('ledger:handshake')
      t.check('switch-replay-one-s2c-handshake', hs.length === 1, `client received ${hs.length} S2C handshakes over two switches`)
      s.end()
    }
  },
  {
    name: 'switch-replay-watson-new',
    async run (ctx, t) {
      const since0 = Date.now()
      const s = await ctx.connect('Staff', { protocol: 2, watson: 'watson-new' })
      await sleep(1500)
      const suppressed = s.events.filter(e => e.kind === 'suppressed' && e.channel === 'ledger:handshake')
      t.check('watson-new-channels-announced-before-first-handshake', suppressed.length === 0,
        `first handshake not sent: ledger:handshake not announced before the play Login (ledger channels announced by then: ${J(s.events.find(e => e.kind === 'announced-at-login')?.channels)}; minecraft:register payloads, in order with the Login: ${J(s.events.filter(e => (e.kind === 'payload' && e.channel === 'minecraft:register') || e.kind === 'world-load').map(e => e.kind === 'world-load' ? 'LOGIN' : e.phase + ' ' + Buffer.from(e.hex, 'hex').toString().split('\0').filter(c => c.startsWith('ledger:')).length + ' ledger channels'))})`)
      const first = ctx.backends.survival.payloads({ channel: 'ledger:handshake', player: 'Staff', since: since0 })
      t.check('watson-new-first-join', first.length === 1 && first[0].phase === 'play', `survival received ${first.length}`)
      for (const target of ['creative', 'survival']) {
        const since = Date.now()
        await s.switchServer(target)
        await sleep(2000)
        const got = ctx.backends[target].payloads({ channel: 'ledger:handshake', player: 'Staff', since })
        const sup = s.events.filter(e => e.kind === 'suppressed' && e.t >= since)
        t.check(`watson-new-switch-to-${target}-one-handshake`, got.length === 1 && got[0].phase === 'play',
          `${target} received ${got.length} handshake(s): ${got.map(e => e.phase).join(', ') || 'none'}${sup.length ? `; client suppressed ${sup.length} send(s) on unannounced channels` : ''}`)
      }
      s.end()
    }
  },
  {
    name: 'player',
    async run (ctx, t) {
      const s = await ctx.connect('Staff', { protocol: 2, watson: 'watson-old' })
      await handshakeDone(ctx, s, 'survival')
      const since = Date.now(); const m = s.mark()
      s.player([ctx.sample.uuid, '00000000-0000-4000-8000-000000000000'])
      await s.waitFor(() => s.received('ledger:player', m).length > 0, 8000, 'S2C ledger:player').catch(() => {})
      await sleep(500)
      const got = s.received('ledger:player', m).map(e => { try { return decode.player(Buffer.from(e.hex, 'hex')) } catch (err) { return { error: err.message } } })
      const leaked = Object.values(ctx.backends).flatMap(b => ledgerPayloads(b, 'Staff', since, ['ledger:player']))
      const ok = got.length === 1 && got[0].uuid === ctx.sample.uuid && got[0].name === ctx.sample.name && leaked.length === 0
      t.check('player-answered-by-proxy', ok, `client got ${J(got)}; responses ${J(s.responses(m))}; backends saw ${brief(leaked) || 'nothing'}`)
      s.end()
    }
  },
  {
    name: 'inspect',
    async run (ctx, t) {
      const s = await ctx.connect('Staff', { protocol: 2, watson: 'watson-old' })
      await handshakeDone(ctx, s, 'survival')
      const since = Date.now(); const m = s.mark()
      const { x, y, z } = ctx.sample.pos
      s.inspect(x, y, z, 1)
      await s.waitResponse('ledger:inspect', [2, 3, 4, 0], m, 10000).catch(() => {})
      const rs = s.responses(m).filter(r => r.type === 'ledger:inspect').map(r => r.code)
      const acts = s.actions(m)
      const leaked = ledgerPayloads(ctx.backends.survival, 'Staff', since, ['ledger:inspect'])
      const ok = J(rs) === '[1,2]' && acts.length > 0 && acts.every(a => a.x === x && a.y === y && a.z === z && !a.world.startsWith('survival:')) && leaked.length === 0
      t.check('inspect-answered-from-database', ok, `responses ${J(rs)}, actions ${J(acts.map(a => [a.x, a.y, a.z, a.world]))}, forwarded ${brief(leaked) || 'nothing'}`)
      s.end()
    }
  },
  {
    name: 'reload-broken-then-fixed',
    async run (ctx, t) {
      const s = await ctx.connect('Staff', { protocol: 2, watson: 'watson-old' })
      await handshakeDone(ctx, s, 'survival')
      ctx.proxy.writeConfig(ctx.brokenConfig)
      const out = await ctx.proxy.console('lgn reload', { timeoutMs: 15000, quietMs: 1500 })
      t.check('reload-broken-refused', /max-pages/.test(out) && !/Reloaded config\.yml/.test(out), 'console answered: ' + out.replace(/\s+/g, ' ').slice(0, 300))
      const since = Date.now(); const m = s.mark()
      s.rollback('source:Steve after:1d', false)
      s.purge('source:Steve before:30d')
      s.search('action:block-break', 1)
      await sleep(2500)
      const leaked = ledgerPayloads(ctx.backends.survival, 'Staff', since, ['ledger:rollback', 'ledger:purge', 'ledger:search'])
      const rs = s.responses(m)
      const searchCodes = rs.filter(r => r.type === 'ledger:search').map(r => r.code)
      // A failed reload keeps the running configuration (README): a search is then still answered
      // (1, 2), or refused (3/4) if LedgerNet chose to stop; never forwarded raw.
      t.check('reload-broken-nothing-forwarded', ledgerPayloads(ctx.backends.survival, 'Staff', since, DESTRUCTIVE).length === 0 &&
        (J(searchCodes) === '[1,2]' || searchCodes.some(c => c === 3 || c === 4)),
      `forwarded ${brief(leaked) || 'nothing'}; responses ${J(rs)}`)
      ctx.proxy.writeConfig(ctx.goodConfig)
      const out2 = await ctx.proxy.console('lgn reload', { timeoutMs: 15000, quietMs: 1500 })
      const m2 = s.mark()
      s.search('action:block-break backend:*', 1)
      await s.waitResponse('ledger:search', [2, 3, 4, 0], m2, 15000).catch(() => {})
      const codes2 = s.responses(m2).filter(r => r.type === 'ledger:search').map(r => r.code)
      t.check('reload-fixed-works', /Reloaded config\.yml/.test(out2) && J(codes2) === '[1,2]' && s.actions(m2).length > 0,
        `console: ${out2.replace(/\s+/g, ' ').slice(0, 200)}; search responses ${J(codes2)}`)
      s.end()
    }
  },
  {
    name: 'reload-under-load',
    async run (ctx, t) {
      const s = await ctx.connect('Staff', { protocol: 2, watson: 'watson-old' })
      await handshakeDone(ctx, s, 'survival')
      const since = Date.now(); const m = s.mark()
      let sent = 0; let stop = false
      const loop = (async () => {
        while (!stop && !s.ended) {
          s.rollback('source:Steve after:1d', sent % 2 === 1); s.purge('source:Steve before:30d'); sent += 2
          await sleep(40)
        }
      })()
      for (let i = 0; i < 6; i++) {
        ctx.proxy.writeConfig(i % 2 ? ctx.brokenConfig : ctx.goodConfig)
        await ctx.proxy.console('lgn reload', { timeoutMs: 5000, quietMs: 300 })
      }
      ctx.proxy.writeConfig(ctx.goodConfig)
      await ctx.proxy.console('lgn reload', { timeoutMs: 5000, quietMs: 300 })
      stop = true; await loop; await sleep(1500)
      const leaked = ledgerPayloads(ctx.backends.survival, 'Staff', since, DESTRUCTIVE)
      const cmds = ctx.backends.survival.commands({ player: 'Staff', since })
      t.check('reload-under-load-no-destructive-packet', leaked.length === 0 && !s.ended,
        `${sent} requests sent, ${leaked.length} rollback/purge packets reached survival (Ledger 1.3.23)${s.ended ? '; client disconnected: ' + s.ended : ''}; ${cmds.length} commands ran; ${s.responses(m).length} responses`)
      s.end()
    }
  },
  {
    name: 'web-console',
    async run (ctx, t) {
      // Staff holds ledgernet.command.web: /lgn web answers with a clickable single-use login link.
      const s = await ctx.connect('Staff', { protocol: 2 })
      const m = s.mark()
      s.command('lgn web')
      const line = await s.waitFor(() => s.chats(m).find(c => /\/login\//.test(c.text)), 10000, 'the login link').catch(() => null)
      const re = new RegExp(`http://127\\.0\\.0\\.1:${ctx.webPort}/login/[A-Za-z0-9_-]+`)
      const url = line && (line.text.match(re) || [])[0]
      const clicks = line ? clickEvents(line.json) : []
      t.check('web-link-in-chat', !!url && clicks.some(c => c.action === 'open_url' && c.value === url),
        `chat: ${J(s.chats(m).map(c => c.text))}; clicks ${J(clicks)}`)
      if (!url) { s.end(); return }
      const login = await httpGet(url)
      const setCookie = [].concat(login.headers['set-cookie'] || [])
      const session = setCookie.find(c => c.startsWith('ledgernet_session='))
      t.check('web-login-303-cookie', login.status === 303 && !!session && /;\s*HttpOnly/i.test(session) &&
        /;\s*SameSite=Strict/i.test(session), `status ${login.status}, Set-Cookie ${J(setCookie)}`)
      const cookie = session ? session.split(';')[0] : ''
      const me = await httpGet(`http://127.0.0.1:${ctx.webPort}/api/me`, cookie)
      let who = null; try { who = JSON.parse(me.body) } catch (e) {}
      t.check('web-api-me-names-player', me.status === 200 && who?.name === 'Staff' && /^[0-9a-f-]{36}$/.test(who?.player || ''),
        `status ${me.status}: ${me.body.slice(0, 300)}`)
      const again = await httpGet(url)
      t.check('web-link-second-use-refused', again.status === 403 && !again.headers['set-cookie'],
        `second use: status ${again.status}, Set-Cookie ${J(again.headers['set-cookie'] || [])}`)
      s.end()

      // Guest holds no node: no link. (Velocity passes a command it hides on to the backend; BungeeCord refuses it.)
      const g = await ctx.connect('Guest', { protocol: 2 })
      const since = Date.now(); const gm = g.mark()
      g.command('lgn web')
      await sleep(2500)
      const said = g.chats(gm).map(c => c.text)
      const passedOn = Object.values(ctx.backends).flatMap(b => b.commands({ player: 'Guest', since }))
      t.check('web-guest-refused', !said.some(x => /\/login\//.test(x)) && (said.length > 0 || passedOn.length > 0),
        `Guest's chat: ${J(said)}; commands the backends received: ${J(passedOn)}`)
      g.end()
    }
  },
  {
    name: 'startup-broken-then-reload',
    async run (ctx, t) {
      await ctx.restartProxy(ctx.brokenConfig)
      const s = await ctx.connect('Staff', { protocol: 2, watson: 'watson-old' })
      await sleep(1500)
      const since = Date.now(); const m = s.mark()
      s.rollback('source:Steve after:1d', false)
      s.purge('source:Steve before:30d')
      s.search('action:block-break', 1)
      s.inspect(1, 2, 3, 1)
      await sleep(2500)
      const leaked = ledgerPayloads(ctx.backends.survival, 'Staff', since, LEDGER_REQUESTS)
      const rs = s.responses(m)
      const refused = ['ledger:rollback', 'ledger:purge', 'ledger:search', 'ledger:inspect'].filter(type => rs.some(r => r.type === type && (r.code === 3 || r.code === 4)))
      t.check('startup-broken-refuses', leaked.length === 0 && refused.length === 4, `forwarded ${brief(leaked) || 'nothing'}; responses ${J(rs)}`)
      ctx.proxy.writeConfig(ctx.goodConfig)
      const out = await ctx.proxy.console('lgn reload', { timeoutMs: 20000, quietMs: 2000 })
      const m2 = s.mark()
      s.search('action:block-break backend:*', 1)
      await s.waitResponse('ledger:search', [2, 3, 4, 0], m2, 15000).catch(() => {})
      const codes = s.responses(m2).filter(r => r.type === 'ledger:search').map(r => r.code)
      t.check('startup-broken-fixed-by-reload', J(codes) === '[1,2]', `console: ${out.replace(/\s+/g, ' ').slice(0, 200)}; search responses ${J(codes)}`)
      s.end()
    }
  }
]

module.exports = { scenarios }
