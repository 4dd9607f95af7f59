package net.ledgernet.config;

import java.nio.file.Path;
import java.util.Optional;
import net.ledgernet.storage.SqlDialect;

/**
 * Where one backend's Ledger tables live.
 *
 * @param poolKey    backends with the same key share one connection pool (a shared server)
 * @param jdbcUrl    the URL the pool connects to; relative file paths already resolved
 * @param namespace  the database (MariaDB/MySQL) or schema (PostgreSQL) holding the tables when
 *                   the pool's connection is to a shared server; empty when the URL names it
 * @param identity   a normalised name of the database itself, to reject two backends sharing one
 * @param file       the database file, for SQLite and H2 (for H2 without its .mv.db suffix)
 */
public record DatabaseTarget(
        String poolKey,
        SqlDialect dialect,
        String jdbcUrl,
        String user,
        String password,
        PoolSettings pool,
        Optional<String> namespace,
        String identity,
        Optional<Path> file) {

    @Override
    public String toString() {
        // Never print the password.
        return "DatabaseTarget[" + dialect.displayName() + " " + jdbcUrl + namespace.map(n -> " / " + n).orElse("") + "]";
    }
}
