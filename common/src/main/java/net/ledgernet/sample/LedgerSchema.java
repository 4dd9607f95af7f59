package net.ledgernet.sample;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import net.ledgernet.storage.SqlDialect;

/**
 * Ledger's schema as Ledger (Exposed 1.0.0-rc-2, {@code SchemaUtils.create}) creates it, per dialect.
 * Source: reference/ledger.md §2.2 (SQLite and H2 were captured from a real run) and §2.3 (types);
 * MariaDB/MySQL/PostgreSQL follow Exposed's vendor code, not a run.
 *
 * <p><b>Qualification.</b> The DDL is unqualified, exactly as Ledger sends it: the connection decides
 * where it lands (MariaDB: the database in the JDBC URL or {@link Connection#setCatalog}; PostgreSQL:
 * the connection's schema, {@code currentSchema=} in the URL or {@link Connection#setSchema}). That
 * is how a Ledger backend ends up with its own database (MariaDB) or schema (PostgreSQL).
 *
 * <p><b>Name casing.</b> Exposed renders a table name as {@code quoteIfNecessary(inProperCase(name))}
 * ({@code Transaction.identity}, read in JetBrains/Exposed; inProperCase follows the JDBC metadata's
 * stores*CaseIdentifiers):
 * <ul>
 *   <li>SQLite, MariaDB/MySQL (lower_case_table_names=0): as written, {@code ActionIdentifiers};
 *   <li>H2: upper case ({@code ACTIONIDENTIFIERS}), keywords quoted in lower case ({@code "time"});
 *   <li>PostgreSQL (stores lower case): {@code actionidentifiers}. Keywords are quoted, but they are
 *       lower case already, so every PostgreSQL name is lower case.
 * </ul>
 * Unique indexes: SQLite gets {@code CREATE UNIQUE INDEX t_col}; the other dialects get Exposed's
 * default {@code ALTER TABLE t ADD CONSTRAINT t_col_unique UNIQUE (col)} (H2 confirmed by run).
 */
public final class LedgerSchema {

    /** Tables in Exposed's creation order (referenced tables first). Logical (SQLite/MariaDB) spelling. */
    public static final List<String> TABLES =
            List.of("players", "ActionIdentifiers", "worlds", "ObjectIdentifiers", "sources", "actions");

    /** Column names Exposed quotes because they are SQL keywords. */
    private static final Set<String> KEYWORDS = Set.of("time", "source", "name");

    private LedgerSchema() {
    }

    /** A table name as Ledger's DDL leaves it in that database's catalog (what DatabaseMetaData reports). */
    public static String storedTableName(SqlDialect dialect, String logical) {
        return switch (dialect) {
            case H2 -> logical.toUpperCase(Locale.ROOT);
            case POSTGRESQL -> logical.toLowerCase(Locale.ROOT);
            default -> logical;
        };
    }

    /** A column reference usable in DML on every dialect: keywords quoted with the dialect's quote. */
    public static String column(SqlDialect dialect, String name) {
        return KEYWORDS.contains(name) ? quote(dialect, name) : name;
    }

    static String quote(SqlDialect dialect, String name) {
        return dialect.mysqlLike() ? "`" + name + "`" : "\"" + name + "\"";
    }

