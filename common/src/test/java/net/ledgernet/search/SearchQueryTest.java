package net.ledgernet.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import net.ledgernet.dimension.DimensionMap;
import org.junit.jupiter.api.Test;

class SearchQueryTest {
    static final DimensionMap MAP = DimensionMap.validate("{backend}:{dimension}", List.of("survival", "creative"),
            Map.of("creative", Map.of("minecraft:overworld", "flat:world")), "t", "o", (k, r) -> {
                throw new AssertionError(k + ": " + r);
            });

    @Test
    void rendersCanonicallyWhateverTheInputOrder() throws SearchSyntaxException {
        SearchQuery query = SearchParser.parse("backend:!lobby rolledback:false after:90000s before:1w source:@fire"
                + " world:!the_nether object:#logs action:!item-drop source:Steve action:block-break range:3"
                + " object:stone");
        assertThat(query.toLedgerString()).isEqualTo("action:block-break action:!item-drop source:@fire source:Steve"
                + " object:#minecraft:logs object:minecraft:stone world:!minecraft:the_nether range:3 before:1w"
                + " after:1d1h rolledback:false");
        assertThat(query.toSearchString()).isEqualTo(query.toLedgerString() + " backend:!lobby");
        assertThat(SearchParser.parse(query.toLedgerString())).isEqualTo(query.withoutBackends());
        assertThat(SearchParser.parse(query.toSearchString())).isEqualTo(query);
        assertThat(SearchQuery.ALL.toLedgerString()).isEmpty();
    }

    @Test
    void rendersBackendSelections() throws SearchSyntaxException {
        SearchQuery all = SearchParser.parse("backend:!b backend:* backend:!a");
        assertThat(all.toSearchString()).isEqualTo("backend:* backend:!a backend:!b");
        assertThat(all.toLedgerString()).isEmpty();
        assertThat(SearchParser.parse("backend:b backend:a").toSearchString()).isEqualTo("backend:a backend:b");
    }

    @Test
    void durationsRenderLargestUnitFirst() {
        assertThat(LedgerDurations.render(Duration.ZERO)).isEqualTo("0s");
        assertThat(LedgerDurations.render(Duration.ofSeconds(59))).isEqualTo("59s");
        assertThat(LedgerDurations.render(Duration.ofDays(3650))).isEqualTo("521w3d");
        assertThat(LedgerDurations.render(Duration.ofDays(8).plusMinutes(1).plusSeconds(1))).isEqualTo("1w1d1m1s");
    }

    @Test
    void valueTypesNormaliseAndRefuseWhatCannotRenderBack() {
        assertThat(Source.player("Steve")).isEqualTo(Source.player("STEVE"));
        assertThat(Source.player("Steve").term()).as("rendered as written").isEqualTo("Steve");
        assertThat(((Source.Player) Source.player("Steve")).name()).as("identified in lower case").isEqualTo("steve");
        assertThat(Source.named("inFire").term()).isEqualTo("@inFire");
        assertThat(ObjectRef.id("stone")).isEqualTo(ObjectRef.id("minecraft:stone"));
        assertThat(ObjectRef.tag("logs").term()).isEqualTo("#minecraft:logs");
        assertThat(SearchQuery.builder().world(true, "overworld").build().worlds().allowed())
                .containsExactly("minecraft:overworld");
        assertThatThrownBy(() -> Source.named("a b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Source.player("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ObjectRef.id("Stone")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Range.radius(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchQuery.builder().action(true, "a'b")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchQuery.builder().after(Duration.ofMillis(1500)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchQuery.builder().before(Duration.ofSeconds(-1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackendSelection(true, Set.of("a"), Set.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BackendSelection(false, Set.of("a"), Set.of("A")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchQuery.ALL.worlds().allowed().add("x:y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void filtersIterateSortedAndKeepAllowedAndDeniedApart() {
        Filter<String> filter = Filter.allow("b", "a").andDeny("a").andDeny("c");
        assertThat(filter.allowed()).containsExactly("a", "b");
        assertThat(filter.denied()).containsExactly("a", "c");
        assertThat(filter.map(s -> s.toUpperCase()).allowed()).containsExactly("A", "B");
        assertThat(Filter.<String>none().isEmpty()).isTrue();
    }

    @Test
    void mapWorldsIsAllOrNothingAndNamesTheTermsItCouldNotMap() throws SearchSyntaxException {
        SearchQuery query = SearchParser.parse("world:overworld world:!the_end world:!foo:bar source:Steve");
        Map<String, String> known = Map.of("minecraft:overworld", "survival:overworld",
                "minecraft:the_end", "survival:the_end");
        SearchQuery.MappedWorlds partial = query.mapWorlds(id -> Optional.ofNullable(known.get(id)));
        assertThat(partial.query()).isEmpty();
        assertThat(partial.unmapped()).containsExactly("world:!foo:bar");

        SearchQuery.MappedWorlds full = query.mapWorlds(id -> Optional.of(MAP.toNetwork("survival", id)));
        assertThat(full.unmapped()).isEmpty();
        assertThat(full.query().orElseThrow().toLedgerString())
                .isEqualTo("source:Steve world:survival:overworld world:!survival:foo/bar world:!survival:the_end");
    }

    @Test
    void localToRewritesWorldsForOneBackend() throws SearchSyntaxException {
        WorldResolver fromSurvival = WorldResolver.of(MAP, Optional.of("survival"));
        SearchQuery query = SearchParser.parse(
                "world:the_nether world:flat:world world:!creative:the_end world:!survival:the_end action:block-break");
        assertThat(query.worldBackends(fromSurvival)).containsExactly("creative", "survival");
        assertThat(query.unresolvedWorlds(fromSurvival)).isEmpty();
        assertThat(query.localTo("survival", fromSurvival).orElseThrow().toLedgerString())
                .isEqualTo("action:block-break world:minecraft:the_nether world:!minecraft:the_end");
        assertThat(query.localTo("creative", fromSurvival).orElseThrow().toLedgerString())
                .isEqualTo("action:block-break world:minecraft:overworld world:!minecraft:the_end");

        // Only other backends' worlds allowed: nothing can match on survival.
        SearchQuery elsewhere = SearchParser.parse("world:creative:the_nether");
        assertThat(elsewhere.localTo("survival", fromSurvival)).isEmpty();
        // No allowed world: every world of the backend, minus its own denied ones.
        assertThat(SearchParser.parse("world:!creative:the_nether").localTo("survival", fromSurvival).orElseThrow())
                .isEqualTo(SearchQuery.ALL);
    }

    @Test
    void resolverPrefersNetworkIdsAndFallsBackToTheNativeBackend() throws SearchSyntaxException {
        WorldResolver console = WorldResolver.of(MAP, Optional.empty());
        SearchQuery query = SearchParser.parse("world:minecraft:overworld world:!mymod:sky world:creative:the_end");
        assertThat(query.unresolvedWorlds(console)).containsExactly("world:minecraft:overworld", "world:!mymod:sky");
        assertThat(query.worldBackends(console)).containsExactly("creative");
        WorldResolver player = WorldResolver.of(MAP, Optional.of("creative"));
        assertThat(query.unresolvedWorlds(player)).isEmpty();
        assertThat(player.resolve("survival:overworld"))
                .contains(new DimensionMap.Dimension("survival", "minecraft:overworld"));
        assertThat(player.resolve("flat:world")).contains(new DimensionMap.Dimension("creative", "minecraft:overworld"));
    }
}
