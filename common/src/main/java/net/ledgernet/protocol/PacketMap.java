package net.ledgernet.protocol;

import static net.ledgernet.protocol.LedgerDecodeException.Reason.PAYLOAD_TOO_LARGE;
import static net.ledgernet.protocol.LedgerDecodeException.Reason.UNKNOWN_CHANNEL;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Channel id to codec for one direction and layout generation, in the spirit of mcproto's packet maps.
 * The C2S maps say what a backend of that generation decodes; {@code ledger:player} (LedgerNet's own
 * extension, answered by the proxy) has the same layout in all of them. There is one S2C map for all
 * generations, because Ledger never changed an S2C layout.
 *
 * @param <D> {@link LedgerPacket.C2S} or {@link LedgerPacket.S2C}
 */
public final class PacketMap<D extends LedgerPacket> {

    public enum Direction { C2S, S2C }

    private static final PacketMap<LedgerPacket.S2C> S2C = new PacketMap<>(Direction.S2C, null,
            LedgerCodecs.HANDSHAKE_S2C, LedgerCodecs.ACTION_S2C, LedgerCodecs.RESPONSE_S2C, LedgerCodecs.PLAYER_S2C);

    private static final Map<LayoutGeneration, PacketMap<LedgerPacket.C2S>> C2S = new EnumMap<>(Map.of(
            LayoutGeneration.V2, new PacketMap<>(Direction.C2S, LayoutGeneration.V2,
                    LedgerCodecs.HANDSHAKE_C2S, LedgerCodecs.INSPECT_C2S, LedgerCodecs.SEARCH_C2S,
                    LedgerCodecs.ROLLBACK_C2S, LedgerCodecs.PURGE_C2S, LedgerCodecs.PLAYER_C2S),
            LayoutGeneration.V3_1_3_2, new PacketMap<>(Direction.C2S, LayoutGeneration.V3_1_3_2,
                    LedgerCodecs.HANDSHAKE_C2S, LedgerCodecs.INSPECT_C2S, LedgerCodecs.SEARCH_AS_ROLLBACK,
                    LedgerCodecs.ROLLBACK_AS_PURGE, LedgerCodecs.PURGE_AS_INSPECT, LedgerCodecs.PLAYER_C2S),
            LayoutGeneration.V3_1_3_5, new PacketMap<>(Direction.C2S, LayoutGeneration.V3_1_3_5,
                    LedgerCodecs.HANDSHAKE_C2S, LedgerCodecs.INSPECT_C2S, LedgerCodecs.SEARCH_C2S,
                    LedgerCodecs.ROLLBACK_AS_PURGE, LedgerCodecs.PURGE_AS_INSPECT, LedgerCodecs.PLAYER_C2S)));

    private final Direction direction;
    private final LayoutGeneration generation;
    private final Map<String, PacketCodec<? extends D>> byId;
    private final EnumMap<LedgerChannel, PacketCodec<? extends D>> byChannel = new EnumMap<>(LedgerChannel.class);

    @SafeVarargs
    private PacketMap(Direction direction, LayoutGeneration generation, PacketCodec<? extends D>... codecs) {
        this.direction = direction;
        this.generation = generation;
        Map<String, PacketCodec<? extends D>> ids = new LinkedHashMap<>();
        for (PacketCodec<? extends D> codec : codecs) {
            ids.put(codec.channel().id(), codec);
            byChannel.put(codec.channel(), codec);
        }
        this.byId = Collections.unmodifiableMap(ids); // registration order, stable across runs
    }

    /** What a backend of this generation decodes from clients. */
    public static PacketMap<LedgerPacket.C2S> c2s(LayoutGeneration generation) {
        return C2S.get(generation);
    }

    /** What backends send to clients (all generations). */
    public static PacketMap<LedgerPacket.S2C> s2c() {
        return S2C;
    }

    public Direction direction() {
        return direction;
    }

    /** The generation of a C2S map; empty for the S2C map, which serves all. */
    public Optional<LayoutGeneration> generation() {
        return Optional.ofNullable(generation);
    }

    /** Channel id to codec, immutable. */
    public Map<String, PacketCodec<? extends D>> codecs() {
        return byId;
    }

    public Optional<PacketCodec<? extends D>> codec(String channelId) {
        return Optional.ofNullable(byId.get(channelId));
    }

    public Optional<PacketCodec<? extends D>> codec(LedgerChannel channel) {
        return Optional.ofNullable(byChannel.get(channel));
    }

    public D decode(String channelId, byte[] payload) {
        return decode(channelId, payload, 0, payload.length, DecodeLimits.MINECRAFT);
    }

    public D decode(String channelId, byte[] payload, int off, int len, DecodeLimits limits) {
        return decode(channelId, new PayloadReader().reset(payload, off, len, limits));
    }

    /**
     * Decodes the whole of {@code in} (a reusable reader, for hot paths) on the given channel.
     *
     * @throws LedgerDecodeException for anything but exactly one well-formed packet; nothing else
     */
    public D decode(String channelId, PayloadReader in) {
        PacketCodec<? extends D> codec = byId.get(channelId);
        if (codec == null) {
            throw new LedgerDecodeException(UNKNOWN_CHANNEL, channelId + " has no " + direction + " codec");
        }
        return decode(codec, in);
    }

    public D decode(LedgerChannel channel, PayloadReader in) {
        PacketCodec<? extends D> codec = byChannel.get(channel);
        if (codec == null) {
            throw new LedgerDecodeException(UNKNOWN_CHANNEL, channel.id() + " has no " + direction + " codec");
        }
        return decode(codec, in);
    }

    private D decode(PacketCodec<? extends D> codec, PayloadReader in) {
        DecodeLimits limits = in.limits();
        int max = direction == Direction.C2S ? limits.maxC2SPayloadBytes() : limits.maxS2CPayloadBytes();
        if (in.remaining() > max) {
            throw new LedgerDecodeException(PAYLOAD_TOO_LARGE, in.remaining() + " bytes, limit " + max);
        }
        D packet = codec.read(in);
        in.expectEnd();
        return packet;
    }

    @Override
    public String toString() {
        return direction + (generation == null ? "" : " " + generation) + " " + byId.values();
    }
}
