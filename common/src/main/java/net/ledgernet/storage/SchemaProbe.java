package net.ledgernet.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.HashSet;
import java.util.Set;

/**
 * Finds Ledger's tables in a backend database. Table names are discovered, not assumed: Ledger's
 * mixed-case {@code ActionIdentifiers} is upper-cased by H2, folded to lower case by PostgreSQL,
 * and kept as written by MariaDB on Linux.
 */
public final class SchemaProbe {
    private SchemaProbe() {
    }

    public static SchemaReport probe(BackendDatabase database) {
        Optional<Path> file = database.config().database().file();
        if (file.isPresent()) {
            Path actual = database.dialect() == SqlDialect.H2 ? Path.of(file.get() + ".mv.db") : file.get();
            if (!Files.isRegularFile(actual)) {
                return SchemaReport.unreachable("database file " + actual + " does not exist");
            }
        }
        try (Connection connection = database.connection()) {
            // The round trip of a trivial query on an open connection: what every search pays.
            long start = System.nanoTime();
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(timeoutSeconds(database));
                statement.execute("SELECT 1");
            }
            double latency = (System.nanoTime() - start) / 1_000_000.0;
            Map<String, String> tables = findTables(connection, database);
            List<String> missing = new ArrayList<>();
            for (String table : SchemaReport.LEDGER_TABLES) {
                if (!tables.containsKey(table)) {
                    missing.add(table);
                }
            }
            Set<String> indexed = Set.of();
            long newest = 0;
            String actions = tables.get("actions");
            if (actions != null) {
                indexed = indexedColumns(connection, database, actions);
                newest = newestActionId(connection, database, actions);
            }
            Optional<String> statement = actions == null || indexed.contains("time") ? Optional.empty()
                    : Optional.of(TimeIndexAdvice.createStatement(database.dialect(), database.qualify(actions)));
            return new SchemaReport(true, latency, Map.copyOf(tables), List.copyOf(missing), indexed.contains("time"),
                    indexed.containsAll(Set.of("action_id", "object_id", "old_object_id", "player_id")), newest,
                    statement, Optional.empty());
        } catch (SQLException | RuntimeException e) {
            return SchemaReport.unreachable(describe(e));
        }
    }

    /** Ledger's logical table name -> the name as found, on a connection the caller already holds. */
    static Map<String, String> tables(Connection connection, BackendDatabase database) throws SQLException {
        return findTables(connection, database);
    }

    private static Map<String, String> findTables(Connection connection, BackendDatabase database) throws SQLException {
        Map<String, String> byLowerCase = new LinkedHashMap<>();
        for (String table : SchemaReport.LEDGER_TABLES) {
            byLowerCase.put(table.toLowerCase(Locale.ROOT), table);
        }
        Map<String, String> found = new LinkedHashMap<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rs = meta.getTables(catalog(connection, database), schema(connection, database), "%",
                new String[] {"TABLE"})) {
            while (rs.next()) {
                String actual = rs.getString("TABLE_NAME");
                String logical = byLowerCase.get(actual.toLowerCase(Locale.ROOT));
                if (logical != null) {
                    found.putIfAbsent(logical, actual);
                }
            }
        }
        return found;
    }

    /** Whether {@code actions} has an index led by {@code time} (Ledger's {@code actions_time}). */
    static boolean hasTimeIndex(Connection connection, BackendDatabase database, String actions) throws SQLException {
        return indexedColumns(connection, database, actions).contains("time");
    }

    /** The lower-cased first column of every index on {@code actions}. */
    private static Set<String> indexedColumns(Connection connection, BackendDatabase database, String actions)
            throws SQLException {
        Set<String> columns = new HashSet<>();
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rs = meta.getIndexInfo(catalog(connection, database), schema(connection, database), actions,
                false, true)) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME");
                if (column != null && rs.getShort("ORDINAL_POSITION") == 1) {
                    columns.add(column.replace("\"", "").replace("`", "").toLowerCase(Locale.ROOT));
                }
            }
        }
        return columns;
    }

    private static long newestActionId(Connection connection, BackendDatabase database, String actions)
            throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds(database));
            try (ResultSet rs = statement.executeQuery("SELECT MAX(id) FROM " + database.qualify(actions))) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        }
    }

    private static String catalog(Connection connection, BackendDatabase database) throws SQLException {
        if (database.dialect().mysqlLike()) {
            return database.namespace().orElse(connection.getCatalog());
        }
        return null;
    }

    private static String schema(Connection connection, BackendDatabase database) throws SQLException {
        return switch (database.dialect()) {
            case POSTGRESQL -> database.namespace().orElse(connection.getSchema());
            case H2 -> connection.getSchema();
            default -> null;
        };
    }

    private static int timeoutSeconds(BackendDatabase database) {
        return (int) Math.max(1, database.queryTimeout().toSeconds());
    }

    /** One line an operator can act on, without a stack trace: the error and its root cause. */
    static String describe(Exception e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        // HikariCP's timeout text is about the pool; the cause is what the operator needs.
        String message = e instanceof SQLTransientConnectionException && root != e
                ? "no connection" : oneLine(e);
        return root == e ? message : message + " (cause: " + oneLine(root) + ")";
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage() == null || t.getMessage().isBlank() ? t.getClass().getSimpleName() : t.getMessage();
        return message.replaceAll("\\s+", " ").trim();
    }
}
