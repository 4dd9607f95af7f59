package net.ledgernet.search;

import java.time.Duration;

/**
 * Bounds on what one search string may ask for. Strings arrive from possibly modified clients, so
 * every count the parser keeps is checked against one of these before anything grows with it.
 *
 * @param maxInputLength  characters; Minecraft caps a client's string at 32767
 * @param maxTerms        {@code key:value} terms in one search
 * @param maxTermLength   characters in one term
 * @param maxValuesPerKey terms with the same key
 * @param maxDuration     longest {@code before:}/{@code after:}
 * @param maxRange        largest {@code range:N}
 */
public record SearchLimits(
        int maxInputLength, int maxTerms, int maxTermLength, int maxValuesPerKey, Duration maxDuration, int maxRange) {
    /** Keeps duration arithmetic far from overflow (see {@link LedgerDurations#parse}). */
    // Declared before DEFAULTS, whose constructor reads it.
    static final Duration LONGEST_ALLOWED = Duration.ofDays(365L * 1000);

    /** Ten years of history, a 100 000-block range, 64 terms. */
    public static final SearchLimits DEFAULTS =
            new SearchLimits(32767, 64, 256, 32, Duration.ofDays(3650), 100_000);


    public SearchLimits {
        if (maxInputLength < 1 || maxTerms < 1 || maxTermLength < 1 || maxValuesPerKey < 1 || maxRange < 1) {
            throw new IllegalArgumentException("search limits must be at least 1");
        }
        if (maxDuration.isNegative() || maxDuration.isZero() || maxDuration.compareTo(LONGEST_ALLOWED) > 0) {
            throw new IllegalArgumentException("maxDuration must be positive and at most 1000 years");
        }
    }
}
