package net.ledgernet.sample;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import net.ledgernet.storage.SqlDialect;

/**
 * Writes a {@link SampleData} into a Ledger database, the way Ledger would have: schema from
 * {@link LedgerSchema}, lookup rows first (ids by insertion order), then the actions in queue order.
 *
 * <p>The connection must already point at the target (MariaDB database, PostgreSQL schema, or file),
 * see {@link LedgerSchema}. The target must not contain Ledger actions yet.
 *
 * <p>Values are encoded per dialect as Ledger (Exposed 1.0.0-rc-2) does (ledger.md §2.3, §2.5):
 * <ul>
 *   <li>times: SQLite TEXT {@code yyyy-MM-dd HH:mm:ss.SSS} (truncated to ms) in the spec's storage
 *       zone; elsewhere a {@code LocalDateTime} (wall clock in the storage zone, microseconds);
 *   <li>player UUID: 16 bytes, most significant long first, on SQLite and MariaDB/MySQL; native UUID
 *       on H2 and PostgreSQL.
 * </ul>
 * MariaDB TIMESTAMP converts from the session time zone to UTC and back, so the wall clock reads back
 * unchanged as long as the session zone does not change (and has no DST gap at that wall-clock time);
 * with {@code explicit_defaults_for_timestamp=OFF} (MariaDB before 10.10) the first TIMESTAMP column
 * would also get {@code ON UPDATE CURRENT_TIMESTAMP}: real Ledger databases on such servers have that.
 *
 * <p>{@link #generate} inserts the way Ledger does, into the finished schema: multi-row {@code VALUES}
 * statements (H2: a JDBC batch). {@link #load} writes the same rows with the same ids into the same schema,
 * fast enough for 10M actions: tables first, then the actions in bulk (MariaDB {@code LOAD DATA LOCAL INFILE}
 * from a stream, PostgreSQL {@code COPY FROM STDIN}, SQLite the same inserts in one transaction), then the
 * secondary indexes and foreign keys ({@link LedgerSchema#bulkLoadDdl}).
 */
public final class SampleNetworkGenerator {

    /** Rows per multi-row INSERT: 15 parameters each keeps far below every driver's parameter limit. */
    private static final int ROWS_PER_STATEMENT = 250;
    /** Server databases commit every this many actions; SQLite writes everything in one transaction. */
    private static final int ROWS_PER_COMMIT = 50_000;

    private static final DateTimeFormatter SQLITE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    private SampleNetworkGenerator() {
    }

    /** How a run went. */
    public record Result(SampleData data, long actionsWritten, long nanos) {
        public double actionsPerSecond() {
            return actionsWritten * 1e9 / Math.max(1, nanos);
        }
    }

    /** Creates the schema (if missing) and writes the sample. */
    public static Result generate(Connection connection, SqlDialect dialect, SampleSpec spec) throws SQLException {
        return write(connection, dialect, SampleData.of(spec));
    }

