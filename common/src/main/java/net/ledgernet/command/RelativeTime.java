package net.ledgernet.command;

import java.time.Duration;
import java.time.Instant;

/** Times as staff read them: how long ago, in the largest whole unit. */
public final class RelativeTime {
    private RelativeTime() {
    }

    /** "just now", "42s ago", "3m ago", "5h ago", "2d ago", "3w ago"; "in 4m" for a time ahead of the clock. */
    public static String ago(Instant time, Instant now) {
        Duration d = Duration.between(time, now);
        boolean future = d.isNegative();
        long s = Math.abs(d.getSeconds());
        String amount;
        if (s < 5) {
            return "just now";
        } else if (s < 60) {
            amount = s + "s";
        } else if (s < 3600) {
            amount = s / 60 + "m";
        } else if (s < 86_400) {
            amount = s / 3600 + "h";
        } else if (s < 14 * 86_400) {
            amount = s / 86_400 + "d";
        } else if (s < 365 * 86_400) {
            amount = s / (7 * 86_400) + "w";
        } else {
            amount = s / (365 * 86_400) + "y";
        }
        return future ? "in " + amount : amount + " ago";
    }
}
