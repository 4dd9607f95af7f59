'use strict'
// Ledger payload layouts, written by hand from ../shared/reference/ledger.md §1 (Minecraft's
// FriendlyByteBuf rules: big-endian ints, VarInt-prefixed UTF-8 strings, BlockPos as one long,
// UUID as two longs, network NBT nameless for MC >= 1.20.2). No LedgerNet code is used here, so
// these encoders are an independent check of what LedgerNet reads and writes.

class Writer {
  constructor () { this.parts = [] }
  raw (buf) { this.parts.push(Buffer.from(buf)); return this }
  u8 (v) { const b = Buffer.alloc(1); b.writeUInt8(v & 0xff); return this.raw(b) }
  bool (v) { return this.u8(v ? 1 : 0) }
  int (v) { const b = Buffer.alloc(4); b.writeInt32BE(v | 0); return this.raw(b) }
  u16 (v) { const b = Buffer.alloc(2); b.writeUInt16BE(v); return this.raw(b) }
  long (v) { const b = Buffer.alloc(8); b.writeBigInt64BE(BigInt.asIntN(64, BigInt(v))); return this.raw(b) }
  varint (v) {
    v >>>= 0
    const out = []
    do {
      let byte = v & 0x7f
      v >>>= 7
      if (v !== 0) byte |= 0x80
      out.push(byte)
    } while (v !== 0)
    return this.raw(Buffer.from(out))
  }

  string (s) { const b = Buffer.from(s, 'utf8'); this.varint(b.length); return this.raw(b) }
  uuid (u) { const hex = u.replace(/-/g, ''); return this.raw(Buffer.from(hex, 'hex')) }
  blockPos (x, y, z) { return this.long(encodeBlockPos(x, y, z)) }
  toBuffer () { return Buffer.concat(this.parts) }
}

class Reader {
  constructor (buf) { this.buf = Buffer.from(buf); this.off = 0 }
  need (n) { if (this.off + n > this.buf.length) throw new Error(`truncated: need ${n} bytes at ${this.off} of ${this.buf.length}`) }
  u8 () { this.need(1); return this.buf.readUInt8(this.off++) }
  bool () { return this.u8() !== 0 }
  int () { this.need(4); const v = this.buf.readInt32BE(this.off); this.off += 4; return v }
  u16 () { this.need(2); const v = this.buf.readUInt16BE(this.off); this.off += 2; return v }
  long () { this.need(8); const v = this.buf.readBigInt64BE(this.off); this.off += 8; return v }
  varint () {
    let v = 0; let shift = 0
    for (;;) {
      const b = this.u8()
      v |= (b & 0x7f) << shift
      if (!(b & 0x80)) return v >>> 0
      shift += 7
      if (shift > 28) throw new Error('VarInt too big')
    }
  }

  string (max = 32767) {
    const n = this.varint()
    if (n > max * 3) throw new Error(`string length ${n} too long`)
    this.need(n)
    const s = this.buf.toString('utf8', this.off, this.off + n); this.off += n
    return s
  }