    /**
     * Writes the sample into an empty target (no Ledger tables yet) by bulk load: the same rows, ids and
     * schema as {@link #generate}, without the secondary indexes slowing every insert (10M actions: 10,000–24,000
     * actions/s end to end on a loaded 2-core machine, against 2,900–10,000 row by row). H2 falls back to {@link #generate}.
     * MariaDB needs {@code local_infile} on the server (the default) and the driver's {@code allowLocalInfile}.
     */
    public static Result load(Connection connection, SqlDialect dialect, SampleSpec spec) throws SQLException {
        if (dialect == SqlDialect.H2) {
            return generate(connection, dialect, spec);
        }
        if (LedgerSchema.exists(connection, dialect)) {
            throw new IllegalStateException("the target already has Ledger's tables; bulk load needs an empty one");
        }
        long started = System.nanoTime();
        SampleData data = SampleData.of(spec);
        LedgerSchema.BulkLoadDdl ddl = LedgerSchema.bulkLoadDdl(dialect, spec.withTimeIndex());
        if (dialect == SqlDialect.SQLITE) {
            try (Statement st = connection.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL");
            }
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try (Statement st = connection.createStatement()) {
            for (String sql : ddl.beforeLoad()) {
                st.execute(sql);
            }
            Ids ids = insertLookups(connection, dialect, data);
            connection.commit();
            long written = switch (dialect) {
                case MARIADB, MYSQL -> ActionText.loadData(connection, data, ids);
                case POSTGRESQL -> ActionText.copy(connection, data, ids);
                default -> insertActions(connection, dialect, data, ids);
            };
            connection.commit();
            if (dialect.mysqlLike()) {
                // LOAD DATA reserves auto-increment values in blocks: put the counter where row inserts leave it.
                st.execute("ALTER TABLE actions AUTO_INCREMENT = " + (written + 1));
                // Adds the foreign keys in place, without reading 10M rows to check them (they hold by construction).
                st.execute("SET SESSION foreign_key_checks = 0");
            }
            if (dialect == SqlDialect.POSTGRESQL) {
                st.execute("SET LOCAL maintenance_work_mem = '512MB'"); // index builds sort in memory
            }
            for (String sql : ddl.afterLoad()) {
                st.execute(sql);
            }
            connection.commit();
            return new Result(data, written, System.nanoTime() - started);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            if (dialect.mysqlLike()) {
                try (Statement st = connection.createStatement()) {
                    st.execute("SET SESSION foreign_key_checks = 1");
                }
            }
            connection.setAutoCommit(autoCommit);
        }
    }

    public static Result write(Connection connection, SqlDialect dialect, SampleData data) throws SQLException {
        long started = System.nanoTime();
        SampleSpec spec = data.spec();
        if (dialect == SqlDialect.SQLITE) {
            try (Statement st = connection.createStatement()) {
                st.execute("PRAGMA journal_mode=WAL"); // Ledger's own SQLite setting; must run outside a transaction
            }
        }
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            // Like Ledger's SchemaUtils.create: only a missing schema is created, an existing one is kept.
            if (LedgerSchema.exists(connection, dialect)) {
                try (Statement st = connection.createStatement();
                     ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM actions")) {
                    rs.next();
                    if (rs.getLong(1) > 0) {
                        throw new IllegalStateException("the target already has Ledger actions; use an empty database");
                    }
                }
            } else {
                LedgerSchema.create(connection, dialect, spec.withTimeIndex());
            }
            Ids ids = insertLookups(connection, dialect, data);
            connection.commit();
            long written = insertActions(connection, dialect, data, ids);
            connection.commit();
            return new Result(data, written, System.nanoTime() - started);
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    /** The SQLite TEXT form of a time (ledger.md §2.5). */
    public static String sqliteTime(Instant time, ZoneId zone) {
        return SQLITE_TIME.format(LocalDateTime.ofInstant(time, zone));
    }

    /** Exposed's binary UUID form (SQLite, MariaDB/MySQL): most significant long, then least, big-endian. */
    public static byte[] uuidBytes(UUID uuid) {
        return ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits()).array();
    }

    /** The ids the database gave the lookup rows and players. */
    record Ids(Map<String, Integer> actions, Map<String, Integer> worlds, Map<String, Integer> objects,
               Map<String, Integer> sources, int[] players) {
    }

    /** Lookup rows, then players, in Ledger's order; returns the ids the database assigned. */
    private static Ids insertLookups(Connection connection, SqlDialect dialect, SampleData data) throws SQLException {
        Map<String, Integer> actionIds = insertLookup(connection, dialect, "ActionIdentifiers", "action_identifier",
                data.actionTypes());
        Map<String, Integer> worldIds = insertLookup(connection, dialect, "worlds", "identifier", data.worlds());
        Map<String, Integer> objectIds = insertLookup(connection, dialect, "ObjectIdentifiers", "identifier",
                data.objects());
        Map<String, Integer> sourceIds = insertLookup(connection, dialect, "sources", "name", data.sources());
        int[] playerIds = insertPlayers(connection, dialect, data);
        return new Ids(actionIds, worldIds, objectIds, sourceIds, playerIds);
    }

    private static Map<String, Integer> insertLookup(Connection c, SqlDialect dialect, String table, String column,
                                                     List<String> values) throws SQLException {
        String col = LedgerSchema.column(dialect, column);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table + " (" + col + ") VALUES (?)")) {
            for (String v : values) {
                ps.setString(1, v);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        // Read the ids back instead of assuming 1..n: the database assigns them.
        Map<String, Integer> ids = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, " + col + " FROM " + table)) {
            while (rs.next()) {
                ids.put(rs.getString(2), rs.getInt(1));
            }
        }
        return ids;
    }

