package net.ledgernet.sample;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The identifiers a sample backend knows: Ledger's action types and sources, vanilla registry ids. */
final class Vocabulary {

    private Vocabulary() {
    }

    /** ActionRegistry.registerDefaultTypes() at Ledger HEAD (ledger.md §5). */
    static final List<String> ACTION_TYPES = List.of("block-break", "block-place", "block-change", "item-insert",
            "item-remove", "item-pick-up", "item-drop", "entity-kill", "entity-change", "entity-mount",
            "entity-dismount");

    /**
     * Block registry ids, air first (registry order puts air at 0). Not the whole registry: enough for
     * realistic lookups and for id gaps between what is registered and what is used.
     */
    static final List<String> BLOCKS = List.of("air", "stone", "granite", "polished_granite", "diorite", "andesite",
            "grass_block", "dirt", "coarse_dirt", "podzol", "cobblestone", "oak_planks", "spruce_planks",
            "birch_planks", "jungle_planks", "acacia_planks", "dark_oak_planks", "oak_sapling", "bedrock", "water",
            "lava", "sand", "red_sand", "gravel", "gold_ore", "deepslate_gold_ore", "iron_ore", "deepslate_iron_ore",
            "coal_ore", "deepslate_coal_ore", "nether_gold_ore", "oak_log", "spruce_log", "birch_log", "jungle_log",
            "acacia_log", "dark_oak_log", "stripped_oak_log", "oak_leaves", "spruce_leaves", "birch_leaves",
            "sponge", "wet_sponge", "glass", "lapis_ore", "deepslate_lapis_ore", "dispenser", "sandstone",
            "note_block", "white_bed", "powered_rail", "sticky_piston", "cobweb", "short_grass", "fern",
            "piston", "white_wool", "orange_wool", "red_wool", "black_wool", "dandelion", "poppy", "gold_block",
            "iron_block", "bricks", "tnt", "bookshelf", "mossy_cobblestone", "obsidian", "torch", "wall_torch",
            "fire", "spawner", "oak_stairs", "chest", "redstone_wire", "diamond_ore", "deepslate_diamond_ore",
            "diamond_block", "crafting_table", "wheat", "farmland", "furnace", "oak_sign", "oak_door", "ladder",
            "rail", "cobblestone_stairs", "lever", "stone_pressure_plate", "iron_door", "redstone_ore",
            "deepslate_redstone_ore", "redstone_torch", "stone_button", "snow", "ice", "snow_block", "cactus",
            "clay", "sugar_cane", "jukebox", "oak_fence", "pumpkin", "netherrack", "soul_sand", "soul_soil",
            "basalt", "glowstone", "nether_portal", "carved_pumpkin", "cake", "repeater", "oak_trapdoor",
            "stone_bricks", "mossy_stone_bricks", "iron_bars", "chain", "glass_pane", "melon", "vine",
            "oak_fence_gate", "brick_stairs", "stone_brick_stairs", "mycelium", "nether_bricks",
            "nether_wart", "enchanting_table", "brewing_stand", "cauldron", "end_portal_frame", "end_stone",
            "dragon_egg", "redstone_lamp", "emerald_ore", "deepslate_emerald_ore", "ender_chest", "tripwire_hook",
            "emerald_block", "beacon", "cobblestone_wall", "carrots", "potatoes", "anvil", "trapped_chest",
            "comparator", "daylight_detector", "redstone_block", "nether_quartz_ore", "hopper", "quartz_block",
            "dropper", "white_terracotta", "hay_block", "white_carpet", "terracotta", "coal_block", "packed_ice",
            "sea_lantern", "red_sandstone", "purpur_block", "end_rod", "chorus_plant", "chorus_flower",
            "frosted_ice", "magma_block", "bone_block", "observer", "shulker_box", "white_concrete",
            "gray_concrete", "kelp", "blue_ice", "barrel", "smoker", "blast_furnace", "lantern", "campfire",
            "composter", "beehive", "honey_block", "ancient_debris", "crying_obsidian", "blackstone",
            "polished_blackstone_bricks", "crimson_stem", "warped_stem", "crimson_nylium", "warped_nylium",
            "copper_ore", "deepslate_copper_ore", "copper_block", "waxed_copper_block", "amethyst_block",
            "tuff", "calcite", "pointed_dripstone", "dripstone_block", "deepslate", "cobbled_deepslate",
            "deepslate_bricks", "moss_block", "sculk", "mud", "mangrove_log", "cherry_log", "cherry_leaves",
            "bamboo_block", "copper_bulb", "crafter", "trial_spawner", "vault");

