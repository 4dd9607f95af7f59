package net.ledgernet.routing;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import net.ledgernet.LedgerNetVersion;
import net.ledgernet.config.BackendConfig;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.config.PermissionNodes;
import net.ledgernet.permission.PermissionPolicy;
import net.ledgernet.protocol.Identifier;
import net.ledgernet.protocol.LayoutGeneration;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.protocol.LedgerDecodeException;
import net.ledgernet.protocol.LedgerPacket;
import net.ledgernet.protocol.LedgerPacket.ActionS2C;
import net.ledgernet.protocol.LedgerPacket.HandshakeC2S;
import net.ledgernet.protocol.LedgerPacket.HandshakeS2C;
import net.ledgernet.protocol.LedgerPacket.InspectC2S;
import net.ledgernet.protocol.LedgerPacket.PlayerC2S;
import net.ledgernet.protocol.LedgerPacket.PurgeC2S;
import net.ledgernet.protocol.LedgerPacket.ResponseS2C;
import net.ledgernet.protocol.LedgerPacket.RollbackC2S;
import net.ledgernet.protocol.LedgerPacket.SearchC2S;
import net.ledgernet.protocol.LedgerProtocol;
import net.ledgernet.protocol.NbtRoot;
import net.ledgernet.protocol.PacketMap;
import net.ledgernet.routing.RouteDecision.Refuse;
import net.ledgernet.search.Range;
import net.ledgernet.search.SearchQuery;

/**
 * The interception decision for every Ledger plugin message crossing the proxy: forward, rewrite,
 * answer, run as a command, or refuse. Names no platform; decides synchronously and never blocks.
 *
 * <p>Client packets are decoded with the documented (protocol 2) layouts, which every client mod
 * sends; they reach a backend only in a layout that backend decodes as sent (see
 * {@link #rollbackOrPurge}). Backend packets are decoded only where something must be learnt or
 * rewritten.
 */
public final class LedgerRouter {
    /** Ledger's built-in action types (ledger.md §5), advertised until backends tell their own. */
    static final List<String> LEDGER_ACTION_TYPES = List.of("block-break", "block-place", "block-change",
            "item-insert", "item-remove", "item-pick-up", "item-drop", "entity-kill", "entity-change",
            "entity-mount", "entity-dismount");
    /** Client protocol numbers LedgerNet bridges: 2 and 3 share every layout. */
    static final Set<Integer> CLIENT_PROTOCOLS = Set.of(2, 3);
    /** Minecraft's chat limit: a longer command is refused by the backend (and may kick the player). */
    static final int MAX_COMMAND_LENGTH = 256;

    private final LedgerNetConfig config;
    private final PermissionPolicy permissions;
    private final RequestLimiter limiter;
    private final SearchStrings searches;
    private final Map<String, BackendState> backends = new ConcurrentHashMap<>();
    private final Map<UUID, PlayerSession> sessions = new ConcurrentHashMap<>();

    public LedgerRouter(LedgerNetConfig config, PermissionPolicy permissions, RequestLimiter limiter) {
        this.config = config;
        this.permissions = permissions;
        this.limiter = limiter;
        this.searches = new SearchStrings(config);
        for (BackendConfig backend : config.backends().values()) {
            backends.put(backend.name(), BackendState.configured(backend.name(), backend.ledgerVersion()));
        }
    }

    /**
     * @param backend the backend on the other end: the one a client message goes to, or the one a
     *                backend message comes from; empty while the player has no server
     */
    public RouteDecision route(MessageOrigin origin, PlayerLink link, Optional<String> backend, LedgerChannel channel,
                               byte[] data) {
        Who who = new Who(origin, link, backend);
        if (origin == MessageOrigin.PLAYER && !channel.clientToServer()) {
            return new RouteDecision.Drop(who + " sent " + channel.id() + ", which only backends may send");
        }
        if (origin == MessageOrigin.BACKEND && !channel.serverToClient()) {
            return new RouteDecision.Drop(who + " sent " + channel.id() + ", which only clients may send");
        }
        return origin == MessageOrigin.PLAYER
                ? fromClient(link, backend, channel, data, who)
                : fromBackend(link, backend, channel, data, who);
    }

    // ---------------------------------------------------------------- client to server

