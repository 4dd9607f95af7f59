package net.ledgernet.config;

import java.time.Duration;

/**
 * Connection pool settings for one database server.
 *
 * <p>config.yml bounds (checked by the parser): pool-size 1 to 64, connection-timeout 250ms to 1m and at
 * most {@code limits.backend-deadline} (a database that is down is then reported as down, not as slow;
 * left out, it defaults to the smaller of 2s and the deadline), query-timeout 1s to 10m.
 */
public record PoolSettings(int size, Duration connectionTimeout, Duration queryTimeout) {
    public static final PoolSettings DEFAULTS = new PoolSettings(4, Duration.ofSeconds(2), Duration.ofSeconds(10));
    /** A file database is read by a few connections at most; more only contend for its lock. */
    public static final PoolSettings EMBEDDED_DEFAULTS = new PoolSettings(2, Duration.ofSeconds(2), Duration.ofSeconds(10));
}
