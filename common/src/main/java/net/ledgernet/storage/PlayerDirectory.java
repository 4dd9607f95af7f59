package net.ledgernet.storage;

import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * One backend's {@code players} table, read on demand. Unlike the other lookup tables it grows with
 * every new player ever seen (hundreds of thousands on a big network), so it is never loaded whole:
 * <ul>
 *   <li>id → player for rendering rows: a small LRU ({@code capacity} entries), filled in batches
 *       ({@code WHERE id IN (?, …)}) for the ids of one page, entries expire after {@code refresh}
 *       (Ledger updates {@code player_name} on every join);
 *   <li>name or UUID → players for filters: one indexed ({@code player_id}) or small-scan
 *       ({@code LOWER(player_name) = ?}) query, whose answer, found or not, is cached for
 *       {@code missReload}, so repeating an unknown name cannot hammer the database.
 * </ul>
 * Names compare case-insensitively (Minecraft names are unique ignoring case at any one time), and one
 * name may map to several UUIDs over time (a name released and taken by someone else).
 */
public final class PlayerDirectory {
    /** A {@code players} row; join times are null when only the name was needed. */
    public record PlayerRecord(int id, UUID uuid, String name, Instant firstJoin, Instant lastJoin) {
    }

    private record Entry<T>(T value, Instant loadedAt) {
    }

    /** Chunk size for IN lists: far below every driver's parameter limit. */
    private static final int IN_CHUNK = 200;

    private final SqlDialect dialect;
    private final String table;
    private final TimeCodec codec;
    private final Clock clock;
    private final Duration refresh;
    private final Duration missReload;
    private final int timeoutSeconds;
    private final Map<Integer, Entry<PlayerRecord>> byId;
    private final Map<String, Entry<List<PlayerRecord>>> byKey;
    private long queries;

    PlayerDirectory(SqlDialect dialect, String qualifiedTable, TimeCodec codec, Clock clock, Duration refresh,
                    Duration missReload, int capacity, int timeoutSeconds) {
        this.dialect = dialect;
        this.table = qualifiedTable;
        this.codec = codec;
        this.clock = clock;
        this.refresh = refresh;
        this.missReload = missReload;
        this.timeoutSeconds = timeoutSeconds;
        this.byId = lru(capacity);
        this.byKey = lru(Math.max(16, capacity / 4));
    }

    private static <K, V> Map<K, V> lru(int capacity) {
        return new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Players by id, for the ids of one page; ids not in the table are absent from the answer. */
    public Map<Integer, PlayerRecord> byIds(Collection<Integer> ids, Connection connection) throws SQLException {
        Map<Integer, PlayerRecord> out = new HashMap<>();
        Set<Integer> missing = new TreeSet<>();
        Instant now = clock.instant();
        synchronized (this) {
            for (Integer id : ids) {
                Entry<PlayerRecord> e = byId.get(id);
                if (e != null && now.isBefore(e.loadedAt.plus(refresh))) {
                    out.put(id, e.value);
                } else {
                    missing.add(id);
                }
            }
        }
        List<Integer> todo = new ArrayList<>(missing);
        for (int from = 0; from < todo.size(); from += IN_CHUNK) {
            List<Integer> chunk = todo.subList(from, Math.min(todo.size(), from + IN_CHUNK));
            String sql = select() + " WHERE id IN (" + "?, ".repeat(chunk.size() - 1) + "?)";
            for (PlayerRecord p : query(connection, sql, ps -> {
                for (int i = 0; i < chunk.size(); i++) {
                    ps.setInt(i + 1, chunk.get(i));
                }
            })) {
                out.put(p.id(), p);
                synchronized (this) {
                    byId.put(p.id(), new Entry<>(p, now));
                }
            }
        }
        return out;
    }

    /** Players by UUID, uncached (a player lookup wants the current join times). */
    public List<PlayerRecord> byUuids(List<UUID> uuids, Connection connection) throws SQLException {
        List<PlayerRecord> out = new ArrayList<>();
        for (int from = 0; from < uuids.size(); from += IN_CHUNK) {
            List<UUID> chunk = uuids.subList(from, Math.min(uuids.size(), from + IN_CHUNK));
            out.addAll(query(connection, select() + " WHERE player_id IN (" + "?, ".repeat(chunk.size() - 1) + "?)",
                    ps -> {
                        for (int i = 0; i < chunk.size(); i++) {
                            bindUuid(ps, i + 1, chunk.get(i));
                        }
                    }));
        }
        return out;
    }

    /** Every player (UUID) that has carried this name, matched ignoring case; ordered by id. */
    public List<PlayerRecord> byName(String name, Connection connection) throws SQLException {
        String lower = name.toLowerCase(Locale.ROOT);
        return cached("n:" + lower, connection, select() + " WHERE LOWER(player_name) = ? ORDER BY id",
                ps -> ps.setString(1, lower));
    }

    public Optional<PlayerRecord> byUuid(UUID uuid, Connection connection) throws SQLException {
        List<PlayerRecord> found = cached("u:" + uuid, connection, select() + " WHERE player_id = ?",
                ps -> bindUuid(ps, 1, uuid));
        return found.stream().findFirst();
    }

    /** Database reads so far (tests check the caching). */
    public synchronized long queries() {
        return queries;
    }

    private List<PlayerRecord> cached(String key, Connection connection, String sql, Binder binder)
            throws SQLException {
        Instant now = clock.instant();
        synchronized (this) {
            Entry<List<PlayerRecord>> e = byKey.get(key);
            if (e != null && now.isBefore(e.loadedAt.plus(missReload))) {
                return e.value;
            }
        }
        List<PlayerRecord> found = List.copyOf(query(connection, sql, binder));
        synchronized (this) {
            byKey.put(key, new Entry<>(found, now));
            for (PlayerRecord p : found) {
                byId.put(p.id(), new Entry<>(p, now));
            }
        }
        return found;
    }

    private String select() {
        return "SELECT id, player_id, player_name, first_join, last_join FROM " + table;
    }

    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    private List<PlayerRecord> query(Connection connection, String sql, Binder binder) throws SQLException {
        List<PlayerRecord> out = new ArrayList<>();
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            ps.setQueryTimeout(timeoutSeconds);
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new PlayerRecord(rs.getInt(1), readUuid(rs, 2), rs.getString(3), codec.read(rs, 4),
                            codec.read(rs, 5)));
                }
            }
        }
        synchronized (this) {
            queries++;
        }
        return out;
    }

    /** Exposed stores UUIDs as 16 bytes (MSB then LSB) on SQLite and MariaDB/MySQL, natively on H2 and PostgreSQL. */
    void bindUuid(PreparedStatement ps, int index, UUID uuid) throws SQLException {
        if (nativeUuid()) {
            ps.setObject(index, uuid);
        } else {
            ps.setBytes(index, ByteBuffer.allocate(16).putLong(uuid.getMostSignificantBits())
                    .putLong(uuid.getLeastSignificantBits()).array());
        }
    }

    UUID readUuid(ResultSet rs, int column) throws SQLException {
        if (nativeUuid()) {
            return rs.getObject(column, UUID.class);
        }
        byte[] bytes = rs.getBytes(column);
        if (bytes == null || bytes.length != 16) {
            return null;
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        return new UUID(b.getLong(), b.getLong());
    }

    private boolean nativeUuid() {
        return dialect == SqlDialect.H2 || dialect == SqlDialect.POSTGRESQL;
    }
}
