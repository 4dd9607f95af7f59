package net.ledgernet.protocol;

import static net.ledgernet.protocol.LedgerDecodeException.Reason.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.ledgernet.protocol.LedgerPacket.HandshakeC2S;
import net.ledgernet.protocol.LedgerPacket.HandshakeC2S.Key;

/**
 * The handshake compound, read and written by hand.
 *
 * <p>Why no NBT library (adventure-nbt was the candidate): its reader builds a full tag tree, so hostile
 * unknown tags are allocated before we could ignore them; it reports failures as IOExceptions without a
 * reason we could map to {@link LedgerDecodeException.Reason}; it does not tell us the key order or whether
 * the root was named, which byte-exact re-encoding needs; and it would pull a dependency into every jar for
 * three keys. Here unknown tags are skipped in place without allocation, with depth and byte budgets.
 */
final class HandshakeNbt {

    private static final int TAG_END = 0;
    private static final int TAG_INT = 3;
    private static final int TAG_STRING = 8;
    private static final int TAG_LIST = 9;
    private static final int TAG_COMPOUND = 10;
    private static final int TAG_MAX = 12;

    private static final byte[][] KEY_NAMES = {
            Key.MODID.nbtName().getBytes(StandardCharsets.US_ASCII),
            Key.VERSION.nbtName().getBytes(StandardCharsets.US_ASCII),
            Key.PROTOCOL_VERSION.nbtName().getBytes(StandardCharsets.US_ASCII)};

    private static final Key[] KEYS = Key.values();

    private final PayloadReader in;
    private final int start;
    private final int maxBytes;
    private final int maxDepth;

    private HandshakeNbt(PayloadReader in) {
        this.in = in;
        this.start = in.position();
        this.maxBytes = in.limits().maxNbtBytes();
        this.maxDepth = in.limits().maxNbtDepth();
    }

    static HandshakeC2S read(PayloadReader in) {
        return new HandshakeNbt(in).readHandshake();
    }

    static void write(HandshakeC2S p, PayloadWriter out) {
        out.writeByte(TAG_COMPOUND);
        if (p.root() == NbtRoot.NAMED) {
            out.writeShort(0);
        }
        for (Key key : p.keyOrder()) {
            out.writeByte(key == Key.PROTOCOL_VERSION ? TAG_INT : TAG_STRING);
            out.writeModifiedUtf8(key.nbtName());
            switch (key) {
                case MODID -> out.writeModifiedUtf8(p.modId());
                case VERSION -> out.writeModifiedUtf8(p.version());
                case PROTOCOL_VERSION -> out.writeInt(p.protocolVersion());
            }
        }
        out.writeByte(TAG_END);
    }

    private HandshakeC2S readHandshake() {
        int type = u8();
        if (type == TAG_END) {
            throw in.fail(NBT_ABSENT, "TAG_End alone: no NBT");
        }
        if (type != TAG_COMPOUND) {
            throw in.fail(NBT_MALFORMED, "root tag type " + type + " is not a compound");
        }
        // A named root starts with its u16 name length, whose high byte is 0 for any name under 256 bytes
        // (Minecraft always writes ""); a nameless root starts with an entry type, which is 0 (TAG_End) only for
        // an empty compound, and then must be the last byte. So a 0 that is not the last byte means named.
        NbtRoot root = NbtRoot.NAMELESS;
        if (in.remaining() >= 2 && in.peekUnsignedByte() == 0) {
            root = NbtRoot.NAMED;
            skipModifiedUtf8(u16());
        }
        String modId = null;
        String version = null;
        int protocol = 0;
        List<Key> order = new ArrayList<>(3);
        while (true) {
            int t = u8();
            if (t == TAG_END) {
                break;
            }
            if (t > TAG_MAX) {
                throw in.fail(NBT_MALFORMED, "tag type " + t);
            }
            int nameLen = u16();
            int nameStart = in.position();
            skipModifiedUtf8(nameLen);
            Key key = keyAt(nameStart, nameLen);
            if (key == null) {
                skipPayload(t, 1);
                continue;
            }
            if (order.contains(key)) {
                throw in.fail(NBT_DUPLICATE_KEY, key.nbtName());
            }
            int expected = key == Key.PROTOCOL_VERSION ? TAG_INT : TAG_STRING;
            if (t != expected) {
                throw in.fail(NBT_WRONG_TYPE, key.nbtName() + " has tag type " + t + ", expected " + expected);
            }
            order.add(key);
            switch (key) {
                case MODID -> modId = readModifiedUtf8(u16());
                case VERSION -> version = readModifiedUtf8(u16());
                case PROTOCOL_VERSION -> {
                    budget(4);
                    protocol = in.readInt();
                }
            }
        }
        for (Key key : Key.values()) {
            if (!order.contains(key)) {
                throw in.fail(NBT_MISSING_KEY, key.nbtName());
            }
        }
        return new HandshakeC2S(modId, version, protocol, root, order);
    }

    private Key keyAt(int nameStart, int nameLen) {
        for (int i = 0; i < KEY_NAMES.length; i++) {
            if (in.regionEquals(nameStart, nameLen, KEY_NAMES[i])) {
                return KEYS[i];
            }
        }
        return null;
    }