    /** Item ids that have no block of the same name (block items are inserted with the blocks). */
    static final List<String> ITEMS = List.of("iron_shovel", "iron_pickaxe", "iron_axe", "flint_and_steel",
            "apple", "bow", "arrow", "coal", "charcoal", "diamond", "emerald", "lapis_lazuli", "quartz",
            "amethyst_shard", "raw_iron", "iron_ingot", "raw_copper", "copper_ingot", "raw_gold", "gold_ingot",
            "netherite_ingot", "netherite_scrap", "wooden_sword", "stone_sword", "stone_pickaxe", "iron_sword",
            "diamond_sword", "diamond_shovel", "diamond_pickaxe", "diamond_axe", "netherite_sword",
            "netherite_pickaxe", "stick", "bowl", "string", "feather", "gunpowder", "wheat_seeds", "bread",
            "leather_helmet", "iron_helmet", "iron_chestplate", "diamond_helmet", "diamond_chestplate",
            "diamond_leggings", "diamond_boots", "flint", "porkchop", "cooked_porkchop", "golden_apple",
            "bucket", "water_bucket", "lava_bucket", "minecart", "saddle", "redstone", "snowball", "oak_boat",
            "leather", "milk_bucket", "brick", "paper", "book", "slime_ball", "egg", "compass", "fishing_rod",
            "clock", "glowstone_dust", "cod", "cooked_cod", "salmon", "bone", "bone_meal", "sugar", "cookie",
            "shears", "rotten_flesh", "ender_pearl", "blaze_rod", "ghast_tear", "gold_nugget", "glass_bottle",
            "spider_eye", "blaze_powder", "ender_eye", "experience_bottle", "fire_charge", "writable_book",
            "carrot", "potato", "baked_potato", "golden_carrot", "nether_star", "firework_rocket",
            "enchanted_book", "prismarine_shard", "rabbit_hide", "iron_horse_armor", "lead", "name_tag",
            "mutton", "cooked_mutton", "end_crystal", "chorus_fruit", "shulker_shell", "totem_of_undying",
            "elytra", "trident", "crossbow", "honeycomb", "spyglass", "mace", "wind_charge", "breeze_rod",
            "cooked_beef", "beef", "wither_skeleton_skull", "potion", "splash_potion",
            "map", "filled_map", "goat_horn", "shield");

    /** Entity type ids. */
    static final List<String> ENTITIES = List.of("allay", "armadillo", "armor_stand", "arrow", "axolotl", "bat",
            "bee", "blaze", "breeze", "camel", "cat", "cave_spider", "chest_minecart", "chicken", "cod",
            "copper_golem", "cow", "creeper", "dolphin", "donkey", "drowned", "elder_guardian", "end_crystal",
            "ender_dragon", "enderman", "endermite", "evoker", "experience_orb", "falling_block", "fox", "frog",
            "ghast", "glow_item_frame", "glow_squid", "goat", "guardian", "hoglin", "horse", "husk", "iron_golem",
            "item", "item_frame", "llama", "magma_cube", "minecart", "mooshroom", "mule", "oak_boat", "ocelot",
            "painting", "panda", "parrot", "phantom", "pig", "piglin", "piglin_brute", "pillager", "player",
            "polar_bear", "rabbit", "ravager", "salmon", "sheep", "shulker", "silverfish", "skeleton",
            "skeleton_horse", "slime", "sniffer", "snow_golem", "spider", "squid", "stray", "strider", "tnt",
            "trader_llama", "turtle", "vex", "villager", "vindicator", "wandering_trader", "warden", "witch",
            "wither", "wither_skeleton", "wolf", "zoglin", "zombie", "zombie_horse", "zombie_villager",
            "zombified_piglin");

    /** What a modded namespace (from a world like {@code mymod:sky}) registers. */
    static List<String> moddedIds(String namespace) {
        return List.of(namespace + ":sky_stone", namespace + ":cloud", namespace + ":skyroot_log",
                namespace + ":sky_crystal_ore", namespace + ":sky_crystal", namespace + ":glider",
                namespace + ":sky_wisp");
    }

    /**
     * ObjectIdentifiers in Ledger's startup order: every BLOCK key, then ITEM keys (block items are
     * already there: insert-ignore), then ENTITY_TYPE keys; mods register after vanilla.
     */
    static List<String> objectIdentifiers(List<String> worlds) {
        Set<String> ids = new LinkedHashSet<>();
        BLOCKS.forEach(b -> ids.add("minecraft:" + b));
        ITEMS.forEach(i -> ids.add("minecraft:" + i));
        ENTITIES.forEach(e -> ids.add("minecraft:" + e));
        for (String ns : moddedNamespaces(worlds)) {
            ids.addAll(moddedIds(ns));
        }
        return List.copyOf(ids);
    }

    static List<String> moddedNamespaces(List<String> worlds) {
        Set<String> out = new LinkedHashSet<>();
        for (String w : worlds) {
            String ns = w.substring(0, w.indexOf(':'));
            if (!ns.equals("minecraft")) {
                out.add(ns);
            }
        }
        return new ArrayList<>(out);
    }

    /** First halves and second halves of player names; combined with digits and underscores. */
    static final List<String> NAME_HEADS = List.of("Dark", "Shadow", "Pixel", "Craft", "Block", "Steve", "Alex",
            "Nova", "Frost", "Ember", "Iron", "Stone", "Red", "Blue", "Silent", "Lucky", "Epic", "Mega", "Ultra",
            "Sky", "Moon", "Sun", "Star", "Night", "Storm", "Wolf", "Fox", "Bear", "Creeper", "Diamond", "Gold",
            "Emerald", "Ender", "Nether", "Cookie", "Potato", "Noob", "Pro", "xX", "The", "Mr", "Lil", "Big",
            "Captain", "Sir", "Lady", "Ninja", "Dragon", "Phantom", "Turbo", "Hyper", "Cyber", "Retro", "Mint");

    static final List<String> NAME_TAILS = List.of("Miner", "Builder", "Gamer", "Knight", "Hunter", "Wolf",
            "Fox", "Slayer", "Crafter", "Digger", "Walker", "Rider", "Blade", "Storm", "Fire", "Frost", "Byte",
            "Bit", "Cat", "Panda", "Pig", "Boi", "Girl", "Dude", "King", "Queen", "Lord", "Mage", "Wizard",
            "Archer", "Ghost", "Spark", "Hawk", "Owl", "Bee", "Toast", "Taco", "Nugget", "Pickaxe", "Steve",
            "Xx", "YT", "TV", "HD", "MC", "_", "Jr", "Sr");
}
