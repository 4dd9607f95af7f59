package net.ledgernet.protocol;

import static net.ledgernet.protocol.LedgerDecodeException.Reason.*;

import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.UUID;

/**
 * Reads Minecraft {@code FriendlyByteBuf} fields from a byte array, strictly. Every length is checked against
 * its limit and against the bytes remaining before anything is allocated; every failure is a
 * {@link LedgerDecodeException}. Reusable via {@link #reset} so a hot path allocates nothing here.
 */
public final class PayloadReader {

    private static final byte[] MINECRAFT = {'m', 'i', 'n', 'e', 'c', 'r', 'a', 'f', 't'};

    private byte[] buf = new byte[0];
    private int pos;
    private int end;
    private DecodeLimits limits = DecodeLimits.MINECRAFT;

    public PayloadReader() {
    }

    public PayloadReader(byte[] payload, DecodeLimits limits) {
        reset(payload, 0, payload.length, limits);
    }

    /** Points this reader at {@code payload[off, off+len)}. Bad bounds are a caller bug, not hostile input. */
    public PayloadReader reset(byte[] payload, int off, int len, DecodeLimits limits) {
        Objects.checkFromIndexSize(off, len, payload.length);
        this.buf = payload;
        this.pos = off;
        this.end = off + len;
        this.limits = Objects.requireNonNull(limits);
        return this;
    }

    public DecodeLimits limits() {
        return limits;
    }

    public int remaining() {
        return end - pos;
    }

    int position() {
        return pos;
    }

    LedgerDecodeException fail(LedgerDecodeException.Reason reason, String message) {
        return new LedgerDecodeException(reason, message + " (" + remaining() + " bytes left)");
    }

    private void need(int n, String what) {
        if (n > end - pos) {
            throw fail(TRUNCATED, what + " needs " + n + " bytes");
        }
    }

    /** Skips n bytes (n may exceed int range in NBT arithmetic, hence long). */
    void skip(long n, String what) {
        if (n > end - pos) {
            throw fail(TRUNCATED, what + " needs " + n + " bytes");
        }
        pos += (int) n;
    }

    public void expectEnd() {
        if (pos != end) {
            throw fail(TRAILING_BYTES, "payload not fully consumed");
        }
    }

    public int readUnsignedByte() {
        need(1, "byte");
        return buf[pos++] & 0xFF;
    }

    int peekUnsignedByte() {
        need(1, "byte");
        return buf[pos] & 0xFF;
    }

    public int readUnsignedShort() {
        need(2, "short");
        int v = (buf[pos] & 0xFF) << 8 | buf[pos + 1] & 0xFF;
        pos += 2;
        return v;
    }

    /** Documented-layout boolean: strictly 0 or 1, so a decoded packet re-encodes to the same bytes. */
    public boolean readBoolean() {
        int b = readUnsignedByte();
        if (b > 1) {
            throw fail(INVALID_BOOLEAN, "boolean byte " + b);
        }
        return b == 1;
    }

    /** Minecraft's own reading (any non-zero byte is true); used where we model what a backend would do. */
    public boolean readBooleanLenient() {
        return readUnsignedByte() != 0;
    }

    public int readInt() {
        need(4, "int");
        byte[] b = buf;
        int p = pos;
        pos = p + 4;
        return b[p] << 24 | (b[p + 1] & 0xFF) << 16 | (b[p + 2] & 0xFF) << 8 | b[p + 3] & 0xFF;
    }

    public long readLong() {
        need(8, "long");
        byte[] b = buf;
        int p = pos;
        pos = p + 8;
        return (long) b[p] << 56 | (b[p + 1] & 0xFFL) << 48 | (b[p + 2] & 0xFFL) << 40 | (b[p + 3] & 0xFFL) << 32
                | (b[p + 4] & 0xFFL) << 24 | (b[p + 5] & 0xFFL) << 16 | (b[p + 6] & 0xFFL) << 8 | b[p + 7] & 0xFFL;
    }

    /** VarInt, at most 5 bytes, minimally encoded (so it re-encodes identically), no bits above 32. */
    public int readVarInt() {
        need(1, "VarInt");
        int b = buf[pos++];
        if (b >= 0) {
            return b;
        }
        int value = b & 0x7F;
        for (int shift = 7; shift <= 28; shift += 7) {
            need(1, "VarInt");
            b = buf[pos++];
            value |= (b & 0x7F) << shift;
            if (b >= 0) {
                if (b == 0) {
                    throw fail(BAD_VARINT, "VarInt not minimally encoded");
                }
                if (shift == 28 && b > 0x0F) {
                    throw fail(BAD_VARINT, "VarInt wider than 32 bits");
                }
                return value;
            }
        }
        throw fail(BAD_VARINT, "VarInt longer than 5 bytes");
    }

    public String readString() {
        return readString(limits.maxStringChars());
    }

    /**
     * Minecraft's {@code readUtf(maxChars)}: VarInt byte length (at most 3 x maxChars), UTF-8, at most maxChars
     * UTF-16 units. Stricter than Minecraft, which replaces malformed UTF-8 with U+FFFD: we reject it, since a
     * replaced string would not re-encode to the bytes we were given.
     */
    public String readString(int maxChars) {
        int len = readVarInt();
        if (len < 0) {
            throw fail(NEGATIVE_LENGTH, "string length " + len);
        }
        if (len > maxChars * 3) {
            throw fail(STRING_TOO_LONG, "string of " + len + " bytes, limit " + maxChars * 3);
        }
        need(len, "string");
        int start = pos;
        String s = decodeUtf8(start, start + len, maxChars);
        pos = start + len;
        return s;
    }

