package net.ledgernet.search;

import java.time.Duration;

/** Ledger's {@code before:}/{@code after:} durations: {@code <digits><unit>} repeated, summed. */
final class LedgerDurations {
    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long WEEK = 7 * DAY;

    private LedgerDurations() {
    }

    /** Seconds per unit letter (either case), or 0 if it is not a unit. */
    static long unitSeconds(char unit) {
        switch (Character.toLowerCase(unit)) {
            case 's':
                return 1;
            case 'm':
                return MINUTE;
            case 'h':
                return HOUR;
            case 'd':
                return DAY;
            case 'w':
                return WEEK;
            default:
                return 0;
        }
    }

    /**
     * The value exactly as a whole: every character must belong to a {@code <digits><unit>} pair,
     * and the sum must not exceed {@code maxSeconds}. Never overflows: a digit run is abandoned as
     * soon as it alone exceeds the maximum.
     *
     * @throws Invalid if the syntax is wrong
     * @throws TooLong  if the sum (or one number) exceeds {@code maxSeconds}
     */
    static Duration parse(String value, long maxSeconds) throws Invalid, TooLong {
        if (value.isEmpty()) {
            throw new Invalid();
        }
        long total = 0;
        int i = 0;
        while (i < value.length()) {
            int digitsStart = i;
            long number = 0;
            while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
                number = number * 10 + (value.charAt(i) - '0');
                if (number > maxSeconds) {
                    throw new TooLong();
                }
                i++;
            }
            if (i == digitsStart || i == value.length()) {
                throw new Invalid();
            }
            long unit = unitSeconds(value.charAt(i));
            if (unit == 0) {
                throw new Invalid();
            }
            i++;
            // number <= maxSeconds <= Long.MAX_VALUE / WEEK / 2 (SearchLimits), so neither step overflows.
            total += number * unit;
            if (total > maxSeconds) {
                throw new TooLong();
            }
        }
        return Duration.ofSeconds(total);
    }

    /** Canonical form: largest units first, zero parts left out, {@code 0s} for zero. */
    static String render(Duration duration) {
        long seconds = duration.getSeconds();
        if (seconds == 0) {
            return "0s";
        }
        StringBuilder out = new StringBuilder();
        long[] units = {WEEK, DAY, HOUR, MINUTE, 1};
        char[] letters = {'w', 'd', 'h', 'm', 's'};
        for (int u = 0; u < units.length; u++) {
            long count = seconds / units[u];
            if (count > 0) {
                out.append(count).append(letters[u]);
                seconds -= count * units[u];
            }
        }
        return out.toString();
    }

    static boolean isRenderable(Duration duration) {
        return !duration.isNegative() && duration.getNano() == 0;
    }

    /** Not a duration in Ledger's syntax. */
    static final class Invalid extends Exception {
        Invalid() {
            super(null, null, false, false);
        }
    }

    /** Syntactically fine but longer than allowed. */
    static final class TooLong extends Exception {
        TooLong() {
            super(null, null, false, false);
        }
    }
}
