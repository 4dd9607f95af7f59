package net.ledgernet.dimension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.ledgernet.dimension.DimensionMap.Dimension;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.constraints.CharRange;
import org.junit.jupiter.api.Test;

class DimensionMapTest {
    private final List<String> problems = new ArrayList<>();

    private DimensionMap map(String template, Map<String, Map<String, String>> overrides, String... backends) {
        return DimensionMap.validate(template, List.of(backends), overrides, "t", "o",
                (key, reason) -> problems.add(key + ": " + reason));
    }

    @Test
    void defaultRuleNamespacesByBackendAndKeepsModdedNamespacesInThePath() {
        DimensionMap map = map("{backend}:{dimension}", Map.of(), "survival", "creative");
        assertEquals("survival:overworld", map.toNetwork("survival", "minecraft:overworld"));
        assertEquals("survival:the_nether", map.toNetwork("survival", "minecraft:the_nether"));
        assertEquals("survival:mymod/sky", map.toNetwork("survival", "mymod:sky"));
        // A vanilla-namespace path with a slash keeps its namespace, so it cannot collide with a:b.
        assertEquals("creative:minecraft/a/b", map.toNetwork("creative", "minecraft:a/b"));
        assertEquals("creative:a/b", map.toNetwork("creative", "a:b"));
        assertThat(problems).isEmpty();
    }

    @Test
    void networkIdsMapBackToTheirBackendAndLocalId() {
        DimensionMap map = map("{backend}:{dimension}", Map.of(), "survival", "creative");
        assertEquals(Optional.of(new Dimension("survival", "minecraft:overworld")), map.toLocal("survival:overworld"));
        assertEquals(Optional.of(new Dimension("creative", "mymod:sky")), map.toLocal("creative:mymod/sky"));
        assertEquals(Optional.of(new Dimension("creative", "minecraft:a/b")), map.toLocal("creative:minecraft/a/b"));
        assertEquals(Optional.empty(), map.toLocal("minecraft:overworld"), "a native id is no network id");
        assertEquals(Optional.empty(), map.toLocal("lobby:overworld"), "unknown backend");
    }

    @Test
    void overridesWinBothWaysAndHideTheDefaultId() {
        DimensionMap map = map("{backend}:{dimension}",
                Map.of("survival", Map.of("minecraft:overworld", "survival:world")), "survival");
        assertEquals("survival:world", map.toNetwork("survival", "minecraft:overworld"));
        assertEquals(Optional.of(new Dimension("survival", "minecraft:overworld")), map.toLocal("survival:world"));
        assertEquals(Optional.empty(), map.toLocal("survival:overworld"), "the default id of an overridden dimension");
        assertThat(problems).isEmpty();
    }

    @Test
    void backendNamesAreLowerCasedIntoIdentifiers() {
        DimensionMap map = map("{backend}:{dimension}", Map.of(), "Survival");
        assertEquals("survival:overworld", map.toNetwork("Survival", "minecraft:overworld"));
        assertEquals(Optional.of(new Dimension("Survival", "minecraft:overworld")), map.toLocal("survival:overworld"));
    }

    @Test
    void collisionsAreRejected() {
        map("{backend}:{dimension}", Map.of(
                "a", Map.of("minecraft:overworld", "hub:world"),
                "b", Map.of("minecraft:overworld", "hub:world")), "a", "b");
        assertThat(problems).anySatisfy(p -> assertThat(p).contains("duplicate network dimension id 'hub:world'"));

        problems.clear();
        map("{backend}:{dimension}", Map.of("a", Map.of("mymod:sky", "b:overworld")), "a", "b");
        assertThat(problems).singleElement().asString().contains("also what minecraft:overworld on b gets by default");

        problems.clear();
        // Swapping two dimensions' ids is fine: neither default id is used any more.
        map("{backend}:{dimension}", Map.of("a", Map.of("minecraft:overworld", "a:the_nether",
                "minecraft:the_nether", "a:overworld")), "a");
        assertThat(problems).isEmpty();
    }

    @Test
    void templatesThatCannotBeReversedAreRejected() {
        map("{dimension}", Map.of(), "a");
        map("{backend}-{dimension}", Map.of(), "a");
        map("{backend}:{dimension}", Map.of(), "bad name");
        assertThat(problems).hasSize(3);
        assertThat(problems.get(0)).contains("exactly once");
        assertThat(problems.get(1)).contains("followed by ':' or '/'");
        assertThat(problems.get(2)).contains("not a valid identifier");
    }

    @Property
    void everyValidLocalIdRoundTripsThroughItsNetworkId(
            @ForAll @StringLength(min = 1, max = 12) @CharRange(from = 'a', to = 'z') @NumericChars String namespace,
            @ForAll @StringLength(min = 1, max = 20) @AlphaChars @CharRange(from = '/', to = '/') String rawPath,
            @ForAll("backend") String backend) {
        String path = rawPath.toLowerCase().replaceAll("^/+|/+$", "").replaceAll("//+", "/");
        if (path.isEmpty()) {
            return;
        }
        DimensionMap map = map("net:{backend}/{dimension}", Map.of(), "alpha", "beta", "alpha2");
        String local = namespace + ":" + path;
        String network = map.toNetwork(backend, local);
        assertThat(DimensionMap.isIdentifier(network)).as(network).isTrue();
        assertEquals(Optional.of(new Dimension(backend, local)), map.toLocal(network));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<String> backend() {
        return net.jqwik.api.Arbitraries.of("alpha", "beta", "alpha2");
    }
}
