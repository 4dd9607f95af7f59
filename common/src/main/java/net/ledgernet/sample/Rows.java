package net.ledgernet.sample;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * What a single action looks like: which (type, source) pairs occur how often, and the objects,
 * block states and SNBT that go with them. Semantics follow Ledger (ledger.md §2.3, §2.4): a break
 * turns the block into air, a place turns air into the block; {@code player_id} is set whenever a
 * player was involved, also for non-{@code player} sources such as {@code projectile}.
 */
final class Rows {

    private Rows() {
    }

    /** An action type, its source name and whether a player is attached. */
    record Kind(String type, String source, boolean withPlayer, double weight) {
    }

    /** The object side of an action. {@code miningY} applies only when {@code mining}. */
    record Row(String object, String oldObject, String blockState, String oldBlockState, String extraData,
               boolean mining, int miningY) {
    }

    private static final List<Kind> PLAYER_KINDS = List.of(
            new Kind("block-break", "player", true, 29.7),
            new Kind("block-break", "projectile", true, 0.3),
            new Kind("block-place", "player", true, 26.5),
            new Kind("block-place", "frost_walker", true, 0.5),
            new Kind("block-change", "player", true, 4.2),
            new Kind("block-change", "trample", true, 0.4),
            new Kind("block-change", "wax", true, 0.2),
            new Kind("item-insert", "player", true, 10),
            new Kind("item-remove", "player", true, 10),
            new Kind("item-pick-up", "player", true, 7),
            new Kind("item-drop", "player", true, 5),
            new Kind("entity-kill", "player", true, 3.2),
            new Kind("entity-kill", "projectile", true, 0.8),
            new Kind("entity-change", "player", true, 0.8),
            new Kind("entity-change", "shear", true, 0.3),
            new Kind("entity-change", "dye", true, 0.2),
            new Kind("entity-mount", "player", true, 0.5),
            new Kind("entity-dismount", "player", true, 0.5));

    private static final List<Kind> ENVIRONMENT_KINDS = List.of(
            new Kind("block-break", "explosion", false, 10),
            new Kind("block-break", "creeper", false, 8),
            new Kind("block-break", "decay", false, 14),
            new Kind("block-break", "fire", false, 8),
            new Kind("block-break", "fluid", false, 4),
            new Kind("block-break", "lava", false, 3),
            new Kind("block-break", "gravity", false, 4),
            new Kind("block-break", "melt", false, 2),
            new Kind("block-place", "gravity", false, 4),
            new Kind("block-place", "fluid", false, 8),
            new Kind("block-place", "snow", false, 3),
            new Kind("block-change", "grow", false, 10),
            new Kind("block-change", "redstone", false, 4),
            new Kind("block-change", "dry", false, 1),
            new Kind("item-insert", "insert", false, 6),
            new Kind("item-drop", "remove", false, 2),
            new Kind("entity-kill", "zombie", false, 3),
            new Kind("entity-kill", "skeleton", false, 2),
            new Kind("entity-kill", "creeper", false, 1),
            new Kind("entity-kill", "lava", false, 1),
            new Kind("entity-kill", "fall", false, 1.5),
            new Kind("entity-kill", "drown", false, 1),
            new Kind("entity-kill", "inFire", false, 0.5),
            new Kind("entity-change", "conversion", false, 0.7),
            new Kind("entity-change", "copper_golem", false, 0.3));

    /** Every source name the generator can use, plus a few that exist in real databases unused. */
    static List<String> allSources() {
        Set<String> out = new LinkedHashSet<>();
        PLAYER_KINDS.forEach(k -> out.add(k.source()));
        ENVIRONMENT_KINDS.forEach(k -> out.add(k.source()));
        out.addAll(List.of("command", "unknown", "portal"));
        return new ArrayList<>(out);
    }

    static Kind playerKind(SplittableRandom rng) {
        return weighted(PLAYER_KINDS, rng);
    }

    static Kind environmentKind(SplittableRandom rng) {
        return weighted(ENVIRONMENT_KINDS, rng);
    }

    private static Kind weighted(List<Kind> kinds, SplittableRandom rng) {
        double total = 0;
        for (Kind k : kinds) {
            total += k.weight();
        }
        double pick = rng.nextDouble() * total;
        for (Kind k : kinds) {
            pick -= k.weight();
            if (pick < 0) {
                return k;
            }
        }
        return kinds.get(kinds.size() - 1);
    }

