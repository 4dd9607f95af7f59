package net.ledgernet.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import net.ledgernet.storage.SqlDialect;
import net.ledgernet.storage.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Generates one small sample per dialect into a real database and checks it the way a reader would. */
class SampleGeneratorTest {

    /** Asia/Kolkata: +05:30, no DST, so a wrong zone or UTC shows as a 5.5 h error. */
    static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");
    static final SampleSpec SPEC = new SampleSpec(42, 40, 2500, 30, Instant.parse("2025-03-10T00:00:00Z"), ZONE,
            0.03, SampleSpec.DEFAULT_WORLDS, true);
    private static final DateTimeFormatter SQLITE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private static final Map<SqlDialect, TestDatabase> GENERATED = new EnumMap<>(SqlDialect.class);

    /** The class's shared sample database for a dialect, generated on first use. */
    static synchronized TestDatabase sample(SqlDialect dialect) throws SQLException {
        TestDatabase db = GENERATED.get(dialect);
        if (db == null) {
            db = TestDatabase.create(dialect);
            try (Connection c = db.connect()) {
                SampleNetworkGenerator.generate(c, dialect, SPEC);
            } catch (SQLException | RuntimeException e) {
                db.close();
                throw e;
            }
            GENERATED.put(dialect, db);
        }
        return db;
    }

