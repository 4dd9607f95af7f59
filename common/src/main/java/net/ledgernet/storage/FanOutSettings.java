package net.ledgernet.storage;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import net.ledgernet.config.Limits;

/**
 * Tuning of the fan-out engine.
 *
 * @param backendDeadline   how long a fan-out waits for any one backend (config {@code limits.backend-deadline})
 * @param maxThreadsPerBackend threads per backend executor: the backend's pool size, at most this
 * @param queuePerBackend   tasks that may wait for a backend's threads; more are refused as BUSY
 * @param breakerThreshold  consecutive failures/timeouts that open a backend's breaker
 * @param breakerCooldown   how long an open breaker fails fast before one trial request
 * @param lookupRefresh     lookup tables older than this are reloaded on next use
 * @param missReload        an unknown value or id reloads a lookup table at most once per this interval
 * @param playerCacheSize   players kept per backend (id → name LRU)
 * @param clock             for breakers and caches; tests inject a movable one
 */
public record FanOutSettings(Duration backendDeadline, int maxThreadsPerBackend, int queuePerBackend,
                             int breakerThreshold, Duration breakerCooldown, Duration lookupRefresh,
                             Duration missReload, int playerCacheSize, Clock clock) {
    public FanOutSettings {
        Objects.requireNonNull(backendDeadline, "backendDeadline");
        Objects.requireNonNull(clock, "clock");
        if (maxThreadsPerBackend < 1 || queuePerBackend < 1 || playerCacheSize < 1) {
            throw new IllegalArgumentException("threads, queue and player cache must be positive");
        }
    }

    /**
     * Defaults: 3 failures open a breaker for 30 s (long enough not to retry a dead server on every
     * search, short enough to notice a restart quickly); lookups refresh every 5 min and on a miss at
     * most every 10 s; 2048 players per backend (a page needs at most page-size × pages of them).
     */
    public static FanOutSettings defaults(Limits limits) {
        return new FanOutSettings(limits.backendDeadline(), 4, 32, 3, Duration.ofSeconds(30), Duration.ofMinutes(5),
                Duration.ofSeconds(10), 2048, Clock.systemUTC());
    }

    public FanOutSettings withClock(Clock clock) {
        return new FanOutSettings(backendDeadline, maxThreadsPerBackend, queuePerBackend, breakerThreshold,
                breakerCooldown, lookupRefresh, missReload, playerCacheSize, clock);
    }

    public FanOutSettings withDeadline(Duration deadline) {
        return new FanOutSettings(deadline, maxThreadsPerBackend, queuePerBackend, breakerThreshold,
                breakerCooldown, lookupRefresh, missReload, playerCacheSize, clock);
    }

    public FanOutSettings withBreaker(int threshold, Duration cooldown) {
        return new FanOutSettings(backendDeadline, maxThreadsPerBackend, queuePerBackend, threshold, cooldown,
                lookupRefresh, missReload, playerCacheSize, clock);
    }
}
