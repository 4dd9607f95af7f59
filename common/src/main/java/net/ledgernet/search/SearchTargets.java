package net.ledgernet.search;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which backends a search runs on, and the query each of them runs (its own dimension ids, no
 * {@code backend:} terms), or why LedgerNet refuses it. One rule for both entry points:
 * <em>default backends, plus the backends named by {@code backend:} or by an allowed {@code world:}
 * term, minus {@code backend:!name}; {@code backend:*} is every backend</em>; then every backend
 * whose {@linkplain SearchQuery#localTo local query} cannot match is left out.
 */
public final class SearchTargets {
    static final String RANGE_ELSEWHERE = "range: only works on the server you are on (only it knows where you"
            + " stand); leave range: out to search other servers, and narrow with world: instead";
    static final String RANGE_IN_COMMAND = "range: needs your position, which the proxy does not know;"
            + " narrow with world: instead, or use /lg search on the server itself";
    static final String NOTHING_SELECTED = "The search selects no server; check its backend: and world: terms";

    private SearchTargets() {
    }

    /** The answer: searches to run, or a reason to refuse (for {@code ledger:response} 3 or chat). */
    public sealed interface Targeting permits Targets, Refused {
    }

    /** Backend name (as configured) to the query it runs, in the configured order of backends. */
    public record Targets(Map<String, SearchQuery> queries) implements Targeting {
        public Targets {
            queries = Collections.unmodifiableMap(new LinkedHashMap<>(queries));
        }
    }

    public record Refused(String reason) implements Targeting {
        public Refused {
            Objects.requireNonNull(reason);
        }
    }

    /**
     * A {@code ledger:search} (or rollback/purge string) from a client mod, which draws every
     * result in the world the player stands in: by default only the player's current backend.
     * {@code range:N} is allowed only when that backend is the only target.
     *
     * @param backends every backend LedgerNet can search, in display order
     */
    public static Targeting forClientMod(
            SearchQuery query, String currentBackend, Collection<String> backends, WorldResolver resolver) {
        Set<String> defaults = backends.contains(currentBackend) ? Set.of(currentBackend) : Set.of();
        Targeting targeting = plan(query, defaults, backends, resolver);
        if (query.range().orElse(null) instanceof Range.Radius && targeting instanceof Targets targets
                && !targets.queries().keySet().equals(Set.of(currentBackend))) {
            return new Refused(RANGE_ELSEWHERE);
        }
        return targeting;
    }

    /**
     * LedgerNet's own chat/console search, which lists results: by default every backend.
     * {@code range:N} is refused, since the proxy does not know where the sender stands.
     */
    public static Targeting forChatCommand(SearchQuery query, Collection<String> backends, WorldResolver resolver) {
        if (query.range().orElse(null) instanceof Range.Radius) {
            return new Refused(RANGE_IN_COMMAND);
        }
        return plan(query, new LinkedHashSet<>(backends), backends, resolver);
    }

    private static Targeting plan(
            SearchQuery query, Set<String> defaults, Collection<String> backends, WorldResolver resolver) {
        List<String> unresolved = query.unresolvedWorlds(resolver);
        if (!unresolved.isEmpty()) {
            return new Refused("Unknown dimension in " + String.join(", ", unresolved)
                    + " (use the dimension ids LedgerNet shows)");
        }
        BackendSelection selection = query.backends();
        Set<String> selected = new LinkedHashSet<>(selection.all() ? backends : defaults);
        for (String name : selection.included()) {
            Optional<String> known = configured(backends, name);
            if (known.isEmpty()) {
                return new Refused("Unknown server in backend:" + name);
            }
            selected.add(known.get());
        }
        selected.addAll(query.worldBackends(resolver));
        for (String name : selection.excluded()) {
            Optional<String> known = configured(backends, name);
            if (known.isEmpty()) {
                return new Refused("Unknown server in backend:!" + name);
            }
            selected.remove(known.get());
        }
        Map<String, SearchQuery> queries = new LinkedHashMap<>();
        for (String backend : backends) {
            if (selected.contains(backend)) {
                query.localTo(backend, resolver).ifPresent(local -> queries.put(backend, local.withoutBackends()));
            }
        }
        return queries.isEmpty() ? new Refused(NOTHING_SELECTED) : new Targets(queries);
    }

    /** Proxies match server names case-insensitively; answer with the configured spelling. */
    private static Optional<String> configured(Collection<String> backends, String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        return backends.stream().filter(b -> b.toLowerCase(Locale.ROOT).equals(lower)).findFirst();
    }
}
