package net.ledgernet.command;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Pattern;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.config.BackendConfig;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.dimension.DimensionMap;
import net.ledgernet.permission.PermissionPolicy;
import net.ledgernet.protocol.BlockPos;
import net.ledgernet.search.SearchLimits;
import net.ledgernet.search.SearchParser;
import net.ledgernet.search.SearchQuery;
import net.ledgernet.search.SearchSyntaxException;
import net.ledgernet.search.SearchTargets;
import net.ledgernet.search.WorldResolver;
import net.ledgernet.storage.ActionFanOut;
import net.ledgernet.storage.ActionRow;
import net.ledgernet.storage.BackendDatabase;
import net.ledgernet.storage.BackendFailure;
import net.ledgernet.storage.BackendUnavailableException;
import net.ledgernet.storage.BackendReader;
import net.ledgernet.storage.CircuitBreaker;
import net.ledgernet.storage.FanOutListener;
import net.ledgernet.storage.MergedPage;
import net.ledgernet.storage.NetworkPlayers;
import net.ledgernet.storage.NetworkSearch;
import net.ledgernet.storage.PlayerDirectory;
import net.ledgernet.storage.SchemaProbe;
import net.ledgernet.storage.SchemaReport;

/**
 * What staff ask of the network, for the {@code /lgn} command and the CLI alike: searches, pages,
 * inspects, player lookups and backend status, each on exactly the backends the asker may read
 * (Ledger's nodes per backend, as the router checks them). It only calls {@link NetworkSearch};
 * presentation is the caller's. Failures arrive as a {@link QueryException} in the future.
 */
