package net.ledgernet.cli;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import net.ledgernet.command.NetworkQueries;

/**
 * The time-zone check doctor and status share: Ledger stores wall-clock time, so a newest action
 * further in the future than {@link NetworkQueries#CLOCK_TOLERANCE} means the configured time-zone is
 * not the zone the Minecraft server writes in. Both flag the column the same way, print the same line
 * and exit with {@link ExitCode#SUSPECT_SETTING} when nothing worse is wrong.
 */
final class ZoneCheck {
    private ZoneCheck() {
    }

    static Optional<Duration> ahead(Optional<Instant> newestAction, Instant now) {
        return newestAction.map(t -> Duration.between(now, t))
                .filter(d -> d.compareTo(NetworkQueries.CLOCK_TOLERANCE) > 0);
    }

    /** The TIME ZONE column. */
    static String column(ZoneId zone, Optional<Duration> ahead) {
        return zone.getId() + (ahead.isPresent() ? " (WRONG?)" : "");
    }

    /** The line below the table. */
    static String line(String backend, ZoneId zone, Duration ahead) {
        return backend + ": the newest action is " + ahead.toMinutes() + " minutes in the future: time-zone "
                + zone.getId() + " is probably not the zone the Minecraft server runs in (set backends." + backend
                + ".time-zone to it)";
    }
}