    private String decodeUtf8(int start, int stop, int maxChars) {
        byte[] b = buf;
        int i = start;
        while (i < stop && b[i] >= 0) {
            i++;
        }
        if (i == stop) {
            if (stop - start > maxChars) {
                throw fail(STRING_TOO_LONG, "string of " + (stop - start) + " chars, limit " + maxChars);
            }
            // Pure ASCII: Latin-1 decoding is a plain copy into a compact string.
            return stop == start ? "" : new String(b, start, stop - start, StandardCharsets.ISO_8859_1);
        }
        int units = i - start;
        while (i < stop) {
            int c = b[i] & 0xFF;
            if (c < 0x80) {
                i++;
                units++;
            } else if (c >= 0xC2 && c <= 0xDF) {
                checkContinuation(i + 1, stop, 0x80, 0xBF);
                i += 2;
                units++;
            } else if (c >= 0xE0 && c <= 0xEF) {
                // E0 needs A0.. (no overlong); ED needs ..9F (no UTF-16 surrogates).
                checkContinuation(i + 1, stop, c == 0xE0 ? 0xA0 : 0x80, c == 0xED ? 0x9F : 0xBF);
                checkContinuation(i + 2, stop, 0x80, 0xBF);
                i += 3;
                units++;
            } else if (c >= 0xF0 && c <= 0xF4) {
                // F0 needs 90.. (no overlong); F4 needs ..8F (nothing above U+10FFFF).
                checkContinuation(i + 1, stop, c == 0xF0 ? 0x90 : 0x80, c == 0xF4 ? 0x8F : 0xBF);
                checkContinuation(i + 2, stop, 0x80, 0xBF);
                checkContinuation(i + 3, stop, 0x80, 0xBF);
                i += 4;
                units += 2;
            } else {
                throw fail(MALFORMED_UTF8, "invalid UTF-8 lead byte " + c);
            }
        }
        if (units > maxChars) {
            throw fail(STRING_TOO_LONG, "string of " + units + " chars, limit " + maxChars);
        }
        return new String(b, start, stop - start, StandardCharsets.UTF_8);
    }

    private void checkContinuation(int i, int stop, int lo, int hi) {
        if (i >= stop) {
            throw fail(MALFORMED_UTF8, "truncated UTF-8 sequence");
        }
        int c = buf[i] & 0xFF;
        if (c < lo || c > hi) {
            throw fail(MALFORMED_UTF8, "invalid UTF-8 continuation byte " + c);
        }
    }

    /**
     * Minecraft's {@code readResourceLocation}: a String (max 32767) parsed strictly. Identifier characters are
     * all ASCII, so we validate the bytes and build the parts directly; {@code minecraft} is never allocated.
     */
    public Identifier readIdentifier() {
        int len = readVarInt();
        if (len < 0) {
            throw fail(NEGATIVE_LENGTH, "identifier length " + len);
        }
        int maxChars = Math.min(limits.maxStringChars(), 32767);
        if (len > maxChars * 3) {
            throw fail(STRING_TOO_LONG, "identifier of " + len + " bytes");
        }
        need(len, "identifier");
        byte[] b = buf;
        int start = pos;
        int stop = start + len;
        int colon = -1;
        for (int i = start; i < stop; i++) {
            if (b[i] == ':') {
                colon = i;
                break;
            }
        }
        int pathStart = colon < 0 ? start : colon + 1;
        for (int i = start; i < pathStart - 1; i++) {
            if (!Identifier.isNamespaceChar(b[i])) {
                throw fail(INVALID_IDENTIFIER, "bad namespace character " + (b[i] & 0xFF));
            }
        }
        for (int i = pathStart; i < stop; i++) {
            if (!Identifier.isPathChar(b[i])) {
                throw fail(INVALID_IDENTIFIER, "bad path character " + (b[i] & 0xFF));
            }
        }
        if (len > maxChars) {
            throw fail(STRING_TOO_LONG, "identifier of " + len + " chars");
        }
        String namespace;
        if (colon <= start) {
            namespace = Identifier.DEFAULT_NAMESPACE;
        } else if (regionEquals(start, colon - start, MINECRAFT)) {
            namespace = Identifier.DEFAULT_NAMESPACE;
        } else {
            namespace = new String(b, start, colon - start, StandardCharsets.ISO_8859_1);
        }
        String path = pathStart == stop ? "" : new String(b, pathStart, stop - pathStart, StandardCharsets.ISO_8859_1);
        pos = stop;
        return new Identifier(namespace, path);
    }

    public BlockPos readBlockPos() {
        return BlockPos.fromLong(readLong());
    }

    public UUID readUuid() {
        long most = readLong();
        return new UUID(most, readLong());
    }

    /**
     * A plain-int list count, checked against the list limit and against the bytes left
     * (each entry needs at least {@code minEntryBytes}), before the caller allocates anything.
     */
    public int readCount(int minEntryBytes) {
        int n = readInt();
        if (n < 0) {
            throw fail(NEGATIVE_LENGTH, "count " + n);
        }
        if (n > limits.maxListEntries()) {
            throw fail(COUNT_OUT_OF_RANGE, "count " + n + ", limit " + limits.maxListEntries());
        }
        if ((long) n * minEntryBytes > remaining()) {
            throw fail(TRUNCATED, "count " + n + " needs at least " + (long) n * minEntryBytes + " bytes");
        }
        return n;
    }

    boolean regionEquals(int start, int len, byte[] ascii) {
        if (len != ascii.length) {
            return false;
        }
        for (int i = 0; i < len; i++) {
            if (buf[start + i] != ascii[i]) {
                return false;
            }
        }
        return true;
    }

    byte byteAt(int index) {
        return buf[index];
    }
}
