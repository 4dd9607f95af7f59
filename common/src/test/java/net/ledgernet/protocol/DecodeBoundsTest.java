package net.ledgernet.protocol;

import static net.ledgernet.protocol.LedgerDecodeException.Reason.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import net.ledgernet.protocol.LedgerPacket.HandshakeS2C;
import net.ledgernet.protocol.LedgerPacket.PlayerC2S;
import net.ledgernet.protocol.LedgerPacket.SearchC2S;
import org.junit.jupiter.api.Test;

/** Limits are enforced before reading, and configurable. */
class DecodeBoundsTest {

    private static LedgerDecodeException.Reason failure(PacketMap<?> map, String channel, byte[] b, DecodeLimits l) {
        return assertThrows(LedgerDecodeException.class, () -> map.decode(channel, b, 0, b.length, l)).reason();
    }

    @Test
    void payloadSizeIsCheckedPerDirectionBeforeAnythingIsRead() {
        PacketMap<LedgerPacket.C2S> c2s = PacketMap.c2s(LayoutGeneration.V2);
        // A valid inspect followed by padding up to 32768 bytes: rejected for size, not for trailing bytes.
        byte[] big = new byte[32768];
        assertEquals(PAYLOAD_TOO_LARGE, failure(c2s, "ledger:inspect", big, DecodeLimits.MINECRAFT));
        assertEquals(TRAILING_BYTES, failure(c2s, "ledger:inspect", new byte[32767], DecodeLimits.MINECRAFT));
        assertEquals(PAYLOAD_TOO_LARGE, failure(PacketMap.s2c(), "ledger:response", new byte[(1 << 20) + 1],
                DecodeLimits.MINECRAFT));
        DecodeLimits tiny = new DecodeLimits(11, 11, 32767, 4096, 512, 1 << 21);
        assertEquals(PAYLOAD_TOO_LARGE, failure(c2s, "ledger:inspect", Hex.bytes("000002bfffffb040 00000001"), tiny));
    }

    @Test
    void stringAndListLimitsAreConfigurable() {
        DecodeLimits limits = new DecodeLimits(32767, 1 << 20, 10, 2, 512, 1 << 21);
        PacketMap<LedgerPacket.C2S> c2s = PacketMap.c2s(LayoutGeneration.V3_1_3_5);
        assertEquals(new SearchC2S("0123456789", 1), c2s.decode("ledger:search",
                LedgerProtocol.encode(new SearchC2S("0123456789", 1)), 0, 15, limits));
        assertEquals(STRING_TOO_LONG, failure(c2s, "ledger:search",
                LedgerProtocol.encode(new SearchC2S("0123456789a", 1)), limits));
        byte[] three = LedgerProtocol.encode(new PlayerC2S(List.of(new UUID(1, 2), new UUID(3, 4), new UUID(5, 6))));
        assertEquals(COUNT_OUT_OF_RANGE, failure(c2s, "ledger:player", three, limits));
        byte[] types = LedgerProtocol.encode(new HandshakeS2C(3, "1.3.23", List.of("a", "b", "c")));
        assertEquals(COUNT_OUT_OF_RANGE, failure(PacketMap.s2c(), "ledger:handshake", types, limits));
    }

    @Test
    void theLargestPlayerListThatFitsAC2SPayloadDecodes() {
        // 4 + 2047 x 16 = 32756 bytes; one more UUID would not fit in 32767.
        List<UUID> uuids = new ArrayList<>(Collections.nCopies(2047, new UUID(-1, 7)));
        PlayerC2S p = new PlayerC2S(uuids);
        byte[] bytes = LedgerProtocol.encode(p);
        assertEquals(32756, bytes.length);
        assertEquals(p, LedgerProtocol.decodeC2S(LayoutGeneration.V2, "ledger:player", bytes));
        // A claimed count of 2^31-1 is refused from the 4-byte prefix alone.
        assertEquals(COUNT_OUT_OF_RANGE, failure(PacketMap.c2s(LayoutGeneration.V2), "ledger:player",
                Hex.bytes("7fffffff"), DecodeLimits.MINECRAFT));
    }

    @Test
    void decodingASliceReadsOnlyTheSlice() {
        byte[] inspect = Hex.bytes("ff ff 000002bfffffb040 00000001 ff");
        PacketMap<LedgerPacket.C2S> c2s = PacketMap.c2s(LayoutGeneration.V2);
        assertEquals(new LedgerPacket.InspectC2S(new BlockPos(10, 64, -5), 1),
                c2s.decode("ledger:inspect", inspect, 2, 12, DecodeLimits.MINECRAFT));
        assertEquals(TRUNCATED, assertThrows(LedgerDecodeException.class,
                () -> c2s.decode("ledger:inspect", inspect, 2, 11, DecodeLimits.MINECRAFT)).reason());
        // Bad slice bounds are the caller's bug, reported as such and before any decoding.
        assertThrows(IndexOutOfBoundsException.class,
                () -> c2s.decode("ledger:inspect", inspect, 10, 12, DecodeLimits.MINECRAFT));
    }

    @Test
    void aReusedReaderStartsClean() {
        PayloadReader reader = new PayloadReader();
        PacketMap<LedgerPacket.C2S> c2s = PacketMap.c2s(LayoutGeneration.V2);
        byte[] bad = Hex.bytes("000002bf");
        assertThrows(LedgerDecodeException.class, () -> c2s.decode("ledger:inspect",
                reader.reset(bad, 0, bad.length, DecodeLimits.MINECRAFT)));
        byte[] good = Hex.bytes("000002bfffffb040 00000001");
        assertEquals(new LedgerPacket.InspectC2S(new BlockPos(10, 64, -5), 1),
                c2s.decode(LedgerChannel.INSPECT, reader.reset(good, 0, good.length, DecodeLimits.MINECRAFT)));
    }

    @Test
    void limitsMustBeSane() {
        assertThrows(IllegalArgumentException.class, () -> new DecodeLimits(-1, 1, 1, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DecodeLimits(1, 1, Integer.MAX_VALUE, 1, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> new DecodeLimits(1, 1, 1, 1, 0, 1));
    }
}
