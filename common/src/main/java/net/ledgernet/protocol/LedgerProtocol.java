package net.ledgernet.protocol;

import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Entry points. Decoding goes through a {@link PacketMap} (direction + layout generation); encoding needs only
 * the packet, since each record has exactly one layout.
 */
public final class LedgerProtocol {

    private static final Map<Class<?>, PacketCodec<?>> BY_TYPE = new IdentityHashMap<>();

    static {
        for (PacketCodec<?> codec : new PacketCodec<?>[] {
                LedgerCodecs.HANDSHAKE_C2S, LedgerCodecs.INSPECT_C2S, LedgerCodecs.SEARCH_C2S,
                LedgerCodecs.ROLLBACK_C2S, LedgerCodecs.PURGE_C2S, LedgerCodecs.PLAYER_C2S,
                LedgerCodecs.SEARCH_AS_ROLLBACK, LedgerCodecs.ROLLBACK_AS_PURGE, LedgerCodecs.PURGE_AS_INSPECT,
                LedgerCodecs.HANDSHAKE_S2C, LedgerCodecs.ACTION_S2C, LedgerCodecs.RESPONSE_S2C,
                LedgerCodecs.PLAYER_S2C}) {
            BY_TYPE.put(codec.type(), codec);
        }
    }

    private LedgerProtocol() {
    }

    /** What a backend of {@code generation} would decode from these bytes on {@code channelId}. */
    public static LedgerPacket.C2S decodeC2S(LayoutGeneration generation, String channelId, byte[] payload) {
        return PacketMap.c2s(generation).decode(channelId, payload);
    }

    public static LedgerPacket.S2C decodeS2C(String channelId, byte[] payload) {
        return PacketMap.s2c().decode(channelId, payload);
    }

    /** The codec that writes this record's layout. */
    @SuppressWarnings("unchecked")
    public static <P extends LedgerPacket> PacketCodec<P> codecFor(P packet) {
        return (PacketCodec<P>) BY_TYPE.get(packet.getClass());
    }

    /** Appends the payload (no channel, no length prefix) to {@code out}. */
    public static void encode(LedgerPacket packet, PayloadWriter out) {
        codecFor(packet).write(packet, out);
    }

    public static byte[] encode(LedgerPacket packet) {
        PayloadWriter out = new PayloadWriter(64);
        encode(packet, out);
        return out.toByteArray();
    }
}
