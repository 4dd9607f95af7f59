package net.ledgernet.protocol;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every plugin-message channel Ledger speaks, with the directions it may travel in.
 * The ids are the wire ids (colon form); Ledger's own docs misspell some with dots.
 * {@code ledger:player} is LedgerNet's protocol-2 extension: no upstream Ledger sends or answers it.
 */
public enum LedgerChannel {
    HANDSHAKE("handshake", true, true),
    INSPECT("inspect", true, false),
    SEARCH("search", true, false),
    ROLLBACK("rollback", true, false),
    PURGE("purge", true, false),
    PLAYER("player", true, true),
    ACTION("action", false, true),
    RESPONSE("response", false, true);

    public static final String NAMESPACE = "ledger";

    private static final Map<String, LedgerChannel> BY_ID =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(LedgerChannel::id, Function.identity()));

    private final String path;
    private final String id;
    private final boolean clientToServer;
    private final boolean serverToClient;

    LedgerChannel(String path, boolean clientToServer, boolean serverToClient) {
        this.path = path;
        this.id = NAMESPACE + ":" + path;
        this.clientToServer = clientToServer;
        this.serverToClient = serverToClient;
    }

    /** The identifier path, e.g. {@code search}. */
    public String path() {
        return path;
    }

    /** The full wire id, e.g. {@code ledger:search}. */
    public String id() {
        return id;
    }

    /** Whether a client (a player) may send on this channel. */
    public boolean clientToServer() {
        return clientToServer;
    }

    /** Whether a backend may send on this channel. */
    public boolean serverToClient() {
        return serverToClient;
    }

    /** Where a connection announces the channels it accepts (Minecraft 1.13+). */
    public static final String REGISTER_CHANNEL = "minecraft:register";

    /**
     * Every Ledger channel, NUL-separated, as a {@code minecraft:register} payload: a client mod such
     * as Watson 1.20.6+ sends only on channels announced to it.
     */
    public static byte[] registerPayload() {
        return Stream.of(values()).map(LedgerChannel::id).collect(Collectors.joining("\0"))
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }

    /**
     * Whether {@code channelId} is in Ledger's namespace, however a modified client spells its case:
     * such a message is LedgerNet's to decide on, even when no Ledger channel has that id.
     */
    public static boolean inNamespace(String channelId) {
        return channelId != null && channelId.regionMatches(true, 0, NAMESPACE + ":", 0, NAMESPACE.length() + 1);
    }

    public static Optional<LedgerChannel> byId(String id) {
        return Optional.ofNullable(BY_ID.get(id));
    }
}
