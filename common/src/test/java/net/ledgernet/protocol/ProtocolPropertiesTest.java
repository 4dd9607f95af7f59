package net.ledgernet.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

class ProtocolPropertiesTest {

    /** Every C2S channel of every generation, and every S2C channel. */
    static List<Object[]> allMapsAndChannels() {
        List<Object[]> out = new ArrayList<>();
        for (LayoutGeneration g : LayoutGeneration.values()) {
            for (String id : PacketMap.c2s(g).codecs().keySet()) {
                out.add(new Object[] {PacketMap.c2s(g), id});
            }
        }
        for (String id : PacketMap.s2c().codecs().keySet()) {
            out.add(new Object[] {PacketMap.s2c(), id});
        }
        return out;
    }

    @Provide
    Arbitrary<Object[]> mapAndChannel() {
        return Arbitraries.of(allMapsAndChannels());
    }

    @Provide
    Arbitrary<LedgerPacket> packets() {
        return PacketArbitraries.all().map(p -> (LedgerPacket) p);
    }

    @Property(tries = 2000)
    void roundTripIsExact(@ForAll("packets") LedgerPacket p) {
        byte[] bytes = LedgerProtocol.encode(p);
        LedgerPacket decoded = PacketArbitraries.mapFor(p).decode(p.channel().id(), bytes);
        assertEquals(p, decoded);
        assertArrayEquals(bytes, LedgerProtocol.encode(decoded));
    }

    @Property(tries = 500)
    void everyStrictPrefixIsTruncatedAndEveryExtensionHasTrailingBytes(@ForAll("packets") LedgerPacket p,
                                                                        @ForAll byte extra) {
        byte[] bytes = LedgerProtocol.encode(p);
        PacketMap<?> map = PacketArbitraries.mapFor(p);
        for (int len = 0; len < bytes.length; len++) {
            int l = len;
            LedgerDecodeException e = assertThrows(LedgerDecodeException.class,
                    () -> map.decode(p.channel().id(), bytes, 0, l, DecodeLimits.MINECRAFT));
            // A cut inside a UTF-8 sequence can surface as malformed text; a named NBT root cut to "0a 00" is a
            // complete empty nameless compound. Nothing else.
            boolean ok = e.reason() == LedgerDecodeException.Reason.TRUNCATED
                    || e.reason() == LedgerDecodeException.Reason.MALFORMED_UTF8
                    || p instanceof LedgerPacket.HandshakeC2S && l == 2
                    && e.reason() == LedgerDecodeException.Reason.NBT_MISSING_KEY;
            if (!ok) {
                throw new AssertionError("prefix of " + l + " bytes failed with " + e.reason());
            }
        }
        byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        longer[bytes.length] = extra;
        assertEquals(LedgerDecodeException.Reason.TRAILING_BYTES, assertThrows(LedgerDecodeException.class,
                () -> map.decode(p.channel().id(), longer)).reason());
    }

    @Property(tries = 3000)
    void arbitraryBytesYieldAPacketOrTheTypedError(@ForAll("mapAndChannel") Object[] target,
                                                   @ForAll @Size(max = 80) byte[] payload) {
        decodeOrTypedError((PacketMap<?>) target[0], (String) target[1], payload);
    }

    @Property(tries = 3000)
    void mutatedValidPayloadsYieldAPacketOrTheTypedError(@ForAll("packets") LedgerPacket p, @ForAll long seed) {
        byte[] mutated = Mutator.mutate(LedgerProtocol.encode(p), new Random(seed));
        decodeOrTypedError(PacketArbitraries.mapFor(p), p.channel().id(), mutated);
        // The same bytes on the other generations' maps of that channel, where the layouts differ.
        if (p instanceof LedgerPacket.C2S) {
            for (LayoutGeneration g : LayoutGeneration.values()) {
                decodeOrTypedError(PacketMap.c2s(g), p.channel().id(), mutated);
            }
        }
    }

    /**
     * Decodes; a packet must re-encode to bytes that decode to the same packet (canonical form), and to the very
     * same bytes where the layout has a single encoding for each value.
     */
    static void decodeOrTypedError(PacketMap<?> map, String channel, byte[] payload) {
        LedgerPacket p;
        try {
            p = map.decode(channel, payload);
        } catch (LedgerDecodeException expected) {
            return;
        }
        byte[] again = LedgerProtocol.encode(p);
        assertEquals(p, map.decode(channel, again));
        if (isByteExact(p)) {
            assertArrayEquals(payload, again, () -> "not byte-exact: " + p);
        }
    }

    /**
     * Layouts where decoding loses nothing. Not exact by design: skipped unknown NBT tags (handshake C2S),
     * the lenient boolean of the 1.3.2 search misread, and bare identifiers normalised to minecraft:.
     */
    private static boolean isByteExact(LedgerPacket p) {
        return !(p instanceof LedgerPacket.HandshakeC2S || p instanceof LedgerPacket.MisreadRollback
                || p instanceof LedgerPacket.S2C && !(p instanceof LedgerPacket.HandshakeS2C));
    }
}