    @AfterAll
    static synchronized void dropAll() {
        GENERATED.values().forEach(TestDatabase::close);
        GENERATED.clear();
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void tablesColumnsAndIndexesHaveLedgersNames(SqlDialect dialect) throws SQLException {
        TestDatabase db = sample(dialect);
        try (Connection c = db.connect()) {
            DatabaseMetaData md = c.getMetaData();
            Set<String> expected = new HashSet<>();
            LedgerSchema.TABLES.forEach(t -> expected.add(LedgerSchema.storedTableName(dialect, t)));
            assertEquals(switch (dialect) {
                case H2 -> Set.of("PLAYERS", "ACTIONIDENTIFIERS", "WORLDS", "OBJECTIDENTIFIERS", "SOURCES", "ACTIONS");
                case POSTGRESQL -> Set.of("players", "actionidentifiers", "worlds", "objectidentifiers", "sources",
                        "actions");
                default -> Set.of("players", "ActionIdentifiers", "worlds", "ObjectIdentifiers", "sources", "actions");
            }, expected);
            assertEquals(expected, tables(md, db), "tables as stored");

            String actions = LedgerSchema.storedTableName(dialect, "actions");
            Map<String, String> columns = columns(md, db, actions);
            String x = dialect == SqlDialect.H2 ? "X" : "x";
            assertTrue(columns.containsKey("time") && columns.containsKey("source") && columns.containsKey(x),
                    "keyword columns keep lower case, others follow the dialect: " + columns.keySet());
            String timeType = columns.get("time").toUpperCase(Locale.ROOT);
            assertTrue(timeType.startsWith(switch (dialect) {
                case SQLITE -> "TEXT";
                default -> "TIMESTAMP";
            }), timeType);
            String uuidType = columns(md, db, LedgerSchema.storedTableName(dialect, "players"))
                    .get(dialect == SqlDialect.H2 ? "PLAYER_ID" : "player_id").toUpperCase(Locale.ROOT);
            assertTrue(uuidType.startsWith(dialect == SqlDialect.H2 || dialect == SqlDialect.POSTGRESQL
                    ? "UUID" : "BINARY"), uuidType);

            Set<String> indexes = indexes(md, db, actions);
            assertTrue(indexes.containsAll(Set.of("actions_time", "actions_by_location", "actions_action_id",
                    "actions_player_id", "actions_source", "actions_object_id", "actions_old_object_id")), indexes.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void olderDatabasesCanLackTheTimeIndex(SqlDialect dialect) throws SQLException {
        try (TestDatabase db = TestDatabase.create(dialect); Connection c = db.connect()) {
            SampleNetworkGenerator.generate(c, dialect, SPEC.withSize(3, 20).withTimeIndex(false));
            Set<String> indexes = indexes(c.getMetaData(), db, LedgerSchema.storedTableName(dialect, "actions"));
            assertFalse(indexes.contains("actions_time"), indexes.toString());
            assertTrue(indexes.contains("actions_by_location"), indexes.toString());
        }
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void rowCountsMatchTheSpec(SqlDialect dialect) throws SQLException {
        SampleData data = SampleData.of(SPEC);
        try (Connection c = sample(dialect).connect()) {
            assertEquals(SPEC.actions(), count(c, "SELECT COUNT(*) FROM actions"));
            assertEquals(SPEC.players(), count(c, "SELECT COUNT(*) FROM players"));
            assertEquals(11, count(c, "SELECT COUNT(*) FROM ActionIdentifiers"));
            assertEquals(SPEC.worlds().size(), count(c, "SELECT COUNT(*) FROM worlds"));
            assertEquals(data.sources().size(), count(c, "SELECT COUNT(*) FROM sources"));
            long objects = count(c, "SELECT COUNT(*) FROM ObjectIdentifiers");
            assertTrue(objects >= 300, "Ledger registers every block, item and entity id: " + objects);
            assertEquals(1, count(c, "SELECT id FROM ObjectIdentifiers WHERE identifier = 'minecraft:air'"),
                    "air is the first registry entry");
            // Every action type and world is in use.
            assertEquals(11, count(c, "SELECT COUNT(DISTINCT action_id) FROM actions"));
            assertEquals(SPEC.worlds().size(), count(c, "SELECT COUNT(DISTINCT world_id) FROM actions"));
        }
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void everyForeignKeyResolvesAndObjectsMeanWhatLedgerMeans(SqlDialect dialect) throws SQLException {
        String source = LedgerSchema.column(dialect, "source");
        try (Connection c = sample(dialect).connect()) {
            for (String[] fk : List.of(new String[] {"action_id", "ActionIdentifiers"}, new String[] {"world_id", "worlds"},
                    new String[] {"object_id", "ObjectIdentifiers"}, new String[] {"old_object_id", "ObjectIdentifiers"},
                    new String[] {source, "sources"}, new String[] {"player_id", "players"})) {
                assertEquals(0, count(c, "SELECT COUNT(*) FROM actions a LEFT JOIN " + fk[1] + " t ON a." + fk[0]
                        + " = t.id WHERE a." + fk[0] + " IS NOT NULL AND t.id IS NULL"), fk[0] + " dangles");
            }
            String byType = "SELECT COUNT(*) FROM actions a JOIN ActionIdentifiers t ON a.action_id = t.id "
                    + "JOIN ObjectIdentifiers o ON a.object_id = o.id JOIN ObjectIdentifiers oo ON a.old_object_id = oo.id "
                    + "WHERE t.action_identifier = ";
            assertTrue(count(c, byType + "'block-break'") > 100);
            assertEquals(0, count(c, byType + "'block-break' AND (o.identifier <> 'minecraft:air' "
                    + "OR oo.identifier = 'minecraft:air')"), "a break turns the old block into air");
            assertEquals(0, count(c, byType + "'block-place' AND o.identifier = 'minecraft:air'"));
            assertTrue(count(c, byType + "'block-place' AND oo.identifier = 'minecraft:air'")
                    > 0.9 * count(c, byType + "'block-place'"), "a place mostly replaces air");
            assertTrue(count(c, byType + "'block-break' AND oo.identifier LIKE '%diamond_ore'") > 0);
            assertTrue(count(c, byType + "'item-insert' AND a.extra_data LIKE '{count:%,id:\"minecraft:%\"}'") > 0);
            assertTrue(count(c, "SELECT COUNT(*) FROM actions WHERE block_state LIKE '{%:\"%\"}'") > 0);
            assertTrue(count(c, "SELECT COUNT(*) FROM actions WHERE x < 0 AND z < 0") > 0);
        }
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void sourcesAttributePlayersLikeLedger(SqlDialect dialect) throws SQLException {
        String name = LedgerSchema.column(dialect, "name");
        String join = "SELECT COUNT(*) FROM actions a JOIN sources s ON a." + LedgerSchema.column(dialect, "source")
                + " = s.id WHERE s." + name;
        try (Connection c = sample(dialect).connect()) {
            long player = count(c, join + " = 'player'");
            assertTrue(player > 0.6 * SPEC.actions(), "player dominates: " + player);
            assertEquals(0, count(c, join + " = 'player' AND a.player_id IS NULL"));
            assertTrue(count(c, join + " IN ('fire', 'decay', 'explosion', 'creeper') AND a.player_id IS NULL") > 0);
            assertEquals(0, count(c, join + " IN ('fire', 'decay', 'explosion', 'gravity') AND a.player_id IS NOT NULL"));
            assertTrue(count(c, join + " = 'projectile' AND a.player_id IS NOT NULL") > 0,
                    "non-player sources can still carry the player");
        }
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void playersAreConsistentWithTheirActions(SqlDialect dialect) throws SQLException {
        SampleData data = SampleData.of(SPEC);
        Map<Integer, Instant[]> joins = new HashMap<>();
        Map<Integer, Instant[]> acted = new HashMap<>();
        try (Connection c = sample(dialect).connect(); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT id, player_name, first_join, last_join FROM players ORDER BY id")) {
                while (rs.next()) {
                    int id = rs.getInt(1);
                    assertTrue(rs.getString(2).matches("[A-Za-z0-9_]{3,16}"), rs.getString(2));
                    assertEquals(data.players().get(id - 1).name(), rs.getString(2));
                    joins.put(id, new Instant[] {time(rs, 3, dialect), time(rs, 4, dialect)});
                }
            }
            try (ResultSet rs = st.executeQuery(
                    "SELECT player_id, " + LedgerSchema.column(dialect, "time") + " FROM actions WHERE player_id IS NOT NULL")) {
                while (rs.next()) {
                    Instant t = time(rs, 2, dialect);
                    acted.merge(rs.getInt(1), new Instant[] {t, t}, (a, b) -> new Instant[] {
                            a[0].isBefore(b[0]) ? a[0] : b[0], a[1].isAfter(b[1]) ? a[1] : b[1]});
                }
            }
        }
        assertTrue(acted.size() > SPEC.players() / 2, "most players did something");
        joins.forEach((id, j) -> {
            assertFalse(j[0].isAfter(j[1]), "first_join <= last_join for " + id);
            Instant[] a = acted.get(id);
            if (a != null) {
                assertFalse(j[0].isAfter(a[0]), "joined before the first action: " + id);
                assertFalse(j[1].isAfter(a[1]), "last join is not after the last action: " + id);
            }
        });
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void uuidsAreStoredAsExposedStoresThem(SqlDialect dialect) throws SQLException {
        SampleData data = SampleData.of(SPEC);
        try (Connection c = sample(dialect).connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, player_id FROM players")) {
            int rows = 0;
            while (rs.next()) {
                UUID expected = data.players().get(rs.getInt(1) - 1).uuid();
                if (dialect == SqlDialect.SQLITE || dialect.mysqlLike()) {
                    byte[] raw = rs.getBytes(2);
                    byte[] msbThenLsb = new byte[16];
                    for (int i = 0; i < 8; i++) {
                        msbThenLsb[i] = (byte) (expected.getMostSignificantBits() >>> (56 - 8 * i));
                        msbThenLsb[8 + i] = (byte) (expected.getLeastSignificantBits() >>> (56 - 8 * i));
                    }
                    assertArrayEquals(msbThenLsb, raw, "16 bytes, MSB then LSB, big-endian");
                } else {
                    assertEquals(expected, rs.getObject(2, UUID.class));
                }
                rows++;
            }
            assertEquals(SPEC.players(), rows);
        }
        if (dialect == SqlDialect.SQLITE) {
            try (Connection c = sample(dialect).connect(); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT DISTINCT typeof(player_id) FROM players")) {
                assertTrue(rs.next());
                assertEquals("blob", rs.getString(1));
                assertFalse(rs.next());
            }
        }
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void timesRoundTripThroughTheStorageZone(SqlDialect dialect) throws SQLException {
        SampleData data = SampleData.of(SPEC);
        Instant start = SPEC.end().minus(Duration.ofDays(SPEC.days()));
        int inversions = 0;
        int evening = 0;
        int night = 0;
        Instant previous = Instant.MIN;
        try (Connection c = sample(dialect).connect(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, " + LedgerSchema.column(dialect, "time") + " FROM actions ORDER BY id")) {
            while (rs.next()) {
                Instant expected = data.action(rs.getInt(1) - 1).time();
                if (dialect == SqlDialect.SQLITE) {
                    String raw = rs.getString(2);
                    assertTrue(raw.matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}"), raw);
                    assertEquals(SQLITE_TIME.format(LocalDateTime.ofInstant(expected, ZONE)), raw,
                            "wall clock in the server zone, truncated to ms");
                    assertNotEquals(SQLITE_TIME.format(LocalDateTime.ofInstant(expected, ZoneOffset.UTC)), raw);
                }
                Instant stored = time(rs, 2, dialect);
                long diffMicros = Duration.between(stored, expected).toNanos() / 1000;
                assertTrue(diffMicros >= 0 && diffMicros < 1000, "id " + rs.getInt(1) + ": " + stored + " vs " + expected);
                assertFalse(stored.isBefore(start.minusMillis(1)) || !stored.isBefore(SPEC.end()), stored.toString());
                if (stored.isBefore(previous)) {
                    inversions++;
                }
                previous = stored;
                int hour = LocalDateTime.ofInstant(stored, ZONE).getHour();
                evening += hour >= 18 && hour < 22 ? 1 : 0;
                night += hour >= 2 && hour < 6 ? 1 : 0;
            }
        }
        assertTrue(inversions > 0 && inversions < SPEC.actions() / 10,
                "ids follow time closely but not exactly: " + inversions);
        assertTrue(evening > 3 * night, "busy evenings, quiet nights (server zone): " + evening + " vs " + night);
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void rolledBackShareIsNearTheSpec(SqlDialect dialect) throws SQLException {
        try (Connection c = sample(dialect).connect()) {
            long rolledBack = count(c, "SELECT COUNT(*) FROM actions WHERE rolled_back = " + sqlTrue(dialect));
            double share = rolledBack / (double) SPEC.actions();
            assertEquals(SPEC.rolledBackShare(), share, 0.015, "rolled-back share");
        }
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void sameSeedSameRowsOtherSeedOtherRows(SqlDialect dialect) throws SQLException {
        List<String> first;
        try (Connection c = sample(dialect).connect()) {
            first = dump(c);
        }
        try (TestDatabase again = TestDatabase.create(dialect); Connection c = again.connect()) {
            SampleNetworkGenerator.generate(c, dialect, SPEC);
            assertEquals(first, dump(c));
        }
        try (TestDatabase other = TestDatabase.create(dialect); Connection c = other.connect()) {
            SampleNetworkGenerator.generate(c, dialect, SPEC.withSeed(43));
            assertNotEquals(first, dump(c));
        }
    }

    /** Bulk load (LOAD DATA / COPY / deferred indexes) must leave exactly what Ledger-order inserts leave. */
    @ParameterizedTest
    @MethodSource("bulkDialects")
    void bulkLoadWritesTheSameRowsIdsAndSchema(SqlDialect dialect) throws SQLException {
        for (boolean timeIndex : new boolean[] {true, false}) {
            SampleSpec spec = SPEC.withTimeIndex(timeIndex);
            List<String> insertedRows;
            List<String> insertedSchema;
            try (TestDatabase db = TestDatabase.create(dialect); Connection c = db.connect()) {
                SampleNetworkGenerator.generate(c, dialect, spec);
                insertedRows = dump(c);
                insertedSchema = schema(c, dialect);
            }
            try (TestDatabase db = TestDatabase.create(dialect); Connection c = db.connect()) {
                SampleNetworkGenerator.Result r = SampleNetworkGenerator.load(c, dialect, spec);
                assertEquals(SPEC.actions(), r.actionsWritten());
                assertEquals(insertedRows, dump(c));
                assertEquals(insertedSchema, schema(c, dialect));
                // The foreign keys are there and enforced: an action pointing at no world is refused.
                org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> {
                    try (Statement st = c.createStatement()) {
                        if (dialect == SqlDialect.SQLITE) {
                            st.execute("PRAGMA foreign_keys = ON");
                        }
                        st.executeUpdate("UPDATE actions SET world_id = 999 WHERE id = 1");
                    }
                });
                org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                        () -> SampleNetworkGenerator.load(c, dialect, spec));
            }
            assertTrue(insertedSchema.stream().anyMatch(l -> l.contains("actions_time")) == timeIndex, insertedSchema::toString);
        }
    }

    static java.util.stream.Stream<SqlDialect> bulkDialects() {
        return TestDatabase.dialects().filter(d -> d != SqlDialect.H2);
    }

    /** Everything the catalog says about the Ledger tables: DDL, indexes, constraints, sequences. */
    static List<String> schema(Connection c, SqlDialect dialect) throws SQLException {
        List<String> out = new ArrayList<>();
        switch (dialect) {
            case SQLITE -> out.addAll(strings(c, "SELECT type || ' ' || name || ' ' || tbl_name || ' ' || COALESCE(sql, '') "
                    + "FROM sqlite_master ORDER BY name", "SELECT name || ' ' || seq FROM sqlite_sequence ORDER BY name"));
            case POSTGRESQL -> out.addAll(strings(c,
                    "SELECT tablename || ' ' || indexname || ' ' || replace(indexdef, current_schema() || '.', '') FROM pg_indexes "
                            + "WHERE schemaname = current_schema() ORDER BY 1",
                    "SELECT conrelid::regclass::text || ' ' || conname || ' ' || contype::text || ' ' || convalidated || ' ' "
                            + "|| pg_get_constraintdef(oid) FROM pg_constraint "
                            + "WHERE connamespace = current_schema()::regnamespace ORDER BY 1",
                    "SELECT table_name || ' ' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' "
                            + "|| COALESCE(column_default, '') FROM information_schema.columns "
                            + "WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position",
                    "SELECT sequencename || ' ' || last_value FROM pg_sequences "
                            + "WHERE schemaname = current_schema() ORDER BY 1"));
            default -> {
                out.addAll(strings(c, "SELECT CONCAT_WS(' ', constraint_name, unique_constraint_name, update_rule, "
                        + "delete_rule, referenced_table_name) FROM information_schema.referential_constraints "
                        + "WHERE constraint_schema = DATABASE() ORDER BY 1"));
                for (String table : LedgerSchema.TABLES) {
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW CREATE TABLE " + table)) {
                        rs.next();
                        out.add(rs.getString(2));
                    }
                }
            }
        }
        return out;
    }

    private static List<String> strings(Connection c, String... queries) throws SQLException {
        List<String> out = new ArrayList<>();
        for (String q : queries) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(q)) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }

    @Test
    void actionsAreDeterministicPerIndex() {
        SampleData a = SampleData.of(SPEC);
        SampleData b = SampleData.of(SPEC);
        assertEquals(a.players(), b.players());
        for (int i = SPEC.actions() - 1; i >= 0; i -= 7) {
            assertEquals(a.action(i), b.action(i));
        }
    }

    @Test
    void refusesToWriteIntoAFilledDatabase() throws SQLException {
        try (TestDatabase db = TestDatabase.create(SqlDialect.SQLITE); Connection c = db.connect()) {
            SampleSpec tiny = SPEC.withSize(2, 10);
            SampleNetworkGenerator.generate(c, SqlDialect.SQLITE, tiny);
            org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                    () -> SampleNetworkGenerator.generate(c, SqlDialect.SQLITE, tiny));
            assertEquals(10, count(c, "SELECT COUNT(*) FROM actions"));
        }
    }

    // ---- reading helpers, written independently of the generator's encoders ----

    static Instant time(ResultSet rs, int column, SqlDialect dialect) throws SQLException {
        LocalDateTime wall = dialect == SqlDialect.SQLITE
                ? LocalDateTime.parse(rs.getString(column), SQLITE_TIME)
                : rs.getObject(column, LocalDateTime.class);
        return wall.atZone(ZONE).toInstant();
    }

    static String sqlTrue(SqlDialect dialect) {
        return dialect == SqlDialect.SQLITE ? "1" : "TRUE";
    }

    static long count(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            assertTrue(rs.next());
            return rs.getLong(1);
        }
    }

    static List<String> dump(Connection c) throws SQLException {
        List<String> rows = new ArrayList<>();
        for (String table : LedgerSchema.TABLES) {
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT * FROM " + table + " ORDER BY id")) {
                ResultSetMetaData md = rs.getMetaData();
                while (rs.next()) {
                    StringBuilder sb = new StringBuilder(table);
                    for (int i = 1; i <= md.getColumnCount(); i++) {
                        Object v = rs.getObject(i);
                        sb.append('|').append(v instanceof byte[] b ? HexFormat.of().formatHex(b) : String.valueOf(v));
                    }
                    rows.add(sb.toString());
                }
            }
        }
        return rows;
    }

    static Set<String> tables(DatabaseMetaData md, TestDatabase db) throws SQLException {
        Set<String> out = new HashSet<>();
        try (ResultSet rs = md.getTables(db.metaCatalog(), db.metaSchema(), "%", new String[] {"TABLE"})) {
            while (rs.next()) {
                out.add(rs.getString("TABLE_NAME"));
            }
        }
        return out;
    }

    /** Column name (as stored) to type name. */
    static Map<String, String> columns(DatabaseMetaData md, TestDatabase db, String table) throws SQLException {
        Map<String, String> out = new HashMap<>();
        try (ResultSet rs = md.getColumns(db.metaCatalog(), db.metaSchema(), table, "%")) {
            while (rs.next()) {
                out.put(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"));
            }
        }
        return out;
    }

    /** Index names, lower-cased (H2 folds unquoted index names to upper case). */
    static Set<String> indexes(DatabaseMetaData md, TestDatabase db, String table) throws SQLException {
        Set<String> out = new HashSet<>();
        try (ResultSet rs = md.getIndexInfo(db.metaCatalog(), db.metaSchema(), table, false, false)) {
            while (rs.next()) {
                String name = rs.getString("INDEX_NAME");
                if (name != null) {
                    out.add(name.toLowerCase(Locale.ROOT));
                }
            }
        }
        return out;
    }
}
