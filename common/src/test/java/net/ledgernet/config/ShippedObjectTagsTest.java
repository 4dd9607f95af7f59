package net.ledgernet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object tags config.yml ships are vanilla Minecraft 1.21's block tags, complete: each as the game's
 * data defines it (data/minecraft/tags/block/), with the tags it includes written out.
 */
class ShippedObjectTagsTest {
    @TempDir
    Path dir;

    /** Vanilla 1.21: #logs = #logs_that_burn + #crimson_stems + #warped_stems, and so on down. */
    static Map<String, List<String>> vanilla121() {
        Map<String, List<String>> tags = new LinkedHashMap<>();
        tags.put("minecraft:coal_ores", ids("coal_ore", "deepslate_coal_ore"));
        tags.put("minecraft:copper_ores", ids("copper_ore", "deepslate_copper_ore"));
        tags.put("minecraft:diamond_ores", ids("diamond_ore", "deepslate_diamond_ore"));
        tags.put("minecraft:emerald_ores", ids("emerald_ore", "deepslate_emerald_ore"));
        tags.put("minecraft:gold_ores", ids("gold_ore", "nether_gold_ore", "deepslate_gold_ore"));
        tags.put("minecraft:iron_ores", ids("iron_ore", "deepslate_iron_ore"));
        tags.put("minecraft:lapis_ores", ids("lapis_ore", "deepslate_lapis_ore"));
        tags.put("minecraft:redstone_ores", ids("redstone_ore", "deepslate_redstone_ore"));
        List<String> logs = new ArrayList<>();
        // #logs_that_burn: #dark_oak_logs #oak_logs #acacia_logs #birch_logs #jungle_logs #spruce_logs
        // #mangrove_logs #cherry_logs, each X_log, X_wood, stripped_X_log, stripped_X_wood.
        for (String wood : List.of("oak", "spruce", "birch", "jungle", "acacia", "dark_oak", "mangrove", "cherry")) {
            logs.addAll(ids(wood + "_log", wood + "_wood", "stripped_" + wood + "_log", "stripped_" + wood + "_wood"));
        }
        // #crimson_stems and #warped_stems.
        for (String stem : List.of("crimson", "warped")) {
            logs.addAll(ids(stem + "_stem", "stripped_" + stem + "_stem", stem + "_hyphae", "stripped_" + stem + "_hyphae"));
        }
        tags.put("minecraft:logs", logs);
        return tags;
    }

    private static List<String> ids(String... paths) {
        return java.util.Arrays.stream(paths).map(p -> "minecraft:" + p).toList();
    }

    @Test
    void theShippedTagsAreVanilla121sCompleteLists() throws Exception {
        String shipped;
        try (InputStream in = ConfigFile.defaultConfig()) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertThat(shipped).contains("vanilla Minecraft 1.21's block tags");
        // The object-tags section as shipped, in a config of its own (the other sections are tested elsewhere).
        int start = shipped.indexOf("\nobject-tags:");
        int end = shipped.indexOf("\n# Limits", start);
        Files.writeString(dir.resolve("config.yml"), "config-version: 1\nbackends:\n  a:\n    jdbc-url: \"jdbc:sqlite:a\"\n"
                + shipped.substring(start, end));
        Map<String, List<String>> loaded = new ConfigFile(dir).load().objectTags();
        assertEquals(vanilla121(), loaded);
        assertThat(loaded.get("minecraft:logs")).hasSize(40).contains("minecraft:stripped_cherry_wood",
                "minecraft:warped_hyphae").doesNotContain("minecraft:bamboo_block");
    }
}