    private RouteDecision fromClient(PlayerLink link, Optional<String> backend, LedgerChannel channel, byte[] data,
                                     Who who) {
        if (data.length > config.limits().maxPayloadBytes()) {
            String reason = who + " sent " + data.length + " bytes on " + channel.id() + " (limit "
                    + config.limits().maxPayloadBytes() + ")";
            return channel == LedgerChannel.HANDSHAKE ? new RouteDecision.Drop(reason)
                    : Refuse.of(channel, ResponseS2C.ERROR, "That request is too large.", reason);
        }
        LedgerPacket.C2S packet;
        try {
            // Clients always send the documented layouts, whatever Ledger version the backend runs.
            packet = PacketMap.c2s(LayoutGeneration.V2).decode(channel.id(), data);
        } catch (LedgerDecodeException e) {
            String reason = who + " sent a malformed " + channel.id() + ": " + e.getMessage();
            return channel == LedgerChannel.HANDSHAKE ? new RouteDecision.Drop(reason)
                    : Refuse.of(channel, ResponseS2C.ERROR, null, reason);
        }
        if (backend.isEmpty()) {
            // Between two servers: nothing to check permissions against, nowhere to forward.
            return new RouteDecision.Drop(who + " sent " + channel.id() + " while not connected to a server");
        }
        String target = backend.get();
        PermissionNodes nodes = config.permissions();
        if (!permissions.has(link.player().uuid(), target, nodes.networking())) {
            return channel == LedgerChannel.HANDSHAKE
                    ? new RouteDecision.Consume() // Ledger ignores a handshake without permission, silently
                    : Refuse.of(channel, ResponseS2C.NO_PERMISSION, null,
                    who + " lacks " + nodes.networking() + " on " + target);
        }
        if (packet instanceof HandshakeC2S handshake) {
            return handshake(link, target, handshake);
        } else if (packet instanceof InspectC2S inspect) {
            return inspect(link, target, inspect, who);
        } else if (packet instanceof SearchC2S search) {
            return search(link, target, search, who);
        } else if (packet instanceof RollbackC2S rollback) {
            return rollbackOrPurge(link, target, rollback.restore() ? "restore" : "rollback", LedgerChannel.ROLLBACK,
                    rollback.input(), who);
        } else if (packet instanceof PurgeC2S purge) {
            return rollbackOrPurge(link, target, "purge", LedgerChannel.PURGE, purge.input(), who);
        } else if (packet instanceof PlayerC2S lookup) {
            return playerLookup(link, target, lookup, who);
        }
        return new RouteDecision.Drop(who + " sent an unexpected " + packet);
    }

    private RouteDecision handshake(PlayerLink link, String backend, HandshakeC2S handshake) {
        if (!CLIENT_PROTOCOLS.contains(handshake.protocolVersion())) {
            // Ledger answers a mismatch with a chat line and no handshake; so does LedgerNet, saying what to do.
            return new RouteDecision.Answer(List.of(), Optional.of("Your " + shorten(handshake.modId()) + " "
                    + shorten(handshake.version()) + " speaks Ledger protocol " + handshake.protocolVersion()
                    + "; this network's LedgerNet speaks protocols 2 and 3. Update the mod to use Ledger features here."));
        }
        sessions.compute(link.player().uuid(), (uuid, session) ->
                (session == null ? PlayerSession.of(link.player()) : session).withHandshake(handshake));
        HandshakeS2C answer = new HandshakeS2C(handshake.protocolVersion(), "LedgerNet " + LedgerNetVersion.get(),
                actionTypes());
        return new RouteDecision.Rewrite(LedgerChannel.HANDSHAKE, handshakeFor(backend, handshake), List.of(answer));
    }

    /**
     * The client's handshake as this backend must see it: with the backend's own protocol number
     * (protocols 2 and 3 share every layout; an old client mod would otherwise get a mismatch) and
     * the NBT root its Minecraft version reads.
     */
    byte[] handshakeFor(String backend, HandshakeC2S handshake) {
        BackendState state = backends.get(backend);
        int protocol = state == null ? handshake.protocolVersion() : state.protocol().orElse(handshake.protocolVersion());
        BackendConfig backendConfig = config.backends().get(backend);
        NbtRoot root = backendConfig != null && backendConfig.legacyNbt() ? NbtRoot.NAMED : NbtRoot.NAMELESS;
        return LedgerProtocol.encode(new HandshakeC2S(handshake.modId(), handshake.version(), protocol, root,
                handshake.keyOrder()));
    }

    /** The action types of every backend, Ledger's own first; client mods enable filters from it. */
    List<String> actionTypes() {
        Set<String> types = new LinkedHashSet<>(LEDGER_ACTION_TYPES);
        for (BackendState state : backends.values()) {
            types.addAll(state.actionTypes());
        }
        return List.copyOf(types);
    }