    /** Skips one tag payload; {@code depth} is the nesting level of the tag being skipped (root = 0). */
    private void skipPayload(int type, int depth) {
        switch (type) {
            case 1 -> skip(1);
            case 2 -> skip(2);
            case 3, 5 -> skip(4);
            case 4, 6 -> skip(8);
            case 7 -> skip(length());
            case 8 -> skipModifiedUtf8(u16());
            case 11 -> skip(length() * 4L);
            case 12 -> skip(length() * 8L);
            case TAG_LIST -> {
                enter(depth);
                int elementType = u8();
                int n = length();
                if (elementType > TAG_MAX || elementType == TAG_END && n > 0) {
                    throw in.fail(NBT_MALFORMED, "list of tag type " + elementType + " with " + n + " entries");
                }
                long fixed = fixedSize(elementType);
                if (fixed > 0) {
                    skip(n * fixed);
                } else {
                    for (int i = 0; i < n; i++) {
                        skipPayload(elementType, depth + 1);
                    }
                }
            }
            case TAG_COMPOUND -> {
                enter(depth);
                while (true) {
                    int t = u8();
                    if (t == TAG_END) {
                        return;
                    }
                    if (t > TAG_MAX) {
                        throw in.fail(NBT_MALFORMED, "tag type " + t);
                    }
                    skipModifiedUtf8(u16());
                    skipPayload(t, depth + 1);
                }
            }
            default -> throw in.fail(NBT_MALFORMED, "tag type " + type);
        }
    }

    private static long fixedSize(int type) {
        return switch (type) {
            case 1 -> 1;
            case 2 -> 2;
            case 3, 5 -> 4;
            case 4, 6 -> 8;
            default -> 0;
        };
    }

    private void enter(int depth) {
        // depth counts the root compound as level 1 in Minecraft's NbtAccounter terms
        if (depth + 1 > maxDepth) {
            throw in.fail(NBT_TOO_DEEP, "NBT nested deeper than " + maxDepth);
        }
    }

    private int length() {
        budget(4);
        int n = in.readInt();
        if (n < 0) {
            throw in.fail(NBT_MALFORMED, "negative NBT length " + n);
        }
        return n;
    }

    /** Every NBT read goes through here: the bytes must be present and within the NBT byte budget. */
    private void budget(long n) {
        if (n > in.remaining()) {
            throw in.fail(TRUNCATED, "NBT needs " + n + " bytes");
        }
        if (in.position() - start + n > maxBytes) {
            throw in.fail(NBT_TOO_LARGE, "NBT exceeds " + maxBytes + " bytes");
        }
    }

    private int u8() {
        budget(1);
        return in.readUnsignedByte();
    }

    private int u16() {
        budget(2);
        return in.readUnsignedShort();
    }

    private void skip(long n) {
        budget(n);
        in.skip(n, "NBT");
    }

    private void skipModifiedUtf8(int len) {
        budget(len);
        decodeModifiedUtf8(in.position(), len, null);
        in.skip(len, "NBT string");
    }

    private String readModifiedUtf8(int len) {
        budget(len);
        char[] chars = new char[len]; // len is checked against the bytes present
        int n = decodeModifiedUtf8(in.position(), len, chars);
        in.skip(len, "NBT string");
        return new String(chars, 0, n);
    }

    /**
     * Validates (and, if {@code out} is given, decodes) canonical modified UTF-8 as {@code DataOutput.writeUTF}
     * emits it. Stricter than {@code DataInput.readUTF}: no raw NUL, no overlong forms, no unpaired surrogates,
     * so a decoded string re-encodes to the same bytes.
     */
    private int decodeModifiedUtf8(int from, int len, char[] out) {
        int i = from;
        int stop = from + len;
        int n = 0;
        char pendingHigh = 0;
        while (i < stop) {
            int b = in.byteAt(i) & 0xFF;
            int c;
            if (b >= 0x01 && b <= 0x7F) {
                c = b;
                i++;
            } else if ((b & 0xE0) == 0xC0) {
                c = (b & 0x1F) << 6 | continuation(i + 1, stop);
                if (c != 0 && c < 0x80) {
                    throw in.fail(MALFORMED_UTF8, "overlong modified UTF-8");
                }
                i += 2;
            } else if ((b & 0xF0) == 0xE0) {
                c = (b & 0x0F) << 12 | continuation(i + 1, stop) << 6 | continuation(i + 2, stop);
                if (c < 0x800) {
                    throw in.fail(MALFORMED_UTF8, "overlong modified UTF-8");
                }
                i += 3;
            } else {
                throw in.fail(MALFORMED_UTF8, "invalid modified UTF-8 byte " + b);
            }
            if (pendingHigh != 0 && !Character.isLowSurrogate((char) c)
                    || pendingHigh == 0 && Character.isLowSurrogate((char) c)) {
                throw in.fail(MALFORMED_UTF8, "unpaired surrogate");
            }
            pendingHigh = Character.isHighSurrogate((char) c) ? (char) c : 0;
            if (out != null) {
                out[n] = (char) c;
            }
            n++;
        }
        if (pendingHigh != 0) {
            throw in.fail(MALFORMED_UTF8, "unpaired surrogate");
        }
        return n;
    }

    private int continuation(int i, int stop) {
        if (i >= stop) {
            throw in.fail(MALFORMED_UTF8, "truncated modified UTF-8");
        }
        int b = in.byteAt(i) & 0xFF;
        if ((b & 0xC0) != 0x80) {
            throw in.fail(MALFORMED_UTF8, "invalid continuation byte " + b);
        }
        return b & 0x3F;
    }
}
