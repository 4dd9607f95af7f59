package net.ledgernet.protocol;

import static net.ledgernet.protocol.LedgerDecodeException.Reason.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import net.ledgernet.protocol.LedgerPacket.HandshakeC2S;
import net.ledgernet.protocol.LedgerPacket.HandshakeC2S.Key;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HandshakeNbtTest {

    private static final String PROTOCOL = "03 0010 70726f746f636f6c5f76657273696f6e 00000003";
    private static final String VERSION = "08 0007 76657273696f6e 0003 312e30";
    private static final String MODID = "08 0005 6d6f646964 0006 776174736f6e";

    private static HandshakeC2S decode(String hex) {
        return (HandshakeC2S) PacketMap.c2s(LayoutGeneration.V3_1_3_5).decode("ledger:handshake", Hex.bytes(hex));
    }

    private static LedgerDecodeException.Reason failure(String hex) {
        return failure(hex, DecodeLimits.MINECRAFT);
    }

    private static LedgerDecodeException.Reason failure(String hex, DecodeLimits limits) {
        byte[] b = Hex.bytes(hex);
        return assertThrows(LedgerDecodeException.class, () -> PacketMap.c2s(LayoutGeneration.V2)
                .decode("ledger:handshake", b, 0, b.length, limits)).reason();
    }

    @ParameterizedTest
    @EnumSource(NbtRoot.class)
    void everyKeyOrderDecodesAndReEncodesExactly(NbtRoot root) {
        String prefix = root == NbtRoot.NAMED ? "0a 0000 " : "0a ";
        String[][] orders = {{MODID, VERSION, PROTOCOL}, {MODID, PROTOCOL, VERSION}, {VERSION, MODID, PROTOCOL},
                {VERSION, PROTOCOL, MODID}, {PROTOCOL, MODID, VERSION}, {PROTOCOL, VERSION, MODID}};
        for (String[] order : orders) {
            String hex = prefix + String.join(" ", order) + " 00";
            HandshakeC2S p = decode(hex);
            assertEquals("watson", p.modId());
            assertEquals("1.0", p.version());
            assertEquals(3, p.protocolVersion());
            assertEquals(root, p.root());
            assertEquals(Hex.of(Hex.bytes(hex)), Hex.of(LedgerProtocol.encode(p)));
        }
    }

    @Test
    void unknownTagsOfEveryTypeAreSkippedAndNotReEmitted() {
        String extras = "01 0001 61 7f"                       // byte
                + " 02 0001 62 7fff"                          // short
                + " 04 0001 63 0102030405060708"              // long
                + " 05 0001 64 3f800000"                      // float
                + " 06 0001 65 3ff0000000000000"              // double
                + " 07 0001 66 00000002 0102"                 // byte array
                + " 08 0001 67 0002 c080"                     // string with NUL as C0 80
                + " 09 0001 68 03 00000002 00000001 00000002" // list of ints
                + " 09 0001 69 0a 00000002 01 0001 78 01 00 00" // list of compounds
                + " 09 0001 6a 00 00000000"                   // empty list of End
                + " 0a 0001 6b 0a 0001 6c 00 00"              // nested compounds
                + " 0b 0001 6d 00000001 00000007"             // int array
                + " 0c 0001 6e 00000001 0000000000000007";    // long array
        HandshakeC2S p = decode("0a " + MODID + " " + extras + " " + VERSION + " " + PROTOCOL + " 00");
        assertEquals(new HandshakeC2S("watson", "1.0", 3, NbtRoot.NAMELESS,
                List.of(Key.MODID, Key.VERSION, Key.PROTOCOL_VERSION)), p);
    }

    @Test
    void nbtStringsAreModifiedUtf8() {
        // modid "a\0é✓" + U+1D11E as a surrogate pair of 3-byte sequences.
        String modid = "08 0005 6d6f646964 000e 61 c080 c3a9 e29c93 eda0b4 edb49e";
        HandshakeC2S p = decode("0a " + modid + " " + VERSION + " " + PROTOCOL + " 00");
        assertEquals("a\0é✓\uD834\uDD1E", p.modId());
        assertEquals(Hex.of(Hex.bytes("0a " + modid + " " + VERSION + " " + PROTOCOL + " 00")),
                Hex.of(LedgerProtocol.encode(p)));
    }

    @Test
    void absentMalformedAndIncompleteHandshakesAreTyped() {
        assertEquals(NBT_ABSENT, failure("00"));
        assertEquals(NBT_MALFORMED, failure("08 0000"));
        assertEquals(TRUNCATED, failure(""));
        assertEquals(NBT_MISSING_KEY, failure("0a 00"));
        assertEquals(NBT_MISSING_KEY, failure("0a " + MODID + " " + VERSION + " 00"));
        assertEquals(NBT_DUPLICATE_KEY, failure("0a " + MODID + " " + MODID + " " + VERSION + " " + PROTOCOL + " 00"));
        assertEquals(NBT_WRONG_TYPE, failure("0a 08 0010 70726f746f636f6c5f76657273696f6e 0001 33 "
                + MODID + " " + VERSION + " 00"));
        assertEquals(NBT_WRONG_TYPE, failure("0a 03 0005 6d6f646964 00000001 " + VERSION + " " + PROTOCOL + " 00"));
        assertEquals(TRUNCATED, failure("0a " + MODID + " " + VERSION + " " + PROTOCOL));
        assertEquals(TRAILING_BYTES, failure("0a " + MODID + " " + VERSION + " " + PROTOCOL + " 00 00"));
        assertEquals(NBT_MALFORMED, failure("0a 0d 0001 61 00"));
        assertEquals(NBT_MALFORMED, failure("0a 09 0001 61 00 00000001 00"));
        assertEquals(NBT_MALFORMED, failure("0a 09 0001 61 0d 00000000 00"));
        assertEquals(NBT_MALFORMED, failure("0a 07 0001 61 ffffffff 00"));
        assertEquals(TRUNCATED, failure("0a 0b 0001 61 7fffffff 00"));
        assertEquals(TRUNCATED, failure("0a 09 0001 61 04 7fffffff 00"));
        assertEquals(MALFORMED_UTF8, failure("0a 08 0005 6d6f646964 0001 00 " + VERSION + " " + PROTOCOL + " 00"));
        assertEquals(MALFORMED_UTF8, failure("0a 08 0005 6d6f646964 0002 c181 " + VERSION + " " + PROTOCOL + " 00"));
        assertEquals(MALFORMED_UTF8, failure("0a 08 0005 6d6f646964 0003 eda0b4 " + VERSION + " " + PROTOCOL + " 00"));
        assertEquals(MALFORMED_UTF8, failure("0a 08 0001 ff 0000 00"));
    }

    @Test
    void depthIsLimitedBeforeRecursing() {
        // Root + 511 nested compounds = depth 512: allowed. One more: rejected.
        assertEquals(NBT_MISSING_KEY, failure(nested(511)));
        assertEquals(NBT_TOO_DEEP, failure(nested(512)));
        // Nested lists are limited the same way, far below what 32767 bytes could nest.
        StringBuilder lists = new StringBuilder("0a 09 0000");
        for (int i = 0; i < 600; i++) {
            lists.append(" 09 00000001");
        }
        assertEquals(NBT_TOO_DEEP, failure(lists.toString()));
        assertEquals(NBT_TOO_DEEP, failure(nested(3), new DecodeLimits(32767, 1 << 20, 32767, 4096, 3, 1 << 21)));
    }

    private static String nested(int compounds) {
        return "0a" + " 0a 0000".repeat(compounds) + " 00".repeat(compounds) + " 00";
    }

    @Test
    void sizeIsLimitedBeforeSkipping() {
        DecodeLimits small = new DecodeLimits(32767, 1 << 20, 32767, 4096, 512, 16);
        assertEquals(NBT_TOO_LARGE, failure("0a 07 0001 61 00000010 " + "00".repeat(16) + " 00", small));
        assertEquals(NBT_MISSING_KEY, failure("0a 07 0001 61 00000004 01020304 00", small));
    }

    @Test
    void encodingRejectsWhatTheWriterCannotRepresent() {
        assertThrows(IllegalArgumentException.class,
                () -> LedgerProtocol.encode(new HandshakeC2S("\ud800", "1.0", 3)));
        assertThrows(IllegalArgumentException.class,
                () -> LedgerProtocol.encode(new HandshakeC2S("a".repeat(65536), "1.0", 3)));
        assertThrows(IllegalArgumentException.class, () -> new HandshakeC2S("a", "b", 3, NbtRoot.NAMED,
                List.of(Key.MODID, Key.MODID, Key.VERSION)));
    }
}
