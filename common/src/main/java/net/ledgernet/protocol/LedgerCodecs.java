package net.ledgernet.protocol;

import java.util.List;
import java.util.UUID;
import net.ledgernet.protocol.LedgerPacket.ActionS2C;
import net.ledgernet.protocol.LedgerPacket.HandshakeC2S;
import net.ledgernet.protocol.LedgerPacket.HandshakeS2C;
import net.ledgernet.protocol.LedgerPacket.InspectC2S;
import net.ledgernet.protocol.LedgerPacket.MisreadInspect;
import net.ledgernet.protocol.LedgerPacket.MisreadPurge;
import net.ledgernet.protocol.LedgerPacket.MisreadRollback;
import net.ledgernet.protocol.LedgerPacket.PlayerC2S;
import net.ledgernet.protocol.LedgerPacket.PlayerS2C;
import net.ledgernet.protocol.LedgerPacket.PurgeC2S;
import net.ledgernet.protocol.LedgerPacket.ResponseS2C;
import net.ledgernet.protocol.LedgerPacket.RollbackC2S;
import net.ledgernet.protocol.LedgerPacket.SearchC2S;

/**
 * Every layout, field by field in wire order (ledger.md 1.4 and 1.5, ledger-networking-v2.md for
 * {@code ledger:player}). Counts and pages are plain ints, never VarInts.
 */
public final class LedgerCodecs {

    private LedgerCodecs() {
    }

    public static final PacketCodec<HandshakeC2S> HANDSHAKE_C2S = new PacketCodec<>(
            LedgerChannel.HANDSHAKE, HandshakeC2S.class, HandshakeNbt::read, HandshakeNbt::write);

    public static final PacketCodec<InspectC2S> INSPECT_C2S = new PacketCodec<>(
            LedgerChannel.INSPECT, InspectC2S.class,
            in -> {
                BlockPos pos = in.readBlockPos();
                return new InspectC2S(pos, in.readInt());
            },
            (p, out) -> out.writeBlockPos(p.pos()).writeInt(p.pages()));

    public static final PacketCodec<SearchC2S> SEARCH_C2S = new PacketCodec<>(
            LedgerChannel.SEARCH, SearchC2S.class,
            in -> {
                String input = in.readString();
                return new SearchC2S(input, in.readInt());
            },
            (p, out) -> out.writeString(p.input()).writeInt(p.pages()));

    public static final PacketCodec<RollbackC2S> ROLLBACK_C2S = new PacketCodec<>(
            LedgerChannel.ROLLBACK, RollbackC2S.class,
            in -> {
                boolean restore = in.readBoolean();
                return new RollbackC2S(restore, in.readString());
            },
            (p, out) -> out.writeBoolean(p.restore()).writeString(p.input()));

    public static final PacketCodec<PurgeC2S> PURGE_C2S = new PacketCodec<>(
            LedgerChannel.PURGE, PurgeC2S.class,
            in -> new PurgeC2S(in.readString()),
            (p, out) -> out.writeString(p.input()));

    public static final PacketCodec<PlayerC2S> PLAYER_C2S = new PacketCodec<>(
            LedgerChannel.PLAYER, PlayerC2S.class,
            in -> {
                UUID[] players = new UUID[in.readCount(16)];
                for (int i = 0; i < players.length; i++) {
                    players[i] = in.readUuid();
                }
                return new PlayerC2S(List.of(players));
            },
            (p, out) -> {
                out.writeInt(p.players().size());
                for (UUID uuid : p.players()) {
                    out.writeUuid(uuid);
                }
            });

    /** 1.3.2-1.3.4 {@code ledger:search}; the boolean is read leniently, as the backend reads it. */
    public static final PacketCodec<MisreadRollback> SEARCH_AS_ROLLBACK = new PacketCodec<>(
            LedgerChannel.SEARCH, MisreadRollback.class,
            in -> {
                boolean restore = in.readBooleanLenient();
                return new MisreadRollback(restore, in.readString());
            },
            (p, out) -> out.writeBoolean(p.restore()).writeString(p.input()));

    /** 1.3.2+ {@code ledger:rollback}. */
    public static final PacketCodec<MisreadPurge> ROLLBACK_AS_PURGE = new PacketCodec<>(
            LedgerChannel.ROLLBACK, MisreadPurge.class,
            in -> new MisreadPurge(in.readString()),
            (p, out) -> out.writeString(p.input()));

    /** 1.3.2+ {@code ledger:purge}. */
    public static final PacketCodec<MisreadInspect> PURGE_AS_INSPECT = new PacketCodec<>(
            LedgerChannel.PURGE, MisreadInspect.class,
            in -> {
                BlockPos pos = in.readBlockPos();
                return new MisreadInspect(pos, in.readInt());
            },
            (p, out) -> out.writeBlockPos(p.pos()).writeInt(p.pages()));

    public static final PacketCodec<HandshakeS2C> HANDSHAKE_S2C = new PacketCodec<>(
            LedgerChannel.HANDSHAKE, HandshakeS2C.class,
            in -> {
                int protocol = in.readInt();
                String version = in.readString();
                String[] types = new String[in.readCount(1)];
                for (int i = 0; i < types.length; i++) {
                    types[i] = in.readString();
                }
                return new HandshakeS2C(protocol, version, List.of(types));
            },
            (p, out) -> {
                out.writeInt(p.protocolVersion()).writeString(p.ledgerVersion()).writeInt(p.actionTypes().size());
                for (String type : p.actionTypes()) {
                    out.writeString(type);
                }
            });

    public static final PacketCodec<ActionS2C> ACTION_S2C = new PacketCodec<>(
            LedgerChannel.ACTION, ActionS2C.class,
            in -> {
                BlockPos pos = in.readBlockPos();
                String type = in.readString();
                Identifier world = in.readIdentifier();
                Identifier oldObject = in.readIdentifier();
                Identifier newObject = in.readIdentifier();
                String source = in.readString();
                long epochSecond = in.readLong();
                boolean rolledBack = in.readBoolean();
                return new ActionS2C(pos, type, world, oldObject, newObject, source, epochSecond, rolledBack,
                        in.readString());
            },
            (p, out) -> out.writeBlockPos(p.pos()).writeString(p.actionType()).writeIdentifier(p.world())
                    .writeIdentifier(p.oldObject()).writeIdentifier(p.newObject()).writeString(p.source())
                    .writeLong(p.epochSecond()).writeBoolean(p.rolledBack()).writeString(p.extraData()));

    public static final PacketCodec<ResponseS2C> RESPONSE_S2C = new PacketCodec<>(
            LedgerChannel.RESPONSE, ResponseS2C.class,
            in -> {
                Identifier type = in.readIdentifier();
                return new ResponseS2C(type, in.readInt());
            },
            (p, out) -> out.writeIdentifier(p.packetType()).writeInt(p.code()));

    public static final PacketCodec<PlayerS2C> PLAYER_S2C = new PacketCodec<>(
            LedgerChannel.PLAYER, PlayerS2C.class,
            in -> {
                UUID uuid = in.readUuid();
                String name = in.readString();
                long firstJoin = in.readLong();
                long lastJoin = in.readLong();
                BlockPos pos = in.readBlockPos();
                return new PlayerS2C(uuid, name, firstJoin, lastJoin, pos, in.readIdentifier());
            },
            (p, out) -> out.writeUuid(p.uuid()).writeString(p.name()).writeLong(p.firstJoin())
                    .writeLong(p.lastJoin()).writeBlockPos(p.lastJoinPos()).writeIdentifier(p.lastJoinDimension()));
}
