package net.ledgernet.protocol;

import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Every Ledger plugin message as an immutable record, one per channel, direction and layout.
 * Layouts live in {@link LedgerCodecs}; which layout a channel has for a backend lives in {@link PacketMap}.
 * Strings are checked against Minecraft's limits when written, not when constructed.
 */
public sealed interface LedgerPacket {

    /** The channel this packet travels on. */
    LedgerChannel channel();

    /** Client to server. */
    sealed interface C2S extends LedgerPacket {
        /** What the receiving backend does with it. */
        Operation operation();
    }

    /** Server to client. */
    sealed interface S2C extends LedgerPacket {
    }

    /**
     * A layout that Ledger 1.3.2+ decodes on a channel whose documented layout differs (ledger.md 1.5).
     * Decoding documented bytes into one of these says what that backend would really do.
     */
    sealed interface Misread extends C2S {
    }

    // ---- C2S, documented layouts (v2) ----

    /**
     * {@code ledger:handshake} C2S: an NBT compound with {@code modid}, {@code version} (TAG_String) and
     * {@code protocol_version} (TAG_Int). {@code root} and {@code keyOrder} record how it was framed so that
     * re-encoding is byte-exact; real clients write Java {@code HashMap} order. Unknown extra tags (and a
     * non-empty named-root name, which Minecraft never writes) are skipped on decode and not re-emitted.
     */
    record HandshakeC2S(String modId, String version, int protocolVersion, NbtRoot root, List<Key> keyOrder)
            implements C2S {

        /** The three keys, with their NBT names. */
        public enum Key {
            MODID("modid"), VERSION("version"), PROTOCOL_VERSION("protocol_version");

            private final String nbtName;

            Key(String nbtName) {
                this.nbtName = nbtName;
            }

            public String nbtName() {
                return nbtName;
            }
        }

        /** What a Java client's {@code HashMap}-backed compound iterates: protocol_version, version, modid. */
        public static final List<Key> HASH_MAP_ORDER = List.of(Key.PROTOCOL_VERSION, Key.VERSION, Key.MODID);

        public HandshakeC2S {
            Objects.requireNonNull(modId, "modId");
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(root, "root");
            keyOrder = List.copyOf(keyOrder);
            if (keyOrder.size() != 3 || !keyOrder.containsAll(List.of(Key.values()))) {
                throw new IllegalArgumentException("keyOrder must be a permutation of the three keys: " + keyOrder);
            }
        }

        /** As a real client on MC 1.20.2+ writes it. */
        public HandshakeC2S(String modId, String version, int protocolVersion) {
            this(modId, version, protocolVersion, NbtRoot.NAMELESS, HASH_MAP_ORDER);
        }

        @Override
        public LedgerChannel channel() {
            return LedgerChannel.HANDSHAKE;
        }

        @Override
        public Operation operation() {
            return Operation.HANDSHAKE;
        }
    }

    /** {@code ledger:inspect}: BlockPos, int pages. */
    record InspectC2S(BlockPos pos, int pages) implements C2S {
        public InspectC2S {
            Objects.requireNonNull(pos, "pos");
        }

        @Override
        public LedgerChannel channel() {
            return LedgerChannel.INSPECT;
        }

        @Override
        public Operation operation() {
            return Operation.INSPECT;
        }
    }

    /** {@code ledger:search}: String input (search parameters), int pages. */
    record SearchC2S(String input, int pages) implements C2S {
        public SearchC2S {
            Objects.requireNonNull(input, "input");
        }

        @Override
        public LedgerChannel channel() {
            return LedgerChannel.SEARCH;
        }

        @Override
        public Operation operation() {
            return Operation.SEARCH;
        }
    }

    /** {@code ledger:rollback} as documented and decoded by v2: boolean restore, String input. */
    record RollbackC2S(boolean restore, String input) implements C2S {
        public RollbackC2S {
            Objects.requireNonNull(input, "input");
        }

        @Override
        public LedgerChannel channel() {
            return LedgerChannel.ROLLBACK;
        }

        @Override
        public Operation operation() {
            return restore ? Operation.RESTORE : Operation.ROLLBACK;
        }
    }

    /** {@code ledger:purge} as documented and decoded by v2: String input. */
    record PurgeC2S(String input) implements C2S {
        public PurgeC2S {
            Objects.requireNonNull(input, "input");
        }

        @Override
        public LedgerChannel channel() {
            return LedgerChannel.PURGE;
        }

        @Override
        public Operation operation() {
            return Operation.PURGE;
        }
    }

    /** {@code ledger:player} C2S (LedgerNet extension): int n, n UUIDs. */
    record PlayerC2S(List<UUID> players) implements C2S {
        public PlayerC2S {
            players = List.copyOf(players);
        }

        @Override
        public LedgerChannel channel() {
            return LedgerChannel.PLAYER;
        }

