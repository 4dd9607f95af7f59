package net.ledgernet.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.ledgernet.config.BackendConfig;
import net.ledgernet.config.DatabaseTarget;

/**
 * The backends' databases, with one HikariCP pool per distinct database server. Opening never
 * fails because a database is down: pools connect lazily and the status check reports it.
 */
public final class BackendDatabases implements AutoCloseable {
    private final Map<String, BackendDatabase> byBackend;
    private final List<HikariDataSource> pools;

    private BackendDatabases(Map<String, BackendDatabase> byBackend, List<HikariDataSource> pools) {
        this.byBackend = Collections.unmodifiableMap(byBackend);
        this.pools = List.copyOf(pools);
    }

    public static BackendDatabases open(Collection<BackendConfig> backends) {
        PoolLogging.quiet();
        Map<String, HikariDataSource> poolsByKey = new LinkedHashMap<>();
        Map<String, PoolShares> sharesByKey = new LinkedHashMap<>();
        Map<String, BackendDatabase> byBackend = new LinkedHashMap<>();
        try {
            for (BackendConfig backend : backends) {
                DatabaseTarget target = backend.database();
                HikariDataSource pool = poolsByKey.computeIfAbsent(target.poolKey(), key -> createPool(target));
                PoolShares shares = sharesByKey.computeIfAbsent(target.poolKey(),
                        key -> new PoolShares(pool.getMaximumPoolSize()));
                byBackend.put(backend.name(), new BackendDatabase(backend, pool, shares));
            }
        } catch (RuntimeException e) {
            poolsByKey.values().forEach(HikariDataSource::close);
            throw e;
        }
        return new BackendDatabases(byBackend, new ArrayList<>(poolsByKey.values()));
    }

    public Collection<BackendDatabase> all() {
        return byBackend.values();
    }

    public Optional<BackendDatabase> get(String backend) {
        return Optional.ofNullable(byBackend.get(backend));
    }

    /** How many pools were opened (one per distinct server). */
    public int poolCount() {
        return pools.size();
    }

    @Override
    public void close() {
        pools.forEach(HikariDataSource::close);
    }

    static HikariDataSource createPool(DatabaseTarget target) {
        SqlDialect dialect = target.dialect();
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("LedgerNet-" + target.poolKey().replace(':', '-'));
        hikari.setMaximumPoolSize(target.pool().size());
        hikari.setMinimumIdle(Math.min(1, target.pool().size()));
        hikari.setConnectionTimeout(Math.max(250, target.pool().connectionTimeout().toMillis()));
        hikari.setValidationTimeout(Math.max(250, Math.min(5000, target.pool().connectionTimeout().toMillis())));
        // A database that is down at startup must not stop the proxy; it is reported instead.
        hikari.setInitializationFailTimeout(-1);
        hikari.setMaxLifetime(Duration.ofMinutes(30).toMillis());
        hikari.setKeepaliveTime(Duration.ofMinutes(5).toMillis());
        hikari.setAutoCommit(true);
        // LedgerNet never writes to a Ledger database. SQLite is also opened read-only below, and
        // refuses a flag change on an open connection, so the flag is set for every dialect alike.
        hikari.setReadOnly(true);
        if (!target.user().isEmpty()) {
            hikari.setUsername(target.user());
        }
        if (!target.password().isEmpty()) {
            hikari.setPassword(target.password());
        }
        long socketTimeoutMs = target.pool().queryTimeout().plusSeconds(5).toMillis();
        switch (dialect) {
            case SQLITE -> {
                hikari.setDriverClassName("org.sqlite.JDBC");
                hikari.setJdbcUrl(target.jdbcUrl());
                // Opened read-only at the file level: LedgerNet never writes to a Ledger database,
                // and a missing file is an error instead of a new empty database.
                hikari.addDataSourceProperty("open_mode", "1");
                hikari.addDataSourceProperty("busy_timeout", String.valueOf(target.pool().queryTimeout().toMillis()));
            }
            case H2 -> {
                hikari.setDriverClassName("org.h2.Driver");
                hikari.setJdbcUrl(withH2Options(target.jdbcUrl()));
            }
            case MARIADB, MYSQL -> {
                hikari.setDriverClassName("org.mariadb.jdbc.Driver");
                // The MariaDB driver speaks to MySQL too, but only under its own scheme.
                hikari.setJdbcUrl(dialect == SqlDialect.MYSQL
                        ? SqlDialect.MARIADB.urlPrefix() + target.jdbcUrl().substring(SqlDialect.MYSQL.urlPrefix().length())
                        : target.jdbcUrl());
                hikari.addDataSourceProperty("connectTimeout", String.valueOf(target.pool().connectionTimeout().toMillis()));
                hikari.addDataSourceProperty("socketTimeout", String.valueOf(socketTimeoutMs));
            }
            case POSTGRESQL -> {
                hikari.setDriverClassName("org.postgresql.Driver");
                hikari.setJdbcUrl(target.jdbcUrl());
                // Enforce read-only on every statement, also with auto-commit on.
                hikari.addDataSourceProperty("readOnlyMode", "always");
                hikari.addDataSourceProperty("ApplicationName", "LedgerNet");
                hikari.addDataSourceProperty("connectTimeout", String.valueOf(seconds(target.pool().connectionTimeout())));
                hikari.addDataSourceProperty("socketTimeout", String.valueOf(Math.max(1, socketTimeoutMs / 1000)));
            }
            default -> throw new IllegalStateException("unhandled dialect " + dialect);
        }
        return new HikariDataSource(hikari);
    }

    /** H2 creates a missing database unless told not to; LedgerNet opens existing ones read-only. */
    private static String withH2Options(String url) {
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        StringBuilder out = new StringBuilder(url);
        if (!upper.contains(";IFEXISTS=")) {
            out.append(";IFEXISTS=TRUE");
        }
        if (!upper.contains(";ACCESS_MODE_DATA=")) {
            out.append(";ACCESS_MODE_DATA=r");
        }
        return out.toString();
    }

    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }
}
