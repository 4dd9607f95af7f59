package net.ledgernet.sample;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * What one synthetic Ledger backend database contains. Same spec, same rows (the seed drives everything).
 *
 * @param seed            drives every random choice
 * @param players         rows in {@code players}
 * @param actions         rows in {@code actions}
 * @param days            actions are spread over {@code [end - days, end)}
 * @param end             the newest possible action time
 * @param storageZone     the Minecraft server's JVM zone: how wall-clock times are written (ledger.md §2.5)
 * @param rolledBackShare expected share of {@code rolled_back = true} rows
 * @param worlds          dimension ids in load order (the first one gets the most activity)
 * @param withTimeIndex   false makes a pre-1.3.21 database without the {@code actions_time} index
 */
public record SampleSpec(long seed, int players, int actions, int days, Instant end, ZoneId storageZone,
                         double rolledBackShare, List<String> worlds, boolean withTimeIndex) {

    public static final List<String> DEFAULT_WORLDS =
            List.of("minecraft:overworld", "minecraft:the_nether", "minecraft:the_end", "mymod:sky");

    public SampleSpec {
        Objects.requireNonNull(end, "end");
        Objects.requireNonNull(storageZone, "storageZone");
        worlds = List.copyOf(worlds);
        if (players < 1 || actions < 0 || days < 1) {
            throw new IllegalArgumentException("need players >= 1, actions >= 0, days >= 1");
        }
        if (worlds.isEmpty()) {
            throw new IllegalArgumentException("need at least one world");
        }
        if (rolledBackShare < 0 || rolledBackShare > 1) {
            throw new IllegalArgumentException("rolledBackShare must be in [0, 1]");
        }
    }

    /**
     * 200 players, 20,000 actions over 90 days up to today (UTC midnight), UTC storage, 3% rolled back,
     * the four default worlds, with the time index.
     */
    public static SampleSpec defaults(long seed) {
        return new SampleSpec(seed, 200, 20_000, 90, Instant.now().truncatedTo(ChronoUnit.DAYS), ZoneOffset.UTC,
                0.03, DEFAULT_WORLDS, true);
    }

    public SampleSpec withSeed(long seed) {
        return new SampleSpec(seed, players, actions, days, end, storageZone, rolledBackShare, worlds, withTimeIndex);
    }

    public SampleSpec withSize(int players, int actions) {
        return new SampleSpec(seed, players, actions, days, end, storageZone, rolledBackShare, worlds, withTimeIndex);
    }

    public SampleSpec withTime(int days, Instant end, ZoneId storageZone) {
        return new SampleSpec(seed, players, actions, days, end, storageZone, rolledBackShare, worlds, withTimeIndex);
    }

    public SampleSpec withWorlds(List<String> worlds) {
        return new SampleSpec(seed, players, actions, days, end, storageZone, rolledBackShare, worlds, withTimeIndex);
    }

    public SampleSpec withTimeIndex(boolean withTimeIndex) {
        return new SampleSpec(seed, players, actions, days, end, storageZone, rolledBackShare, worlds, withTimeIndex);
    }

    public SampleSpec withRolledBackShare(double rolledBackShare) {
        return new SampleSpec(seed, players, actions, days, end, storageZone, rolledBackShare, worlds, withTimeIndex);
    }
}