    /** Whether the connection's database/schema already has Ledger's {@code actions} table. */
    public static boolean exists(Connection connection, SqlDialect dialect) throws SQLException {
        try (ResultSet rs = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(),
                storedTableName(dialect, "actions"), new String[] {"TABLE"})) {
            return rs.next();
        }
    }

    /** Runs {@link #ddl} on the connection (which must already point at the target database/schema). */
    public static void create(Connection connection, SqlDialect dialect, boolean withTimeIndex) throws SQLException {
        try (Statement st = connection.createStatement()) {
            for (String sql : ddl(dialect, withTimeIndex)) {
                st.execute(sql);
            }
        }
    }

    /**
     * The statements, in Ledger's order. {@code withTimeIndex = false} gives a pre-1.3.21 database
     * without {@code actions_time} (Ledger 1.3.22+ only adds it with {@code updateSchema = true}).
     */
    public static List<String> ddl(SqlDialect dialect, boolean withTimeIndex) {
        Ddl d = new Ddl(dialect);
        List<String> out = new ArrayList<>(lookupTables(d));
        out.add(actionsTable(d, true));
        out.addAll(actionIndexes(d, withTimeIndex));
        return List.copyOf(out);
    }

    /**
     * The same schema split for a bulk load, which is fast only into a table without secondary indexes:
     * {@code beforeLoad} creates every table with its primary key and unique constraints, {@code actions}
     * without secondary indexes and (except on SQLite, which enforces foreign keys only when asked and cannot
     * add them later) without its foreign keys; {@code afterLoad} then creates the indexes and the foreign keys.
     * The end state is what {@link #ddl} creates, names and catalog included (SampleGeneratorTest compares
     * them). MariaDB/MySQL: InnoDB gives each foreign key an index named after the constraint unless an index
     * already starts with its column, and drops it when a later index does; Ledger's order leaves exactly the
     * {@code world_id} one, which {@code afterLoad} therefore creates first, under that name.
     */
    public record BulkLoadDdl(List<String> beforeLoad, List<String> afterLoad) {
    }

    public static BulkLoadDdl bulkLoadDdl(SqlDialect dialect, boolean withTimeIndex) {
        if (dialect == SqlDialect.H2) {
            throw new IllegalArgumentException("no bulk load for H2"); // H2 indexes its foreign keys its own way
        }
        Ddl d = new Ddl(dialect);
        boolean inlineForeignKeys = dialect == SqlDialect.SQLITE;
        List<String> before = new ArrayList<>(lookupTables(d));
        before.add(actionsTable(d, inlineForeignKeys));
        List<String> after = new ArrayList<>();
        if (dialect.mysqlLike()) {
            for (String[] fk : ACTION_FOREIGN_KEYS) {
                if (ACTION_INDEXES.stream().noneMatch(ix -> ix.columns().get(0).equals(fk[0]))) {
                    after.add("CREATE INDEX " + d.fkName(fk[0]) + " ON " + d.name("actions") + " (" + d.name(fk[0]) + ")");
                }
            }
        }
        after.addAll(actionIndexes(d, withTimeIndex));
        if (!inlineForeignKeys) {
            for (String[] fk : ACTION_FOREIGN_KEYS) {
                String add = "ALTER TABLE " + d.name("actions") + " ADD " + d.fk(fk[0], fk[1]);
                // MariaDB 10.11 records an explicit RESTRICT added in place as NO ACTION; left out, the rule
                // is its default RESTRICT, which is what Ledger's CREATE TABLE leaves.
                after.add(dialect.mysqlLike() ? add.replace(" ON DELETE RESTRICT ON UPDATE RESTRICT", "") : add);
            }
        }
        return new BulkLoadDdl(List.copyOf(before), List.copyOf(after));
    }

    /** {@code actions}' foreign keys (column, referenced table) in Ledger's order. */
    private static final List<String[]> ACTION_FOREIGN_KEYS = List.of(new String[] {"action_id", "ActionIdentifiers"},
            new String[] {"world_id", "worlds"}, new String[] {"object_id", "ObjectIdentifiers"},
            new String[] {"old_object_id", "ObjectIdentifiers"}, new String[] {"source", "sources"},
            new String[] {"player_id", "players"});

    /** One of Ledger's {@code actions} indexes; customName: declared with an explicit name in Tables.kt. */
    private record ActionIndex(String name, boolean customName, List<String> columns) {
    }

    /** {@code actions}' indexes in Ledger's order. */
    private static final List<ActionIndex> ACTION_INDEXES = List.of(
            new ActionIndex("actions_action_id", false, List.of("action_id")),
            new ActionIndex("actions_time", true, List.of("time")),
            new ActionIndex("actions_object_id", false, List.of("object_id")),
            new ActionIndex("actions_old_object_id", false, List.of("old_object_id")),
            new ActionIndex("actions_source", false, List.of("source")),
            new ActionIndex("actions_player_id", false, List.of("player_id")),
            new ActionIndex("actions_by_location", true, List.of("x", "y", "z", "world_id")));

    private static List<String> lookupTables(Ddl d) {
        List<String> out = new ArrayList<>();
        out.add(d.table("players", List.of(
                d.col("player_id", d.uuid(), false),
                d.col("player_name", "VARCHAR(16)", false),
                d.col("first_join", d.timestamp(), false),
                d.col("last_join", d.timestamp(), false)), List.of(), List.of()));
        out.add(d.unique("players", "player_id"));
        out.add(d.table("ActionIdentifiers", List.of(d.col("action_identifier", "VARCHAR(16)", false)), List.of(), List.of()));
        out.add(d.unique("ActionIdentifiers", "action_identifier"));
        out.add(d.table("worlds", List.of(d.col("identifier", "VARCHAR(191)", false)), List.of(), List.of()));
        out.add(d.unique("worlds", "identifier"));
        out.add(d.table("ObjectIdentifiers", List.of(d.col("identifier", "VARCHAR(191)", false)), List.of(), List.of()));
        out.add(d.unique("ObjectIdentifiers", "identifier"));
        out.add(d.table("sources", List.of(d.col("name", "VARCHAR(30)", false)), List.of(), List.of()));
        out.add(d.unique("sources", "name"));
        return out;
    }

    private static String actionsTable(Ddl d, boolean withForeignKeys) {
        List<String> fks = new ArrayList<>();
        if (withForeignKeys) {
            for (String[] fk : ACTION_FOREIGN_KEYS) {
                fks.add(d.fk(fk[0], fk[1]));
            }
        }
        return d.table("actions", List.of(
                d.col("action_id", "INT", false),
                d.col("time", d.timestamp(), false),
                d.col("x", "INT", false),
                d.col("y", "INT", false),
                d.col("z", "INT", false),
                d.col("world_id", "INT", false),
                d.col("object_id", "INT", false),
                d.col("old_object_id", "INT", false),
                d.col("block_state", "TEXT", true),
                d.col("old_block_state", "TEXT", true),
                d.col("source", "INT", false),
                d.col("player_id", "INT", true),
                d.col("extra_data", "TEXT", true),
                d.col("rolled_back", "BOOLEAN", false)),
                fks, List.of("x", "y", "z"));
    }

    private static List<String> actionIndexes(Ddl d, boolean withTimeIndex) {
        List<String> out = new ArrayList<>();
        for (ActionIndex ix : ACTION_INDEXES) {
            if (withTimeIndex || !ix.name().equals("actions_time")) {
                out.add(d.index(ix.name(), ix.customName(), ix.columns().toArray(String[]::new)));
            }
        }
        return out;
    }

    /** Renders one dialect's names and types. */
    private record Ddl(SqlDialect dialect) {

        String name(String name) {
            if (KEYWORDS.contains(name)) {
                return quote(dialect, name);
            }
            return storedTableName(dialect, name);
        }

        String uuid() {
            return switch (dialect) {
                case H2 -> "UUID";
                case POSTGRESQL -> "uuid";
                default -> "BINARY(16)"; // SQLite stores a 16-byte BLOB; MariaDB/MySQL binary(16); MSB then LSB
            };
        }

        String timestamp() {
            return switch (dialect) {
                case SQLITE -> "TEXT"; // 'yyyy-MM-dd HH:mm:ss.SSS' in the server JVM's zone (ledger.md §2.5)
                case H2 -> "TIMESTAMP(9)";
                // Exposed >= 0.59 on MariaDB; databases created by older Ledger (older Exposed) have DATETIME(6).
                case MARIADB -> "TIMESTAMP(6)";
                case MYSQL -> "DATETIME(6)";
                case POSTGRESQL -> "TIMESTAMP"; // without time zone: wall-clock time in the JVM zone
            };
        }

        String col(String name, String type, boolean nullable) {
            return name(name) + " " + type + (nullable ? " NULL" : " NOT NULL");
        }

        String fkName(String column) {
            String fkName = "fk_actions_" + column + "__id";
            return dialect == SqlDialect.H2 ? fkName.toUpperCase(Locale.ROOT) : fkName;
        }

        String fk(String column, String target) {
            return "CONSTRAINT " + fkName(column) + " FOREIGN KEY (" + name(column) + ") REFERENCES "
                    + name(target) + "(" + name("id") + ") ON DELETE RESTRICT ON UPDATE RESTRICT";
        }

        String table(String table, List<String> columns, List<String> constraints, List<String> checkedInts) {
            String id = switch (dialect) {
                case SQLITE -> "id INTEGER PRIMARY KEY AUTOINCREMENT";
                case POSTGRESQL -> "id SERIAL PRIMARY KEY";
                default -> name("id") + " INT AUTO_INCREMENT PRIMARY KEY";
            };
            List<String> parts = new ArrayList<>();
            parts.add(id);
            parts.addAll(columns);
            parts.addAll(constraints);
            if (dialect == SqlDialect.SQLITE) {
                // SQLite INTEGER is 64-bit, so Exposed adds range checks for its 32-bit int columns.
                List<String> checked = new ArrayList<>();
                checked.add("id");
                checked.addAll(checkedInts);
                for (String c : checked) {
                    parts.add("CONSTRAINT chk_" + table + "_signed_integer_" + c + " CHECK (" + c
                            + " BETWEEN -2147483648 AND 2147483647)");
                }
            }
            return "CREATE TABLE IF NOT EXISTS " + name(table) + " (" + String.join(", ", parts) + ")";
        }

        String unique(String table, String column) {
            if (dialect == SqlDialect.SQLITE) {
                return "CREATE UNIQUE INDEX " + table + "_" + column + " ON " + table + " (" + name(column) + ")";
            }
            String constraint = name(table) + "_" + column.toUpperCase(Locale.ROOT) + "_UNIQUE";
            if (dialect != SqlDialect.H2) {
                constraint = table + "_" + column + "_unique";
            }
            return "ALTER TABLE " + name(table) + " ADD CONSTRAINT " + constraint + " UNIQUE (" + name(column) + ")";
        }

        /** customName: declared with an explicit name in Tables.kt, so H2 keeps it lower case. */
        String index(String indexName, boolean customName, String... columns) {
            List<String> cols = new ArrayList<>();
            for (String c : columns) {
                cols.add(name(c));
            }
            String n = dialect == SqlDialect.H2 && !customName ? indexName.toUpperCase(Locale.ROOT) : indexName;
            return "CREATE INDEX " + n + " ON " + name("actions") + " (" + String.join(", ", cols) + ")";
        }
    }
}
