package net.ledgernet.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.dimension.DimensionMap;

/**
 * Rewrites a client's search, rollback or purge string for one backend: network dimension ids in
 * {@code world:} terms (negated or not) become that backend's own ids, and LedgerNet's
 * {@code backend:} terms are taken out, since Ledger does not know them. Terms that name another
 * backend (by its network dimension ids, or {@code backend:}) are reported, so the caller can
 * target or refuse them.
 */
final class SearchStrings {
    private final LedgerNetConfig config;

    SearchStrings(LedgerNetConfig config) {
        this.config = config;
    }

    sealed interface Result {
    }

    /** The string as {@code backend} must see it, and the other backends it names. */
    record ForBackend(String input, List<String> otherBackends) implements Result {
    }

    record Invalid(String message) implements Result {
    }

    Result forBackend(String input, String backend) {
        DimensionMap dimensions = config.dimensionMap();
        Set<String> others = new LinkedHashSet<>();
        List<String> kept = new ArrayList<>();
        for (String term : input.trim().split(" +")) {
            if (term.isEmpty()) {
                continue;
            }
            int colon = term.indexOf(':');
            if (colon <= 0) {
                return new Invalid("'" + term + "' is not a key:value term");
            }
            String key = term.substring(0, colon);
            String value = term.substring(colon + 1);
            boolean negated = value.startsWith("!");
            String bare = negated ? value.substring(1) : value;
            switch (key) {
                case "backend" -> {
                    if (negated) {
                        return new Invalid("backend: cannot be negated; name the servers to search");
                    }
                    if (bare.equals("*")) {
                        config.backends().keySet().stream().filter(b -> !b.equals(backend)).forEach(others::add);
                    } else if (!bare.equals(backend)) {
                        if (!config.backends().containsKey(bare)) {
                            return new Invalid("unknown server '" + bare + "' in backend:" + bare);
                        }
                        others.add(bare);
                    }
                }
                case "world" -> {
                    Optional<DimensionMap.Dimension> dimension = dimensions.toLocal(bare);
                    if (dimension.isEmpty()) {
                        kept.add(term); // a native id: the player's own backend
                    } else if (dimension.get().backend().equals(backend)) {
                        kept.add("world:" + (negated ? "!" : "") + dimension.get().localId());
                    } else if (negated) {
                        // Excluding another server's world changes nothing on this one.
                        continue;
                    } else {
                        others.add(dimension.get().backend());
                    }
                }
                default -> kept.add(term);
            }
        }
        return new ForBackend(String.join(" ", kept), List.copyOf(others));
    }
}
