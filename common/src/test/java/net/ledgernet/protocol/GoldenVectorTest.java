package net.ledgernet.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.UUID;
import net.ledgernet.protocol.LedgerPacket.ActionS2C;
import net.ledgernet.protocol.LedgerPacket.HandshakeC2S;
import net.ledgernet.protocol.LedgerPacket.HandshakeC2S.Key;
import net.ledgernet.protocol.LedgerPacket.HandshakeS2C;
import net.ledgernet.protocol.LedgerPacket.InspectC2S;
import net.ledgernet.protocol.LedgerPacket.PlayerC2S;
import net.ledgernet.protocol.LedgerPacket.PlayerS2C;
import net.ledgernet.protocol.LedgerPacket.PurgeC2S;
import net.ledgernet.protocol.LedgerPacket.ResponseS2C;
import net.ledgernet.protocol.LedgerPacket.RollbackC2S;
import net.ledgernet.protocol.LedgerPacket.SearchC2S;
import org.junit.jupiter.api.Test;

/**
 * Byte-exact vectors in both directions: the worked examples of ledger.md 1.2 verbatim, and vectors derived
 * by hand from the field order in Ledger's packet classes (ActionS2CPacket, HandshakeS2CPacket,
 * ResponseS2CPacket) and Watson's senders (PluginSearch/Rollback/Purge/InspectPacketHandler), which write
 * writeBlockPos/writeString/writeInt/writeBoolean/writeNbt in the order shown.
 */
class GoldenVectorTest {

    /** Decodes on the V2 (documented) map or the S2C map, asserts the record, and re-encodes to the same bytes. */
    private static void assertC2S(String hex, LedgerPacket.C2S expected) {
        byte[] bytes = Hex.bytes(hex);
        assertEquals(expected, PacketMap.c2s(LayoutGeneration.V2).decode(expected.channel().id(), bytes));
        assertEquals(Hex.of(bytes), Hex.of(LedgerProtocol.encode(expected)));
    }

    private static void assertS2C(String hex, LedgerPacket.S2C expected) {
        byte[] bytes = Hex.bytes(hex);
        assertEquals(expected, PacketMap.s2c().decode(expected.channel().id(), bytes));
        assertEquals(Hex.of(bytes), Hex.of(LedgerProtocol.encode(expected)));
    }

    // ---- ledger.md 1.2 worked examples, verbatim ----

    @Test
    void inspectWorkedExample() {
        assertC2S("00 00 02 bf ff ff b0 40 | 00 00 00 01", new InspectC2S(new BlockPos(10, 64, -5), 1));
    }

    @Test
    void handshakeC2SWorkedExampleNamelessInsertionOrder() {
        assertC2S("0a 08 00 05 6d6f646964 00 06 776174736f6e 08 00 07 76657273696f6e 00 03 312e30 03 00 10 "
                        + "70726f746f636f6c5f76657273696f6e 00000003 00",
                new HandshakeC2S("watson", "1.0", 3, NbtRoot.NAMELESS, List.of(Key.MODID, Key.VERSION,
                        Key.PROTOCOL_VERSION)));
    }

    @Test
    void handshakeC2SWorkedExampleNamedRoot() {
        assertC2S("0a 00 00 08 00 05 6d6f646964 00 06 776174736f6e 08 00 07 76657273696f6e 00 03 312e30 03 00 10 "
                        + "70726f746f636f6c5f76657273696f6e 00000003 00",
                new HandshakeC2S("watson", "1.0", 3, NbtRoot.NAMED, List.of(Key.MODID, Key.VERSION,
                        Key.PROTOCOL_VERSION)));
    }

    @Test
    void handshakeC2SInHashMapOrderBothRoots() {
        String entries = "03 00 10 70726f746f636f6c5f76657273696f6e 00000003 08 00 07 76657273696f6e 00 03 312e30 "
                + "08 00 05 6d6f646964 00 06 776174736f6e 00";
        assertC2S("0a " + entries, new HandshakeC2S("watson", "1.0", 3));
        assertC2S("0a 00 00 " + entries,
                new HandshakeC2S("watson", "1.0", 3, NbtRoot.NAMED, HandshakeC2S.HASH_MAP_ORDER));
    }

    @Test
    void responseWorkedExample() {
        assertS2C("0d 6c6564676572 3a 736561726368 | 00 00 00 02",
                new ResponseS2C(new Identifier("ledger", "search"), ResponseS2C.COMPLETED));
    }

    @Test
    void handshakeS2CWorkedExample() {
        assertS2C("00000003 | 06 312e332e3233 | 00000001 | 0b 626c6f636b2d627265616b",
                new HandshakeS2C(3, "1.3.23", List.of("block-break")));
    }

    // ---- derived vectors ----

    @Test
    void search() {
        assertC2S("28 616374696f6e3a626c6f636b2d627265616b2072616e67653a313020736f757263653a5374657665 | 00000001",
                new SearchC2S("action:block-break range:10 source:Steve", 1));
    }

