package net.ledgernet.protocol;

import static net.ledgernet.protocol.LayoutGeneration.V2;
import static net.ledgernet.protocol.LayoutGeneration.V3_1_3_2;
import static net.ledgernet.protocol.LayoutGeneration.V3_1_3_5;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Optional;
import net.ledgernet.protocol.LedgerPacket.InspectC2S;
import net.ledgernet.protocol.LedgerPacket.MisreadInspect;
import net.ledgernet.protocol.LedgerPacket.MisreadPurge;
import net.ledgernet.protocol.LedgerPacket.MisreadRollback;
import net.ledgernet.protocol.LedgerPacket.PurgeC2S;
import net.ledgernet.protocol.LedgerPacket.RollbackC2S;
import net.ledgernet.protocol.LedgerPacket.SearchC2S;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/** What each backend generation does with the bytes a documented client (Watson) sends (ledger.md 1.5). */
class LayoutGenerationTest {

    private static final String ROLLBACK = "00 1c 616374696f6e3a626c6f636b2d627265616b206265666f72653a3164";
    private static final String RESTORE = "01 1c 616374696f6e3a626c6f636b2d627265616b206265666f72653a3164";
    private static final String PURGE = "0a 6265666f72653a333064";
    private static final String SEARCH =
            "28 616374696f6e3a626c6f636b2d627265616b2072616e67653a313020736f757263653a5374657665 00000001";

    private static LedgerPacket.C2S decode(LayoutGeneration g, String channel, String hex) {
        return LedgerProtocol.decodeC2S(g, channel, Hex.bytes(hex));
    }

    private static LedgerDecodeException.Reason failure(LayoutGeneration g, String channel, String hex) {
        return assertThrows(LedgerDecodeException.class, () -> decode(g, channel, hex)).reason();
    }

    @Test
    void v2DecodesTheDocumentedLayouts() {
        assertEquals(new RollbackC2S(false, "action:block-break before:1d"), decode(V2, "ledger:rollback", ROLLBACK));
        assertEquals(Operation.RESTORE, decode(V2, "ledger:rollback", RESTORE).operation());
        assertEquals(new PurgeC2S("before:30d"), decode(V2, "ledger:purge", PURGE));
        assertEquals(new SearchC2S("action:block-break range:10 source:Steve", 1), decode(V2, "ledger:search", SEARCH));
    }

    @ParameterizedTest
    @EnumSource(value = LayoutGeneration.class, names = {"V3_1_3_2", "V3_1_3_5"})
    void documentedRollbackNeverDecodesCleanlyAsPurgeOn132Plus(LayoutGeneration g) {
        // The restore byte is read as the string length: 0 gives "" with 29 bytes left over; 1 gives one char
        // (0x1c) with 28 left over.
        assertEquals(LedgerDecodeException.Reason.TRAILING_BYTES, failure(g, "ledger:rollback", ROLLBACK));
        assertEquals(LedgerDecodeException.Reason.TRAILING_BYTES, failure(g, "ledger:rollback", RESTORE));
    }

    @ParameterizedTest
    @EnumSource(value = LayoutGeneration.class, names = {"V3_1_3_2", "V3_1_3_5"})
    void documentedRestoreWithEmptyParamsWouldPurgeOn132Plus(LayoutGeneration g) {
        // restore = true, input "" is 01 00: read as a one-char string "\0", i.e. a purge.
        LedgerPacket.C2S p = decode(g, "ledger:rollback", "01 00");
        assertEquals(new MisreadPurge("\0"), p);
        assertEquals(Operation.PURGE, p.operation());
        assertEquals(LedgerChannel.PURGE, p.operation().responseType());
        assertInstanceOf(LedgerPacket.Misread.class, p);
        assertEquals(new RollbackC2S(true, ""), decode(V2, "ledger:rollback", "01 00"));
    }

    @ParameterizedTest
    @EnumSource(value = LayoutGeneration.class, names = {"V3_1_3_2", "V3_1_3_5"})
    void documentedPurgeIsReadAsInspectOn132Plus(LayoutGeneration g) {
        // 11 bytes cannot fill BlockPos + int.
        assertEquals(LedgerDecodeException.Reason.TRUNCATED, failure(g, "ledger:purge", PURGE));
        // "before:100d" is exactly 12 bytes with its prefix: an inspect of a garbage position.
        LedgerPacket.C2S p = decode(g, "ledger:purge", "0b 6265666f72653a31303064");
        assertEquals(new MisreadInspect(new BlockPos(2984341, 1338, -26806490), 825241700), p);
        assertEquals(Operation.INSPECT, p.operation());
        assertEquals("ledger.commands.inspect", p.operation().permission());
    }

