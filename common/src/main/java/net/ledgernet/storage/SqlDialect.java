package net.ledgernet.storage;

import java.util.Locale;
import java.util.Optional;

/**
 * The SQL databases a Ledger backend can write to (Ledger's built-in SQLite, or the
 * Ledger-Databases extension's H2, MySQL, MariaDB and PostgreSQL). What differs between
 * them is kept here, in one place.
 */
public enum SqlDialect {
    SQLITE("SQLite", "jdbc:sqlite:", true),
    H2("H2", "jdbc:h2:", true),
    MARIADB("MariaDB", "jdbc:mariadb:", false),
    /** MySQL is spoken to with the MariaDB driver, which LedgerNet ships (Connector/J is GPL). */
    MYSQL("MySQL", "jdbc:mysql:", false),
    POSTGRESQL("PostgreSQL", "jdbc:postgresql:", false);

    private final String displayName;
    private final String urlPrefix;
    private final boolean embedded;

    SqlDialect(String displayName, String urlPrefix, boolean embedded) {
        this.displayName = displayName;
        this.urlPrefix = urlPrefix;
        this.embedded = embedded;
    }

    public String displayName() {
        return displayName;
    }

    /** The JDBC URL prefix, e.g. {@code jdbc:mariadb:}. */
    public String urlPrefix() {
        return urlPrefix;
    }

    /** A file database opened in-process (SQLite, H2), as opposed to a database server. */
    public boolean embedded() {
        return embedded;
    }

    /** MariaDB and MySQL share SQL syntax and quoting (backticks). */
    public boolean mysqlLike() {
        return this == MARIADB || this == MYSQL;
    }

    /** The dialect a JDBC URL names, by its prefix (case-insensitive, as drivers accept it). */
    public static Optional<SqlDialect> ofJdbcUrl(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        for (SqlDialect dialect : values()) {
            if (lower.startsWith(dialect.urlPrefix)) {
                return Optional.of(dialect);
            }
        }
        return Optional.empty();
    }

    /** Quotes an identifier (table, schema or database name) for this dialect. */
    public String quote(String identifier) {
        char q = mysqlLike() ? '`' : '"';
        return q + identifier.replace(String.valueOf(q), String.valueOf(q) + q) + q;
    }

    /**
     * A column of Ledger's tables as it must appear in SQL: the three names Exposed quotes because they
     * are keywords ({@code time}, {@code source}, {@code name}) quoted, so they keep the lower case they
     * were created with (H2 would upper-case them otherwise); every other column bare.
     */
    public String ledgerColumn(String column) {
        return switch (column) {
            case "time", "source", "name" -> quote(column);
            default -> column;
        };
    }
}