        @Override
        public Operation operation() {
            return Operation.PLAYER_LOOKUP;
        }
    }

    // ---- C2S, what Ledger 1.3.2+ decodes instead ----

    /**
     * {@code ledger:search} on 1.3.2-1.3.4: boolean restore, String input, and it rolls back or restores.
     * The boolean is read as Minecraft does (any non-zero byte is true), because that is what the backend does:
     * a documented search's length byte becomes {@code restore = true}.
     */
    record MisreadRollback(boolean restore, String input) implements Misread {
        public MisreadRollback {
            Objects.requireNonNull(input, "input");
        }

        @Override
        public LedgerChannel channel() {
            return LedgerChannel.SEARCH;
        }

        @Override
        public Operation operation() {
            return restore ? Operation.RESTORE : Operation.ROLLBACK;
        }
    }

    /** {@code ledger:rollback} on 1.3.2+: a single String, and it PURGES. */
    record MisreadPurge(String input) implements Misread {
        public MisreadPurge {
            Objects.requireNonNull(input, "input");
        }

        @Override
        public LedgerChannel channel() {
            return LedgerChannel.ROLLBACK;
        }

        @Override
        public Operation operation() {
            return Operation.PURGE;
        }
    }

    /** {@code ledger:purge} on 1.3.2+: BlockPos, int pages, and it INSPECTS. */
    record MisreadInspect(BlockPos pos, int pages) implements Misread {
        public MisreadInspect {
            Objects.requireNonNull(pos, "pos");
        }

        @Override
        public LedgerChannel channel() {
            return LedgerChannel.PURGE;
        }

        @Override
        public Operation operation() {
            return Operation.INSPECT;
        }
    }

    // ---- S2C (identical in every generation) ----

    /** {@code ledger:handshake} S2C: int protocol, String Ledger version, int n, n action-type ids. */
    record HandshakeS2C(int protocolVersion, String ledgerVersion, List<String> actionTypes) implements S2C {
        public HandshakeS2C {
            Objects.requireNonNull(ledgerVersion, "ledgerVersion");
            actionTypes = List.copyOf(actionTypes);
        }

        @Override
        public LedgerChannel channel() {
            return LedgerChannel.HANDSHAKE;
        }
    }

    /**
     * {@code ledger:action}: one logged action. {@code source} is a player name or {@code @}+source;
     * {@code extraData} is SNBT text or "".
     */
    record ActionS2C(BlockPos pos, String actionType, Identifier world, Identifier oldObject, Identifier newObject,
                     String source, long epochSecond, boolean rolledBack, String extraData) implements S2C {
        public ActionS2C {
            Objects.requireNonNull(pos, "pos");
            Objects.requireNonNull(actionType, "actionType");
            Objects.requireNonNull(world, "world");
            Objects.requireNonNull(oldObject, "oldObject");
            Objects.requireNonNull(newObject, "newObject");
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(extraData, "extraData");
        }

        /** The same action in another dimension (the proxy's per-backend dimension rewrite). */
        public ActionS2C withWorld(Identifier newWorld) {
            return new ActionS2C(pos, actionType, newWorld, oldObject, newObject, source, epochSecond, rolledBack,
                    extraData);
        }

        @Override
        public LedgerChannel channel() {
            return LedgerChannel.ACTION;
        }
    }

    /** {@code ledger:response}: the packet type responded to and a code (0 denied .. 4 busy). */
    record ResponseS2C(Identifier packetType, int code) implements S2C {
        public static final int NO_PERMISSION = 0;
        public static final int EXECUTING = 1;
        public static final int COMPLETED = 2;
        public static final int ERROR = 3;
        public static final int BUSY = 4;

        public ResponseS2C {
            Objects.requireNonNull(packetType, "packetType");
        }

        /** The response to a request on {@code request} (its type id is that channel's). */
        public static ResponseS2C of(LedgerChannel request, int code) {
            return new ResponseS2C(new Identifier(LedgerChannel.NAMESPACE, request.path()), code);
        }

        @Override
        public LedgerChannel channel() {
            return LedgerChannel.RESPONSE;
        }
    }

    /**
     * {@code ledger:player} S2C (LedgerNet extension): UUID, name, first join and last join (epoch seconds),
     * last-join BlockPos and dimension.
     */
    record PlayerS2C(UUID uuid, String name, long firstJoin, long lastJoin, BlockPos lastJoinPos,
                     Identifier lastJoinDimension) implements S2C {
        public PlayerS2C {
            Objects.requireNonNull(uuid, "uuid");
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(lastJoinPos, "lastJoinPos");
            Objects.requireNonNull(lastJoinDimension, "lastJoinDimension");
        }

        @Override
        public LedgerChannel channel() {
            return LedgerChannel.PLAYER;
        }
    }
}
