package net.ledgernet.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.StringLength;
import net.ledgernet.dimension.DimensionMap.Dimension;

class SearchPropertiesTest {
    /** Every character an accepted search can render to: nothing a database or a shell would read as syntax. */
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.:/@#!*+ -]*");

    // --- hostile input ---

    @Property(tries = 1500)
    void anyStringParsesOrFailsWithASyntaxError(@ForAll String input) {
        checkParse(input);
    }

    @Property(tries = 1500)
    void grammarLikeStringsParseOrFailWithASyntaxError(@ForAll("grammarish") String input) {
        Statistics.label("parsed").collect(checkParse(input));
        // Make sure the generator reaches both outcomes, not only early errors.
        Statistics.label("parsed").coverage(c -> {
            c.check(true).percentage(p -> p > 3);
            c.check(false).percentage(p -> p > 3);
        });
    }

    @Property(tries = 30)
    void longStringsFailFastOrParse(@ForAll @StringLength(min = 30000, max = 40000) String input) {
        checkParse(input);
    }

    @Property(tries = 1000)
    void metacharactersInsertedIntoValidSearchesNeverBecomeSyntax(
            @ForAll("queries") SearchQuery query, @ForAll("metacharacters") String meta, @ForAll int where) {
        String valid = query.toSearchString();
        int at = valid.isEmpty() ? 0 : Math.floorMod(where, valid.length() + 1);
        checkParse(valid.substring(0, at) + meta + valid.substring(at));
    }

    /** @return whether the input was accepted */
    private static boolean checkParse(String input) {
        try {
            SearchQuery query = SearchParser.parse(input);
            String rendered = query.toSearchString();
            assertThat(rendered).matches(PLAIN);
            assertThat(SearchParser.parse(rendered)).isEqualTo(query);
            return true;
        } catch (SearchSyntaxException e) {
            assertThat(e.offset()).isBetween(0, input.length());
            if (e.kind() != SearchSyntaxException.Kind.INPUT_TOO_LONG) {
                assertThat(input.startsWith(e.term(), e.offset())).isTrue();
                // Spaces only where Ledger reads them as part of the key: before its ':'.
                assertThat(e.term()).isNotEmpty();
                assertThat(e.term().replaceFirst("^([^: ]*) +:", "$1:")).doesNotContain(" ");
            }
            assertThat(e.term().length()).isLessThanOrEqualTo(SearchLimits.DEFAULTS.maxTermLength());
            return false;
        }
    }