    private RouteDecision inspect(PlayerLink link, String backend, InspectC2S inspect, Who who) {
        if (!permissions.has(link.player().uuid(), backend, config.permissions().inspect())) {
            return Refuse.of(LedgerChannel.INSPECT, ResponseS2C.NO_PERMISSION, null,
                    who + " lacks " + config.permissions().inspect() + " on " + backend);
        }
        int pages = clampPages(inspect.pages());
        if (config.backends().containsKey(backend)) {
            // Answered from the backend's database: same rows as Ledger, pages capped, no flood.
            Optional<RequestLimiter.Permit> permit = limiter.tryAcquire(link.player().uuid(), false);
            return permit.isEmpty() ? busy(LedgerChannel.INSPECT, who) : new RouteDecision.Fetch(LedgerChannel.INSPECT,
                    new NetworkRequest.Inspect(backend, inspect.pos(), pages), permit.get());
        }
        if (!limiter.tryTakeToken(link.player().uuid())) {
            return busy(LedgerChannel.INSPECT, who);
        }
        // No database for this backend: every Ledger version decodes ledger:inspect as documented.
        return pages == inspect.pages() ? RouteDecision.FORWARD
                : new RouteDecision.Rewrite(LedgerChannel.INSPECT,
                LedgerProtocol.encode(new InspectC2S(inspect.pos(), pages)), List.of());
    }

    /**
     * A search goes to the player's backend as a packet when it targets only that backend and that
     * backend reads it as a search; otherwise it is answered from the databases of the backends it
     * targets on which the player holds the search node.
     */
    private RouteDecision search(PlayerLink link, String backend, SearchC2S search, Who who) {
        String node = config.permissions().search();
        if (!permissions.has(link.player().uuid(), backend, node)) {
            return Refuse.of(LedgerChannel.SEARCH, ResponseS2C.NO_PERMISSION, null, who + " lacks " + node + " on " + backend);
        }
        SearchStrings.Result rewritten = searches.forBackend(search.input(), backend);
        if (rewritten instanceof SearchStrings.Invalid invalid) {
            return Refuse.of(LedgerChannel.SEARCH, ResponseS2C.ERROR, invalid.message(),
                    who + " sent an invalid search: " + invalid.message());
        }
        SearchStrings.ForBackend targets = (SearchStrings.ForBackend) rewritten;
        Map<String, SearchQuery> permitted;
        if (targets.otherBackends().isEmpty()) {
            permitted = targets.queries(); // just the player's backend, whose node was checked above
        } else {
            permitted = new LinkedHashMap<>();
            for (Map.Entry<String, SearchQuery> target : targets.queries().entrySet()) {
                if (permissions.has(link.player().uuid(), target.getKey(), node)) {
                    permitted.put(target.getKey(), target.getValue());
                }
            }
        }
        if (permitted.isEmpty()) {
            return Refuse.of(LedgerChannel.SEARCH, ResponseS2C.NO_PERMISSION, null,
                    who + " lacks " + node + " on every server the search names");
        }
        int pages = clampPages(search.pages());
        Optional<LayoutGeneration> generation = generation(backend);
        boolean readsSearchPackets = generation.isPresent() && generation.get() != LayoutGeneration.V3_1_3_2;
        if (targets.otherBackends().isEmpty() && targets.input().isPresent() && readsSearchPackets) {
            if (!limiter.tryTakeToken(link.player().uuid())) {
                return busy(LedgerChannel.SEARCH, who);
            }
            String localInput = targets.input().get();
            if (pages == search.pages() && localInput.equals(search.input())) {
                return RouteDecision.FORWARD;
            }
            return new RouteDecision.Rewrite(LedgerChannel.SEARCH,
                    LedgerProtocol.encode(new SearchC2S(localInput, pages)), List.of());
        }
        // Ledger 1.3.2-1.3.4 runs a search packet as a rollback, and an unknown version might be one:
        // such backends, like every search across servers, are answered from the databases.
        permitted = new LinkedHashMap<>(permitted);
        permitted.keySet().retainAll(config.backends().keySet());
        if (permitted.isEmpty()) {
            return Refuse.of(LedgerChannel.SEARCH, ResponseS2C.ERROR, backend + "'s Ledger cannot take search packets"
                            + " safely (its version is " + (generation.isEmpty() ? "not known yet" : "1.3.2-1.3.4")
                            + ") and it has no database listed in LedgerNet's config.yml.",
                    who + "'s search refused: no safe way to answer it");
        }
        if (targets.parsed().range().orElse(null) instanceof Range.Radius) {
            return Refuse.of(LedgerChannel.SEARCH, ResponseS2C.ERROR, "range: needs Ledger on the server, and "
                    + backend + "'s cannot take search packets safely; search with world: instead.",
                    who + "'s range: search refused on " + backend);
        }
        Optional<RequestLimiter.Permit> permit = limiter.tryAcquire(link.player().uuid(), permitted.size() > 1);
        return permit.isEmpty() ? busy(LedgerChannel.SEARCH, who)
                : new RouteDecision.Fetch(LedgerChannel.SEARCH, new NetworkRequest.Search(permitted, pages), permit.get());
    }

