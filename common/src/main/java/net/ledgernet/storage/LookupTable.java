package net.ledgernet.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One of Ledger's small id ↔ value tables ({@code worlds}, {@code ActionIdentifiers},
 * {@code ObjectIdentifiers}, {@code sources}) for one backend, held whole in memory: they grow with
 * the registries (a few thousand rows), not with activity. Loaded with one query, reloaded when older
 * than the refresh interval, and on a miss, but a miss reloads at most once per {@code missReload}
 * interval, so a stream of unknown values from a hostile client costs one query per interval.
 *
 * <p>Thread-safe: readers see an immutable snapshot; reloads are serialised.
 */
public final class LookupTable {
    /** Which of Ledger's lookup tables, with its value column. */
    public enum Kind {
        ACTION("ActionIdentifiers", "action_identifier"),
        WORLD("worlds", "identifier"),
        OBJECT("ObjectIdentifiers", "identifier"),
        SOURCE("sources", "name");

        private final String table;
        private final String column;

        Kind(String table, String column) {
            this.table = table;
            this.column = column;
        }

        /** Ledger's logical table name (a key of {@link SchemaReport#tables()}). */
        public String table() {
            return table;
        }

        public String column() {
            return column;
        }
    }

    private record Snapshot(Map<Integer, String> byId, Map<String, Integer> byValue, Instant loadedAt) {
    }

    private final Kind kind;
    private final String sql;
    private final Clock clock;
    private final Duration refresh;
    private final Duration missReload;
    private final int timeoutSeconds;
    private volatile Snapshot snapshot;
    private Instant lastMissReload = Instant.MIN;
    private long loads;

    LookupTable(Kind kind, SqlDialect dialect, String qualifiedTable, Clock clock, Duration refresh, Duration missReload,
                int timeoutSeconds) {
        this.kind = kind;
        this.timeoutSeconds = timeoutSeconds;
        // Table and column names come from the schema probe and this enum, never from a client.
        this.sql = "SELECT id, " + dialect.ledgerColumn(kind.column) + " FROM " + qualifiedTable;
        this.clock = clock;
        this.refresh = refresh;
        this.missReload = missReload;
    }

    public Kind kind() {
        return kind;
    }

    /** The id of a value, reloading once (rate-limited) when the value is unknown. */
    public OptionalInt idOf(String value, Connection connection) throws SQLException {
        Integer id = current(connection).byValue.get(value);
        if (id == null && reloadOnMiss(connection)) {
            id = snapshot.byValue.get(value);
        }
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The value of an id, reloading once (rate-limited) when the id is unknown (a row newer than the cache). */
    public Optional<String> valueOf(int id, Connection connection) throws SQLException {
        String value = current(connection).byId.get(id);
        if (value == null && reloadOnMiss(connection)) {
            value = snapshot.byId.get(id);
        }
        return Optional.ofNullable(value);
    }

    /**
     * The values held now, without touching the database (for typo hints); empty before the first load.
     * A snapshot: a value added since the last load is not in it until the next one.
     */
    public java.util.Set<String> cachedValues() {
        Snapshot s = snapshot;
        return s == null ? java.util.Set.of() : s.byValue.keySet();
    }

    /** The table has been read at least once. */
    public boolean loaded() {
        return snapshot != null;
    }

    /** How many times the table was read: lets tests check the rate limit. */
    public synchronized long loads() {
        return loads;
    }

    public int size() {
        Snapshot s = snapshot;
        return s == null ? 0 : s.byId.size();
    }

    private Snapshot current(Connection connection) throws SQLException {
        Snapshot s = snapshot;
        if (s == null || !clock.instant().isBefore(s.loadedAt.plus(refresh))) {
            synchronized (this) {
                s = snapshot;
                if (s == null || !clock.instant().isBefore(s.loadedAt.plus(refresh))) {
                    s = load(connection);
                }
            }
        }
        return s;
    }

    private synchronized boolean reloadOnMiss(Connection connection) throws SQLException {
        Instant now = clock.instant();
        Snapshot s = snapshot;
        // A load that just happened (periodic, or another thread's miss) counts as this miss's reload.
        if (s != null && now.isBefore(s.loadedAt.plus(missReload))) {
            return false;
        }
        if (now.isBefore(lastMissReload.plus(missReload))) {
            return false;
        }
        lastMissReload = now;
        load(connection);
        return true;
    }

    private synchronized Snapshot load(Connection connection) throws SQLException {
        Map<Integer, String> byId = new HashMap<>();
        Map<String, Integer> byValue = new HashMap<>();
        try (Statement statement = connection.createStatement()) {
            statement.setQueryTimeout(timeoutSeconds);
            ResultSet rs = statement.executeQuery(sql);
            while (rs.next()) {
                int id = rs.getInt(1);
                String value = rs.getString(2);
                byId.put(id, value);
                byValue.put(value, id);
            }
        }
        loads++;
        Snapshot s = new Snapshot(Map.copyOf(byId), Map.copyOf(byValue), clock.instant());
        snapshot = s;
        return s;
    }
}
