package net.ledgernet.storage;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One page of a fan-out search: rows newest first across backends (ties: backend name, then id
 * descending; a backend without a time index keeps Ledger's id order among its own rows, see
 * {@link ActionFanOut}), the backends that did not answer and why, and the cursor for the next page.
 */
public record MergedPage(List<ActionRow> rows, Map<String, BackendFailure> missing, FanOutCursor next) {
    public MergedPage {
        rows = List.copyOf(rows);
        missing = Collections.unmodifiableMap(new TreeMap<>(missing));
    }

    /** Some targeted backend is not in this page. */
    public boolean partial() {
        return !missing.isEmpty();
    }

    /**
     * This page narrowed to {@code backends}: the others' rows, failures and places in the cursor
     * are dropped, so no later page asks them again (a permission withdrawn mid-search).
     */
    public MergedPage onlyBackends(java.util.Set<String> backends) {
        Map<String, FanOutCursor.BackendCursor> cursors = new java.util.LinkedHashMap<>(next.backends());
        cursors.keySet().retainAll(backends);
        Map<String, BackendFailure> failures = new java.util.LinkedHashMap<>(missing);
        failures.keySet().retainAll(backends);
        return new MergedPage(rows.stream().filter(row -> backends.contains(row.backend())).toList(), failures,
                new FanOutCursor(next.pageSize(), cursors));
    }

    /** Nothing follows: every backend answered and has no more rows. */
    public boolean last() {
        return next.finished();
    }
}