    /**
     * Rollback, restore and purge change worlds and delete history, so they reach exactly the
     * player's backend, in a layout it decodes as sent. Ledger 1.3.2 and later decode
     * {@code ledger:rollback} as a purge and {@code ledger:purge} as an inspect, so those backends
     * (and any whose version is unknown) get the player's own {@code /lg} command instead, which
     * every Ledger version runs as documented, or a refusal.
     */
    private RouteDecision rollbackOrPurge(PlayerLink link, String backend, String verb, LedgerChannel channel,
                                          String input, Who who) {
        String node = channel == LedgerChannel.PURGE ? config.permissions().purge() : config.permissions().rollback();
        if (!permissions.has(link.player().uuid(), backend, node)) {
            return Refuse.of(channel, ResponseS2C.NO_PERMISSION, null, who + " lacks " + node + " on " + backend);
        }
        SearchStrings.Result rewritten = searches.forBackend(input, backend);
        if (rewritten instanceof SearchStrings.Invalid invalid) {
            return Refuse.of(channel, ResponseS2C.ERROR, invalid.message(), who + " sent an invalid " + verb + ": "
                    + invalid.message());
        }
        SearchStrings.ForBackend local = (SearchStrings.ForBackend) rewritten;
        if (!local.otherBackends().isEmpty() || local.input().isEmpty()) {
            return Refuse.of(channel, ResponseS2C.ERROR, "A " + verb + " runs only on the server you are on ("
                    + backend + "); it names " + String.join(", ", local.otherBackends()) + ".",
                    who + "'s " + verb + " named other backends");
        }
        String localInput = local.input().get();
        if (!limiter.tryTakeToken(link.player().uuid())) {
            return busy(channel, who);
        }
        Optional<LayoutGeneration> generation = generation(backend);
        if (generation.isPresent() && generation.get() == LayoutGeneration.V2) {
            if (localInput.equals(input)) {
                return RouteDecision.FORWARD;
            }
            byte[] payload = channel == LedgerChannel.PURGE
                    ? LedgerProtocol.encode(new PurgeC2S(localInput))
                    : LedgerProtocol.encode(new RollbackC2S(verb.equals("restore"), localInput));
            return new RouteDecision.Rewrite(channel, payload, List.of());
        }
        BackendConfig backendConfig = config.backends().get(backend);
        String why = generation.isEmpty() ? "its Ledger version is not known" : "its Ledger (1.3.2 or later) misreads this packet";
        // Servers not listed in config.yml get the safe default too: the command.
        if (backendConfig == null || backendConfig.rollbackAsCommand()) {
            // The parser admits only printable ASCII, so the line cannot hold the control characters or
            // section signs for which Minecraft kicks a player.
            String command = "/lg " + verb + (localInput.isBlank() ? "" : " " + localInput);
            if (command.length() > MAX_COMMAND_LENGTH) {
                return Refuse.of(channel, ResponseS2C.ERROR, "That " + verb + " is too long to run as a command ("
                        + command.length() + " of " + MAX_COMMAND_LENGTH + " characters).", who + "'s " + verb + " too long");
            }
            return new RouteDecision.RunCommand(command);
        }
        return Refuse.of(channel, ResponseS2C.ERROR, "LedgerNet will not send a " + verb + " packet to " + backend
                + ": " + why + ". Use /lg " + verb + " there.", who + "'s " + verb + " refused: " + why);
    }

    /** LedgerNet's own {@code ledger:player}: answered from every backend the player may look players up on. */
    private RouteDecision playerLookup(PlayerLink link, String backend, PlayerC2S lookup, Who who) {
        String node = config.permissions().player();
        List<String> permitted = config.backends().keySet().stream()
                .filter(target -> permissions.has(link.player().uuid(), target, node)).toList();
        if (permitted.isEmpty()) {
            return Refuse.of(LedgerChannel.PLAYER, ResponseS2C.NO_PERMISSION, null, who + " lacks " + node);
        }
        Optional<RequestLimiter.Permit> permit = limiter.tryAcquire(link.player().uuid(), true);
        return permit.isEmpty() ? busy(LedgerChannel.PLAYER, who) : new RouteDecision.Fetch(LedgerChannel.PLAYER,
                new NetworkRequest.Players(lookup.players(), permitted), permit.get());
    }

