package net.ledgernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The nearest known value for a typo: near enough to be one, and the same answer every time. */
class SearchHintsTest {
    private static final Set<String> ACTIONS = Set.of("block-break", "block-place", "block-change", "item-insert",
            "item-remove", "entity-kill", "entity-change", "item-pick-up", "item-drop");

    @Test
    void typosFindTheirValue() {
        assertEquals(Optional.of("block-break"), SearchHints.nearest("block-brake", ACTIONS));
        assertEquals(Optional.of("block-place"), SearchHints.nearest("blok-place", ACTIONS));
        assertEquals(Optional.of("item-insert"), SearchHints.nearest("item-isnert", ACTIONS), "a swap counts once");
        assertEquals(Optional.of("minecraft:overworld"), SearchHints.nearest("minecraft:overwold",
                List.of("minecraft:overworld", "minecraft:the_nether", "minecraft:the_end")));
        assertEquals(Optional.of("inFire"), SearchHints.nearest("infire", List.of("inFire", "lava")), "case");
    }

    @Test
    void farValuesAreNoHint() {
        assertEquals(Optional.empty(), SearchHints.nearest("explosion", ACTIONS));
        assertEquals(Optional.empty(), SearchHints.nearest("kill", ACTIONS));
        assertEquals(Optional.empty(), SearchHints.nearest("abc", List.of("xyz")));
        assertEquals(Optional.empty(), SearchHints.nearest("block-brake", List.of()));
    }

    @Test
    void distanceIsOptimalStringAlignment() {
        assertEquals(0, SearchHints.distance("block-break", "BLOCK-BREAK", 3));
        assertEquals(1, SearchHints.distance("overwold", "overworld", 3));
        assertEquals(1, SearchHints.distance("ab", "ba", 3));
        assertEquals(2, SearchHints.distance("block-brake", "block-break", 3));
        assertThat(SearchHints.distance("aaaaaaaa", "bbbbbbbb", 2)).isGreaterThan(2);
    }
}
