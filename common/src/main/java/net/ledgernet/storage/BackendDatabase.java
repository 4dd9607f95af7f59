package net.ledgernet.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import javax.sql.DataSource;
import net.ledgernet.config.BackendConfig;

/**
 * One backend's Ledger database: a connection pool (possibly shared with other backends on the
 * same server) plus where in it this backend's tables live.
 */
public final class BackendDatabase {
    private final BackendConfig config;
    private final DataSource pool;

    BackendDatabase(BackendConfig config, DataSource pool) {
        this.config = config;
        this.pool = pool;
    }

    public String backend() {
        return config.name();
    }

    public BackendConfig config() {
        return config;
    }

    public SqlDialect dialect() {
        return config.database().dialect();
    }

    /** The database (MariaDB/MySQL) or schema (PostgreSQL) on a shared server; empty when the URL names it. */
    public Optional<String> namespace() {
        return config.database().namespace();
    }

    public Duration queryTimeout() {
        return config.database().pool().queryTimeout();
    }

    /** The last failure to get a connection, described, and when; null after a success. */
    private volatile ConnectionFailure lastConnectionFailure;

    private record ConnectionFailure(java.time.Instant at, String description) {
    }

    /** A pooled, read-only connection. Close it to give it back. */
    public Connection connection() throws SQLException {
        try {
            Connection connection = pool.getConnection();
            lastConnectionFailure = null;
            return connection;
        } catch (SQLException | RuntimeException e) {
            String description = ConnectionFailures.known(e, config.database())
                    .or(this::diagnose).orElseGet(() -> ConnectionFailures.generic(e));
            lastConnectionFailure = new ConnectionFailure(java.time.Instant.now(), description);
            throw new ConnectionFailures.Described(description, e);
        }
    }

    /** When the last direct connection attempt ran, and what it found. */
    private volatile Diagnosis diagnosis;

    private record Diagnosis(java.time.Instant at, Optional<String> found) {
    }

    /**
     * The pool's "request timed out" often comes without its cause (the pool had not tried yet, or the
     * attempt is in its back-off): one connection straight through the driver, with the pool's settings and
     * at most every 10 s, says what is really wrong (access denied, unknown database, ...).
     */
    private Optional<String> diagnose() {
        Diagnosis last = diagnosis;
        java.time.Instant now = java.time.Instant.now();
        if (last != null && last.at().plusSeconds(10).isAfter(now)) {
            return last.found();
        }
        Optional<String> found = Optional.empty();
        if (pool instanceof com.zaxxer.hikari.HikariDataSource hikari && hikari.getJdbcUrl() != null) {
            try {
                com.zaxxer.hikari.util.DriverDataSource direct = new com.zaxxer.hikari.util.DriverDataSource(
                        hikari.getJdbcUrl(), hikari.getDriverClassName(), hikari.getDataSourceProperties(),
                        hikari.getUsername(), hikari.getPassword());
                direct.setLoginTimeout((int) Math.max(1, config.database().pool().connectionTimeout().toSeconds()));
                direct.getConnection().close();
            } catch (SQLException | RuntimeException e) {
                found = ConnectionFailures.known(e, config.database());
            }
        }
        diagnosis = new Diagnosis(now, found);
        return found;
    }

    /**
     * Why the last attempt to get a connection failed, if it failed no longer than {@code within} ago: the
     * real cause for a request that gave up while still waiting for a connection.
     */
    public Optional<String> recentConnectionFailure(Duration within) {
        ConnectionFailure failure = lastConnectionFailure;
        return failure != null && failure.at().plus(within).isAfter(java.time.Instant.now())
                ? Optional.of(failure.description()) : Optional.empty();
    }

    /**
     * Connections of this backend's pool in use right now (a pool may be shared by the backends on
     * one server), and its size; empty before the pool has started.
     */
    public Optional<PoolUsage> poolUsage() {
        if (pool instanceof com.zaxxer.hikari.HikariDataSource hikari && hikari.getHikariPoolMXBean() != null) {
            return Optional.of(new PoolUsage(hikari.getHikariPoolMXBean().getActiveConnections(),
                    hikari.getMaximumPoolSize()));
        }
        return Optional.empty();
    }

    /** Connections in use of a pool of {@code size}. */
    public record PoolUsage(int inUse, int size) {
    }

    /** Tells the pool never to hand out {@code connection} again (it is being aborted). */
    void evict(Connection connection) {
        if (pool instanceof com.zaxxer.hikari.HikariDataSource hikari) {
            hikari.evictConnection(connection);
        }
    }

    /** A table name as it must appear in SQL: quoted, and qualified with the namespace if there is one. */
    public String qualify(String actualTableName) {
        String table = dialect().quote(actualTableName);
        return namespace().map(ns -> dialect().quote(ns) + "." + table).orElse(table);
    }

    @Override
    public String toString() {
        return "BackendDatabase[" + backend() + " " + config.database() + "]";
    }
}
