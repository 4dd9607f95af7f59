package net.ledgernet.storage;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Where a fan-out search stands: per backend, its filter (time bounds already absolute: a relative
 * {@code after:3d} was evaluated once, when the search started) and the keyset position of the last
 * row of it that was returned ({@code (time, id)}, or {@code id} for a backend read in id order). The next page asks each backend only for rows strictly older than that,
 * so it continues exactly after the previous page, new rows (newer than every position) never shift
 * it, and page 50 costs each backend what page 1 did. Immutable; keep it to page on later.
 *
 * <p>A backend that was missing from a page keeps its position: if it answers later its rows resume
 * where they left off (nothing skipped, though they may be newer than rows already shown).
 */
public record FanOutCursor(int pageSize, Map<String, BackendCursor> backends) {

    /** One backend's state: {@code exhausted} once it returned fewer rows than asked and all were used. */
    public record BackendCursor(ActionFilter filter, Optional<KeysetPosition> position, boolean exhausted) {
        public BackendCursor {
            Objects.requireNonNull(filter, "filter");
            Objects.requireNonNull(position, "position");
        }
    }

    public FanOutCursor {
        if (pageSize < 1) {
            throw new IllegalArgumentException("pageSize must be positive");
        }
        backends = Collections.unmodifiableMap(new TreeMap<>(backends));
    }

    /** Before the first page: every backend at its newest row; NONE_MATCH backends already exhausted. */
    public static FanOutCursor start(Map<String, ActionFilter> filters, int pageSize) {
        Map<String, BackendCursor> out = new TreeMap<>();
        filters.forEach((backend, filter) ->
                out.put(backend, new BackendCursor(filter, Optional.empty(), filter.noneMatch())));
        return new FanOutCursor(pageSize, out);
    }

    /** No backend can return anything more (missing backends are not exhausted). */
    public boolean finished() {
        return backends.values().stream().allMatch(BackendCursor::exhausted);
    }
}
