package net.ledgernet.protocol;

import java.util.Arrays;
import java.util.UUID;

/**
 * Writes Minecraft {@code FriendlyByteBuf} fields into a growable byte array. Reusable via {@link #reset}, so a
 * hot path only allocates the final {@link #toByteArray()} copy. Values Minecraft would refuse to write (strings
 * over the limit, unpaired surrogates, which Minecraft would silently turn into '?') throw
 * {@link IllegalArgumentException}: that is a caller bug, not hostile input.
 */
public final class PayloadWriter {

    /** Minecraft's default {@code writeUtf} limit in UTF-16 units. */
    public static final int MAX_STRING_CHARS = 32767;

    private byte[] buf;
    private int size;

    public PayloadWriter() {
        this(256);
    }

    public PayloadWriter(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public PayloadWriter reset() {
        size = 0;
        return this;
    }

    public int size() {
        return size;
    }

    /** The backing array; valid bytes are {@code [0, size())}. */
    public byte[] array() {
        return buf;
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, size);
    }

    private void ensure(int n) {
        if (n > buf.length - size) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }

    public PayloadWriter writeByte(int v) {
        ensure(1);
        buf[size++] = (byte) v;
        return this;
    }

    public PayloadWriter writeBoolean(boolean v) {
        return writeByte(v ? 1 : 0);
    }

    public PayloadWriter writeShort(int v) {
        ensure(2);
        buf[size] = (byte) (v >>> 8);
        buf[size + 1] = (byte) v;
        size += 2;
        return this;
    }

    public PayloadWriter writeInt(int v) {
        ensure(4);
        byte[] b = buf;
        int p = size;
        b[p] = (byte) (v >>> 24);
        b[p + 1] = (byte) (v >>> 16);
        b[p + 2] = (byte) (v >>> 8);
        b[p + 3] = (byte) v;
        size = p + 4;
        return this;
    }

    public PayloadWriter writeLong(long v) {
        ensure(8);
        byte[] b = buf;
        int p = size;
        for (int i = 7; i >= 0; i--) {
            b[p + i] = (byte) v;
            v >>>= 8;
        }
        size = p + 8;
        return this;
    }

    public PayloadWriter writeVarInt(int v) {
        ensure(5);
        while ((v & ~0x7F) != 0) {
            buf[size++] = (byte) (v & 0x7F | 0x80);
            v >>>= 7;
        }
        buf[size++] = (byte) v;
        return this;
    }

    public PayloadWriter writeString(String s) {
        return writeString(s, MAX_STRING_CHARS);
    }

    /** Minecraft's {@code writeUtf(s, maxChars)}: VarInt byte length + UTF-8. */
    public PayloadWriter writeString(String s, int maxChars) {
        int n = s.length();
        if (n > maxChars) {
            throw new IllegalArgumentException("string of " + n + " chars exceeds " + maxChars);
        }
        int bytes = utf8Length(s);
        writeVarInt(bytes);
        ensure(bytes);
        byte[] b = buf;
        int p = size;
        if (bytes == n) {
            for (int i = 0; i < n; i++) {
                b[p++] = (byte) s.charAt(i);
            }
        } else {
            for (int i = 0; i < n; i++) {
                char c = s.charAt(i);
                if (c < 0x80) {
                    b[p++] = (byte) c;
                } else if (c < 0x800) {
                    b[p++] = (byte) (0xC0 | c >> 6);
                    b[p++] = (byte) (0x80 | c & 0x3F);
                } else if (Character.isHighSurrogate(c)) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[p++] = (byte) (0xF0 | cp >> 18);
                    b[p++] = (byte) (0x80 | cp >> 12 & 0x3F);
                    b[p++] = (byte) (0x80 | cp >> 6 & 0x3F);
                    b[p++] = (byte) (0x80 | cp & 0x3F);
                } else {
                    b[p++] = (byte) (0xE0 | c >> 12);
                    b[p++] = (byte) (0x80 | c >> 6 & 0x3F);
                    b[p++] = (byte) (0x80 | c & 0x3F);
                }
            }
        }
        size = p;
        return this;
    }

    /** UTF-8 length; rejects unpaired surrogates, which have no UTF-8 form. */
    static int utf8Length(String s) {
        int n = s.length();
        int bytes = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                if (c < 0x800) {
                    bytes += 1;
                } else if (Character.isSurrogate(c)) {
                    if (!Character.isHighSurrogate(c) || i + 1 >= n || !Character.isLowSurrogate(s.charAt(i + 1))) {
                        throw new IllegalArgumentException("unpaired surrogate at index " + i);
                    }
                    bytes += 2; // 4 bytes for 2 units
                    i++;
                } else {
                    bytes += 2;
                }
            }
        }
        return bytes;
    }

    public PayloadWriter writeIdentifier(Identifier id) {
        String ns = id.namespace();
        String path = id.path();
        writeVarInt(id.encodedLength());
        ensure(id.encodedLength());
        byte[] b = buf;
        int p = size;
        for (int i = 0, n = ns.length(); i < n; i++) {
            b[p++] = (byte) ns.charAt(i);
        }
        b[p++] = ':';
        for (int i = 0, n = path.length(); i < n; i++) {
            b[p++] = (byte) path.charAt(i);
        }
        size = p;
        return this;
    }

    public PayloadWriter writeBlockPos(BlockPos pos) {
        return writeLong(pos.asLong());
    }

    public PayloadWriter writeUuid(UUID uuid) {
        writeLong(uuid.getMostSignificantBits());
        return writeLong(uuid.getLeastSignificantBits());
    }

    /** {@code DataOutput.writeUTF}: u16 byte length + modified UTF-8 (NUL as C0 80, supplementary as two 3-byte surrogates). */
    public PayloadWriter writeModifiedUtf8(String s) {
        utf8Length(s); // same well-formedness rule as writeString: no unpaired surrogates
        int n = s.length();
        int bytes = 0;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            bytes += c >= 1 && c <= 0x7F ? 1 : c <= 0x7FF ? 2 : 3;
        }
        if (bytes > 0xFFFF) {
            throw new IllegalArgumentException("modified UTF-8 string of " + bytes + " bytes exceeds 65535");
        }
        writeShort(bytes);
        ensure(bytes);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 1 && c <= 0x7F) {
                buf[size++] = (byte) c;
            } else if (c <= 0x7FF) {
                buf[size++] = (byte) (0xC0 | c >> 6);
                buf[size++] = (byte) (0x80 | c & 0x3F);
            } else {
                buf[size++] = (byte) (0xE0 | c >> 12);
                buf[size++] = (byte) (0x80 | c >> 6 & 0x3F);
                buf[size++] = (byte) (0x80 | c & 0x3F);
            }
        }
        return this;
    }
}
