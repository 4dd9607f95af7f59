package net.ledgernet.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;
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
    /** A URL parameter that holds a secret: password=, sslpassword=, PASSWORD= (H2), pwd=, ... */
    private static final Pattern SECRET_PARAMETER =
            Pattern.compile("(?i)([?&;][^=&;?#]*(?:password|passwd|pwd)[^=&;?#]*=)[^&;#]*");

    @Override
    public String toString() {
        // Never print the password.
        return "DatabaseTarget[" + dialect.displayName() + " " + redact(jdbcUrl) + namespace.map(n -> " / " + n).orElse("") + "]";
    }

    /** host[:port] of a server URL, the host as written: jdbc:mariadb://db.example:3307/ -> db.example:3307. */
    private static final Pattern SERVER_ADDRESS = Pattern.compile(
            "(?i)jdbc:(?:mariadb|mysql|postgresql)://(?:[^@/?#]*@)?(\\[[^\\]]+\\]|[^:/?#,]+)(?::(\\d+))?.*");

    /**
     * The server's host and port as the driver connects to them (the dialect's default port when the URL
     * has none), for messages such as "connection refused by 127.0.0.1:3306"; empty for file databases.
     */
    public Optional<String> address() {
        if (dialect.embedded()) {
            return Optional.empty();
        }
        java.util.regex.Matcher m = SERVER_ADDRESS.matcher(jdbcUrl);
        if (!m.matches()) {
            return Optional.empty();
        }
        String port = m.group(2) != null ? m.group(2) : dialect == SqlDialect.POSTGRESQL ? "5432" : "3306";
        return Optional.of(m.group(1) + ":" + port);
    }

    /** The JDBC URL with any password in it masked, for messages and logs. */
    public String redactedUrl() {
        return redact(jdbcUrl);
    }

    /**
     * A JDBC URL safe to print: the password of a {@code user:password@} userinfo and the value of
     * every password parameter ({@code ?password=}, {@code &sslpassword=}, H2's {@code ;PASSWORD=})
     * become {@code ***}.
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String text = url;
        int authority = text.indexOf("//");
        if (authority >= 0) {
            int start = authority + 2;
            int end = start;
            // Up to the query, not the first '/': a password may contain one.
            while (end < text.length() && text.charAt(end) != '?' && text.charAt(end) != '#') {
                end++;
            }
            int at = text.lastIndexOf('@', end - 1);
            int colon = text.indexOf(':', start);
            if (at >= start && colon >= 0 && colon < at) {
                text = text.substring(0, colon + 1) + "***" + text.substring(at);
            }
        }
        return SECRET_PARAMETER.matcher(text).replaceAll("$1***");
    }
}