public final class NetworkQueries implements AutoCloseable {
    /** A newest action further ahead of now than this means the backend's time-zone setting is wrong. */
    public static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);
    private static final Pattern PLAYER_NAME = Pattern.compile("[A-Za-z0-9_.]{1,16}");
    /** Minecraft's world border is at ±30 million; build heights stay far inside ±2^12. */
    private static final int MAX_HORIZONTAL = 30_000_000;
    private static final int MAX_VERTICAL = 4096;

    private final LedgerNetCore core;
    private final Clock clock;
    /** Schema probes block on JDBC, so they get threads of their own, never the caller's. */
    private final ExecutorService probes;

    public NetworkQueries(LedgerNetCore core, Clock clock) {
        this.core = core;
        this.clock = clock;
        AtomicInteger n = new AtomicInteger();
        this.probes = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "LedgerNet-status-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Who asks: a player (checked per backend) or the console and CLI (which may read everything). */
    public record Viewer(Optional<UUID> player) {
        public static final Viewer CONSOLE = new Viewer(Optional.empty());

        public static Viewer player(UUID uuid) {
            return new Viewer(Optional.of(uuid));
        }
    }

    /** Why a query was not run; the front ends map the kind to a message or an exit code. */
    public static final class QueryException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public enum Kind { NO_PERMISSION, BAD_INPUT, UNAVAILABLE }

        private final Kind kind;

        public QueryException(Kind kind, String message) {
            super(message, null, false, false);
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }

        static QueryException disabledNow() {
            return new QueryException(Kind.UNAVAILABLE, "LedgerNet is not running (see the proxy log)");
        }
    }

    /**
     * What reading a page takes: Ledger's node on each backend, and what a refusal says was refused
     * ("search", "inspect on creative").
     */
    public record Access(String node, String refused) {
    }

    /**
     * One page of actions.
     *
     * @param query    what was asked, as the asker wrote it (for headers and JSON)
     * @param access   the node each backend of it is checked for, on this page and every later one
     * @param searched the backends asked, in configured order
     * @param hidden   the backends targeted but left out because the asker may not read them
     * @param revoked  the backends dropped on a later page because the asker lost the node there
     * @param merged   the fan-out page, whose cursor leads to the next one
     * @param hints    typos in the search, with the nearest known value (page 1 of a search only; see
     *                 {@link NetworkSearch#typoHints})
     */
    public record ActionPage(String query, int number, Access access, List<String> searched, List<String> hidden,
                             List<String> revoked, MergedPage merged, List<String> hints) {
        public ActionPage {
            searched = List.copyOf(searched);
            hidden = List.copyOf(hidden);
            revoked = List.copyOf(revoked);
            hints = List.copyOf(hints);
        }

        public List<ActionRow> rows() {
            return merged.rows();
        }

        public Map<String, BackendFailure> missing() {
            return merged.missing();
        }

        public boolean hasNext() {
            return !merged.last() && !merged.rows().isEmpty();
        }

        /** No targeted backend answered at all. */
        public boolean noneAnswered() {
            return !searched.isEmpty() && merged.missing().keySet().containsAll(searched);
        }
    }

    /** Players found by a lookup; {@code missing} did not answer, {@code hidden} were not asked (permission). */
    public record PlayerResult(String query, List<NetworkPlayers.NetworkPlayer> players,
                               Map<String, BackendFailure> missing, List<String> hidden) {
        public PlayerResult {
            players = List.copyOf(players);
            missing = Map.copyOf(missing);
            hidden = List.copyOf(hidden);
        }
    }

    /**
     * One backend's health.
     *
     * @param newestAction the newest action's time as decoded with the configured zone, when there is one
     * @param pool         connections in use and pool size (the pool may be shared with other backends)
     */
    public record BackendStatus(String backend, String database, SchemaReport schema, ZoneId zone,
                                Optional<Instant> newestAction, CircuitBreaker.State breaker,
                                Optional<BackendDatabase.PoolUsage> pool, Instant checkedAt) {
        /** How far the newest action lies in the future, when further than {@link #CLOCK_TOLERANCE}. */
        public Optional<Duration> zoneAhead() {
            return newestAction.map(t -> Duration.between(checkedAt, t)).filter(d -> d.compareTo(CLOCK_TOLERANCE) > 0);
        }

        public boolean healthy() {
            return schema.complete() && zoneAhead().isEmpty() && breaker != CircuitBreaker.State.OPEN;
        }
    }

    // ---------------------------------------------------------------- search and pages

    /** Page 1 of a network-wide search ({@code /lgn} rules: every backend by default, no {@code range:N}). */
    public CompletableFuture<ActionPage> search(Viewer viewer, String input) {
        return search(viewer, input, clock.instant());
    }

    /**
     * Page 1 of a search whose relative times ({@code after:3d}) are taken back from {@code now}: the
     * resolved filters, and with them every later page's cursor, hold the absolute bounds.
     */
    public CompletableFuture<ActionPage> search(Viewer viewer, String input, java.time.Instant now) {
        return search(viewer, input, now, 0, FanOutListener.NONE);
    }

    /**
     * Page 1 of a search, telling {@code listener} which backends are asked and, as it happens, how
     * each one answers (the web console's live states).
     *
     * @param pageSize rows per page; 0 for {@code limits.page-size}
     */
    public CompletableFuture<ActionPage> search(Viewer viewer, String input, java.time.Instant now, int pageSize,
                                                FanOutListener listener) {
        try {
            LedgerNetConfig config = config();
            NetworkSearch search = networkSearch();
            Targets targets = targets(viewer, input, config);
            Map<String, SearchQuery> permitted = targets.permitted();
            List<String> searched = List.copyOf(permitted.keySet());
            Access access = new Access(config.permissions().search(), "search");
            FanOutListener.tell(() -> listener.asking(searched));
            return translate(search.search(permitted, pageSize > 0 ? pageSize : config.limits().pageSize(), now,
                            listener)
                    .thenApply(page -> new ActionPage(input.trim(), 1, access, searched, targets.hidden(), List.of(),
                            page, search.typoHints(permitted, page, Optional.empty()))));
        } catch (QueryException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /** The backends a search targets that the viewer may search (each with its local query), and those hidden. */
    private record Targets(Map<String, SearchQuery> permitted, List<String> hidden) {
    }

    private Targets targets(Viewer viewer, String input, LedgerNetConfig config) {
        SearchQuery query;
        try {
            query = SearchParser.parse(input, SearchLimits.DEFAULTS);
        } catch (SearchSyntaxException e) {
            throw new QueryException(QueryException.Kind.BAD_INPUT, e.getMessage());
        }
        // Staff see network ids everywhere, so only network ids are read back.
        WorldResolver resolver = WorldResolver.of(config.dimensionMap(), Optional.empty());
        SearchTargets.Targeting targeting = SearchTargets.forChatCommand(query, config.backends().keySet(), resolver);
        if (targeting instanceof SearchTargets.Refused refused) {
            throw new QueryException(QueryException.Kind.BAD_INPUT, refused.reason());
        }
        Map<String, SearchQuery> permitted = new LinkedHashMap<>();
        List<String> hidden = new ArrayList<>();
        String node = config.permissions().search();
        Set<String> named = narrowedTo(query, resolver);
        ((SearchTargets.Targets) targeting).queries().forEach((backend, local) -> {
            if (!named.isEmpty() && !named.contains(backend.toLowerCase(Locale.ROOT))) {
                return;
            }
            if (allowed(viewer, backend, node)) {
                permitted.put(backend, local);
            } else {
                hidden.add(backend);
            }
        });
        if (permitted.isEmpty()) {
            throw new QueryException(QueryException.Kind.NO_PERMISSION, "search");
        }
        return new Targets(permitted, hidden);
    }

    /**
     * What a bounded scan read: the backends asked and hidden, those that failed (their rows handed
     * out before the failure must be discarded by the caller), and, for each backend that had more
     * matching rows than the bound, the time of the oldest row handed out.
     */
    public record Scan(List<String> searched, List<String> hidden, Map<String, BackendFailure> missing,
                       Map<String, Instant> capped) {
        public Scan {
            searched = List.copyOf(searched);
            hidden = List.copyOf(hidden);
            missing = Map.copyOf(missing);
            capped = Map.copyOf(capped);
        }
    }

    /**
     * The newest {@code maxPerBackend} actions matching a search on each backend the viewer may search
     * (for charts): each backend read on its own through keyset pages of at most {@code chunk} rows,
     * in parallel, and handed to {@code sink} as they arrive. {@code sink} is called from storage
     * threads, for several backends at once: it must be thread-safe. Memory: one chunk per backend.
     */
    public CompletableFuture<Scan> scan(Viewer viewer, String input, Instant now, int maxPerBackend, int chunk,
                                        java.util.function.Consumer<ActionRow> sink) {
        try {
            LedgerNetConfig config = config();
            NetworkSearch search = networkSearch();
            Targets targets = targets(viewer, input, config);
            // One row beyond the bound tells "more than the bound" from "exactly the bound".
            int pageSize = Math.max(1, Math.min(chunk, maxPerBackend + 1));
            Map<String, BackendFailure> missing = new java.util.concurrent.ConcurrentHashMap<>();
            Map<String, Instant> capped = new java.util.concurrent.ConcurrentHashMap<>();
            List<CompletableFuture<Void>> all = new ArrayList<>();
            targets.permitted().forEach((backend, local) -> all.add(search.search(Map.of(backend, local), pageSize, now)
                    .thenCompose(page -> scanOn(search, backend, page, 0, null, maxPerBackend, sink, missing, capped))));
            return translate(CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .thenApply(ignored -> new Scan(List.copyOf(targets.permitted().keySet()), targets.hidden(),
                            missing, capped)));
        } catch (QueryException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static CompletableFuture<Void> scanOn(NetworkSearch search, String backend, MergedPage page, int counted,
                                                  Instant oldest, int max, java.util.function.Consumer<ActionRow> sink,
                                                  Map<String, BackendFailure> missing, Map<String, Instant> capped) {
        if (page.missing().containsKey(backend)) {
            missing.put(backend, page.missing().get(backend));
            return CompletableFuture.completedFuture(null);
        }
        for (ActionRow row : page.rows()) {
            if (counted == max) {
                if (oldest != null) {
                    capped.put(backend, oldest);
                }
                return CompletableFuture.completedFuture(null);
            }
            sink.accept(row);
            counted++;
            oldest = oldest == null || row.time().isBefore(oldest) ? row.time() : oldest;
        }
        if (page.last() || page.rows().isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        int soFar = counted;
        Instant oldestSoFar = oldest;
        return search.next(page).thenCompose(next -> scanOn(search, backend, next, soFar, oldestSoFar, max, sink,
                missing, capped));
    }

    /**
     * {@code /lgn} lists every backend by default, so a {@code backend:name} term narrows the search
     * to the backends it names (and those of its {@code world:} terms) instead of adding to them.
     * Empty: no narrowing ({@code backend:*}, only {@code backend:!name}, or no backend: term).
     */
    private static Set<String> narrowedTo(SearchQuery query, WorldResolver resolver) {
        if (query.backends().all() || query.backends().included().isEmpty()) {
            return Set.of();
        }
        Set<String> named = new java.util.HashSet<>();
        query.backends().included().forEach(b -> named.add(b.toLowerCase(Locale.ROOT)));
        query.worldBackends(resolver).forEach(b -> named.add(b.toLowerCase(Locale.ROOT)));
        return named;
    }

    /**
     * The page after {@code page}: one keyset query per backend that still has rows, among those
     * {@code viewer} may still read (checked again now: a node revoked since the search counts).
     */
    public CompletableFuture<ActionPage> next(Viewer viewer, ActionPage page) {
        return next(viewer, page, FanOutListener.NONE);
    }

    /** The page after {@code page}, telling {@code listener} which backends are asked and how each answers. */
    public CompletableFuture<ActionPage> next(Viewer viewer, ActionPage page, FanOutListener listener) {
        try {
            NetworkSearch search = networkSearch();
            ActionPage current = recheck(viewer, page);
            FanOutListener.tell(() -> listener.asking(current.merged().next().backends().entrySet().stream()
                    .filter(e -> !e.getValue().exhausted()).map(Map.Entry::getKey).toList()));
            return translate(search.next(current.merged(), listener).thenApply(next -> new ActionPage(current.query(),
                    current.number() + 1, current.access(), current.searched(), current.hidden(), current.revoked(),
                    next, List.of())));
        } catch (QueryException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * {@code page} as {@code viewer} may read it now: the backends where they lost the page's node
     * since it was fetched move from {@code searched} to {@code revoked}, with their rows and their
     * place in the cursor, so no later page asks them again.
     *
     * @throws QueryException NO_PERMISSION when no backend of the page is left
     */
    public ActionPage recheck(Viewer viewer, ActionPage page) {
        List<String> kept = new ArrayList<>();
        List<String> revoked = new ArrayList<>(page.revoked());
        for (String backend : page.searched()) {
            (allowed(viewer, backend, page.access().node()) ? kept : revoked).add(backend);
        }
        if (kept.isEmpty()) {
            throw new QueryException(QueryException.Kind.NO_PERMISSION, page.access().refused());
        }
        if (kept.size() == page.searched().size()) {
            return page;
        }
        MergedPage narrowed = page.merged().onlyBackends(Set.copyOf(kept));
        return new ActionPage(page.query(), page.number(), page.access(), kept, page.hidden(), revoked, narrowed,
                page.hints());
    }

    // ---------------------------------------------------------------- inspect

    /**
     * Every action at one block of one backend, newest first ({@code ledger:inspect} semantics), in
     * every world of that backend or, given a network world id, in that one.
     */
    public CompletableFuture<ActionPage> inspect(Viewer viewer, String backendName, String x, String y, String z,
                                                 Optional<String> world) {
        try {
            LedgerNetConfig config = config();
            NetworkSearch search = networkSearch();
            String backend = backend(config, backendName);
            BlockPos pos = new BlockPos(coordinate("x", x, MAX_HORIZONTAL), coordinate("y", y, MAX_VERTICAL),
                    coordinate("z", z, MAX_HORIZONTAL));
            Optional<String> local = Optional.empty();
            if (world.isPresent()) {
                Optional<DimensionMap.Dimension> dimension = config.dimensionMap().toLocal(world.get());
                if (dimension.isEmpty() || !dimension.get().backend().equals(backend)) {
                    throw new QueryException(QueryException.Kind.BAD_INPUT, "'" + world.get() + "' is not a world of "
                            + backend + " (use a network id such as " + config.dimensionMap().toNetwork(backend,
                            DimensionMap.VANILLA_DIMENSIONS.get(0)) + ")");
                }
                local = Optional.of(dimension.get().localId());
            }
            Access access = new Access(config.permissions().inspect(), "inspect on " + backend);
            if (!allowed(viewer, backend, access.node())) {
                throw new QueryException(QueryException.Kind.NO_PERMISSION, access.refused());
            }
            String title = "inspect " + backend + " " + pos.x() + " " + pos.y() + " " + pos.z()
                    + world.map(w -> " " + w).orElse("");
            return translate(search.inspect(backend, pos, local, config.limits().pageSize())
                    .thenApply(page -> new ActionPage(title, 1, access, List.of(backend), List.of(), List.of(), page,
                            List.of())));
        } catch (QueryException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    // ---------------------------------------------------------------- players

    /**
     * A player by UUID, or by name through the backends' {@code players} tables (every UUID that
     * carried the name) and {@code online} (the proxy's players), on the backends the viewer may
     * look players up on.
     */
    public CompletableFuture<PlayerResult> player(Viewer viewer, String who, Function<String, Optional<UUID>> online) {
        try {
            LedgerNetConfig config = config();
            NetworkSearch search = networkSearch();
            ActionFanOut fanOut = core.fanOut().orElseThrow(QueryException::disabledNow);
            List<String> permitted = new ArrayList<>();
            List<String> hidden = new ArrayList<>();
            for (String backend : config.backends().keySet()) {
                (allowed(viewer, backend, config.permissions().player()) ? permitted : hidden).add(backend);
            }
            if (permitted.isEmpty()) {
                throw new QueryException(QueryException.Kind.NO_PERMISSION, "look players up");
            }
            Optional<UUID> uuid = parseUuid(who);
            if (uuid.isEmpty() && !PLAYER_NAME.matcher(who).matches()) {
                throw new QueryException(QueryException.Kind.BAD_INPUT,
                        "'" + who + "' is neither a player name nor a UUID");
            }
            CompletableFuture<Set<UUID>> uuids;
            // Backends whose name lookup failed: the player may be there, so they are reported as missing
            // even when no other backend knows the name (never "no such player").
            Map<String, BackendFailure> lookupMissing = new java.util.concurrent.ConcurrentHashMap<>();
            if (uuid.isPresent()) {
                uuids = CompletableFuture.completedFuture(Set.of(uuid.get()));
            } else {
                Set<UUID> found = new LinkedHashSet<>();
                online.apply(who).ifPresent(found::add);
                Map<String, CompletableFuture<List<PlayerDirectory.PlayerRecord>>> lookups = new LinkedHashMap<>();
                for (String backend : permitted) {
                    fanOut.reader(backend).ifPresent(reader ->
                            lookups.put(backend, reader.call((c, r) -> r.playersNamed(who, c))));
                }
                uuids = CompletableFuture.allOf(lookups.values().stream().map(f -> f.handle((v, e) -> null))
                        .toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                            lookups.forEach((backend, lookup) -> {
                                try {
                                    lookup.join().forEach(p -> found.add(p.uuid()));
                                } catch (CompletionException e) {
                                    lookupMissing.put(backend, e.getCause() instanceof BackendUnavailableException b
                                            ? b.failure() : new BackendFailure(BackendFailure.Reason.ERROR,
                                            String.valueOf(e.getCause())));
                                }
                            });
                            return found;
                        });
            }
            return translate(uuids.thenCompose(wanted -> wanted.isEmpty()
                    ? CompletableFuture.completedFuture(new PlayerResult(who, List.of(), lookupMissing, hidden))
                    : search.players(wanted, permitted).thenApply(result -> {
                        Map<String, BackendFailure> missing = new LinkedHashMap<>(lookupMissing);
                        missing.putAll(result.missing());
                        return new PlayerResult(who, result.players(), missing, hidden);
                    })));
        } catch (QueryException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    /**
     * Each backend's own {@code players} row for these players (their first and last join there), on
     * the backends the viewer may look players up on, in configured order: the per-backend view that
     * {@link #player} merges into one network answer.
     */
    public record Joins(Map<String, List<PlayerDirectory.PlayerRecord>> byBackend, Map<String, BackendFailure> missing) {
        public Joins {
            byBackend = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(byBackend));
            missing = Map.copyOf(missing);
        }
    }

    public CompletableFuture<Joins> joins(Viewer viewer, java.util.Collection<UUID> uuids) {
        try {
            LedgerNetConfig config = config();
            ActionFanOut fanOut = core.fanOut().orElseThrow(QueryException::disabledNow);
            List<UUID> wanted = List.copyOf(new LinkedHashSet<>(uuids));
            if (wanted.size() > config.limits().maxPlayerUuids()) {
                throw new QueryException(QueryException.Kind.BAD_INPUT, "at most " + config.limits().maxPlayerUuids()
                        + " players at once");
            }
            Map<String, CompletableFuture<List<PlayerDirectory.PlayerRecord>>> lookups = new LinkedHashMap<>();
            for (String backend : config.backends().keySet()) {
                if (!wanted.isEmpty() && allowed(viewer, backend, config.permissions().player())) {
                    fanOut.reader(backend).ifPresent(reader ->
                            lookups.put(backend, reader.call((c, r) -> r.players(c).byUuids(wanted, c))));
                }
            }
            return CompletableFuture.allOf(lookups.values().stream().map(f -> f.handle((v, e) -> null))
                    .toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                        Map<String, List<PlayerDirectory.PlayerRecord>> found = new LinkedHashMap<>();
                        Map<String, BackendFailure> missing = new LinkedHashMap<>();
                        lookups.forEach((backend, lookup) -> {
                            try {
                                found.put(backend, lookup.join());
                            } catch (CompletionException e) {
                                missing.put(backend, e.getCause() instanceof BackendUnavailableException b
                                        ? b.failure() : new BackendFailure(BackendFailure.Reason.ERROR,
                                        String.valueOf(e.getCause())));
                            }
                        });
                        return new Joins(found, missing);
                    });
        } catch (QueryException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    // ---------------------------------------------------------------- status

    /**
     * Every configured backend's health, checked in parallel: the schema probe (reachability,
     * latency, tables, row estimate), the newest action against the clock (a wrong time-zone
     * setting puts it in the future), the circuit breaker, and the pool.
     */
    public CompletableFuture<List<BackendStatus>> status() {
        try {
            LedgerNetConfig config = config();
            NetworkSearch search = networkSearch();
            ActionFanOut fanOut = core.fanOut().orElseThrow(QueryException::disabledNow);
            List<CompletableFuture<BackendStatus>> all = new ArrayList<>();
            for (BackendConfig backend : config.backends().values()) {
                Optional<BackendReader> reader = fanOut.reader(backend.name());
                if (reader.isEmpty()) {
                    continue;
                }
                all.add(status(backend, reader.get(), search));
            }
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new))
                    .thenApply(ignored -> all.stream().map(CompletableFuture::join).toList());
        } catch (QueryException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private CompletableFuture<BackendStatus> status(BackendConfig backend, BackendReader reader, NetworkSearch search) {
        BackendDatabase database = reader.database();
        // Read before the probe takes a connection of its own.
        Optional<BackendDatabase.PoolUsage> pool = database.poolUsage();
        CircuitBreaker.State breaker = reader.breaker().state();
        Duration bound = database.config().database().pool().connectionTimeout().plus(database.queryTimeout())
                .plusSeconds(1);
        return CompletableFuture.supplyAsync(() -> SchemaProbe.probe(database), probes)
                .completeOnTimeout(SchemaReport.unreachable("no answer within " + bound.toMillis() + " ms"),
                        bound.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(report -> {
                    CompletableFuture<Optional<Instant>> newest = !report.complete()
                            ? CompletableFuture.completedFuture(Optional.empty())
                            : search.search(Map.of(backend.name(), SearchQuery.ALL), 1)
                            .thenApply(page -> page.rows().stream().findFirst().map(ActionRow::time))
                            .exceptionally(e -> Optional.empty());
                    return newest.thenApply(time -> new BackendStatus(backend.name(),
                            database.dialect().displayName(), report, backend.timeZone(), time, breaker, pool,
                            clock.instant()));
                });
    }

    /** How permissions are checked, for status output. */
    public String permissionsDescription() {
        return core.permissions().map(PermissionPolicy::describe).orElse("-");
    }

    // ---------------------------------------------------------------- helpers

    /** Whether the viewer may read {@code node} on {@code backend}; the console and CLI may read everything. */
    public boolean allowed(Viewer viewer, String backend, String node) {
        if (viewer.player().isEmpty()) {
            return true;
        }
        Optional<PermissionPolicy> policy = core.permissions();
        return policy.isPresent() && policy.get().has(viewer.player().get(), backend, node);
    }

    public Clock clock() {
        return clock;
    }

    private LedgerNetConfig config() {
        if (core.state() != LedgerNetCore.State.ENABLED) {
            throw QueryException.disabledNow();
        }
        return core.config().orElseThrow(QueryException::disabledNow);
    }

    private NetworkSearch networkSearch() {
        return core.networkSearch().orElseThrow(QueryException::disabledNow);
    }

    private static String backend(LedgerNetConfig config, String name) {
        return config.backends().keySet().stream().filter(b -> b.equalsIgnoreCase(name)).findFirst()
                .orElseThrow(() -> new QueryException(QueryException.Kind.BAD_INPUT, "Unknown server '" + name
                        + "' (servers: " + String.join(", ", config.backends().keySet()) + ")"));
    }

    private static int coordinate(String axis, String text, int bound) {
        try {
            int value = Integer.parseInt(text);
            if (Math.abs((long) value) <= bound) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new QueryException(QueryException.Kind.BAD_INPUT, axis + " must be a whole number from -" + bound
                + " to " + bound + ", not '" + text + "'");
    }

    private static Optional<UUID> parseUuid(String text) {
        String hex = text.replace("-", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{32}")) {
            return Optional.empty();
        }
        return Optional.of(new UUID(Long.parseUnsignedLong(hex.substring(0, 16), 16),
                Long.parseUnsignedLong(hex.substring(16), 16)));
    }

    /** A search no database can answer is bad input, not an outage. */
    private static <T> CompletableFuture<T> translate(CompletableFuture<T> future) {
        return future.handle((value, error) -> {
            if (error == null) {
                return CompletableFuture.completedFuture(value);
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof NetworkSearch.SearchRefusedException refused) {
                return CompletableFuture.<T>failedFuture(new QueryException(QueryException.Kind.BAD_INPUT,
                        refused.getMessage()));
            }
            return CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(Function.identity());
    }

    @Override
    public void close() {
        probes.shutdownNow();
    }
}
