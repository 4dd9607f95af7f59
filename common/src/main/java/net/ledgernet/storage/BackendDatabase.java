package net.ledgernet.storage;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import net.ledgernet.config.BackendConfig;

/**
 * One backend's Ledger database: a connection pool (possibly shared with other backends on the
 * same server) plus where in it this backend's tables live.
 */
public final class BackendDatabase {
    private final BackendConfig config;
    private final DataSource pool;
    private final PoolShares shares;

    BackendDatabase(BackendConfig config, DataSource pool, PoolShares shares) {
        this.config = config;
        this.pool = pool;
        this.shares = shares;
        shares.register(config.name());
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
     * A pooled, read-only connection, within this backend's share of its server's pool ({@link
     * PoolShares}), waiting at most the connection timeout for one. Close it to give it back.
     */
    public Connection connection() throws SQLException {
        return connection(config.database().pool().connectionTimeout());
    }

    /**
     * A connection within this backend's share, waiting at most {@code wait} for the share; fails with
     * {@link ShareExhaustedException} when this backend's own requests hold all it may have (its
     * overload, not a fault of the database).
     */
    Connection connection(Duration wait) throws SQLException {
        try {
            if (!shares.acquire(backend(), Math.max(0, wait.toNanos()))) {
                throw new ShareExhaustedException("all " + shares.held(backend()) + " connections " + backend()
                        + " may hold of its server's pool of " + shares.size() + " are in use");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", e);
        }
        Connection pooled;
        try {
            pooled = pool.getConnection();
            lastConnectionFailure = null;
        } catch (SQLException | RuntimeException e) {
            shares.release(backend());
            // Say what is really wrong (access denied, unknown database, ...), not "timed out".
            String description = ConnectionFailures.known(e, config.database())
                    .or(this::diagnose).orElseGet(() -> ConnectionFailures.generic(e));
            lastConnectionFailure = new ConnectionFailure(java.time.Instant.now(), description);
            throw new ConnectionFailures.Described(description, e);
        } catch (Error e) {
            shares.release(backend());
            throw e;
        }
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                new Shared(pooled));
    }

    /**
     * A connection outside the pool and outside this backend's share, opened with the pool's settings:
     * for the health probe, which must not wait behind the requests whose slowness it checks. Close it.
     */
    Connection unpooledConnection() throws SQLException {
        if (!(pool instanceof com.zaxxer.hikari.HikariDataSource hikari)) {
            return pool.getConnection();
        }
        Connection c = new com.zaxxer.hikari.util.DriverDataSource(hikari.getJdbcUrl(), hikari.getDriverClassName(),
                hikari.getDataSourceProperties(), hikari.getUsername(), hikari.getPassword()).getConnection();
        if (dialect() != SqlDialect.SQLITE) { // SQLite is opened read-only by a property and refuses the flag
            try {
                c.setReadOnly(true);
            } catch (SQLException e) {
                c.close();
                throw e;
            }
        }
        return c;
    }

    /** This backend's requests hold every connection its share allows: a wait for itself, not for the database. */
    public static final class ShareExhaustedException extends SQLTransientException {
        private static final long serialVersionUID = 1L;

        ShareExhaustedException(String message) {
            super(message);
        }
    }

    /** Gives the share back when the connection is closed (once, however often close is called). */
    private final class Shared implements InvocationHandler {
        private final Connection pooled;
        private final AtomicBoolean closed = new AtomicBoolean();

        Shared(Connection pooled) {
            this.pooled = pooled;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            if (method.getName().equals("close") && method.getParameterCount() == 0) {
                try {
                    pooled.close();
                } finally {
                    if (closed.compareAndSet(false, true)) {
                        shares.release(backend());
                    }
                }
                return null;
            }
            try {
                return method.invoke(pooled, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        }
    }

    /** Connections this backend holds right now through {@link #connection}. */
    int connectionsHeld() {
        return shares.held(backend());
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
        Connection pooled = Proxy.isProxyClass(connection.getClass())
                && Proxy.getInvocationHandler(connection) instanceof Shared shared ? shared.pooled : connection;
        if (pool instanceof com.zaxxer.hikari.HikariDataSource hikari) {
            hikari.evictConnection(pooled);
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
