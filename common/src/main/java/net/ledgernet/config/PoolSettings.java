package net.ledgernet.config;

import java.time.Duration;

/** Connection pool settings for one database server. */
public record PoolSettings(int size, Duration connectionTimeout, Duration queryTimeout) {
    public static final PoolSettings DEFAULTS = new PoolSettings(4, Duration.ofSeconds(5), Duration.ofSeconds(10));
    /** A file database is read by a few connections at most; more only contend for its lock. */
    public static final PoolSettings EMBEDDED_DEFAULTS = new PoolSettings(2, Duration.ofSeconds(5), Duration.ofSeconds(10));
}
