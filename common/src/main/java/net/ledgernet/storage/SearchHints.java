package net.ledgernet.storage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.function.Function;
import net.ledgernet.search.ObjectRef;
import net.ledgernet.search.SearchQuery;
import net.ledgernet.search.Source;

/**
 * Typos in a search: values of {@code action:}, {@code world:}, {@code object:} and {@code source:@...}
 * that no searched backend's lookup table holds, each with the nearest value those tables do hold
 * ("unknown action block-brake — did you mean block-break?"). Ledger answers such a search with
 * nothing and no hint. Reads only the lookup tables the search itself just loaded (no query of its own);
 * a backend that did not answer is not consulted. Player names are not suggested.
 */
final class SearchHints {
    /** A value of one kind and how to show it. */
    private record Named(LookupTable.Kind kind, String label) {
    }

    private SearchHints() {
    }

    /**
     * @param queries   each searched backend's local query (as the search ran it)
     * @param tables    the cached lookup table of a backend, when it has one loaded
     * @param worldName how a backend's local world id is shown to the asker (its network id, or native)
     */
    static List<String> hints(Map<String, SearchQuery> queries,
                              BiFunction<String, LookupTable.Kind, Optional<LookupTable>> tables,
                              BiFunction<String, String, String> worldName) {
        List<String> hints = new ArrayList<>();
        // Actions, objects and sources are the same ids on every backend: unknown when no backend has it.
        for (LookupTable.Kind kind : List.of(LookupTable.Kind.ACTION, LookupTable.Kind.OBJECT, LookupTable.Kind.SOURCE)) {
            Map<String, List<String>> askedOn = new LinkedHashMap<>();
            queries.forEach((backend, query) -> values(kind, query).forEach(value ->
                    askedOn.computeIfAbsent(value, v -> new ArrayList<>()).add(backend)));
            askedOn.forEach((value, backends) -> {
                Set<String> known = new LinkedHashSet<>();
                boolean anyTable = false;
                for (String backend : backends) {
                    Optional<LookupTable> table = tables.apply(backend, kind);
                    if (table.isPresent()) {
                        anyTable = true;
                        known.addAll(table.get().cachedValues());
                    }
                }
                if (anyTable && !known.contains(value)) {
                    hints.add(hint(kind, value, nearest(value, known), Function.identity()));
                }
            });
        }
        // A world belongs to one backend: compared with that backend's worlds only, shown as the asker sees it.
        queries.forEach((backend, query) -> {
            Optional<LookupTable> table = tables.apply(backend, LookupTable.Kind.WORLD);
            if (table.isEmpty()) {
                return;
            }
            Set<String> known = table.get().cachedValues();
            for (String world : new TreeSet<>(values(LookupTable.Kind.WORLD, query))) {
                if (!known.contains(world)) {
                    hints.add(hint(LookupTable.Kind.WORLD, world, nearest(world, known),
                            local -> worldName.apply(backend, local)));
                }
            }
        });
        return List.copyOf(hints);
    }

    private static String hint(LookupTable.Kind kind, String value, Optional<String> nearest,
                               Function<String, String> shown) {
        String what = switch (kind) {
            case ACTION -> "action";
            case WORLD -> "world";
            case OBJECT -> "object";
            case SOURCE -> "source";
        };
        String prefix = kind == LookupTable.Kind.SOURCE ? "@" : "";
        return "unknown " + what + " " + prefix + shown.apply(value) + nearest
                .map(n -> " — did you mean " + prefix + shown.apply(n) + "?")
                .orElse(": no server searched has logged it");
    }

    /** The values of one kind a query names, allowed or denied (tags are config.yml's, not the database's). */
    private static Set<String> values(LookupTable.Kind kind, SearchQuery query) {
        Set<String> out = new TreeSet<>();
        switch (kind) {
            case ACTION -> {
                out.addAll(query.actions().allowed());
                out.addAll(query.actions().denied());
            }
            case WORLD -> {
                out.addAll(query.worlds().allowed());
                out.addAll(query.worlds().denied());
            }
            case OBJECT -> {
                for (Collection<ObjectRef> refs : List.of(query.objects().allowed(), query.objects().denied())) {
                    refs.stream().filter(ObjectRef.Id.class::isInstance).map(r -> ((ObjectRef.Id) r).id()).forEach(out::add);
                }
            }
            case SOURCE -> {
                for (Collection<Source> sources : List.of(query.sources().allowed(), query.sources().denied())) {
                    sources.stream().filter(Source.Named.class::isInstance).map(s -> ((Source.Named) s).name())
                            .forEach(out::add);
                }
            }
        }
        return out;
    }

    /**
     * The known value nearest to {@code value} in edit distance (a swap of two neighbours counts once),
     * when it is near enough to be a typo: 1 edit up to 4 characters, 2 up to 12, 3 beyond. Ties go to the
     * alphabetically first, so the hint is the same every time.
     */
    static Optional<String> nearest(String value, Collection<String> known) {
        int allowed = value.length() <= 4 ? 1 : value.length() <= 12 ? 2 : 3;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : new TreeSet<>(known)) {
            if (Math.abs(candidate.length() - value.length()) > allowed) {
                continue;
            }
            int d = distance(value, candidate, allowed);
            if (d <= allowed && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance, case-insensitive; stops early above {@code limit}. */
    static int distance(String a, String b, int limit) {
        String s = a.toLowerCase(java.util.Locale.ROOT);
        String t = b.toLowerCase(java.util.Locale.ROOT);
        int[][] d = new int[s.length() + 1][t.length() + 1];
        for (int i = 0; i <= s.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= t.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= s.length(); i++) {
            int rowMin = Integer.MAX_VALUE;
            for (int j = 1; j <= t.length(); j++) {
                int cost = s.charAt(i - 1) == t.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && s.charAt(i - 1) == t.charAt(j - 2) && s.charAt(i - 2) == t.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
                rowMin = Math.min(rowMin, d[i][j]);
            }
            if (rowMin > limit) {
                return rowMin;
            }
        }
        return d[s.length()][t.length()];
    }
}