    static Row row(Kind kind, String world, SplittableRandom rng) {
        String dim = world.startsWith("minecraft:") ? world : "modded";
        String ns = world.substring(0, world.indexOf(':'));
        return switch (kind.type()) {
            case "block-break" -> blockBreak(kind.source(), dim, ns, rng);
            case "block-place" -> blockPlace(kind.source(), dim, ns, rng);
            case "block-change" -> blockChange(kind.source(), rng);
            case "item-insert", "item-remove", "item-pick-up", "item-drop" -> item(kind.type(), dim, ns, rng);
            default -> entity(kind, dim, ns, rng);
        };
    }

    private static Row blockBreak(String source, String dim, String ns, SplittableRandom rng) {
        String block = switch (source) {
            case "decay" -> mc(oneOf(rng, "oak_leaves", "oak_leaves", "birch_leaves", "spruce_leaves", "cherry_leaves"));
            case "fire" -> mc(oneOf(rng, "oak_planks", "oak_log", "white_wool", "oak_leaves", "bookshelf", "oak_fence"));
            case "fluid" -> mc(oneOf(rng, "torch", "redstone_wire", "short_grass", "wheat", "rail"));
            case "lava" -> mc(oneOf(rng, "oak_planks", "short_grass", "oak_leaves"));
            case "gravity" -> mc(oneOf(rng, "sand", "sand", "gravel", "red_sand"));
            case "melt" -> mc(oneOf(rng, "ice", "snow"));
            case "projectile" -> mc(oneOf(rng, "chorus_flower", "pointed_dripstone", "glass_pane"));
            case "explosion", "creeper" -> surfaceBlock(dim, ns, rng);
            default -> rng.nextDouble() < 0.35 && !dim.equals("minecraft:the_end") ? undergroundBlock(dim, ns, rng)
                    : surfaceBlock(dim, ns, rng);
        };
        boolean mining = isUnderground(block);
        String extra = null;
        if (block.endsWith("chest") || block.endsWith("barrel") || block.endsWith("furnace")) {
            extra = containerSnbt(block, rng);
        }
        return new Row(mc("air"), block, null, states(block, rng), extra, mining, miningY(block, rng));
    }

    private static Row blockPlace(String source, String dim, String ns, SplittableRandom rng) {
        String old = mc("air");
        String block = switch (source) {
            case "gravity" -> mc(oneOf(rng, "sand", "gravel"));
            case "fluid" -> mc(oneOf(rng, "cobblestone", "cobblestone", "obsidian", "stone"));
            case "snow" -> mc("snow");
            case "frost_walker" -> mc("frosted_ice");
            default -> switch (dim) {
                case "minecraft:the_nether" -> mc(oneOf(rng, "netherrack", "cobblestone", "torch", "obsidian", "blackstone"));
                case "minecraft:the_end" -> mc(oneOf(rng, "end_stone", "obsidian", "purpur_block", "torch"));
                case "modded" -> rng.nextBoolean() ? ns + ":cloud" : ns + ":sky_stone";
                default -> mc(oneOf(rng, "cobblestone", "oak_planks", "oak_planks", "stone_bricks", "torch",
                        "wall_torch", "glass", "dirt", "oak_log", "spruce_log", "chest", "crafting_table", "furnace",
                        "white_wool", "oak_stairs", "oak_door", "redstone_wire", "hopper", "oak_fence",
                        "cobbled_deepslate", "lantern", "white_concrete", "bricks", "oak_sign", "wheat"));
            };
        };
        if (source.equals("frost_walker")) {
            old = mc("water");
        }
        if (source.equals("fluid") && block.endsWith("obsidian")) {
            old = mc("lava");
        }
        return new Row(block, old, states(block, rng), states(old, rng), null, false, 0);
    }