  uuid () { this.need(16); const h = this.buf.toString('hex', this.off, this.off + 16); this.off += 16; return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}` }
  remaining () { return this.buf.length - this.off }
  end () { if (this.remaining() !== 0) throw new Error(`${this.remaining()} trailing byte(s)`) }
}

function encodeBlockPos (x, y, z) {
  return (BigInt.asUintN(26, BigInt(x)) << 38n) | (BigInt.asUintN(26, BigInt(z)) << 12n) | BigInt.asUintN(12, BigInt(y))
}
function decodeBlockPos (v) {
  v = BigInt.asIntN(64, v)
  return {
    x: Number(v >> 38n),
    y: Number(BigInt.asIntN(64, v << 52n) >> 52n),
    z: Number(BigInt.asIntN(64, v << 26n) >> 38n)
  }
}

// ---- NBT (only what a Ledger handshake uses: a compound of strings and ints) ----
// entries: array of [name, 'string'|'int', value], written in the given order.
function encodeHandshakeNbt (entries, { named = false } = {}) {
  const w = new Writer()
  w.u8(0x0a)
  if (named) w.u16(0)
  for (const [name, type, value] of entries) {
    const nb = Buffer.from(name, 'utf8')
    if (type === 'string') {
      w.u8(0x08).u16(nb.length).raw(nb)
      const vb = Buffer.from(value, 'utf8'); w.u16(vb.length).raw(vb)
    } else if (type === 'int') {
      w.u8(0x03).u16(nb.length).raw(nb).int(value)
    } else throw new Error('unsupported NBT type ' + type)
  }
  w.u8(0x00)
  return w.toBuffer()
}

// Decodes a flat compound of string/int/other simple tags, nameless or named root, any key order.
function decodeHandshakeNbt (buf, { named } = {}) {
  const r = new Reader(buf)
  const type = r.u8()
  if (type === 0) return { nbt: null, named: false }
  if (type !== 0x0a) throw new Error('root is not a compound: ' + type)
  const isNamed = !!named
  if (isNamed) { const n = r.u16(); r.off += n }
  const out = {}
  for (;;) {
    const t = r.u8()
    if (t === 0) break
    const nameLen = r.u16(); r.need(nameLen)
    const name = r.buf.toString('utf8', r.off, r.off + nameLen); r.off += nameLen
    if (t === 0x08) { const l = r.u16(); r.need(l); out[name] = r.buf.toString('utf8', r.off, r.off + l); r.off += l } else if (t === 0x03) out[name] = r.int()
    else if (t === 0x01) out[name] = r.u8()
    else throw new Error('unsupported tag ' + t + ' in handshake NBT')
  }
  r.end()
  return { nbt: out, named: isNamed }
}

// ---- Ledger C2S payloads, as Watson sends them ----
const watsonHandshakeEntries = (protocol, version = '1.20.4-1.0', modid = 'watson') => [
  ['protocol_version', 'int', protocol], ['version', 'string', version], ['modid', 'string', modid]
]
const c2s = {
  handshake: (protocol = 2, opts = {}) => encodeHandshakeNbt(watsonHandshakeEntries(protocol, opts.version, opts.modid), opts),
  inspect: (x, y, z, pages = 1) => new Writer().blockPos(x, y, z).int(pages).toBuffer(),
  search: (input, pages = 1) => new Writer().string(input).int(pages).toBuffer(),
  rollback: (restore, input) => new Writer().bool(restore).string(input).toBuffer(),
  purge: (input) => new Writer().string(input).toBuffer(),
  player: (uuids) => { const w = new Writer().int(uuids.length); uuids.forEach(u => w.uuid(u)); return w.toBuffer() }
}

// ---- Ledger S2C payloads ----
const s2c = {
  handshake: (protocol, version, actions) => { const w = new Writer().int(protocol).string(version).int(actions.length); actions.forEach(a => w.string(a)); return w.toBuffer() },
  response: (type, code) => new Writer().string(type).int(code).toBuffer(),
  action: (a) => new Writer().blockPos(a.x, a.y, a.z).string(a.type).string(a.world).string(a.oldObject).string(a.newObject)
    .string(a.source).long(a.epochSecond).bool(a.rolledBack).string(a.extraData || '').toBuffer()
}

const decode = {
  handshakeS2C: (buf) => { const r = new Reader(buf); const protocol = r.int(); const version = r.string(); const n = r.int(); const actions = []; for (let i = 0; i < n; i++) actions.push(r.string()); r.end(); return { protocol, version, actions } },
  response: (buf) => { const r = new Reader(buf); const type = r.string(); const code = r.int(); r.end(); return { type, code } },
  action: (buf) => {
    const r = new Reader(buf)
    const pos = decodeBlockPos(r.long())
    const a = { ...pos, type: r.string(), world: r.string(), oldObject: r.string(), newObject: r.string(), source: r.string(), epochSecond: r.long(), rolledBack: r.bool(), extraData: r.string() }
    r.end(); return a
  },
  // LedgerNet's S2C ledger:player: UUID, name, first join long, last join long, BlockPos, Identifier
  player: (buf) => { const r = new Reader(buf); const p = { uuid: r.uuid(), name: r.string(), firstJoin: r.long(), lastJoin: r.long(), pos: decodeBlockPos(r.long()), world: r.string() }; r.end(); return p },
  inspect: (buf) => { const r = new Reader(buf); const p = decodeBlockPos(r.long()); const pages = r.int(); r.end(); return { ...p, pages } },
  search: (buf) => { const r = new Reader(buf); const input = r.string(); const pages = r.int(); r.end(); return { input, pages } },
  rollback: (buf) => { const r = new Reader(buf); const restore = r.bool(); const input = r.string(); r.end(); return { restore, input } },
  purge: (buf) => { const r = new Reader(buf); const input = r.string(); r.end(); return { input } }
}

// Offline-mode UUID (what the proxies and the fake backends give a player in offline mode).
function offlineUuid (name) {
  const h = require('crypto').createHash('md5').update('OfflinePlayer:' + name).digest()
  h[6] = (h[6] & 0x0f) | 0x30; h[8] = (h[8] & 0x3f) | 0x80
  const x = h.toString('hex')
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`
}

module.exports = { Writer, Reader, encodeBlockPos, decodeBlockPos, encodeHandshakeNbt, decodeHandshakeNbt, c2s, s2c, decode, offlineUuid }
