package net.ledgernet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.ledgernet.sample.SampleData;
import net.ledgernet.sample.SampleSpec;

/**
 * A sample written in one zone's wall-clock time and read as UTC: where its newest action then seems to
 * lie. The sample is quiet at local night, so that depends on the time of day the test runs; the tests
 * compute it from the data instead of assuming the newest action is recent.
 */
final class ZoneSkew {
    private static final Pattern MINUTES_AHEAD = Pattern.compile("the newest action is ([0-9]+) minutes in the future");

    private ZoneSkew() {
    }

    /** The newest action's stored wall-clock time, read as UTC (as a backend configured with UTC reads it). */
    static Instant newestReadAsUtc(SampleSpec spec) {
        SampleData data = SampleData.of(spec);
        Instant newest = Instant.MIN;
        for (int i = 0; i < data.actionCount(); i++) {
            Instant time = data.action(i).time();
            if (time.isAfter(newest)) {
                newest = time;
            }
        }
        return LocalDateTime.ofInstant(newest, spec.storageZone()).toInstant(ZoneOffset.UTC);
    }

    /** The output names how far ahead that is, in whole minutes, give or take the time the check took. */
    static void assertMinutesAhead(String output, Instant newestReadAsUtc) {
        Matcher m = MINUTES_AHEAD.matcher(output);
        assertThat(m.find()).as("a minutes-ahead line in:\n%s", output).isTrue();
        long expected = Duration.between(Instant.now(), newestReadAsUtc).toMinutes();
        assertThat(expected).as("the sample must lie ahead by more than the tolerance").isGreaterThan(5);
        assertThat(Long.parseLong(m.group(1))).isBetween(expected - 2, expected + 2);
    }
}