    private static Row blockChange(String source, SplittableRandom rng) {
        return switch (source) {
            case "trample" -> new Row(mc("dirt"), mc("farmland"), null, "{moisture:\"7\"}", null, false, 0);
            case "wax" -> new Row(mc("waxed_copper_block"), mc("copper_block"), null, null, null, false, 0);
            case "grow" -> {
                String crop = mc(oneOf(rng, "wheat", "carrots", "potatoes"));
                int age = rng.nextInt(7);
                yield new Row(crop, crop, "{age:\"" + (age + 1) + "\"}", "{age:\"" + age + "\"}", null, false, 0);
            }
            case "dry" -> new Row(mc("sponge"), mc("wet_sponge"), null, null, null, false, 0);
            default -> {
                // Interactions (and redstone) flip a property of the same block.
                int pick = rng.nextInt(5);
                String block = mc(new String[] {"oak_door", "lever", "oak_trapdoor", "repeater", "redstone_lamp"}[pick]);
                String[] st = switch (pick) {
                    case 0 -> new String[] {"{facing:\"north\",half:\"lower\",hinge:\"left\",open:\"false\",powered:\"false\"}",
                            "{facing:\"north\",half:\"lower\",hinge:\"left\",open:\"true\",powered:\"false\"}"};
                    case 1 -> new String[] {"{face:\"wall\",facing:\"east\",powered:\"false\"}",
                            "{face:\"wall\",facing:\"east\",powered:\"true\"}"};
                    case 2 -> new String[] {"{facing:\"south\",half:\"top\",open:\"false\",powered:\"false\",waterlogged:\"false\"}",
                            "{facing:\"south\",half:\"top\",open:\"true\",powered:\"false\",waterlogged:\"false\"}"};
                    case 3 -> new String[] {"{delay:\"1\",facing:\"west\",locked:\"false\",powered:\"false\"}",
                            "{delay:\"2\",facing:\"west\",locked:\"false\",powered:\"false\"}"};
                    default -> new String[] {"{lit:\"false\"}", "{lit:\"true\"}"};
                };
                boolean forward = rng.nextBoolean();
                yield new Row(block, block, forward ? st[1] : st[0], forward ? st[0] : st[1], null, false, 0);
            }
        };
    }

    private static Row item(String type, String dim, String ns, SplittableRandom rng) {
        String item;
        if (dim.equals("modded") && rng.nextDouble() < 0.3) {
            item = ns + ":sky_crystal";
        } else {
            item = mc(oneOf(rng, "cobblestone", "cobblestone", "cobbled_deepslate", "dirt", "oak_log", "oak_planks",
                    "coal", "raw_iron", "iron_ingot", "gold_ingot", "diamond", "emerald", "redstone", "bread",
                    "cooked_beef", "rotten_flesh", "bone", "arrow", "string", "gunpowder", "torch", "wheat",
                    "wheat_seeds", "ender_pearl", "diamond_pickaxe", "iron_sword", "netherite_ingot", "lapis_lazuli",
                    "golden_carrot", "shulker_box"));
        }
        boolean tool = item.endsWith("pickaxe") || item.endsWith("sword") || item.endsWith("shulker_box");
        int count = tool ? 1 : 1 + (rng.nextDouble() < 0.4 ? 63 : rng.nextInt(32));
        String stack = "{count:" + count + ",id:\"" + item + "\"}";
        if (tool && item.endsWith("pickaxe") && rng.nextBoolean()) {
            stack = "{components:{\"minecraft:damage\":" + rng.nextInt(1, 1500) + ",\"minecraft:enchantments\":"
                    + "{\"minecraft:efficiency\":5,\"minecraft:unbreaking\":3}},count:1,id:\"" + item + "\"}";
        }
        String entity = null;
        if (type.equals("item-pick-up") || type.equals("item-drop")) {
            // Ledger puts the item *entity* there for these two (ledger.md §2.3).
            entity = "{Age:" + (type.equals("item-drop") ? 0 : rng.nextInt(6000)) + "s,Health:5s,Item:" + stack
                    + ",PickupDelay:" + (type.equals("item-drop") ? 40 : 0) + "s}";
        }
        return new Row(item, item, entity, null, stack, false, 0);
    }

