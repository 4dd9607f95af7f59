package net.ledgernet.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.search.SearchLimits;
import net.ledgernet.search.SearchParser;
import net.ledgernet.search.SearchQuery;
import net.ledgernet.search.SearchSyntaxException;
import net.ledgernet.search.SearchTargets;
import net.ledgernet.search.WorldResolver;

/**
 * A client's search, rollback or purge string, checked and rewritten for the player's backend:
 * network dimension ids in {@code world:} terms (negated or not) become that backend's own ids, and
 * LedgerNet's {@code backend:} terms are taken out, since Ledger does not know them. The other
 * backends the string names are reported, so the caller can target or refuse them.
 */
final class SearchStrings {
    private final LedgerNetConfig config;

    SearchStrings(LedgerNetConfig config) {
        this.config = config;
    }

    sealed interface Result {
    }

    /**
     * @param input         the string the player's backend must get; empty when the string does not
     *                      target that backend at all
     * @param otherBackends the other backends it targets
     * @param queries       every targeted backend's query, with that backend's own dimension ids
     * @param parsed        the query as the player wrote it
     */
    record ForBackend(Optional<String> input, List<String> otherBackends, Map<String, SearchQuery> queries,
                      SearchQuery parsed) implements Result {
    }

    record Invalid(String message) implements Result {
    }

    Result forBackend(String input, String backend) {
        SearchQuery query;
        try {
            query = SearchParser.parse(input, SearchLimits.DEFAULTS);
        } catch (SearchSyntaxException e) {
            return new Invalid(e.getMessage());
        }
        WorldResolver resolver = WorldResolver.of(config.dimensionMap(), Optional.of(backend));
        if (query.backends().isDefault() && namesOnly(query, backend, resolver)) {
            // The common case (no backend: terms, every world: term on the player's own backend): the
            // answer SearchTargets would give, without building its plan. The router runs this per packet.
            SearchQuery local = query.localTo(backend, resolver).orElse(query);
            return new ForBackend(Optional.of(local.equals(query) ? input : local.toLedgerString()), List.of(),
                    Map.of(backend, local), query);
        }
        // The player's backend may not be listed in config.yml; it is still where the request goes.
        Set<String> backends = new LinkedHashSet<>(config.backends().keySet());
        backends.add(backend);
        SearchTargets.Targeting targeting = SearchTargets.forClientMod(query, backend, backends, resolver);
        if (targeting instanceof SearchTargets.Refused refused) {
            return new Invalid(refused.reason());
        }
        SearchTargets.Targets targets = (SearchTargets.Targets) targeting;
        List<String> others = new ArrayList<>(targets.queries().keySet());
        others.remove(backend);
        Optional<String> local = Optional.ofNullable(targets.queries().get(backend))
                // Unchanged queries go on as the player wrote them; rewritten ones in canonical form.
                .map(rewritten -> rewritten.equals(query) ? input : rewritten.toLedgerString());
        return new ForBackend(local, List.copyOf(others), targets.queries(), query);
    }

    /**
     * Every {@code world:} term (allowed or denied) resolves to {@code backend}. A client mod shows,
     * and its user types, the current backend's native ids and network ids; the resolver knows both.
     */
    private static boolean namesOnly(SearchQuery query, String backend, WorldResolver resolver) {
        for (Set<String> ids : List.of(query.worlds().allowed(), query.worlds().denied())) {
            for (String id : ids) {
                Optional<net.ledgernet.dimension.DimensionMap.Dimension> dimension = resolver.resolve(id);
                if (dimension.isEmpty() || !dimension.get().backend().equals(backend)) {
                    return false;
                }
            }
        }
        return true;
    }
}
