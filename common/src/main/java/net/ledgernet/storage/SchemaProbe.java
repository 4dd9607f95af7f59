package net.ledgernet.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
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
                return SchemaReport.unreachable(ConnectionFailures.missingFile(actual));
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
            Optional<String> absent = missingNamespace(connection, database);
            if (absent.isPresent()) {
                return SchemaReport.unreachable(absent.get());
            }
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
            return SchemaReport.unreachable(describe(e, database));
        }
    }

    /**
     * Why the database (MariaDB/MySQL) or schema (PostgreSQL) that should hold the backend's tables does
     * not exist on a server that answered, so that it is not reported as "Ledger tables missing"; empty
     * when it exists. On a connection the caller holds.
     */
    static Optional<String> missingNamespace(Connection connection, BackendDatabase database) throws SQLException {
        String address = database.config().database().address().orElse("the server");
        if (database.dialect().mysqlLike() && database.namespace().isPresent()) {
            String name = database.namespace().get();
            try (java.sql.PreparedStatement ps = connection.prepareStatement(
                    "SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
                ps.setQueryTimeout(timeoutSeconds(database));
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.of("unknown database '" + name + "' on " + address + ": create it, or"
                                + " correct backends." + database.backend() + ".database (a database the user may not"
                                + " read is not listed either)");
                    }
                }
            }
        }
        if (database.dialect() == SqlDialect.POSTGRESQL) {
            Optional<String> schema = database.namespace();
            if (schema.isEmpty() && connection.getSchema() == null) {
                return Optional.of("the schema named by currentSchema in the JDBC URL does not exist in database "
                        + connection.getCatalog() + " on " + address);
            }
            if (schema.isPresent()) {
                try (java.sql.PreparedStatement ps = connection.prepareStatement(
                        "SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = ?")) {
                    ps.setQueryTimeout(timeoutSeconds(database));
                    ps.setString(1, schema.get());
                    try (ResultSet rs = ps.executeQuery()) {
                        if (!rs.next()) {
                            return Optional.of("unknown schema '" + schema.get() + "' in database "
                                    + connection.getCatalog() + " on " + address + ": create it, or correct backends."
                                    + database.backend() + ".database");
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    /**
     * The time of the newest action, decoded with the backend's configured time-zone (as searches decode
     * it); empty when there is none or the database cannot be read. A time in the future means the
     * time-zone setting is not the zone the Minecraft server writes in.
     */
    public static Optional<java.time.Instant> newestActionTime(BackendDatabase database) {
        try (Connection connection = database.connection()) {
            String actions = findTables(connection, database).get("actions");
            if (actions == null) {
                return Optional.empty();
            }
            String time = database.dialect().ledgerColumn("time");
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(timeoutSeconds(database));
                try (ResultSet rs = statement.executeQuery("SELECT " + time + " FROM " + database.qualify(actions)
                        + " ORDER BY " + time + " DESC LIMIT 1")) {
                    return rs.next() ? Optional.ofNullable(TimeCodec.of(database).read(rs, 1)) : Optional.empty();
                }
            }
        } catch (SQLException | RuntimeException e) {
            return Optional.empty();
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

    /** The name of an index on {@code actions} led by {@code time}, as the catalog reports it. */
    static Optional<String> timeIndexName(Connection connection, BackendDatabase database, String actions)
            throws SQLException {
        DatabaseMetaData meta = connection.getMetaData();
        try (ResultSet rs = meta.getIndexInfo(catalog(connection, database), schema(connection, database), actions,
                false, true)) {
            while (rs.next()) {
                String column = rs.getString("COLUMN_NAME");
                if (column != null && rs.getShort("ORDINAL_POSITION") == 1 && rs.getString("INDEX_NAME") != null
                        && column.replace("\"", "").replace("`", "").equalsIgnoreCase("time")) {
                    return Optional.of(rs.getString("INDEX_NAME"));
                }
            }
        }
        return Optional.empty();
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

    /** One line an operator can act on, without a stack trace: the real cause ({@link ConnectionFailures}). */
    static String describe(Exception e, BackendDatabase database) {
        return ConnectionFailures.describe(e, database);
    }
}