    /** Terms built from the grammar's own pieces, mostly well-formed, with some noise. */
    @Provide
    Arbitrary<String> grammarish() {
        Arbitrary<String> key = Arbitraries.frequencyOf(
                Tuple.of(10, Arbitraries.of("action", "source", "object", "world", "range", "before", "after",
                        "rolledback", "backend")),
                Tuple.of(1, Arbitraries.of("Action", "x", "", "player", "world ")));
        Arbitrary<String> piece = Arbitraries.of("block-break", "Steve", "@fire", "@@", "stone", "minecraft:stone",
                "#minecraft:logs", "#", "overworld", "a:b:c", "1", "99", "0", "-1", "100000", "2147483648",
                "99999999999999999999", "1d", "2h30m", "3651d", "W", "s", "true", "false", "TRUE", "@global", "*",
                "survival", ":", "/", ".", "_", "'", "\"", ";", "--", "%", "\\", "\u0000", "\t", "\n", "é",
                "\u202e", "\ud83d", "\u00a0");
        Arbitrary<String> term = Combinators.combine(key, Arbitraries.frequencyOf(
                        Tuple.of(10, Arbitraries.just(":")), Tuple.of(1, Arbitraries.just(""))),
                Arbitraries.frequencyOf(Tuple.of(4, Arbitraries.just("")), Tuple.of(1, Arbitraries.just("!"))),
                Arbitraries.frequencyOf(Tuple.of(6, piece), Tuple.of(1, piece.list().ofMaxSize(3)
                        .map(p -> String.join("", p)))))
                .as((k, colon, bang, value) -> k + colon + bang + value);
        Arbitrary<String> space = Arbitraries.frequencyOf(Tuple.of(10, Arbitraries.just(" ")),
                Tuple.of(1, Arbitraries.of("  ", "", "\t")));
        return Combinators.combine(term, space).as((t, sp) -> t + sp).list().ofMaxSize(8)
                .map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> metacharacters() {
        return Arbitraries.of("'", "\"", ";", "--", "%", "_", "\\", "\u0000", "é", "\u00a0", "\n", " ", ":", "!",
                "@", "#", "*", "/*", "' OR '1'='1", "`", "$", "\u202e", "\uffff");
    }

    // --- round trip ---

    @Property(tries = 1000)
    void renderingParsesBackToTheSameQuery(@ForAll("queries") SearchQuery query) throws SearchSyntaxException {
        assertThat(SearchParser.parse(query.toSearchString())).isEqualTo(query);
        assertThat(SearchParser.parse(query.toLedgerString())).isEqualTo(query.withoutBackends());
        assertThat(query.toLedgerString()).doesNotContain("backend:").matches(PLAIN);
        assertThat(SearchParser.parse(query.toSearchString()).toSearchString()).isEqualTo(query.toSearchString());
    }

    @Property(tries = 500)
    void worldsThroughTheDimensionMapAndBackAreUnchanged(@ForAll("queries") SearchQuery query) {
        SearchQuery network = query.mapWorlds(id -> Optional.of(SearchQueryTest.MAP.toNetwork("survival", id)))
                .query().orElseThrow();
        assertThat(network.worldBackends(WorldResolver.of(SearchQueryTest.MAP, Optional.empty())))
                .isSubsetOf("survival");
        assertThat(network.mapWorlds(id -> SearchQueryTest.MAP.toLocal(id).map(Dimension::localId)).query())
                .contains(query);
        assertThat(network.localTo("survival", WorldResolver.of(SearchQueryTest.MAP, Optional.empty())))
                .contains(query);
        if (!query.worlds().allowed().isEmpty()) {
            assertThat(network.localTo("creative", WorldResolver.of(SearchQueryTest.MAP, Optional.empty()))).isEmpty();
        }
    }

    @Provide
    Arbitrary<SearchQuery> queries() {
        Arbitrary<Tuple.Tuple4<Filter<String>, Filter<Source>, Filter<ObjectRef>, Filter<String>>> filters =
                Combinators.combine(filter(actions()), filter(sources()), filter(objects()), filter(identifiers()))
                        .as(Tuple::of);
        Arbitrary<Optional<Range>> range = Arbitraries.oneOf(
                Arbitraries.integers().between(1, SearchLimits.DEFAULTS.maxRange()).map(Range::radius),
                Arbitraries.just((Range) Range.GLOBAL)).optional();
        Arbitrary<Optional<Duration>> duration = Arbitraries.longs()
                .between(0, SearchLimits.DEFAULTS.maxDuration().getSeconds()).map(Duration::ofSeconds).optional();
        Arbitrary<Optional<Boolean>> bool = Arbitraries.of(true, false).optional();
        return Combinators.combine(filters, range, duration, duration, bool, backends())
                .as((f, r, before, after, rolledBack, backends) ->
                        new SearchQuery(f.get1(), f.get2(), f.get3(), f.get4(), r, before, after, rolledBack, backends));
    }

    private static <T extends Comparable<? super T>> Arbitrary<Filter<T>> filter(Arbitrary<T> values) {
        return Combinators.combine(values.set().ofMaxSize(4), values.set().ofMaxSize(3)).as(Filter::new);
    }

    private static Arbitrary<String> chars(String extra, int min, int max) {
        return Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars(extra)
                .ofMinLength(min).ofMaxLength(max);
    }

    private static Arbitrary<String> actions() {
        return Arbitraries.oneOf(Arbitraries.of("block-break", "block-place", "item-insert", "entity-kill"),
                chars("ABZ_.+-", 1, 16));
    }

    private static Arbitrary<Source> sources() {
        return Arbitraries.oneOf(
                chars("AZ_.*-", 1, 16).map(Source::player),
                chars("AZ_.-/:", 1, 30).map(Source::named));
    }

    private static Arbitrary<String> identifiers() {
        return Combinators.combine(chars("_.-", 1, 10), chars("_.-/", 1, 20)).as((ns, path) -> ns + ":" + path);
    }

    private static Arbitrary<ObjectRef> objects() {
        return Arbitraries.oneOf(identifiers().map(ObjectRef::id), identifiers().map(ObjectRef::tag));
    }

    private static Arbitrary<BackendSelection> backends() {
        Arbitrary<Set<String>> names = chars("AZ_.-", 1, 12).set().ofMaxSize(3);
        return Combinators.combine(Arbitraries.of(true, false), names, names).as((all, included, excluded) -> {
            Set<String> in = all ? Set.of() : included;
            Set<String> lower = in.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
            Set<String> out = new TreeSet<>();
            excluded.stream().filter(n -> !lower.contains(n.toLowerCase(Locale.ROOT))).forEach(out::add);
            return new BackendSelection(all, in, out);
        });
    }

    @Property(tries = 200)
    void generatedQueriesStayWithinTheDefaultLimits(@ForAll("queries") SearchQuery query) {
        List<String> terms = List.of(query.toSearchString().split(" "));
        assertThat(terms.size()).isLessThanOrEqualTo(SearchLimits.DEFAULTS.maxTerms());
    }
}
