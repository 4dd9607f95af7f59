package net.ledgernet.sample;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * The synthetic content of one Ledger backend, computed from a {@link SampleSpec} without a database:
 * the writer stores it, tests regenerate it to compare with what the database returns.
 *
 * <p>Lookup lists are in insertion order, so in a fresh database the n-th entry gets id n+1; the same
 * holds for {@link #players()} (ordered by first join, as Ledger inserts on first join) and
 * {@link #action(int)}. Actions are built on demand (each from its own seeded random stream), so
 * a million of them never sit in memory; only their times and players do (12 bytes each).
 */
public final class SampleData {

    /** One {@code players} row. */
    public record Player(UUID uuid, String name, Instant firstJoin, Instant lastJoin) {
    }

    /**
     * One {@code actions} row, with lookup values spelled out.
     *
     * @param player index into {@link #players()}, or -1 when {@code player_id} is NULL
     */
    public record Action(String type, Instant time, int x, int y, int z, String world, String object,
                         String oldObject, String blockState, String oldBlockState, String source, int player,
                         String extraData, boolean rolledBack) {
    }

    /** One place a player keeps coming back to. */
    private record Base(int world, int x, int y, int z) {
    }

    /** Share of actions with no player involved (fire, decay, mobs, ...). */
    private static final double ENVIRONMENT_SHARE = 0.12;
    /** Share of adjacent actions whose queue (id) order differs from their time order. */
    private static final double DISORDER_SHARE = 0.02;
    /** Relative activity per local hour of day: quiet at night, busiest in the evening. */
    private static final int[] HOUR_WEIGHT =
            {5, 3, 2, 1, 1, 1, 1, 2, 3, 3, 4, 4, 5, 6, 7, 7, 8, 9, 10, 10, 10, 9, 8, 7};

    private final SampleSpec spec;
    private final List<String> actionTypes;
    private final List<String> objects;
    private final List<String> sources;
    private final List<Player> players;
    private final List<List<Base>> bases;
    private final long[] timeMicros;
    private final int[] playerOf;

    private SampleData(SampleSpec spec) {
        this.spec = spec;
        SplittableRandom rng = new SplittableRandom(spec.seed());
        // The action registry is a hash map and sources are created on demand: both orders (and so
        // their ids) differ between real backends.
        this.actionTypes = shuffled(Vocabulary.ACTION_TYPES, rng);
        this.objects = Vocabulary.objectIdentifiers(spec.worlds());
        this.sources = shuffled(Rows.allSources(), rng);

        int n = spec.actions();
        int p = spec.players();
        List<UUID> uuids = new ArrayList<>(p);
        List<String> names = names(p, rng);
        double[] cumulative = new double[p];
        List<List<Base>> rawBases = new ArrayList<>(p);
        double total = 0;
        for (int i = 0; i < p; i++) {
            uuids.add(randomUuid(rng));
            total += 1 / Math.pow(i + 1, 0.9); // a few very active players, a long tail
            cumulative[i] = total;
            rawBases.add(bases(rng));
        }

        long endMicros = micros(spec.end());
        long startMicros = endMicros - TimeUnit.DAYS.toMicros(spec.days());
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
            times[i] = randomTime(rng, startMicros, endMicros);
        }
        Arrays.sort(times);
        // Ledger stamps an action when it happens but inserts in queue order: ids follow time closely,
        // not exactly.
        for (int i = 0; i + 1 < n; i++) {
            if (rng.nextDouble() < DISORDER_SHARE) {
                long t = times[i];
                times[i] = times[i + 1];
                times[i + 1] = t;
                i++;
            }
        }

        int[] who = new int[n];
        long[] first = new long[p];
        long[] last = new long[p];
        Arrays.fill(first, Long.MAX_VALUE);
        Arrays.fill(last, Long.MIN_VALUE);
        for (int i = 0; i < n; i++) {
            if (rng.nextDouble() < ENVIRONMENT_SHARE) {
                who[i] = -1;
                continue;
            }
            int idx = Arrays.binarySearch(cumulative, rng.nextDouble() * total);
            int player = Math.min(idx < 0 ? -idx - 1 : idx, p - 1);
            who[i] = player;
            first[player] = Math.min(first[player], times[i]);
            last[player] = Math.max(last[player], times[i]);
        }

        // Joins consistent with actions: first join shortly before the first action; last join at or
        // before the last action (the player may still be online). Idle players joined some time.
        long[] firstJoin = new long[p];
        long[] lastJoin = new long[p];
        long twoHours = TimeUnit.HOURS.toMicros(2);
        for (int i = 0; i < p; i++) {
            if (first[i] == Long.MAX_VALUE) {
                firstJoin[i] = rng.nextLong(startMicros, endMicros);
                lastJoin[i] = firstJoin[i] + rng.nextLong(endMicros - firstJoin[i]);
            } else {
                firstJoin[i] = first[i] - rng.nextLong(twoHours);
                lastJoin[i] = last[i] - rng.nextLong(Math.min(3 * twoHours / 2, last[i] - firstJoin[i]) + 1);
            }
        }

        // Ledger inserts a player on first join: order (and ids) by first join.
        Integer[] order = new Integer[p];
        for (int i = 0; i < p; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Long.compare(firstJoin[a], firstJoin[b]));
        int[] rank = new int[p];
        List<Player> ps = new ArrayList<>(p);
        List<List<Base>> bs = new ArrayList<>(p);
        for (int r = 0; r < p; r++) {
            int i = order[r];
            rank[i] = r;
            ps.add(new Player(uuids.get(i), names.get(i), instant(firstJoin[i]), instant(lastJoin[i])));
            bs.add(rawBases.get(i));
        }
        for (int i = 0; i < n; i++) {
            if (who[i] >= 0) {
                who[i] = rank[who[i]];
            }
        }
        this.players = List.copyOf(ps);
        this.bases = List.copyOf(bs);
        this.timeMicros = times;
        this.playerOf = who;
    }

    public static SampleData of(SampleSpec spec) {
        return new SampleData(spec);
    }

    public SampleSpec spec() {
        return spec;
    }

    /** {@code ActionIdentifiers} in registration order. */
    public List<String> actionTypes() {
        return actionTypes;
    }

    /** {@code worlds} in load order. */
    public List<String> worlds() {
        return spec.worlds();
    }

    /** {@code ObjectIdentifiers} in registry order. */
    public List<String> objects() {
        return objects;
    }

    /** {@code sources} in creation order. */
    public List<String> sources() {
        return sources;
    }

    /** {@code players} in first-join (= insertion) order. */
    public List<Player> players() {
        return players;
    }

    public int actionCount() {
        return timeMicros.length;
    }

    /** The i-th action in insertion (id) order; deterministic for a given spec and i. */
    public Action action(int i) {
        SplittableRandom rng = new SplittableRandom(mix(spec.seed(), i));
        int player = playerOf[i];
        Rows.Kind kind = player >= 0 ? Rows.playerKind(rng) : Rows.environmentKind(rng);
        // Environment events happen in loaded chunks, i.e. around somebody's base.
        List<Base> around = bases.get(player >= 0 ? player : rng.nextInt(bases.size()));
        Base base = around.get(rng.nextDouble() < 0.7 ? 0 : rng.nextInt(around.size()));
        if (base.world >= spec.worlds().size()) {
            base = new Base(0, base.x, base.y, base.z);
        }
        String world = spec.worlds().get(base.world);
        Rows.Row row = Rows.row(kind, world, rng);
        int x;
        int z;
        int y;
        if (world.equals("minecraft:overworld") && rng.nextDouble() < 0.08) {
            x = (int) Math.round(rng.nextDouble() * 120 - 60); // spawn area: everybody passes by
            z = (int) Math.round(rng.nextDouble() * 120 - 60);
            y = 64 + rng.nextInt(12);
        } else {
            int spread = row.mining() ? 48 : 14;
            x = base.x + (int) Math.round(gaussian(rng) * spread);
            z = base.z + (int) Math.round(gaussian(rng) * spread);
            y = base.y + (int) Math.round(gaussian(rng) * 4);
        }
        if (row.mining()) {
            y = row.miningY();
        }
        boolean rolledBack = rng.nextDouble() < spec.rolledBackShare();
        return new Action(kind.type(), instant(timeMicros[i]), x, y, z, world, row.object(), row.oldObject(),
                row.blockState(), row.oldBlockState(), kind.source(), kind.withPlayer() ? player : -1,
                row.extraData(), rolledBack);
    }

    /** A random time in [start, end), weighted by day (more recent, busier) and local hour of day. */
    private long randomTime(SplittableRandom rng, long startMicros, long endMicros) {
        ZoneId zone = spec.storageZone();
        LocalDate lastDay = LocalDate.ofInstant(instant(endMicros - 1), zone);
        int hourTotal = Arrays.stream(HOUR_WEIGHT).sum();
        while (true) {
            int back = (int) (Math.pow(rng.nextDouble(), 1.3) * (spec.days() + 1));
            int pick = rng.nextInt(hourTotal);
            int hour = 0;
            while (pick >= HOUR_WEIGHT[hour]) {
                pick -= HOUR_WEIGHT[hour];
                hour++;
            }
            LocalDateTime wall = lastDay.minusDays(back).atTime(hour, rng.nextInt(60), rng.nextInt(60));
            // atZone resolves a DST overlap to the earlier offset, so every generated wall-clock time
            // converts back to the same instant.
            long t = micros(wall.atZone(zone).toInstant()) + rng.nextLong(1_000_000);
            if (t >= startMicros && t < endMicros) {
                return t;
            }
        }
    }

    private List<Base> bases(SplittableRandom rng) {
        int count = 1 + rng.nextInt(3);
        List<Base> out = new ArrayList<>(count);
        for (int b = 0; b < count; b++) {
            // The first base is in the first world (the overworld): most activity happens there.
            int world = b == 0 ? 0 : rng.nextInt(spec.worlds().size());
            String id = spec.worlds().get(world);
            out.add(switch (id) {
                case "minecraft:the_nether" -> new Base(world, spread(rng, 400), 40 + rng.nextInt(70), spread(rng, 400));
                case "minecraft:the_end" -> rng.nextDouble() < 0.6
                        ? new Base(world, spread(rng, 80), 55 + rng.nextInt(15), spread(rng, 80))
                        : new Base(world, spread(rng, 2500), 50 + rng.nextInt(20), spread(rng, 2500));
                case "minecraft:overworld" -> new Base(world, spread(rng, 3000), 62 + rng.nextInt(30), spread(rng, 3000));
                default -> new Base(world, spread(rng, 1000), 100 + rng.nextInt(100), spread(rng, 1000));
            });
        }
        return out;
    }

    private static int spread(SplittableRandom rng, int scale) {
        return (int) Math.round(gaussian(rng) * scale);
    }

    private static double gaussian(SplittableRandom rng) {
        // Box-Muller; SplittableRandom has no nextGaussian on Java 17.
        double u = 1 - rng.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.nextDouble());
    }

    private static List<String> names(int count, SplittableRandom rng) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> lower = new HashSet<>();
        while (names.size() < count) {
            String name = name(rng);
            if (lower.add(name.toLowerCase(java.util.Locale.ROOT))) {
                names.add(name);
            }
        }
        return new ArrayList<>(names);
    }

    private static String name(SplittableRandom rng) {
        String head = pick(Vocabulary.NAME_HEADS, rng);
        String tail = pick(Vocabulary.NAME_TAILS, rng);
        String name = switch (rng.nextInt(6)) {
            case 0 -> head.toLowerCase(java.util.Locale.ROOT) + tail.toLowerCase(java.util.Locale.ROOT);
            case 1 -> head + "_" + tail;
            case 2 -> head + tail + rng.nextInt(100);
            case 3 -> "xX" + head + tail + "Xx";
            default -> head + tail + (rng.nextBoolean() ? "" : String.valueOf(rng.nextInt(2000)));
        };
        name = name.replace("__", "_");
        if (name.length() > 16) {
            name = name.substring(0, 16);
        }
        return name.length() < 3 ? name + "_" + rng.nextInt(10, 100) : name;
    }

    private static UUID randomUuid(SplittableRandom rng) {
        long msb = (rng.nextLong() & ~0xF000L) | 0x4000L; // version 4
        long lsb = (rng.nextLong() & ~(0xC000L << 48)) | (0x8000L << 48); // IETF variant
        return new UUID(msb, lsb);
    }

    static <T> T pick(List<T> list, SplittableRandom rng) {
        return list.get(rng.nextInt(list.size()));
    }

    private static List<String> shuffled(List<String> list, SplittableRandom rng) {
        List<String> copy = new ArrayList<>(list);
        for (int i = copy.size() - 1; i > 0; i--) {
            Collections.swap(copy, i, rng.nextInt(i + 1));
        }
        return List.copyOf(copy);
    }

    private static long mix(long seed, long i) {
        long z = seed + 0x9E3779B97F4A7C15L * (i + 1);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static long micros(Instant t) {
        return TimeUnit.SECONDS.toMicros(t.getEpochSecond()) + t.getNano() / 1000;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
    }
}
