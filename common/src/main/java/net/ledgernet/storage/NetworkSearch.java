package net.ledgernet.storage;

import java.time.Clock;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.protocol.BlockPos;
import net.ledgernet.protocol.Identifier;
import net.ledgernet.protocol.LedgerPacket.ActionS2C;
import net.ledgernet.protocol.LedgerPacket.PlayerS2C;
import net.ledgernet.protocol.PayloadWriter;
import net.ledgernet.search.ObjectRef;
import net.ledgernet.search.SearchQuery;

/**
 * The one implementation of LedgerNet's network search, used by the router (client mods), the
 * {@code /lgn} command and the CLI alike: resolve each backend's query to its ids, page through the
 * merged stream, and turn rows into Ledger packets with the right dimension ids.
 */
public final class NetworkSearch {
    private final LedgerNetConfig config;
    private final ActionFanOut fanOut;
    private final Clock clock;

    public NetworkSearch(LedgerNetConfig config, ActionFanOut fanOut, Clock clock) {
        this.config = config;
        this.fanOut = fanOut;
        this.clock = clock;
    }

    /** The query could not be answered at all (as opposed to some backends missing). */
    public static final class SearchRefusedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public SearchRefusedException(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * Page 1 of a search over {@code queries} (backend to its local query, as {@code SearchTargets}
     * gives them). Fails with {@link SearchRefusedException} for a query no database can answer.
     */
    public CompletableFuture<MergedPage> search(Map<String, SearchQuery> queries, int pageSize) {
        return search(queries, pageSize, clock.instant());
    }

    /**
     * Page 1, with relative times ({@code after:3d}) evaluated once against {@code now}: the filters in
     * the cursor hold absolute bounds, so later pages never move the boundary.
     */
    public CompletableFuture<MergedPage> search(Map<String, SearchQuery> queries, int pageSize, java.time.Instant now) {
        return resolveAndPage(queries, Optional.empty(), pageSize, now, FanOutListener.NONE);
    }

    /** Page 1, telling {@code listener} as each backend answers or is left out. */
    public CompletableFuture<MergedPage> search(Map<String, SearchQuery> queries, int pageSize, java.time.Instant now,
                                                FanOutListener listener) {
        return resolveAndPage(queries, Optional.empty(), pageSize, now, listener);
    }

    /** The page after {@code page}. */
    public CompletableFuture<MergedPage> next(MergedPage page) {
        return fanOut.nextPage(page.next());
    }

    /** The page after {@code page}, telling {@code listener} as each backend answers or is left out. */
    public CompletableFuture<MergedPage> next(MergedPage page, FanOutListener listener) {
        return fanOut.nextPage(page.next(), listener);
    }

    /**
     * Ledger's network inspect: every action at x/y/z on one backend, newest first, in every world
     * of that backend (as Ledger's {@code ledger:inspect}), or in one world when given.
     */
    public CompletableFuture<MergedPage> inspect(String backend, BlockPos pos, Optional<String> localWorld,
                                                 int pageSize) {
        SearchQuery query = localWorld.map(world -> SearchQuery.builder().world(true, world).build())
                .orElse(SearchQuery.ALL);
        return resolveAndPage(Map.of(backend, query),
                Optional.of(ActionFilter.BlockBox.of(pos.x(), pos.y(), pos.z())), pageSize, clock.instant(),
                FanOutListener.NONE);
    }

    /**
     * Typos in a search that has run: each value of {@code action:}, {@code world:}, {@code object:} or
     * {@code source:@} that none of the backends that answered has in its lookup tables, as one line for
     * chat or a terminal, with the nearest known value when there is one near enough: "unknown action
     * block-brake — did you mean block-break?", "unknown world survival:overwold — did you mean
     * survival:overworld?". Reads only the lookup tables the search loaded (no database query); empty when
     * every value is known.
     *
     * @param queries       the backends searched and each one's local query, as passed to {@link #search}
     * @param page          the search's first page: its missing backends are not consulted
     * @param viewerBackend the asker's current backend when it sees that backend's native world ids (a
     *                      client mod), else empty (network ids, as /lgn and the CLI show them)
     */
    public List<String> typoHints(Map<String, SearchQuery> queries, MergedPage page, Optional<String> viewerBackend) {
        Map<String, SearchQuery> answered = new LinkedHashMap<>(queries);
        answered.keySet().removeAll(page.missing().keySet());
        return SearchHints.hints(answered,
                (backend, kind) -> fanOut.reader(backend).flatMap(reader -> reader.cachedLookupTable(kind)),
                (backend, local) -> worldFor(backend, local, viewerBackend));
    }

    /**
     * Players by UUID across {@code backends}. More distinct players than {@code limits.max-player-uuids}
     * are refused whole ({@link SearchRefusedException}); players that could not be answered are in
     * {@link NetworkPlayers.Result#unanswered()}, never silently left out.
     */
    public CompletableFuture<NetworkPlayers.Result> players(Collection<UUID> uuids, Collection<String> backends) {
        long distinct = uuids.stream().distinct().count();
        int cap = config.limits().maxPlayerUuids();
        if (distinct > cap) {
            return CompletableFuture.failedFuture(new SearchRefusedException("This player lookup asks for " + distinct
                    + " players; at most " + cap + " are answered at once (limits.max-player-uuids in LedgerNet's"
                    + " config.yml). Ask for fewer players."));
        }
        return NetworkPlayers.lookup(fanOut, uuids, backends);
    }

    private CompletableFuture<MergedPage> resolveAndPage(Map<String, SearchQuery> queries,
                                                         Optional<ActionFilter.BlockBox> bounds, int pageSize,
                                                         java.time.Instant now, FanOutListener listener) {
        // Tags come from config.yml alone: an unlisted one is refused before any database is asked.
        for (SearchQuery query : queries.values()) {
            for (var objects : List.of(query.objects().allowed(), query.objects().denied())) {
                for (ObjectRef object : objects) {
                    if (object instanceof ObjectRef.Tag tag && !config.objectTags().containsKey(tag.id())) {
                        return CompletableFuture.failedFuture(new SearchRefusedException("This search cannot be"
                                + " answered from the databases: the object tag #" + tag.id() + " is not listed under"
                                + " object-tags in LedgerNet's config.yml (the proxy has no game registry)."));
                    }
                }
            }
        }
        Map<String, CompletableFuture<ActionFilter>> pending = new TreeMap<>();
        Map<String, BackendFailure> missing = new HashMap<>();
        queries.forEach((backend, query) -> {
            Optional<BackendReader> reader = fanOut.reader(backend);
            if (reader.isEmpty()) {
                missing.put(backend, new BackendFailure(BackendFailure.Reason.UNKNOWN_BACKEND,
                        "no Ledger database configured for " + backend));
            } else {
                pending.put(backend, reader.get().call((c, r) ->
                        SearchResolver.resolve(query, bounds, now, config.objectTags(), c, r)));
            }
        });
        return CompletableFuture.allOf(pending.values().stream().map(f -> f.handle((v, e) -> null))
                        .toArray(CompletableFuture[]::new))
                .thenCompose(ignored -> {
                    Map<String, ActionFilter> filters = new LinkedHashMap<>();
                    for (Map.Entry<String, CompletableFuture<ActionFilter>> entry : pending.entrySet()) {
                        try {
                            filters.put(entry.getKey(), entry.getValue().join());
                        } catch (CompletionException e) {
                            missing.put(entry.getKey(), e.getCause() instanceof BackendUnavailableException b
                                    ? b.failure()
                                    : new BackendFailure(BackendFailure.Reason.ERROR, String.valueOf(e.getCause())));
                        }
                    }
                    missing.forEach((backend, failure) -> FanOutListener.tell(() -> listener.failed(backend, failure)));
                    // A backend whose filter matches nothing is not asked for rows: it has answered.
                    filters.forEach((backend, filter) -> {
                        if (filter.noneMatch()) {
                            FanOutListener.tell(() -> listener.answered(backend));
                        }
                    });
                    return fanOut.firstPage(filters, pageSize, listener).thenApply(page -> {
                        Map<String, BackendFailure> all = new HashMap<>(missing);
                        all.putAll(page.missing());
                        return new MergedPage(page.rows(), all, page.next());
                    });
                });
    }

    /**
     * A row as the {@code ledger:action} packet a client mod draws: the dimension as the viewer must
     * see it (its own backend's native id when configured so, else the network id). Empty for a row
     * whose ids are not valid identifiers, which Ledger could not have sent either.
     */
    public Optional<ActionS2C> toPacket(ActionRow row, Optional<String> viewerBackend) {
        try {
            String extra = row.extraData().orElse("");
            if (extra.length() > PayloadWriter.MAX_STRING_CHARS) {
                extra = ""; // Ledger's own encoder would throw on it (ledger.md §1.11); the action still shows
            }
            return Optional.of(new ActionS2C(new BlockPos(row.x(), row.y(), row.z()), row.action(),
                    Identifier.parse(worldFor(row.backend(), row.world(), viewerBackend)),
                    Identifier.parse(row.oldObject()), Identifier.parse(row.object()), row.sourceLabel(),
                    row.time().getEpochSecond(), row.rolledBack(), extra));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A player as the {@code ledger:player} packet; empty when there is no position to give. */
    public Optional<PlayerS2C> toPacket(NetworkPlayers.NetworkPlayer player, Optional<String> viewerBackend) {
        try {
            return player.lastJoinPosition().map(pos -> new PlayerS2C(player.uuid(), player.name(),
                    player.firstJoin().getEpochSecond(), player.lastJoin().getEpochSecond(),
                    new BlockPos(pos.x(), pos.y(), pos.z()),
                    Identifier.parse(worldFor(pos.backend(), pos.world(), viewerBackend))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The dimension id a viewer on {@code viewerBackend} must see for a backend's own id. */
    public String worldFor(String backend, String localWorld, Optional<String> viewerBackend) {
        boolean keepNative = config.dimensions().keepCurrentBackendNative() && viewerBackend.filter(backend::equals).isPresent();
        return keepNative ? localWorld : config.dimensionMap().toNetwork(backend, localWorld);
    }
}