    @Test
    void documentedSearchIsARollbackOrRestoreOn132To134Only() {
        // A typical search: its length byte 0x28 becomes restore = true, then 'a' (97) is a length too long.
        assertEquals(LedgerDecodeException.Reason.TRUNCATED, failure(V3_1_3_2, "ledger:search", SEARCH));
        assertEquals(new SearchC2S("action:block-break range:10 source:Steve", 1),
                decode(V3_1_3_5, "ledger:search", SEARCH));
        // A search whose first char (' ' = 32) equals the bytes after it decodes cleanly: a RESTORE of the rest.
        String crafted = "1d 20616374696f6e3a626c6f636b2d627265616b2072616e67653a313020 00000001";
        assertEquals(new SearchC2S(" action:block-break range:10 ", 1), decode(V2, "ledger:search", crafted));
        LedgerPacket.C2S p = decode(V3_1_3_2, "ledger:search", crafted);
        assertEquals(new MisreadRollback(true, "action:block-break range:10 \0\0\0\1"), p);
        assertEquals(Operation.RESTORE, p.operation());
        assertEquals("ledger.commands.rollback", p.operation().permission());
        // An empty search with zero pages: restore = false, "" and three bytes left over.
        assertEquals(LedgerDecodeException.Reason.TRAILING_BYTES, failure(V3_1_3_2, "ledger:search", "00 00000000"));
        assertEquals(new MisreadRollback(false, ""), decode(V3_1_3_2, "ledger:search", "00 00"));
        assertEquals(Operation.ROLLBACK, decode(V3_1_3_2, "ledger:search", "00 00").operation());
    }

    @ParameterizedTest
    @EnumSource(LayoutGeneration.class)
    void inspectHandshakeAndPlayerAreTheSameInEveryGeneration(LayoutGeneration g) {
        assertEquals(new InspectC2S(new BlockPos(10, 64, -5), 1),
                decode(g, "ledger:inspect", "000002bfffffb040 00000001"));
        assertEquals(Operation.HANDSHAKE, decode(g, "ledger:handshake",
                "0a 03 0010 70726f746f636f6c5f76657273696f6e 00000003 08 0007 76657273696f6e 0003 312e30 "
                        + "08 0005 6d6f646964 0006 776174736f6e 00").operation());
        assertEquals(Operation.PLAYER_LOOKUP, decode(g, "ledger:player", "00000000").operation());
    }

    @Test
    void misreadRecordsReEncodeToTheLayoutTheBackendReads() {
        assertEquals("0100", Hex.of(LedgerProtocol.encode(new MisreadPurge("\0"))));
        assertEquals("0b6265666f72653a31303064", Hex.of(LedgerProtocol.encode(
                new MisreadInspect(new BlockPos(2984341, 1338, -26806490), 825241700))));
        assertEquals("010161", Hex.of(LedgerProtocol.encode(new MisreadRollback(true, "a"))));
    }

    @Test
    void mapsListWhatEachGenerationDecodes() {
        assertEquals(LedgerPacket.RollbackC2S.class,
                PacketMap.c2s(V2).codec("ledger:rollback").orElseThrow().type());
        assertEquals(MisreadPurge.class, PacketMap.c2s(V3_1_3_2).codec("ledger:rollback").orElseThrow().type());
        assertEquals(MisreadPurge.class, PacketMap.c2s(V3_1_3_5).codec("ledger:rollback").orElseThrow().type());
        assertEquals(MisreadRollback.class, PacketMap.c2s(V3_1_3_2).codec("ledger:search").orElseThrow().type());
        assertEquals(SearchC2S.class, PacketMap.c2s(V3_1_3_5).codec("ledger:search").orElseThrow().type());
        assertEquals(MisreadInspect.class, PacketMap.c2s(V3_1_3_5).codec(LedgerChannel.PURGE).orElseThrow().type());
        for (LayoutGeneration g : LayoutGeneration.values()) {
            PacketMap<LedgerPacket.C2S> map = PacketMap.c2s(g);
            assertEquals(Optional.of(g), map.generation());
            for (LedgerChannel ch : LedgerChannel.values()) {
                assertEquals(ch.clientToServer(), map.codec(ch.id()).isPresent(), ch.id());
                assertEquals(ch.serverToClient(), PacketMap.s2c().codec(ch).isPresent(), ch.id());
            }
        }
        assertFalse(PacketMap.s2c().generation().isPresent());
        assertEquals(LedgerDecodeException.Reason.UNKNOWN_CHANNEL, failure(V2, "ledger:action", "00"));
        assertEquals(LedgerDecodeException.Reason.UNKNOWN_CHANNEL, failure(V2, "ledger.purge", PURGE));
    }

    @ParameterizedTest
    @CsvSource({"2, 1.2.10, V2", "2, 1.3.18, V2", "3, 1.3.0, V2", "3, 1.3.1, V2", "3, 1.3.2, V3_1_3_2",
            "3, 1.3.4, V3_1_3_2", "3, 1.3.5, V3_1_3_5", "3, 1.3.13-fixtimestamp, V3_1_3_5", "3, 1.3.23, V3_1_3_5",
            "3, 1.4.0, V3_1_3_5", "3, 2.0.0, V3_1_3_5"})
    void generationFromTheBackendHandshake(int protocol, String version, LayoutGeneration expected) {
        assertEquals(Optional.of(expected), LayoutGeneration.forBackend(protocol, version));
    }

    @ParameterizedTest
    @CsvSource({"1, 1.1.0", "4, 1.3.23", "3, ''", "3, 1.3", "3, x.3.5", "3, 1..5", "3, 0.3.5"})
    void unknownBackendsHaveNoGeneration(int protocol, String version) {
        assertEquals(Optional.empty(), LayoutGeneration.forBackend(protocol, version));
    }
}
