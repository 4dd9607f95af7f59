'use strict'
// A headless Minecraft client (minecraft-protocol, offline mode) that behaves like a player running
// the Watson client mod, as far as Ledger networking goes: it sends Watson's exact payloads, records
// everything it receives, and can follow Watson 1.20.6+'s rules (handshake on every world load, and
// only on channels the server announced in minecraft:register).

const mc = require('minecraft-protocol')
const nbt = require('prismarine-nbt')
const { c2s, decode } = require('./wire')

const sleep = (ms) => new Promise(resolve => setTimeout(resolve, ms))

class TestClient {
  /**
   * @param {object} o
   * @param {string} o.username
   * @param {number} o.port
   * @param {string} o.version Minecraft version
   * @param {'none'|'watson-old'|'watson-new'} [o.watson='none'] 'watson-old': one handshake on first
   *   join (Watson <= 1.20.4); 'watson-new': a handshake on every world load (each play Login), only
   *   on announced channels (Watson 1.20.6+). 'none': the test sends everything explicitly.
   * @param {boolean} [o.announcedOnly=false] send ledger:* only on channels the server announced
   * @param {number} [o.protocol=2] Ledger protocol number in the client's handshake
   */
  constructor (o) {
    this.username = o.username
    this.port = o.port
    this.host = o.host || '127.0.0.1'
    this.version = o.version
    this.watson = o.watson || 'none'
    this.announcedOnly = o.announcedOnly ?? (this.watson === 'watson-new')
    this.protocol = o.protocol ?? 2
    this.events = []
    this.announced = new Set()
    this.worldLoads = 0
    this.client = null
    this.ended = null
  }

  log (ev) { ev = { t: Date.now(), ...ev }; this.events.push(ev); return ev }

  connect (timeoutMs = 20000) {
    return new Promise((resolve, reject) => {
      const client = mc.createClient({ host: this.host, port: this.port, username: this.username, version: this.version, auth: 'offline', hideErrors: true, keepAlive: true })
      this.client = client
      const timer = setTimeout(() => reject(new Error(`${this.username}: no play Login within ${timeoutMs} ms`)), timeoutMs)
      client.on('packet', (p, meta) => {
        if (meta.name === 'custom_payload') this.onPayload(client.state, p.channel, Buffer.from(p.data || []))
        else if (meta.name === 'start_configuration') { this.log({ kind: 'reconfigure' }); this.announced.clear() }
        else if (meta.name === 'system_chat') this.onChat('system', p.content)
        else if (meta.name === 'profileless_chat') this.onChat('profileless', p.message)
        else if (meta.name === 'player_chat') this.onChat('player', p.unsignedChatContent || p.plainMessage)
        else if (meta.name === 'chat') this.onChat('chat', p.message)
        else if (meta.name === 'kick_disconnect' || meta.name === 'disconnect') this.log({ kind: 'kicked', reason: safeJson(p.reason) })
      })
      client.on('login', () => {
        this.worldLoads++
        this.log({ kind: 'world-load', n: this.worldLoads })
        clearTimeout(timer)
        resolve(this)
        this.onWorldLoad()
      })
      client.on('respawn', () => this.log({ kind: 'respawn' }))
      client.on('error', (e) => { this.log({ kind: 'error', message: String(e && e.message) }) })
      client.on('end', (reason) => { this.ended = String(reason); this.log({ kind: 'end', reason: String(reason) }); clearTimeout(timer); reject(new Error(`${this.username}: connection ended: ${reason}`)) })
    })
  }

  onWorldLoad () {
    if (this.watson === 'watson-new') {
      // Watson 1.20.6+ sends from its world-load hook, which runs while the client handles the play
      // Login packet: only channels announced before that packet (in the configuration phase, or
      // earlier in play) count. A minecraft:register that arrives after the Login is too late.
      const announced = this.announced.has('ledger:handshake')
      this.log({ kind: 'announced-at-login', announced, channels: [...this.announced].filter(c => c.startsWith('ledger:')) })
      setTimeout(() => {
        if (announced) this.send('ledger:handshake', c2s.handshake(this.protocol), { force: true })
        else this.log({ kind: 'suppressed', channel: 'ledger:handshake', reason: 'not announced before the Login packet' })
      }, 20)
    } else if (this.watson === 'watson-old' && this.worldLoads === 1) {
      // Watson up to 1.20.4: once, on first join, whatever the server announced.
      setTimeout(() => this.send('ledger:handshake', c2s.handshake(this.protocol), { force: true }), 20)
    }
  }

  onPayload (phase, channel, data) {
    this.log({ kind: 'payload', phase, channel, hex: data.toString('hex'), length: data.length })
    if (channel === 'minecraft:register') {
      for (const c of data.toString('utf8').split('\0')) if (c) this.announced.add(c)
    } else if (channel === 'minecraft:unregister') {
      for (const c of data.toString('utf8').split('\0')) this.announced.delete(c)
    }
  }

