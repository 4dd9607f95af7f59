package net.ledgernet.web;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.ledgernet.command.NetworkQueries.ActionPage;
import net.ledgernet.storage.ActionRow;
import net.ledgernet.storage.BackendFailure;
import net.ledgernet.storage.NetworkSearch;

/** The JSON shapes of the console's API (PAGE, ROW, left-out backends), as maps for {@link Json}. */
final class JsonViews {
    private JsonViews() {
    }

    /**
     * PAGE: the rows with network world ids, the backends searched, hidden, revoked and left out
     * (and why), typo hints, and the cursor token of the next page (null at the end).
     */
    static Map<String, Object> page(ActionPage page, NetworkSearch search, String nextCursor) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query", page.query());
        out.put("number", page.number());
        out.put("rows", page.rows().stream().map(row -> row(row, search)).toList());
        out.put("searched", page.searched());
        out.put("hidden", page.hidden());
        out.put("revoked", page.revoked());
        out.put("leftOut", failures(page.missing()));
        out.put("hints", page.hints());
        out.put("next", nextCursor);
        return out;
    }

    /** ROW: one action as staff read it ({@code world} is the network id, {@code source} as Ledger shows it). */
    static Map<String, Object> row(ActionRow row, NetworkSearch search) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("time", row.time().toString());
        out.put("backend", row.backend());
        out.put("world", search.worldFor(row.backend(), row.world(), java.util.Optional.empty()));
        out.put("x", row.x());
        out.put("y", row.y());
        out.put("z", row.z());
        out.put("action", row.action());
        out.put("object", row.object());
        out.put("oldObject", row.oldObject());
        out.put("source", row.sourceLabel());
        out.put("rolledBack", row.rolledBack());
        return out;
    }

    /** {"s4":{"reason":"TIMEOUT","summary":"timed out after 3 s"}}, in backend order. */
    static Map<String, Object> failures(Map<String, BackendFailure> missing) {
        Map<String, Object> out = new TreeMap<>();
        missing.forEach((backend, failure) -> out.put(backend,
                object("reason", failure.reason().name(), "summary", failure.summary())));
        return out;
    }

    /** {"s3":"<why>"}: the short form the charts and the player page use. */
    static Map<String, Object> reasons(Map<String, BackendFailure> missing) {
        Map<String, Object> out = new TreeMap<>();
        missing.forEach((backend, failure) -> out.put(backend, failure.summary()));
        return out;
    }

    /** The live state of one backend in a running search, as the NDJSON stream reports it. */
    static Map<String, Object> backendState(String backend, BackendFailure failure) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "backend");
        out.put("name", backend);
        out.put("state", switch (failure.reason()) {
            case TIMEOUT -> "timeout";
            case BREAKER_OPEN -> "breaker-open";
            case ERROR -> "error";
            case BUSY, UNKNOWN_BACKEND -> "unavailable";
        });
        out.put("detail", failure.summary());
        return out;
    }

    static Map<String, Object> answered(String backend, long millis) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "backend");
        out.put("name", backend);
        out.put("state", "answered");
        out.put("ms", millis);
        return out;
    }

    static Map<String, Object> start(List<String> backends) {
        return object("type", "start", "backends",
                backends.stream().map(b -> object("name", b, "state", "waiting")).toList());
    }

    /** A JSON object whose keys keep the order given: key, value, key, value, ... */
    static Map<String, Object> object(Object... keysAndValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            out.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return out;
    }

    static Map<String, Object> error(String kind, String message) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "error");
        out.put("kind", kind);
        out.put("message", message);
        return out;
    }

    static String time(Instant instant) {
        return instant.toString();
    }
}