    private static Row entity(Kind kind, String dim, String ns, SplittableRandom rng) {
        String e = switch (kind.type()) {
            case "entity-mount", "entity-dismount" -> dim.equals("minecraft:the_nether") ? mc("strider")
                    : mc(oneOf(rng, "horse", "horse", "oak_boat", "minecart", "pig", "donkey", "camel"));
            case "entity-change" -> switch (kind.source()) {
                case "conversion" -> mc("zombie_villager");
                case "copper_golem" -> mc("copper_golem");
                case "shear" -> mc(oneOf(rng, "sheep", "mooshroom", "snow_golem"));
                case "dye" -> mc(oneOf(rng, "sheep", "wolf", "cat"));
                default -> mc(oneOf(rng, "item_frame", "glow_item_frame", "armor_stand", "villager", "sheep"));
            };
            default -> switch (dim) { // entity-kill
                case "minecraft:the_nether" -> mc(oneOf(rng, "zombified_piglin", "piglin", "ghast", "blaze",
                        "wither_skeleton", "magma_cube", "hoglin", "strider"));
                case "minecraft:the_end" -> mc(oneOf(rng, "enderman", "enderman", "shulker", "endermite"));
                case "modded" -> rng.nextBoolean() ? ns + ":sky_wisp" : mc("phantom");
                default -> kind.withPlayer() ? mc(oneOf(rng, "zombie", "zombie", "skeleton", "creeper", "spider",
                        "cow", "pig", "sheep", "chicken", "enderman", "villager", "drowned", "witch", "iron_golem"))
                        : mc(oneOf(rng, "cow", "pig", "sheep", "chicken", "villager", "wolf", "horse", "cat"));
            };
        };
        String extra = null;
        if (kind.type().equals("entity-kill") || kind.type().equals("entity-change") || rng.nextDouble() < 0.3) {
            extra = "{Air:300s,FallDistance:0.0f,Fire:-1s,Health:" + (kind.type().equals("entity-kill") ? "0.0f" : "20.0f")
                    + ",OnGround:1b,UUID:[I;" + rng.nextInt() + "," + rng.nextInt() + "," + rng.nextInt() + ","
                    + rng.nextInt() + "],id:\"" + e + "\"}";
        }
        return new Row(e, e, null, null, extra, false, 0);
    }

    private static String surfaceBlock(String dim, String ns, SplittableRandom rng) {
        return switch (dim) {
            case "minecraft:the_nether" -> mc(oneOf(rng, "netherrack", "netherrack", "netherrack", "soul_sand",
                    "soul_soil", "basalt", "blackstone", "glowstone", "crimson_stem", "warped_stem", "nether_bricks",
                    "magma_block"));
            case "minecraft:the_end" -> mc(oneOf(rng, "end_stone", "end_stone", "end_stone", "obsidian",
                    "chorus_plant", "chorus_flower", "purpur_block", "end_rod", "shulker_box"));
            case "modded" -> rng.nextDouble() < 0.6 ? ns + oneOf(rng, ":sky_stone", ":cloud", ":skyroot_log")
                    : mc(oneOf(rng, "stone", "dirt", "oak_planks"));
            default -> mc(oneOf(rng, "stone", "stone", "stone", "dirt", "dirt", "grass_block", "grass_block",
                    "short_grass", "cobblestone", "oak_log", "oak_log", "spruce_log", "birch_log", "oak_leaves",
                    "oak_leaves", "sand", "gravel", "oak_planks", "torch", "glass", "chest", "furnace", "crafting_table",
                    "oak_stairs", "wheat", "sugar_cane", "pumpkin", "white_wool", "oak_door", "granite", "andesite",
                    "diorite", "clay", "bookshelf", "hopper", "barrel", "farmland"));
        };
    }

    private static String undergroundBlock(String dim, String ns, SplittableRandom rng) {
        return switch (dim) {
            case "minecraft:the_nether" -> mc(oneOf(rng, "netherrack", "netherrack", "nether_quartz_ore",
                    "nether_gold_ore", "ancient_debris", "blackstone"));
            case "modded" -> ns + ":sky_crystal_ore";
            default -> mc(oneOf(rng, "stone", "stone", "stone", "deepslate", "deepslate", "deepslate", "tuff",
                    "coal_ore", "coal_ore", "iron_ore", "iron_ore", "deepslate_iron_ore", "copper_ore",
                    "deepslate_copper_ore", "gold_ore", "deepslate_gold_ore", "redstone_ore", "deepslate_redstone_ore",
                    "lapis_ore", "deepslate_lapis_ore", "diamond_ore", "deepslate_diamond_ore", "deepslate_diamond_ore",
                    "emerald_ore", "gravel", "granite", "calcite", "amethyst_block", "dripstone_block"));
        };
    }