  onChat (type, content) {
    let json = content
    try {
      if (content && typeof content === 'object' && content.type) json = nbt.simplify(content)
      else if (typeof content === 'string') json = JSON.parse(content)
    } catch (e) { json = content }
    this.log({ kind: 'chat', type, json, text: flatten(json) })
  }

  // ---- sending ----
  send (channel, data, { force = false } = {}) {
    if (!this.client || this.ended) throw new Error(`${this.username}: not connected`)
    if (this.announcedOnly && !force && !this.announced.has(channel)) {
      this.log({ kind: 'suppressed', channel, hex: Buffer.from(data).toString('hex') })
      return false
    }
    this.client.write('custom_payload', { channel, data: Buffer.from(data) })
    this.log({ kind: 'sent', channel, hex: Buffer.from(data).toString('hex'), phase: this.client.state })
    return true
  }

  // Raw mode: any bytes on any channel, announced or not.
  sendRaw (channel, data) { return this.send(channel, data, { force: true }) }

  sendHandshake (o = {}) { return this.send('ledger:handshake', c2s.handshake(o.protocol ?? this.protocol, { named: o.named })) }
  inspect (x, y, z, pages = 1) { return this.send('ledger:inspect', c2s.inspect(x, y, z, pages)) }
  search (input, pages = 1) { return this.send('ledger:search', c2s.search(input, pages)) }
  rollback (input, restore = false) { return this.send('ledger:rollback', c2s.rollback(restore, input)) }
  purge (input) { return this.send('ledger:purge', c2s.purge(input)) }
  player (uuids) { return this.send('ledger:player', c2s.player(uuids)) }

  command (cmd) { this.client.chat('/' + cmd); this.log({ kind: 'command-sent', command: cmd }) }

  async switchServer (name, timeoutMs = 15000) {
    const loads = this.worldLoads
    this.command('server ' + name)
    await this.waitFor(() => this.worldLoads > loads, timeoutMs, `switch to ${name}`)
  }

  end () { try { this.client?.end('bye') } catch (e) {} }

  // ---- queries ----
  mark () { return this.events.length }
  since (mark) { return this.events.slice(mark) }
  received (channel, mark = 0) { return this.since(mark).filter(e => e.kind === 'payload' && e.channel === channel) }
  responses (mark = 0) { return this.received('ledger:response', mark).map(e => { try { return decode.response(Buffer.from(e.hex, 'hex')) } catch (err) { return { malformed: err.message, hex: e.hex } } }) }
  actions (mark = 0) { return this.received('ledger:action', mark).map(e => { try { return decode.action(Buffer.from(e.hex, 'hex')) } catch (err) { return { malformed: err.message, hex: e.hex } } }) }
  chats (mark = 0) { return this.since(mark).filter(e => e.kind === 'chat') }

  async waitFor (pred, timeoutMs = 5000, what = 'condition') {
    const end = Date.now() + timeoutMs
    for (;;) {
      const v = pred()
      if (v) return v
      if (this.ended) throw new Error(`${this.username} disconnected while waiting for ${what}: ${this.ended}`)
      if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`)
      await sleep(25)
    }
  }

  // Waits for a ledger:response of type `type` whose code is in `codes`.
  waitResponse (type, codes, mark, timeoutMs = 5000) {
    return this.waitFor(() => this.responses(mark).find(r => r.type === type && codes.includes(r.code)), timeoutMs, `ledger:response ${type} ${codes}`)
  }
}

function safeJson (x) { try { return typeof x === 'string' ? x : JSON.stringify(x) } catch (e) { return String(x) } }

// Plain text of a chat component (JSON form), for matching.
function flatten (c) {
  if (c == null) return ''
  if (typeof c === 'string') return c
  if (Array.isArray(c)) return c.map(flatten).join('')
  let s = ''
  if (c.text != null) s += c.text
  if (c[''] != null) s += c['']
  if (c.translate) s += c.translate + (c.with ? ' ' + flatten(c.with) : '')
  if (c.extra) s += flatten(c.extra)
  return s
}

// All click events in a component tree (both the pre-1.21.5 clickEvent and the 1.21.5+ click_event).
function clickEvents (c, out = []) {
  if (c == null || typeof c !== 'object') return out
  if (Array.isArray(c)) { c.forEach(x => clickEvents(x, out)); return out }
  const ce = c.clickEvent || c.click_event
  if (ce) out.push({ action: ce.action, value: ce.value ?? ce.command ?? ce.url })
  if (c.extra) clickEvents(c.extra, out)
  if (c.with) clickEvents(c.with, out)
  return out
}

module.exports = { TestClient, flatten, clickEvents, sleep }