    @Test
    void rollbackAndRestore() {
        String params = "1c 616374696f6e3a626c6f636b2d627265616b206265666f72653a3164";
        assertC2S("00 | " + params, new RollbackC2S(false, "action:block-break before:1d"));
        assertC2S("01 | " + params, new RollbackC2S(true, "action:block-break before:1d"));
    }

    @Test
    void purge() {
        assertC2S("0a 6265666f72653a333064", new PurgeC2S("before:30d"));
    }

    @Test
    void playerC2S() {
        assertC2S("00000002 | 069a79f444e94726a5befca90e38aaf5 | 853c80ef3c3749fdaa49938b674adae6",
                new PlayerC2S(List.of(UUID.fromString("069a79f4-44e9-4726-a5be-fca90e38aaf5"),
                        UUID.fromString("853c80ef-3c37-49fd-aa49-938b674adae6"))));
        assertC2S("00000000", new PlayerC2S(List.of()));
    }

    @Test
    void actionBlockBreakByPlayer() {
        assertS2C("0000193ffff38040 | 0b 626c6f636b2d627265616b | 13 6d696e6563726166743a6f766572776f726c64 "
                        + "| 0f 6d696e6563726166743a73746f6e65 | 0d 6d696e6563726166743a616972 | 05 5374657665 "
                        + "| 000000006553f100 | 00 | 00",
                new ActionS2C(new BlockPos(100, 64, -200), "block-break", Identifier.minecraft("overworld"),
                        Identifier.minecraft("stone"), Identifier.minecraft("air"), "Steve", 1_700_000_000L, false,
                        ""));
    }

    @Test
    void actionRolledBackWithSourceAndExtraData() {
        assertS2C("ffffffffffffffff | 0b 6974656d2d696e73657274 | 14 6d696e6563726166743a7468655f6e6574686572 "
                        + "| 0d 6d696e6563726166743a616972 | 11 6d696e6563726166743a6469616d6f6e64 | 05 4066697265 "
                        + "| 0000000000000000 | 01 | 21 7b436f756e743a31622c69643a226d696e6563726166743a6469616d6f6e64227d",
                new ActionS2C(new BlockPos(-1, -1, -1), "item-insert", Identifier.minecraft("the_nether"),
                        Identifier.minecraft("air"), Identifier.minecraft("diamond"), "@fire", 0L, true,
                        "{Count:1b,id:\"minecraft:diamond\"}"));
    }

    @Test
    void playerS2C() {
        assertS2C("069a79f444e94726a5befca90e38aaf5 | 05 4e6f746368 | 000000005f5e1000 | 000000006553f100 "
                        + "| 0000000000000046 | 13 6d696e6563726166743a6f766572776f726c64",
                new PlayerS2C(UUID.fromString("069a79f4-44e9-4726-a5be-fca90e38aaf5"), "Notch", 1_600_000_000L,
                        1_700_000_000L, new BlockPos(0, 70, 0), Identifier.minecraft("overworld")));
    }

    @Test
    void blockPosEdgeValues() {
        assertC2S("8000002000000800 | 00000000", new InspectC2S(new BlockPos(-33554432, -2048, -33554432), 0));
        assertC2S("7fffffdffffff7ff | 7fffffff", new InspectC2S(new BlockPos(33554431, 2047, 33554431),
                Integer.MAX_VALUE));
        assertC2S("8000001ffffff7ff | 80000000", new InspectC2S(new BlockPos(-33554432, 2047, 33554431),
                Integer.MIN_VALUE));
        assertC2S("0000000000000000 | ffffffff", new InspectC2S(new BlockPos(0, 0, 0), -1));
    }

    @Test
    void multiByteUtf8() {
        // é (2 bytes), ✓ (3 bytes), U+1D11E (4 bytes, two UTF-16 units)
        assertC2S("09 c3a9 e29c93 f09d849e | 00000002", new SearchC2S("é✓\uD834\uDD1E", 2));
    }

    @Test
    void longestStringMinecraftWrites() {
        // 32767 x U+20AC = 98301 bytes, the largest prefix Minecraft reads (fd ff 05); only fits S2C.
        String max = "€".repeat(32767);
        byte[] encoded = LedgerProtocol.encode(new PurgeC2S(max));
        assertEquals("fdff05e282ac", Hex.of(encoded).substring(0, 12));
        assertEquals(98304, encoded.length);
        ActionS2C action = new ActionS2C(new BlockPos(0, 0, 0), "block-break", Identifier.minecraft("overworld"),
                Identifier.minecraft("stone"), Identifier.minecraft("air"), "Steve", 0, false, max);
        assertEquals(action, LedgerProtocol.decodeS2C("ledger:action", LedgerProtocol.encode(action)));
        // The largest C2S purge: 32764 ASCII chars (prefix fc ff 01) make exactly 32767 payload bytes.
        PurgeC2S ascii = new PurgeC2S("a".repeat(32767 - 3));
        byte[] asciiBytes = LedgerProtocol.encode(ascii);
        assertEquals("fcff01", Hex.of(asciiBytes).substring(0, 6));
        assertEquals(32767, asciiBytes.length);
        assertEquals(ascii, LedgerProtocol.decodeC2S(LayoutGeneration.V2, "ledger:purge", asciiBytes));
    }
}