    private static boolean isUnderground(String block) {
        return block.endsWith("_ore") || block.endsWith("deepslate") || block.endsWith(":tuff")
                || block.endsWith("ancient_debris") || block.endsWith(":calcite") || block.endsWith("amethyst_block")
                || block.endsWith("dripstone_block");
    }

    /** Y bands where these blocks really are (world bottom is -64 in the overworld). */
    private static int miningY(String block, SplittableRandom rng) {
        if (block.contains("ancient_debris")) {
            return 8 + rng.nextInt(16);
        }
        if (block.contains("nether_") || block.contains(":sky_crystal_ore")) {
            return 10 + rng.nextInt(100);
        }
        if (block.contains("deepslate") || block.contains("diamond") || block.contains("redstone")) {
            return -59 + rng.nextInt(59);
        }
        if (block.contains("coal") || block.contains("copper")) {
            return rng.nextInt(96);
        }
        return -40 + rng.nextInt(100);
    }

    /** Block-state properties as Ledger stores them, for the blocks that have any. */
    static String states(String block, SplittableRandom rng) {
        String path = block.substring(block.indexOf(':') + 1);
        if (path.endsWith("_log") || path.endsWith("_stem") || path.equals("basalt") || path.equals("hay_block")) {
            return "{axis:\"" + (rng.nextDouble() < 0.8 ? "y" : oneOf(rng, "x", "z")) + "\"}";
        }
        if (path.endsWith("_leaves")) {
            return "{distance:\"" + rng.nextInt(1, 8) + "\",persistent:\"false\",waterlogged:\"false\"}";
        }
        return switch (path) {
            case "chest" -> "{facing:\"" + facing(rng) + "\",type:\"single\",waterlogged:\"false\"}";
            case "furnace" -> "{facing:\"" + facing(rng) + "\",lit:\"false\"}";
            case "barrel" -> "{facing:\"up\",open:\"false\"}";
            case "oak_stairs" -> "{facing:\"" + facing(rng) + "\",half:\"bottom\",shape:\"straight\",waterlogged:\"false\"}";
            case "wall_torch" -> "{facing:\"" + facing(rng) + "\"}";
            case "grass_block" -> "{snowy:\"false\"}";
            case "farmland" -> "{moisture:\"7\"}";
            case "wheat" -> "{age:\"" + rng.nextInt(8) + "\"}";
            case "hopper" -> "{enabled:\"true\",facing:\"down\"}";
            case "oak_door" -> "{facing:\"" + facing(rng) + "\",half:\"lower\",hinge:\"left\",open:\"false\",powered:\"false\"}";
            case "oak_fence" -> "{east:\"false\",north:\"true\",south:\"true\",waterlogged:\"false\",west:\"false\"}";
            case "redstone_wire" -> "{east:\"none\",north:\"side\",power:\"0\",south:\"side\",west:\"none\"}";
            case "oak_sign" -> "{rotation:\"" + rng.nextInt(16) + "\",waterlogged:\"false\"}";
            case "water", "lava" -> "{level:\"0\"}";
            case "snow" -> "{layers:\"1\"}";
            case "pointed_dripstone" -> "{thickness:\"tip\",vertical_direction:\"down\",waterlogged:\"false\"}";
            default -> null;
        };
    }

    private static String containerSnbt(String block, SplittableRandom rng) {
        if (rng.nextDouble() < 0.5) {
            return null;
        }
        StringBuilder sb = new StringBuilder("{Items:[");
        int slots = 1 + rng.nextInt(4);
        for (int s = 0; s < slots; s++) {
            if (s > 0) {
                sb.append(',');
            }
            sb.append("{Slot:").append(s * 3).append("b,count:").append(1 + rng.nextInt(64)).append(",id:\"")
                    .append(mc(oneOf(rng, "cobblestone", "iron_ingot", "coal", "oak_log", "bread", "diamond")))
                    .append("\"}");
        }
        return sb.append("],id:\"").append(block).append("\"}").toString();
    }

    private static String facing(SplittableRandom rng) {
        return oneOf(rng, "north", "south", "east", "west");
    }

    private static String oneOf(SplittableRandom rng, String... values) {
        return values[rng.nextInt(values.length)];
    }

    private static String mc(String path) {
        return "minecraft:" + path;
    }
}
