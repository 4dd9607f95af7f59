package net.ledgernet.routing;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
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
    /** Ledger's protocol number since 1.3.0, tried first on a backend whose own is not known. */
    static final int NEWEST_PROTOCOL = 3;
    /** Ledger 1.2.x and the 1.20.1 backport. */
    static final int OLDER_PROTOCOL = 2;
    /** A client handshake this soon after LedgerNet sent the same one to the same backend is a duplicate. */
    static final long DUPLICATE_HANDSHAKE_WINDOW_NANOS = 10_000_000_000L;
    /** Minecraft's limit for a clientbound plugin message. */
    static final int MAX_BACKEND_PAYLOAD_BYTES = 1 << 20;

    private final LedgerNetConfig config;
    private final LongSupplier nanoClock;
    private final PermissionPolicy permissions;
    private final RequestLimiter limiter;
    private final SearchStrings searches;
    private final Map<String, BackendState> backends = new ConcurrentHashMap<>();
    private final Map<UUID, PlayerSession> sessions = new ConcurrentHashMap<>();
    /** Actions still to let through for a player's forwarded search, until its final response. */
    private final Map<UUID, AtomicInteger> forwardedSearches = new ConcurrentHashMap<>();
    /** Backend messages dropped because they did not decode within limits. */
    private final AtomicLong malformedFromBackends = new AtomicLong();

    public LedgerRouter(LedgerNetConfig config, PermissionPolicy permissions, RequestLimiter limiter) {
        this(config, permissions, limiter, System::nanoTime);
    }

    public LedgerRouter(LedgerNetConfig config, PermissionPolicy permissions, RequestLimiter limiter,
                        LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
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
        long now = nanoClock.getAsLong();
        boolean[] duplicate = new boolean[1];
        sessions.compute(link.player().uuid(), (uuid, session) -> {
            PlayerSession current = session == null ? PlayerSession.of(link.player()) : session;
            duplicate[0] = current.recentlySent(handshake, backend, now, DUPLICATE_HANDSHAKE_WINDOW_NANOS);
            return duplicate[0] ? current : current.withHandshake(handshake).sent(backend, now);
        });
        HandshakeS2C answer = new HandshakeS2C(handshake.protocolVersion(), "LedgerNet " + LedgerNetVersion.get(),
                actionTypes());
        if (duplicate[0]) {
            // LedgerNet replayed this very handshake to this backend moments ago (after a switch): answer only.
            return new RouteDecision.Answer(List.of(answer), Optional.empty());
        }
        return new RouteDecision.Rewrite(LedgerChannel.HANDSHAKE, handshakeFor(backend, handshake), List.of(answer));
    }

    /**
     * The client's handshake as this backend must see it: with the backend's own protocol number
     * (protocols 2 and 3 share every layout; an old client mod would otherwise get a mismatch), or
     * Ledger's current one (3) while the backend's is not known yet, and the NBT root its Minecraft
     * version reads.
     */
    byte[] handshakeFor(String backend, HandshakeC2S handshake) {
        BackendState state = backends.get(backend);
        int protocol = state == null ? NEWEST_PROTOCOL : state.protocol().orElse(NEWEST_PROTOCOL);
        return handshakeWithProtocol(backend, handshake, protocol);
    }

    private byte[] handshakeWithProtocol(String backend, HandshakeC2S handshake, int protocol) {
        BackendConfig backendConfig = config.backends().get(backend);
        NbtRoot root = backendConfig != null && backendConfig.legacyNbt() ? NbtRoot.NAMED : NbtRoot.NAMELESS;
        return LedgerProtocol.encode(new HandshakeC2S(handshake.modId(), handshake.version(), protocol, root,
                handshake.keyOrder()));
    }

    /** Whether LedgerNet knows which Ledger protocol {@code backend} speaks (configured, or learnt). */
    public boolean protocolKnown(String backend) {
        BackendState state = backends.get(backend);
        return state != null && state.protocol().isPresent();
    }

    /**
     * The player's handshake with the older protocol number (2), for a backend that did not answer
     * the current one: Ledger ignores a handshake whose number is not its own, so a Ledger 1.2 or
     * 1.20.1-backport backend is learnt only this way. Empty once the backend's protocol is known.
     */
    public Optional<byte[]> handshakeFallback(UUID player, String backend) {
        PlayerSession session = sessions.get(player);
        if (protocolKnown(backend) || session == null || session.clientHandshake().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(handshakeWithProtocol(backend, session.clientHandshake().get(), OLDER_PROTOCOL));
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
        boolean radius = targets.parsed().range().orElse(null) instanceof Range.Radius;
        // Ledger streams every page to the last for a networked player, whatever pages says, so a search
        // packet is forwarded only when nothing else can answer it: range:N needs the player's position,
        // which only the backend knows. What comes back is cut at pages x page-size (see fromBackend).
        if (radius && targets.otherBackends().isEmpty() && targets.input().isPresent() && readsSearchPackets) {
            if (!limiter.tryTakeToken(link.player().uuid())) {
                return busy(LedgerChannel.SEARCH, who);
            }
            forwardedSearches.put(link.player().uuid(), new AtomicInteger(pages * config.limits().pageSize()));
            String localInput = targets.input().get();
            if (pages == search.pages() && localInput.equals(search.input())) {
                return RouteDecision.FORWARD;
            }
            return new RouteDecision.Rewrite(LedgerChannel.SEARCH,
                    LedgerProtocol.encode(new SearchC2S(localInput, pages)), List.of());
        }
        if (radius) {
            return Refuse.of(LedgerChannel.SEARCH, ResponseS2C.ERROR, "range: needs Ledger on the server, and "
                    + backend + "'s cannot take search packets safely" + (generation.isEmpty() ? " (its Ledger version"
                    + " is not known yet)" : "") + "; search with world: instead.",
                    who + "'s range: search refused on " + backend);
        }
        // Everything else is answered from the databases: searches across servers, and searches of the
        // player's own server (pages capped there, and Ledger 1.3.2-1.3.4 runs a search packet as a rollback).
        permitted = new LinkedHashMap<>(permitted);
        permitted.keySet().retainAll(config.backends().keySet());
        if (permitted.isEmpty()) {
            return Refuse.of(LedgerChannel.SEARCH, ResponseS2C.ERROR, "LedgerNet answers searches from the Ledger"
                            + " databases, and " + backend + " has none listed in LedgerNet's config.yml; ask an admin"
                            + " to add it, or search around you with range:N.",
                    who + "'s search refused: " + backend + " has no database in config.yml");
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
        SearchQuery query = local.queries().get(backend);
        if (!local.otherBackends().isEmpty() || query == null) {
            return Refuse.of(channel, ResponseS2C.ERROR, "A " + verb + " runs only on the server you are on ("
                    + backend + "); it names " + String.join(", ", local.otherBackends()) + ".",
                    who + "'s " + verb + " named other backends");
        }
        // Judged on what would reach Ledger: backend: terms and other servers' worlds are gone by now.
        query = query.withoutBackends();
        Optional<String> unspecific = Specificity.missing(verb, query);
        if (unspecific.isPresent()) {
            return Refuse.of(channel, ResponseS2C.ERROR, unspecific.get(),
                    who + "'s " + verb + " refused as unspecific: '" + shorten(input) + "'");
        }
        if (!limiter.tryTakeToken(link.player().uuid())) {
            return busy(channel, who);
        }
        BackendState state = backends.get(backend);
        Optional<LayoutGeneration> generation = state == null ? Optional.empty() : state.generation();
        if (generation.isPresent() && generation.get() == LayoutGeneration.V2) {
            // Ledger before 1.3.8 has no range:@global; there, no range: means the same thing.
            SearchQuery sent = query.range().orElse(null) instanceof Range.Global && !state.knowsGlobalRange()
                    ? query.withRange(Optional.empty()) : query;
            // The player's own string when nothing had to change (it is what was parsed and checked);
            // otherwise the checked query, rendered.
            String localInput = sent.equals(local.parsed()) ? input : sent.toLedgerString();
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
            String command = "/lg " + verb + " " + (query.equals(local.parsed()) ? input.strip() : query.toLedgerString());
            if (command.length() > MAX_COMMAND_LENGTH) {
                return Refuse.of(channel, ResponseS2C.ERROR, "That " + verb + " is too long to run as a command ("
                        + command.length() + " of " + MAX_COMMAND_LENGTH + " characters).", who + "'s " + verb + " too long");
            }
            if (!link.canRunCommands()) {
                return new RouteDecision.SuggestCommand(channel, command, "Ledger on " + backend + " cannot take a "
                        + verb + " packet safely, and this proxy cannot send commands for your Minecraft version, so"
                        + " nothing ran. Click here to put " + command + " in your chat box, then press Enter.");
            }
            return new RouteDecision.RunCommand(channel, command);
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
        if (backend.isEmpty()) {
            return new RouteDecision.Drop(who + " sent " + channel.id() + " from no known server");
        }
        if (data.length > MAX_BACKEND_PAYLOAD_BYTES) {
            malformedFromBackends.incrementAndGet();
            return new RouteDecision.Drop(who + " sent " + data.length + " bytes on " + channel.id());
        }
        LedgerPacket.S2C packet;
        try {
            // Checked both ways: a client mod decodes strictly and may disconnect on what Ledger never sends.
            packet = LedgerProtocol.decodeS2C(channel.id(), data);
        } catch (LedgerDecodeException | IllegalArgumentException e) {
            malformedFromBackends.incrementAndGet();
            return new RouteDecision.Drop(who + " sent a malformed " + channel.id() + ": " + e.getMessage());
        }
        UUID player = link.player().uuid();
        if (packet instanceof HandshakeS2C handshake) {
            // Servers not listed in config.yml are learnt too: they are still protected.
            backends.compute(backend.get(), (n, state) ->
                    (state == null ? BackendState.configured(n, Optional.empty()) : state)
                            .learned(handshake.protocolVersion(), handshake.ledgerVersion(), handshake.actionTypes()));
            // The client already has LedgerNet's answer; a second handshake would replace it.
            return new RouteDecision.Consume();
        } else if (packet instanceof ActionS2C action) {
            AtomicInteger budget = forwardedSearches.get(player);
            if (budget != null && budget.getAndDecrement() <= 0) {
                return new RouteDecision.Consume(); // past the pages the forwarded search asked for
            }
            if (config.dimensions().keepCurrentBackendNative()) {
                return RouteDecision.FORWARD; // actions from the player's own backend keep native ids
            }
            String network = config.dimensionMap().toNetwork(backend.get(), action.world().toString());
            return new RouteDecision.Rewrite(channel,
                    LedgerProtocol.encode(action.withWorld(Identifier.parse(network))), List.of());
        } else if (packet instanceof ResponseS2C response) {
            if (response.code() != ResponseS2C.EXECUTING && response.packetType().path().equals(LedgerChannel.SEARCH.path())) {
                forwardedSearches.remove(player);
            }
            return RouteDecision.FORWARD;
        }
        // ledger:player is LedgerNet's own answer; no Ledger sends it, so a backend that does is not believed.
        return new RouteDecision.Drop(who + " sent " + channel.id() + ", which only LedgerNet answers");
    }

    /**
     * Runs every decision path once on sample packets, so the classes they need are loaded and
     * initialised now and not on a proxy network thread at the first real message (BungeeCord
     * logged that first message taking hundreds of milliseconds). Nothing is sent or remembered.
     */
    public void warmUp() {
        String backend = config.backends().keySet().stream().findFirst().orElse("warm-up");
        Identifier world = Identifier.parse("minecraft:overworld");
        List<LedgerPacket> samples = List.of(
                new HandshakeC2S("ledgernet", "warm-up", NEWEST_PROTOCOL),
                new InspectC2S(new net.ledgernet.protocol.BlockPos(1, 64, 1), 1),
                new SearchC2S("action:block-break source:steve object:stone world:minecraft:overworld after:1h", 1),
                new RollbackC2S(false, "source:steve range:5 after:1h"),
                new PurgeC2S("before:30d"),
                new PlayerC2S(List.of(new UUID(0, 0))),
                new HandshakeS2C(NEWEST_PROTOCOL, "warm-up", List.of("block-break")),
                new ActionS2C(new net.ledgernet.protocol.BlockPos(1, 64, 1), "block-break", world, world, world, "steve",
                        0L, false, ""),
                ResponseS2C.of(LedgerChannel.SEARCH, ResponseS2C.COMPLETED));
        for (LedgerPacket packet : samples) {
            byte[] bytes = LedgerProtocol.encode(packet);
            if (packet instanceof LedgerPacket.C2S c2s) {
                PacketMap.c2s(LayoutGeneration.V2).decode(c2s.channel().id(), bytes);
            } else {
                LedgerProtocol.decodeS2C(((LedgerPacket.S2C) packet).channel().id(), bytes);
            }
        }
        for (String input : List.of("action:block-break source:steve after:1h range:5 backend:*",
                "world:!minecraft:the_nether rolledback:false before:1d", "")) {
            if (searches.forBackend(input, backend) instanceof SearchStrings.ForBackend targets) {
                Specificity.missing("rollback", targets.parsed());
                targets.parsed().toLedgerString();
            }
        }
        config.dimensionMap().toNetwork(backend, world.toString());
        Refuse.of(LedgerChannel.SEARCH, ResponseS2C.ERROR, "warm-up", "warm-up");
    }

    /** Backend messages dropped so far because they were malformed or too large. */
    public long malformedFromBackends() {
        return malformedFromBackends.get();
    }

    // ---------------------------------------------------------------- player lifecycle

    /**
     * The player is now on {@code backend}: replay their client handshake there, since each backend
     * keeps its own set of networked players and older client mods handshake only once.
     */
    public Optional<byte[]> handshakeReplay(UUID player, String backend) {
        PlayerSession session = sessions.computeIfPresent(player, (uuid, current) ->
                current.clientHandshake().isPresent() ? current.sent(backend, nanoClock.getAsLong()) : current);
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
        forwardedSearches.remove(player);
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