    private static int[] insertPlayers(Connection c, SqlDialect dialect, SampleData data) throws SQLException {
        ZoneId zone = data.spec().storageZone();
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO players (player_id, player_name, first_join, last_join) VALUES (?, ?, ?, ?)")) {
            int batched = 0;
            for (SampleData.Player p : data.players()) {
                setUuid(ps, 1, p.uuid(), dialect);
                ps.setString(2, p.name());
                setTime(ps, 3, p.firstJoin(), dialect, zone);
                setTime(ps, 4, p.lastJoin(), dialect, zone);
                ps.addBatch();
                // Batches in chunks: MariaDB refuses one packet beyond max_allowed_packet (16 MB by default),
                // which 500k players in one batch exceed.
                if (++batched % ROWS_PER_STATEMENT == 0) {
                    ps.executeBatch();
                }
            }
            ps.executeBatch();
        }
        Map<UUID, Integer> byUuid = new HashMap<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT id, player_id FROM players")) {
            while (rs.next()) {
                UUID uuid = switch (dialect) {
                    case H2, POSTGRESQL -> rs.getObject(2, UUID.class);
                    default -> {
                        ByteBuffer b = ByteBuffer.wrap(rs.getBytes(2));
                        yield new UUID(b.getLong(), b.getLong());
                    }
                };
                byUuid.put(uuid, rs.getInt(1));
            }
        }
        int[] ids = new int[data.players().size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = byUuid.get(data.players().get(i).uuid());
        }
        return ids;
    }

    private static long insertActions(Connection c, SqlDialect dialect, SampleData data, Ids ids) throws SQLException {
        String head = "INSERT INTO actions (action_id, " + LedgerSchema.column(dialect, "time")
                + ", x, y, z, world_id, object_id, old_object_id, block_state, old_block_state, "
                + LedgerSchema.column(dialect, "source") + ", player_id, extra_data, rolled_back) VALUES ";
        String tuple = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        // H2 is faster with a plain JDBC batch of one-row statements; the others with multi-row VALUES.
        int perStatement = dialect == SqlDialect.H2 ? 1 : ROWS_PER_STATEMENT;
        int statementsPerBatch = dialect == SqlDialect.H2 ? ROWS_PER_STATEMENT : 1;
        int n = data.actionCount();
        ZoneId zone = data.spec().storageZone();
        int next = 0;
        try (PreparedStatement full = c.prepareStatement(head + String.join(", ", Collections.nCopies(perStatement, tuple)))) {
            int batched = 0;
            while (n - next >= perStatement) {
                for (int r = 0; r < perStatement; r++) {
                    bind(full, r * 14, data.action(next++), ids, dialect, zone);
                }
                full.addBatch();
                if (++batched == statementsPerBatch || n - next < perStatement) {
                    full.executeBatch();
                    batched = 0;
                }
                if (dialect != SqlDialect.SQLITE && next % ROWS_PER_COMMIT == 0) {
                    c.commit();
                }
            }
        }
        int rest = n - next;
        if (rest > 0) {
            try (PreparedStatement tail = c.prepareStatement(head + String.join(", ", Collections.nCopies(rest, tuple)))) {
                for (int r = 0; r < rest; r++) {
                    bind(tail, r * 14, data.action(next++), ids, dialect, zone);
                }
                tail.executeUpdate();
            }
        }
        return next;
    }

    private static void bind(PreparedStatement ps, int o, SampleData.Action a, Ids ids, SqlDialect dialect,
                             ZoneId zone) throws SQLException {
        ps.setInt(o + 1, id(ids.actions(), a.type()));
        setTime(ps, o + 2, a.time(), dialect, zone);
        ps.setInt(o + 3, a.x());
        ps.setInt(o + 4, a.y());
        ps.setInt(o + 5, a.z());
        ps.setInt(o + 6, id(ids.worlds(), a.world()));
        ps.setInt(o + 7, id(ids.objects(), a.object()));
        ps.setInt(o + 8, id(ids.objects(), a.oldObject()));
        ps.setString(o + 9, a.blockState());
        ps.setString(o + 10, a.oldBlockState());
        ps.setInt(o + 11, id(ids.sources(), a.source()));
        if (a.player() >= 0) {
            ps.setInt(o + 12, ids.players()[a.player()]);
        } else {
            ps.setNull(o + 12, Types.INTEGER);
        }
        ps.setString(o + 13, a.extraData());
        ps.setBoolean(o + 14, a.rolledBack());
    }

    static int id(Map<String, Integer> ids, String value) {
        Integer id = ids.get(value);
        if (id == null) {
            throw new IllegalStateException("generator bug: " + value + " is not in its lookup table");
        }
        return id;
    }

    private static void setTime(PreparedStatement ps, int index, Instant time, SqlDialect dialect, ZoneId zone)
            throws SQLException {
        if (dialect == SqlDialect.SQLITE) {
            ps.setString(index, sqliteTime(time, zone));
        } else {
            ps.setObject(index, LocalDateTime.ofInstant(time, zone));
        }
    }

    private static void setUuid(PreparedStatement ps, int index, UUID uuid, SqlDialect dialect) throws SQLException {
        switch (dialect) {
            case H2, POSTGRESQL -> ps.setObject(index, uuid);
            default -> ps.setBytes(index, uuidBytes(uuid));
        }
    }
}
