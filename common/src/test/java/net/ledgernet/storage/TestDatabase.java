package net.ledgernet.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * A fresh, isolated, real database for one test (class), dropped on {@link #close()}:
 * <ul>
 *   <li>SQLite, H2: files in a new temporary directory (H2 opened as Ledger-Databases does, MODE=MySQL);
 *   <li>MariaDB: {@code CREATE DATABASE ledgernet_t_<random>} (a Ledger backend = one database);
 *   <li>PostgreSQL: {@code CREATE SCHEMA ledgernet_t_<random>} in database {@code test}; connections get
 *       it as {@code currentSchema} (a Ledger backend = one schema).
 * </ul>
 * MariaDB and PostgreSQL must be running: if they are not, {@link #create} throws an
 * {@link AssertionError} (a test failure, never a skip), saying how to start them. Override the
 * servers with {@code LEDGERNET_TEST_MARIADB_URL} / {@code LEDGERNET_TEST_POSTGRES_URL} (JDBC URLs
 * without database for MariaDB, with the database for PostgreSQL; user and password as URL parameters).
 *
 * <pre>{@code
 * @ParameterizedTest
 * @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
 * void works(SqlDialect dialect) throws Exception {
 *     try (TestDatabase db = TestDatabase.create(dialect); Connection c = db.connect()) { ... }
 * }
 * }</pre>
 */
public final class TestDatabase implements AutoCloseable {

    /** The dialects with a real database on the test machine (MySQL is spoken to as MariaDB). */
    public static final List<SqlDialect> DIALECTS =
            List.of(SqlDialect.SQLITE, SqlDialect.H2, SqlDialect.MARIADB, SqlDialect.POSTGRESQL);

    static final String MARIADB_URL = env("LEDGERNET_TEST_MARIADB_URL", "jdbc:mariadb://127.0.0.1:3306/?user=root");
    static final String POSTGRES_URL = env("LEDGERNET_TEST_POSTGRES_URL",
            "jdbc:postgresql://127.0.0.1:5432/test?user=postgres");

    private final SqlDialect dialect;
    private final String name;
    private final String jdbcUrl;
    private final Path directory;

    private TestDatabase(SqlDialect dialect, String name, String jdbcUrl, Path directory) {
        this.dialect = dialect;
        this.name = name;
        this.jdbcUrl = jdbcUrl;
        this.directory = directory;
    }

    /** For {@code @MethodSource("net.ledgernet.storage.TestDatabase#dialects")}. */
    public static Stream<SqlDialect> dialects() {
        return DIALECTS.stream();
    }

    public static TestDatabase create(SqlDialect dialect) {
        String name = "ledgernet_t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try {
            return switch (dialect) {
                case SQLITE -> {
                    Path dir = Files.createTempDirectory("ledgernet-t-");
                    yield new TestDatabase(dialect, name, "jdbc:sqlite:" + dir.resolve("ledger.sqlite"), dir);
                }
                case H2 -> {
                    Path dir = Files.createTempDirectory("ledgernet-t-");
                    yield new TestDatabase(dialect, name, "jdbc:h2:" + dir.resolve("ledger.h2") + ";MODE=MySQL", dir);
                }
                case MARIADB, MYSQL -> {
                    admin(MARIADB_URL, "MariaDB", "CREATE DATABASE " + name + " CHARACTER SET utf8mb4");
                    yield new TestDatabase(dialect, name, withPath(MARIADB_URL, name), null);
                }
                case POSTGRESQL -> {
                    admin(POSTGRES_URL, "PostgreSQL", "CREATE SCHEMA " + name);
                    yield new TestDatabase(dialect, name, POSTGRES_URL + (POSTGRES_URL.contains("?") ? "&" : "?")
                            + "currentSchema=" + name + "&reWriteBatchedInserts=true", null);
                }
            };
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SqlDialect dialect() {
        return dialect;
    }

    /** JDBC URL that lands in this database (credentials included for the servers). */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The MariaDB database / PostgreSQL schema name; for files, just a unique label. */
    public String name() {
        return name;
    }

    /** Catalog and schema arguments for {@link java.sql.DatabaseMetaData} lookups in this database. */
    public String metaCatalog() {
        return dialect.mysqlLike() ? name : null;
    }

    public String metaSchema() {
        return switch (dialect) {
            case POSTGRESQL -> name;
            case H2 -> "PUBLIC";
            default -> null;
        };
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    @Override
    public void close() {
        try {
            switch (dialect) {
                case MARIADB, MYSQL -> admin(MARIADB_URL, "MariaDB", "DROP DATABASE IF EXISTS " + name);
                case POSTGRESQL -> admin(POSTGRES_URL, "PostgreSQL", "DROP SCHEMA IF EXISTS " + name + " CASCADE");
                default -> {
                    try (Stream<Path> files = Files.walk(directory)) {
                        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String toString() {
        return dialect + " " + name;
    }

    private static void admin(String url, String server, String sql) {
        Properties props = new Properties();
        props.setProperty("connectTimeout", server.equals("PostgreSQL") ? "5" : "5000");
        try (Connection c = DriverManager.getConnection(url, props); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            String start = server.equals("MariaDB")
                    ? "start it (e.g. `sudo service mariadb start`; root without password on 127.0.0.1:3306)"
                    + " or set LEDGERNET_TEST_MARIADB_URL"
                    : "start it (e.g. `sudo service postgresql start`; trust auth on 127.0.0.1:5432, database `test`)"
                    + " or set LEDGERNET_TEST_POSTGRES_URL";
            throw new AssertionError(server + " test database unavailable at " + redact(url) + " (" + e.getMessage()
                    + "); these tests need a real " + server + ": " + start + ". CI starts it.", e);
        }
    }

    private static String withPath(String serverUrl, String database) {
        int q = serverUrl.indexOf('?');
        String base = q < 0 ? serverUrl : serverUrl.substring(0, q);
        String params = q < 0 ? "" : serverUrl.substring(q);
        return (base.endsWith("/") ? base : base + "/") + database + params;
    }

    private static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***");
    }

    private static String env(String key, String fallback) {
        String v = System.getenv(key);
        return v == null || v.isBlank() ? fallback : v.trim();
    }

}
