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
 * One backend's {@code players} table. It grows with every new player ever seen (hundreds of
 * thousands on a big network) and Ledger indexes it only by id and UUID, so:
 * <ul>
 *   <li>id → player for rendering rows: a small LRU ({@code capacity} entries), filled in batches
 *       ({@code WHERE id IN (?, …)}) for the ids of one page, entries expire after {@code refresh}
 *       (Ledger updates {@code player_name} on every join);
 *   <li>UUID → player: the unique {@code player_id} index;
 *   <li>name → players for filters: a {@link PlayerNameIndex} in memory, read in id-ordered chunks
 *       of {@value #SCAN_CHUNK} rows in the background ({@link #scanChunk}), caught up with the rows
 *       added since on use (new ids only: one primary-key range query at most every
 *       {@value #CATCH_UP_MILLIS} ms), and read again whole every {@code refresh}, and after a name
 *       that matched nothing at most once per {@value #RESCAN_ON_MISS_SECONDS} s (a renamed player).
 *       All names of one search then cost one primary-key query for the candidates, or none at all
 *       when no candidate exists (made-up names).
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
    /** Rows per background read of the name index: one short primary-key range query each. */
    static final int SCAN_CHUNK = 50_000;
    /** New players are looked for at most this often (a primary-key range query past the newest id). */
    static final long CATCH_UP_MILLIS = 1000;
    /** Rows a catch-up reads at most; the rest is read by the next one. */
    static final int CATCH_UP_LIMIT = 5_000;
    /** A name that matched nothing reads the index again (for renamed players) at most this often. */
    static final long RESCAN_ON_MISS_SECONDS = 60;
    /**
     * Candidate rows per searched name: players who carried one name over time, plus hash collisions.
     * With at most 32 names per search (the grammar's limit) a search reads at most 512 rows by id.
     */
    static final int CANDIDATES_PER_NAME = 16;
    /** Names one lookup may ask for: the search grammar allows 32 per key; more is a caller's bug. */
    static final int MAX_NAMES = 64;
    /** Past this many rows the catch-up index is merged into the main one. */
    private static final int RECENT_MERGE = 4096;

    private final SqlDialect dialect;
    private final String table;
    private final TimeCodec codec;
    private final Clock clock;
    private final Duration refresh;
    private final Duration missReload;
    private final int timeoutSeconds;
    private final Map<Integer, Entry<PlayerRecord>> byId;
    private final Map<String, Entry<List<PlayerRecord>>> byKey;
    private final Runnable onScanWanted;
    private long queries;

    // Name index state, guarded by this. names is null until the first full read finished.
    private volatile PlayerNameIndex names;
    /** Rows added since names was read, found by catch-up. */
    private volatile PlayerNameIndex recent = PlayerNameIndex.EMPTY;
    private PlayerNameIndex.Builder scan;
    private Instant scanStartedAt = Instant.MIN;
    private Instant namesReadAt = Instant.MIN;
    private Instant lastCatchUp = Instant.MIN;
    private boolean rescanAfterMiss;

    /**
     * @param onScanWanted called (outside any lock) when the name index should be read, first or again:
     *                     the owner then runs {@link #scanChunk} until it returns false
     */
    PlayerDirectory(SqlDialect dialect, String qualifiedTable, TimeCodec codec, Clock clock, Duration refresh,
                    Duration missReload, int capacity, int timeoutSeconds, Runnable onScanWanted) {
        this.dialect = dialect;
        this.table = qualifiedTable;
        this.codec = codec;
        this.clock = clock;
        this.refresh = refresh;
        this.missReload = missReload;
        this.timeoutSeconds = timeoutSeconds;
        this.byId = lru(capacity);
        this.byKey = lru(Math.max(16, capacity / 4));
        this.onScanWanted = onScanWanted;
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

    /** Every player (UUID) that carries this name, matched ignoring case; ordered by id. */
    public List<PlayerRecord> byName(String name, Connection connection) throws SQLException {
        String lower = name.toLowerCase(Locale.ROOT);
        return byNames(List.of(lower), connection).get(lower);
    }

    /**
     * The players carrying each name (ignoring case), for all names of one search at once: one query
     * by primary key for every candidate of the in-memory index, none when there is no candidate.
     * Before the index was first read, one query compares all names ({@code LOWER(player_name) IN}),
     * which reads the table once. Every name is a key of the answer; lists are ordered by id.
     */
    public Map<String, List<PlayerRecord>> byNames(Collection<String> anyCaseNames, Connection connection)
            throws SQLException {
        Set<String> wanted = new TreeSet<>();
        anyCaseNames.forEach(n -> wanted.add(n.toLowerCase(Locale.ROOT)));
        if (wanted.size() > MAX_NAMES) {
            throw new IllegalArgumentException("at most " + MAX_NAMES + " player names per lookup, not " + wanted.size());
        }
        Map<String, List<PlayerRecord>> out = new LinkedHashMap<>();
        wanted.forEach(n -> out.put(n, new ArrayList<>()));
        if (wanted.isEmpty()) {
            return out;
        }
        List<PlayerRecord> rows;
        PlayerNameIndex index = names;
        if (index == null) {
            List<String> list = List.copyOf(wanted);
            rows = query(connection, select() + " WHERE LOWER(player_name) IN (" + "?, ".repeat(list.size() - 1)
                    + "?) ORDER BY id", ps -> {
                        for (int i = 0; i < list.size(); i++) {
                            ps.setString(i + 1, list.get(i));
                        }
                    });
        } else {
            catchUp(connection, index);
            Set<Integer> ids = new TreeSet<>();
            PlayerNameIndex added = recent;
            for (String name : wanted) {
                for (int id : index.candidates(name, CANDIDATES_PER_NAME)) {
                    ids.add(id);
                }
                for (int id : added.candidates(name, CANDIDATES_PER_NAME)) {
                    ids.add(id);
                }
            }
            List<Integer> list = List.copyOf(ids);
            rows = list.isEmpty() ? List.of() : query(connection, select() + " WHERE id IN ("
                    + "?, ".repeat(list.size() - 1) + "?) ORDER BY id", ps -> {
                        for (int i = 0; i < list.size(); i++) {
                            ps.setInt(i + 1, list.get(i));
                        }
                    });
        }
        Instant now = clock.instant();
        for (PlayerRecord p : rows) {
            List<PlayerRecord> matches = out.get(p.name().toLowerCase(Locale.ROOT));
            if (matches != null) {
                matches.add(p);
            }
        }
        synchronized (this) {
            for (PlayerRecord p : rows) {
                byId.put(p.id(), new Entry<>(p, now));
            }
        }
        boolean missed = out.values().stream().anyMatch(List::isEmpty);
        if (wantScan(now, missed)) {
            onScanWanted.run();
        }
        out.replaceAll((name, list) -> List.copyOf(list));
        return out;
    }

    /** Whether the name index is read (searches by name then cost one query by primary key at most). */
    public boolean namesIndexed() {
        return names != null;
    }

    /** Players in the name index (0 before it was read). */
    public int namesIndexedCount() {
        PlayerNameIndex index = names;
        return index == null ? 0 : index.size() + recent.size();
    }

    /** Asks for the name index to be read when it was never read or is due; for a warm start. */
    public void prepareNames() {
        if (wantScan(clock.instant(), false)) {
            onScanWanted.run();
        }
    }

    private synchronized boolean wantScan(Instant now, boolean missed) {
        if (missed && names != null && !now.isBefore(scanStartedAt.plusSeconds(RESCAN_ON_MISS_SECONDS))) {
            rescanAfterMiss = true;
        }
        return names == null || rescanAfterMiss || !now.isBefore(namesReadAt.plus(refresh));
    }

    /**
     * Reads the next chunk of the name index (starting a new full read when none is under way).
     * Blocking; returns true while rows remain. Run on the backend's executor, one chunk per request,
     * so a read of a huge table never holds a thread or a connection for long.
     */
    public boolean scanChunk(Connection connection) throws SQLException {
        int after;
        synchronized (this) {
            if (scan == null) {
                scan = new PlayerNameIndex.Builder();
                scanStartedAt = clock.instant();
                rescanAfterMiss = false;
            }
            after = scan.maxId();
        }
        PlayerNameIndex.Builder chunk = new PlayerNameIndex.Builder();
        int read = readNames(connection, after, SCAN_CHUNK, chunk);
        synchronized (this) {
            if (scan == null) {
                return false; // another thread finished this read meanwhile
            }
            scan.addAll(chunk);
            if (read == SCAN_CHUNK) {
                return true;
            }
            PlayerNameIndex built = scan.build();
            scan = null;
            names = built;
            recent = recent.above(built.maxId());
            namesReadAt = scanStartedAt;
            return false;
        }
    }

    /** Gives up a full read that failed half-way; the next one starts from the beginning. */
    synchronized void abandonScan() {
        scan = null;
    }

    /** Adds the rows inserted since the index was read (new players), at most once per interval. */
    private void catchUp(Connection connection, PlayerNameIndex index) throws SQLException {
        int after;
        synchronized (this) {
            Instant now = clock.instant();
            if (now.isBefore(lastCatchUp.plusMillis(CATCH_UP_MILLIS))) {
                return;
            }
            lastCatchUp = now;
            after = Math.max(index.maxId(), recent.maxId());
        }
        PlayerNameIndex.Builder added = new PlayerNameIndex.Builder();
        readNames(connection, after, CATCH_UP_LIMIT, added);
        if (added.size() == 0) {
            return;
        }
        synchronized (this) {
            PlayerNameIndex current = names;
            int known = Math.max(current == null ? 0 : current.maxId(), recent.maxId());
            PlayerNameIndex more = added.build().above(known);
            recent = recent.plus(more);
            if (current != null && recent.size() > RECENT_MERGE) {
                names = current.plus(recent);
                recent = PlayerNameIndex.EMPTY;
            }
        }
    }

    private int readNames(Connection connection, int afterId, int limit, PlayerNameIndex.Builder into)
            throws SQLException {
        int read = 0;
        try (PreparedStatement ps = connection.prepareStatement("SELECT id, player_name FROM " + table
                + " WHERE id > ? ORDER BY id LIMIT ?")) {
            ps.setQueryTimeout(timeoutSeconds);
            ps.setFetchSize(Math.min(limit, 5000));
            ps.setInt(1, afterId);
            ps.setInt(2, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    into.add(rs.getInt(1), rs.getString(2));
                    read++;
                }
            }
        }
        synchronized (this) {
            queries++;
        }
        return read;
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