    // ---------------------------------------------------------------- server to client

    private RouteDecision fromBackend(PlayerLink link, Optional<String> backend, LedgerChannel channel, byte[] data,
                                      Who who) {
        switch (channel) {
            case HANDSHAKE -> {
                try {
                    HandshakeS2C handshake = (HandshakeS2C) LedgerProtocol.decodeS2C(channel.id(), data);
                    // Servers not listed in config.yml are learnt too: they are still protected.
                    backend.ifPresent(name -> backends.compute(name, (n, state) ->
                            (state == null ? BackendState.configured(n, Optional.empty()) : state)
                                    .learned(handshake.protocolVersion(), handshake.ledgerVersion(),
                                            handshake.actionTypes())));
                } catch (LedgerDecodeException e) {
                    return new RouteDecision.Drop(who + " sent a malformed handshake: " + e.getMessage());
                }
                // The client already has LedgerNet's answer; a second handshake would replace it.
                return new RouteDecision.Consume();
            }
            case ACTION -> {
                if (config.dimensions().keepCurrentBackendNative() || backend.isEmpty()) {
                    return RouteDecision.FORWARD; // actions from the player's own backend keep native ids
                }
                try {
                    ActionS2C action = (ActionS2C) LedgerProtocol.decodeS2C(channel.id(), data);
                    String network = config.dimensionMap().toNetwork(backend.get(), action.world().toString());
                    return new RouteDecision.Rewrite(channel,
                            LedgerProtocol.encode(action.withWorld(Identifier.parse(network))), List.of());
                } catch (LedgerDecodeException | IllegalArgumentException e) {
                    return new RouteDecision.Drop(who + " sent a malformed action: " + e.getMessage());
                }
            }
            default -> {
                return RouteDecision.FORWARD; // responses, and player packets some backend plugin may send
            }
        }
    }

    // ---------------------------------------------------------------- player lifecycle

    /**
     * The player is now on {@code backend}: replay their client handshake there, since each backend
     * keeps its own set of networked players and older client mods handshake only once.
     */
    public Optional<byte[]> handshakeReplay(UUID player, String backend) {
        PlayerSession session = sessions.get(player);
        if (session == null || session.clientHandshake().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(handshakeFor(backend, session.clientHandshake().get()));
    }

    /**
     * Keeps what an earlier router learnt across a reload: the client handshakes (to replay on the
     * next switch) and each backend's Ledger version, protocol and action types. Versions set in the
     * new config.yml still win.
     */
    public void carryOver(LedgerRouter previous) {
        sessions.putAll(previous.sessions);
        previous.backends.forEach((name, old) -> {
            if (old.learnedProtocol().isPresent() && old.learnedVersion().isPresent()) {
                backends.compute(name, (n, state) -> (state == null ? BackendState.configured(n, Optional.empty()) : state)
                        .learned(old.learnedProtocol().get(), old.learnedVersion().get(), old.actionTypes()));
            }
        });
    }

    public void forget(UUID player) {
        sessions.remove(player);
        limiter.forget(player);
        permissions.forget(player);
    }

    public Optional<LayoutGeneration> generation(String backend) {
        BackendState state = backends.get(backend);
        return state == null ? Optional.empty() : state.generation();
    }

    public Map<String, BackendState> backends() {
        return Map.copyOf(backends);
    }

    /** Client-supplied text shown back in chat: bounded, since a modified client may send 32767 chars. */
    private static String shorten(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private int clampPages(int pages) {
        return Math.max(0, Math.min(pages, config.limits().maxPages()));
    }

    /** Who sent a message, for log lines: only turned into text when something is refused or dropped. */
    private record Who(MessageOrigin origin, PlayerLink link, Optional<String> backend) {
        @Override
        public String toString() {
            return origin == MessageOrigin.PLAYER ? "player " + link.player().name()
                    : "backend " + backend.orElse("?") + " (to " + link.player().name() + ")";
        }
    }

    private static Refuse busy(LedgerChannel channel, Who who) {
        return Refuse.of(channel, ResponseS2C.BUSY, null, who + " is over the request rate limit");
    }
}
