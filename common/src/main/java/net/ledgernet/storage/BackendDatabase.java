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

    /** A pooled, read-only connection. Close it to give it back. */
    public Connection connection() throws SQLException {
        return pool.getConnection();
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
