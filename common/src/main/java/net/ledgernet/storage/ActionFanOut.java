package net.ledgernet.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Answers an action search from many backends at once: one keyset page query per backend, in
 * parallel on each backend's own executor, each bounded by the fan-out deadline, then a k-way merge
 * newest first by (time DESC, backend name, id DESC) of the backends' heads. Each backend's stream
 * is in its {@link PageOrder}: by time where its database has Ledger's {@code actions_time} index,
 * else in Ledger's own id order; such a backend's rows keep their id order within the merged stream
 * (Ledger's queue order, a few rows apart from exact time order at most), and are interleaved with
 * the other backends' rows by time.
 *
 * <pre>{@code
 * try (ActionFanOut fanOut = ActionFanOut.open(databases, FanOutSettings.defaults(config.limits()))) {
 *     MergedPage page = fanOut.firstPage(Map.of("survival", f1, "creative", f2), 8).join();
 *     // ... page.rows(), page.missing()
 *     MergedPage page2 = fanOut.nextPage(page.next()).join();
 * }
 * }</pre>
 * The returned futures never fail because a backend did: its absence is in {@link MergedPage#missing()}.
 * They complete within about the deadline, whatever the databases do. Memory per page is at most
 * (targeted backends × page size) rows.
 */
public final class ActionFanOut implements AutoCloseable {
    /** Merge order. Times are compared as Instants, so backends in different zones interleave correctly. */
    static final Comparator<ActionRow> NEWEST_FIRST = Comparator.comparing(ActionRow::time).reversed()
            .thenComparing(ActionRow::backend)
            .thenComparing(Comparator.comparingLong(ActionRow::id).reversed());

    private final Map<String, BackendReader> readers;
    private final FanOutSettings settings;

    private ActionFanOut(Map<String, BackendReader> readers, FanOutSettings settings) {
        this.readers = readers;
        this.settings = settings;
    }

    public static ActionFanOut open(BackendDatabases databases, FanOutSettings settings) {
        return open(databases.all(), settings);
    }

    public static ActionFanOut open(Collection<BackendDatabase> databases, FanOutSettings settings) {
        Map<String, BackendReader> readers = new LinkedHashMap<>();
        for (BackendDatabase db : databases) {
            readers.put(db.backend(), new BackendReader(db, settings));
        }
        return new ActionFanOut(Map.copyOf(readers), settings);
    }

    public Optional<BackendReader> reader(String backend) {
        return Optional.ofNullable(readers.get(backend));
    }

    public Collection<BackendReader> readers() {
        return readers.values();
    }

    public FanOutSettings settings() {
        return settings;
    }

    /** Page 1 of a search; {@code filters} holds one resolved filter per targeted backend. */
    public CompletableFuture<MergedPage> firstPage(Map<String, ActionFilter> filters, int pageSize) {
        return nextPage(FanOutCursor.start(filters, pageSize), FanOutListener.NONE);
    }

    /** Page 1, telling {@code listener} as each backend's part arrives or fails. */
    public CompletableFuture<MergedPage> firstPage(Map<String, ActionFilter> filters, int pageSize,
                                                   FanOutListener listener) {
        return nextPage(FanOutCursor.start(filters, pageSize), listener);
    }

    /**
     * Page {@code number} (1-based), by walking the cursor from page 1: each step costs every backend
     * one keyset query of page-size rows, never an OFFSET scan. Keep {@link MergedPage#next()} to go on.
     */
    public CompletableFuture<MergedPage> page(Map<String, ActionFilter> filters, int pageSize, int number) {
        if (number < 1) {
            throw new IllegalArgumentException("pages start at 1");
        }
        CompletableFuture<MergedPage> page = firstPage(filters, pageSize);
        for (int i = 2; i <= number; i++) {
            page = page.thenCompose(p -> nextPage(p.next()));
        }
        return page;
    }

    /** The page after the one {@code cursor} came from. */
    public CompletableFuture<MergedPage> nextPage(FanOutCursor cursor) {
        return nextPage(cursor, FanOutListener.NONE);
    }

    /** The page after the one {@code cursor} came from, telling {@code listener} as each backend's part arrives. */
    public CompletableFuture<MergedPage> nextPage(FanOutCursor cursor, FanOutListener listener) {
        int limit = cursor.pageSize();
        Map<String, CompletableFuture<List<BackendReader.Fetched>>> pending = new TreeMap<>();
        Map<String, BackendFailure> missing = new HashMap<>();
        cursor.backends().forEach((backend, state) -> {
            if (state.exhausted()) {
                return;
            }
            BackendReader reader = readers.get(backend);
            if (reader == null) {
                missing.put(backend, new BackendFailure(BackendFailure.Reason.UNKNOWN_BACKEND,
                        "no Ledger database configured for " + backend));
                return;
            }
            CompletableFuture<List<BackendReader.Fetched>> fetch =
                    reader.call((c, r) -> r.fetchPage(c, state.filter(), state.position(), limit));
            pending.put(backend, fetch);
            if (listener != FanOutListener.NONE) {
                fetch.whenComplete((rows, error) -> FanOutListener.tell(() -> {
                    if (error == null) {
                        listener.answered(backend);
                    } else {
                        listener.failed(backend, failureOf(error));
                    }
                }));
            }
        });
        missing.forEach((backend, failure) -> FanOutListener.tell(() -> listener.failed(backend, failure)));
        return CompletableFuture.allOf(pending.values().stream()
                        .map(f -> f.handle((v, e) -> null)).toArray(CompletableFuture[]::new))
                .thenApply(ignored -> merge(cursor, pending, missing));
    }

    /** Why a backend's future failed, as staff are told it (the fan-out, its counts and player lookups alike). */
    static BackendFailure failureOf(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause instanceof BackendUnavailableException u ? u.failure()
                : new BackendFailure(BackendFailure.Reason.ERROR, String.valueOf(cause));
    }

    private static MergedPage merge(FanOutCursor cursor, Map<String, CompletableFuture<List<BackendReader.Fetched>>> pending,
                                    Map<String, BackendFailure> missing) {
        int limit = cursor.pageSize();
        Map<String, List<BackendReader.Fetched>> fetched = new TreeMap<>();
        pending.forEach((backend, future) -> {
            try {
                fetched.put(backend, future.join());
            } catch (CompletionException e) {
                missing.put(backend, failureOf(e));
            }
        });
        // k-way merge over the heads; each list is already newest first in its backend's own order.
        record Head(String backend, int index, ActionRow row) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> NEWEST_FIRST.compare(a.row, b.row));
        fetched.forEach((backend, rows) -> {
            if (!rows.isEmpty()) {
                heads.add(new Head(backend, 0, rows.get(0).row()));
            }
        });
        List<ActionRow> out = new ArrayList<>(limit);
        Map<String, Integer> consumed = new HashMap<>();
        while (out.size() < limit && !heads.isEmpty()) {
            Head h = heads.poll();
            out.add(h.row);
            consumed.merge(h.backend, 1, Integer::sum);
            List<BackendReader.Fetched> rows = fetched.get(h.backend);
            if (h.index + 1 < rows.size()) {
                heads.add(new Head(h.backend, h.index + 1, rows.get(h.index + 1).row()));
            }
        }
        Map<String, FanOutCursor.BackendCursor> next = new TreeMap<>(cursor.backends());
        // A backend LedgerNet does not know will not appear later: reported once, then done.
        missing.forEach((backend, failure) -> {
            if (failure.reason() == BackendFailure.Reason.UNKNOWN_BACKEND) {
                FanOutCursor.BackendCursor was = cursor.backends().get(backend);
                next.put(backend, new FanOutCursor.BackendCursor(was.filter(), was.position(), true));
            }
        });
        fetched.forEach((backend, rows) -> {
            FanOutCursor.BackendCursor was = cursor.backends().get(backend);
            int used = consumed.getOrDefault(backend, 0);
            Optional<KeysetPosition> position = used == 0 ? was.position() : Optional.of(rows.get(used - 1).position());
            next.put(backend, new FanOutCursor.BackendCursor(was.filter(), position,
                    rows.size() < limit && used == rows.size()));
        });
        return new MergedPage(out, missing, new FanOutCursor(limit, next));
    }

    /**
     * A size estimate, asked for separately (never per page): each backend counts its matches up to
     * {@code capPerBackend} ({@code COUNT(*)} over a {@code LIMIT}ed subquery, so a huge table costs at
     * most that many rows). {@code exact} is false when a backend hit the cap ("at least N") or did not
     * answer; the rows behind a page need no count at all.
     */
    public record TotalEstimate(long count, boolean exact, Map<String, Long> perBackend,
                                Map<String, BackendFailure> missing) {
        public TotalEstimate {
            perBackend = Map.copyOf(perBackend);
            missing = Map.copyOf(missing);
        }
    }

    public CompletableFuture<TotalEstimate> estimateTotal(Map<String, ActionFilter> filters, int capPerBackend) {
        Map<String, CompletableFuture<Long>> pending = new TreeMap<>();
        Map<String, BackendFailure> missing = new HashMap<>();
        filters.forEach((backend, filter) -> {
            BackendReader reader = readers.get(backend);
            if (reader == null) {
                missing.put(backend, new BackendFailure(BackendFailure.Reason.UNKNOWN_BACKEND,
                        "no Ledger database configured for " + backend));
            } else {
                pending.put(backend, reader.call((c, r) -> r.countUpTo(c, filter, capPerBackend)));
            }
        });
        return CompletableFuture.allOf(pending.values().stream().map(f -> f.handle((v, e) -> null))
                .toArray(CompletableFuture[]::new)).thenApply(ignored -> {
                    Map<String, Long> counts = new TreeMap<>();
                    pending.forEach((backend, f) -> {
                        try {
                            counts.put(backend, f.join());
                        } catch (CompletionException e) {
                            missing.put(backend, failureOf(e));
                        }
                    });
                    long total = counts.values().stream().mapToLong(Long::longValue).sum();
                    boolean exact = missing.isEmpty() && counts.values().stream().allMatch(n -> n < capPerBackend);
                    return new TotalEstimate(total, exact, counts, missing);
                });
    }

    @Override
    public void close() {
        readers.values().forEach(BackendReader::close);
    }
}
