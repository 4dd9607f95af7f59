package net.ledgernet.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything that reads one backend's Ledger database: its own small executor (so a slow backend only
 * ever occupies its own threads), its circuit breaker, its time codec and lookup caches, and the
 * keyset page query. All database work runs on the executor through {@link #call}, which never lets
 * the caller wait beyond a deadline.
 */
public final class BackendReader implements AutoCloseable {
    /** The columns a {@code ledger:action} packet needs, in the order {@link #mapRow} reads them. */
    private static final String[] COLUMNS = {"id", "action_id", "time", "x", "y", "z", "world_id", "object_id",
            "old_object_id", "source", "player_id", "extra_data", "rolled_back"};

    /** Work to run with a pooled connection on the backend's executor. */
    @FunctionalInterface
    public interface SqlWork<T> {
        T run(Connection connection, BackendReader reader) throws SQLException;
    }

    /** Resolved table names and the caches built on them, once the schema was found. */
    private record Schema(String actions, Map<LookupTable.Kind, LookupTable> lookups, PlayerDirectory players,
                          PageOrder order) {
    }

    /** One row as read, with the keyset position it occupies. */
    record Fetched(ActionRow row, KeysetPosition position) {
    }

    private final BackendDatabase database;
    private final FanOutSettings settings;
    private final TimeCodec codec;
    private final CircuitBreaker breaker;
    private final ThreadPoolExecutor executor;
    private volatile Schema schema;
    /** Rows read by page queries: lets tests check that a deep page reads no more than page 1. */
    private final java.util.concurrent.atomic.LongAdder rowsRead = new java.util.concurrent.atomic.LongAdder();

    BackendReader(BackendDatabase database, FanOutSettings settings) {
        this.database = database;
        this.settings = settings;
        this.codec = TimeCodec.of(database);
        this.breaker = new CircuitBreaker(settings.breakerThreshold(), settings.breakerCooldown(), settings.clock());
        int threads = Math.max(1, Math.min(settings.maxThreadsPerBackend(), database.config().database().pool().size()));
        AtomicInteger n = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(settings.queuePerBackend()), r -> {
                    Thread t = new Thread(r, "LedgerNet-" + database.backend() + "-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                }, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
    }

    public String backend() {
        return database.backend();
    }

    public BackendDatabase database() {
        return database;
    }

    public TimeCodec codec() {
        return codec;
    }

    public CircuitBreaker breaker() {
        return breaker;
    }

    /**
     * Runs {@code work} on this backend's executor with a connection. The future completes within
     * {@code deadline} either way: on failure or timeout with a {@link BackendUnavailableException}.
     * The breaker is consulted first (fail fast while open) and told the outcome exactly once; a
     * timeout counts as a failure even if the query finishes later.
     */
    public <T> CompletableFuture<T> call(SqlWork<T> work, Duration deadline) {
        if (!breaker.tryAcquire()) {
            return CompletableFuture.failedFuture(new BackendUnavailableException(new BackendFailure(
                    BackendFailure.Reason.BREAKER_OPEN, "circuit breaker open after repeated failures"
                    + breaker.retryAt().map(t -> ", next try after " + t).orElse("")), null));
        }
        CompletableFuture<T> result = new CompletableFuture<>();
        // Callers get the dependent future: they see the outcome only after the breaker has (dependents
        // of one future run in no guaranteed order).
        CompletableFuture<T> reported = result.whenComplete((value, error) -> {
            if (error == null) {
                breaker.onSuccess();
            } else {
                breaker.onFailure();
            }
        });
        AtomicReference<Connection> inUse = new AtomicReference<>();
        try {
            executor.execute(() -> {
                if (result.isDone()) {
                    return; // timed out while queued: do not load the database for nobody
                }
                try (Connection connection = database.connection()) {
                    inUse.set(connection);
                    boundWait(connection, deadline);
                    try {
                        if (!result.isDone()) {
                            result.complete(work.run(connection, this));
                        }
                    } finally {
                        inUse.set(null);
                    }
                } catch (SQLException | RuntimeException e) {
                    result.completeExceptionally(new BackendUnavailableException(
                            new BackendFailure(BackendFailure.Reason.ERROR, SchemaProbe.describe(e)), e));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new BackendUnavailableException(new BackendFailure(BackendFailure.Reason.BUSY,
                    "too many requests already waiting for this backend"), e));
            return reported;
        }
        CompletableFuture.delayedExecutor(deadline.toNanos(), TimeUnit.NANOSECONDS).execute(() -> {
            if (result.completeExceptionally(new BackendUnavailableException(new BackendFailure(
                    BackendFailure.Reason.TIMEOUT, "no answer within " + deadline.toMillis() + " ms"), null))) {
                abandon(inUse.get());
            }
        });
        return reported;
    }

    /**
     * A query still running past its deadline holds one of this backend's few threads until the
     * driver's socket timeout (query timeout + 5 s). Aborting its connection frees the thread sooner;
     * the pool is told not to hand that connection out again. The abort runs on a thread of its own:
     * MariaDB's driver first opens a new connection to send KILL, which can itself wait for the
     * connection timeout when the server is unreachable.
     */
    private void abandon(Connection connection) {
        if (connection == null) {
            return;
        }
        database.evict(connection);
        Thread aborter = new Thread(() -> {
            try {
                connection.abort(Runnable::run);
            } catch (SQLException | RuntimeException e) {
                // a driver without abort (SQLite, H2 files): the statement's query timeout still ends it
            }
        }, "LedgerNet-abort-" + backend());
        aborter.setDaemon(true);
        aborter.start();
    }

    /**
     * Bounds how long the driver waits on the socket to a little past the deadline, so a stalled
     * server frees this thread then, not at the socket timeout; aborting alone cannot, when the
     * server is unreachable. The pool resets the timeout when the connection comes back.
     */
    private static void boundWait(Connection connection, Duration deadline) {
        try {
            connection.setNetworkTimeout(Runnable::run, (int) Math.min(Integer.MAX_VALUE,
                    deadline.plus(ABANDON_GRACE).toMillis()));
        } catch (SQLException | RuntimeException e) {
            // embedded databases have no network to wait on
        }
    }

    /** How long past its deadline a request's socket may still wait. */
    private static final Duration ABANDON_GRACE = Duration.ofSeconds(1);

    /** Threads of this backend's executor running a request now: for tests of abandonment. */
    int busyThreads() {
        return executor.getActiveCount();
    }

    /** {@link #call} with the configured fan-out deadline. */
    public <T> CompletableFuture<T> call(SqlWork<T> work) {
        return call(work, settings.backendDeadline());
    }

    // ---- lookups, for resolving a search to this backend's ids (run them inside call()) ----

    /** The id of a lookup value here, reloading the table once (rate-limited) if unknown. */
    public OptionalInt lookupId(LookupTable.Kind kind, String value, Connection connection) throws SQLException {
        return schema(connection).lookups.get(kind).idOf(value, connection);
    }

    public Optional<String> lookupValue(LookupTable.Kind kind, int id, Connection connection) throws SQLException {
        return schema(connection).lookups.get(kind).valueOf(id, connection);
    }

    public LookupTable lookupTable(LookupTable.Kind kind, Connection connection) throws SQLException {
        return schema(connection).lookups.get(kind);
    }

    public PlayerDirectory players(Connection connection) throws SQLException {
        return schema(connection).players;
    }

    public List<PlayerDirectory.PlayerRecord> playersNamed(String name, Connection connection) throws SQLException {
        return players(connection).byName(name, connection);
    }

    public Optional<PlayerDirectory.PlayerRecord> player(UUID uuid, Connection connection) throws SQLException {
        return players(connection).byUuid(uuid, connection);
    }

    // ---- keyset pages ----

    /**
     * SQLite: a filter matching at least this many rows is paged by walking the time index (or, in id
     * order, the primary key).
     */
    static final int SQLITE_BROAD_FILTER = 2000;

    static SqlFragment pageQuery(SqlDialect dialect, String actionsTable, TimeCodec codec, ActionFilter filter,
                                 Optional<KeysetPosition> after, int limit) {
        return pageQuery(dialect, actionsTable, codec, filter, after, limit, false, PageOrder.TIME, false);
    }

    /**
     * The page query, newest first in {@code order}, strictly after {@code after} when given.
     * <ul>
     *   <li>{@link PageOrder#TIME}: {@code (time, id)}. The row-value comparison is spelled out, led by a
     *       redundant {@code time <= ?}: PostgreSQL only turns that into a bound on the time index, and
     *       without it reads every row newer than the cursor on each page (BENCHMARKS.md).
     *   <li>{@link PageOrder#ID}: {@code id} alone, as Ledger pages; the primary key and every
     *       single-column index serve it without a sort, so it needs no time index. With
     *       {@code sortMatches} the order is written {@code id + 0}, which no index serves: for a
     *       selective filter the planner then reads its matches from the filter's index and sorts
     *       those few, instead of walking the primary key back until it has found a page (MariaDB
     *       does that for a block box or an ore, reading most of the table).
     * </ul>
     */
    static SqlFragment pageQuery(SqlDialect dialect, String actionsTable, TimeCodec codec, ActionFilter filter,
                                 Optional<KeysetPosition> after, int limit, boolean withoutIdIndexes, PageOrder order,
                                 boolean sortMatches) {
        String time = dialect.ledgerColumn("time");
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < COLUMNS.length; i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.ledgerColumn(COLUMNS[i]));
        }
        SqlFragment where = filter.toSql(dialect, codec, withoutIdIndexes);
        sql.append(" FROM ").append(actionsTable).append(" WHERE ").append(where.sql());
        List<Object> params = new ArrayList<>(where.parameters());
        if (after.isPresent() && order == PageOrder.ID) {
            sql.append(" AND id < ?");
            params.add(after.get().id());
        } else if (after.isPresent()) {
            sql.append(" AND ").append(time).append(" <= ? AND (").append(time).append(" < ? OR (").append(time)
                    .append(" = ? AND id < ?))");
            Object stored = codec.storedParameter(after.get().storedTime());
            params.add(stored);
            params.add(stored);
            params.add(stored);
            params.add(after.get().id());
        }
        sql.append(order == PageOrder.TIME ? " ORDER BY " + time + " DESC, id DESC LIMIT ?"
                : sortMatches ? " ORDER BY id + 0 DESC LIMIT ?" : " ORDER BY id DESC LIMIT ?");
        params.add(limit);
        return new SqlFragment(sql.toString(), params);
    }

    /**
     * The order this backend's rows are read in: by time where the database has Ledger's
     * {@code actions_time} index, else by id. Empty until the schema was first read (on the first
     * request); a database gaining the index is seen after {@code /lgn reload}.
     */
    public Optional<PageOrder> order() {
        Schema s = schema;
        return s == null ? Optional.empty() : Optional.of(s.order);
    }

    /**
     * Reads the schema now (tables, lookups, page order) instead of on the first search; the future
     * completes with the order, or fails as a request would (the next request then tries again).
     */
    public CompletableFuture<PageOrder> prepare() {
        return call((c, r) -> r.schema(c).order);
    }

    /**
     * Matching rows, counted up to {@code cap}: reads at most {@code cap} index entries or rows, so it
     * stays cheap on a huge table, unlike Ledger's COUNT(*) per page. Blocking.
     */
    long countUpTo(Connection connection, ActionFilter filter, int cap) throws SQLException {
        if (filter.noneMatch()) {
            return 0;
        }
        SqlFragment where = filter.toSql(database.dialect(), codec);
        List<Object> params = new ArrayList<>(where.parameters());
        params.add(cap);
        try (PreparedStatement ps = connection.prepareStatement("SELECT COUNT(*) FROM (SELECT id FROM "
                + schema(connection).actions + " WHERE " + where.sql() + " LIMIT ?) capped")) {
            ps.setQueryTimeout(timeoutSeconds());
            bind(ps, params);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Where a player's action nearest to {@code time} was: the first at or after it, else the last before it. */
    Optional<NetworkPlayers.LastPosition> positionNear(Connection connection, int playerId, Instant time)
            throws SQLException {
        Schema s = schema(connection);
        String t = database.dialect().ledgerColumn("time");
        String select = "SELECT x, y, z, world_id, " + t + " FROM " + s.actions + " WHERE player_id = ? AND " + t;
        for (NetworkPlayers.Basis basis : NetworkPlayers.Basis.values()) {
            String sql = select + (basis == NetworkPlayers.Basis.FIRST_ACTION_AFTER_LAST_JOIN
                    ? " >= ? ORDER BY " + t + " ASC, id ASC LIMIT 1"
                    : " < ? ORDER BY " + t + " DESC, id DESC LIMIT 1");
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                ps.setQueryTimeout(timeoutSeconds());
                ps.setInt(1, playerId);
                codec.bind(ps, 2, time);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return Optional.of(new NetworkPlayers.LastPosition(backend(),
                                value(s, LookupTable.Kind.WORLD, rs.getInt(4), connection), rs.getInt(1), rs.getInt(2),
                                rs.getInt(3), codec.read(rs, 5), basis));
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Up to {@code limit} matching rows after {@code after}, newest first, lookups resolved. Blocking. */
    List<Fetched> fetchPage(Connection connection, ActionFilter filter, Optional<KeysetPosition> after, int limit)
            throws SQLException {
        if (filter.noneMatch()) {
            return List.of();
        }
        Schema s = schema(connection);
        // SQLite picks a lookup-id index for a broad filter and sorts every match before the LIMIT.
        // Keeping those indexes out leaves it the location index for a block box, and the time index
        // otherwise; a capped count (it stops at the cap) tells a broad filter from a selective one,
        // which an id index still serves best.
        // In id order the same holds for several ids in one IN list (one id's index entries are already in
        // id order, several ids' are not) and for the object OR; without the id indexes SQLite walks the
        // primary key backwards.
        // A stream keeps the order it started in, so its positions stay comparable.
        PageOrder order = after.map(KeysetPosition::order).orElse(s.order);
        boolean sqlite = database.dialect() == SqlDialect.SQLITE;
        boolean withoutIdIndexes = sqlite && (filter.bounds().isPresent()
                || countUpTo(connection, filter, SQLITE_BROAD_FILTER) >= SQLITE_BROAD_FILTER);
        // In id order, an equality on one lookup column is read from that column's index already in id
        // order; a block box or an object (object_id OR old_object_id) is not, and the planner may then
        // walk the primary key back through most of the table looking for a page: sort their matches.
        // (No count decides it: without a time index, counting a time-bounded filter costs as much as
        // Ledger's own COUNT.)
        boolean sortMatches = order == PageOrder.ID && (filter.bounds().isPresent()
                || !filter.objects().allowed().isEmpty());
        SqlFragment query = pageQuery(database.dialect(), s.actions, codec, filter, after, limit, withoutIdIndexes,
                order, sortMatches);
        List<RawRow> raw = new ArrayList<>(limit);
        try (PreparedStatement ps = connection.prepareStatement(query.sql())) {
            ps.setQueryTimeout(timeoutSeconds());
            ps.setFetchSize(limit);
            bind(ps, query.parameters());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    raw.add(mapRow(rs));
                }
                rowsRead.add(raw.size());
            }
        }
        Set<Integer> playerIds = new HashSet<>();
        for (RawRow r : raw) {
            if (r.player != null) {
                playerIds.add(r.player);
            }
        }
        Map<Integer, PlayerDirectory.PlayerRecord> players = playerIds.isEmpty() ? Map.of()
                : s.players.byIds(playerIds, connection);
        List<Fetched> out = new ArrayList<>(raw.size());
        for (RawRow r : raw) {
            PlayerDirectory.PlayerRecord p = r.player == null ? null : players.get(r.player);
            ActionRow row = new ActionRow(backend(), r.id, codec.decodeStored(r.storedTime),
                    value(s, LookupTable.Kind.ACTION, r.action, connection), r.x, r.y, r.z,
                    value(s, LookupTable.Kind.WORLD, r.world, connection),
                    value(s, LookupTable.Kind.OBJECT, r.object, connection),
                    value(s, LookupTable.Kind.OBJECT, r.oldObject, connection),
                    value(s, LookupTable.Kind.SOURCE, r.source, connection),
                    Optional.ofNullable(p).map(PlayerDirectory.PlayerRecord::uuid),
                    r.player == null ? Optional.empty()
                            : Optional.of(p == null ? "unknown#" + r.player : p.name()),
                    Optional.ofNullable(r.extraData), r.rolledBack);
            out.add(new Fetched(row, new KeysetPosition(r.storedTime, r.id, order)));
        }
        return out;
    }

    private record RawRow(long id, int action, String storedTime, int x, int y, int z, int world, int object,
                          int oldObject, int source, Integer player, String extraData, boolean rolledBack) {
    }

    private RawRow mapRow(ResultSet rs) throws SQLException {
        int player = rs.getInt(11);
        Integer playerId = rs.wasNull() ? null : player;
        return new RawRow(rs.getLong(1), rs.getInt(2), codec.readStored(rs, 3), rs.getInt(4), rs.getInt(5),
                rs.getInt(6), rs.getInt(7), rs.getInt(8), rs.getInt(9), rs.getInt(10), playerId, rs.getString(12),
                rs.getBoolean(13));
    }

    private static String value(Schema s, LookupTable.Kind kind, int id, Connection connection) throws SQLException {
        return s.lookups.get(kind).valueOf(id, connection).orElse("ledgernet:unknown/" + id);
    }

    static void bind(PreparedStatement ps, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object p = params.get(i);
            if (p instanceof Integer v) {
                ps.setInt(i + 1, v);
            } else if (p instanceof Long v) {
                ps.setLong(i + 1, v);
            } else if (p instanceof Boolean v) {
                ps.setBoolean(i + 1, v);
            } else if (p instanceof String v) {
                ps.setString(i + 1, v); // only SQLite's encoded times
            } else if (p instanceof java.time.LocalDateTime v) {
                ps.setObject(i + 1, v);
            } else {
                throw new IllegalArgumentException("unexpected parameter type " + p.getClass());
            }
        }
    }

    long rowsRead() {
        return rowsRead.sum();
    }

    int timeoutSeconds() {
        return (int) Math.max(1, (database.queryTimeout().toMillis() + 999) / 1000);
    }

    private Schema schema(Connection connection) throws SQLException {
        Schema s = schema;
        if (s == null) {
            synchronized (this) {
                s = schema;
                if (s == null) {
                    s = loadSchema(connection);
                    schema = s;
                }
            }
        }
        return s;
    }

    private Schema loadSchema(Connection connection) throws SQLException {
        Map<String, String> tables = SchemaProbe.tables(connection, database);
        List<String> missing = new ArrayList<>();
        for (String t : SchemaReport.LEDGER_TABLES) {
            if (!tables.containsKey(t)) {
                missing.add(t);
            }
        }
        if (!missing.isEmpty()) {
            // Not cached: the next call looks again (Ledger may not have created them yet).
            throw new SQLException("not a Ledger database: missing tables " + missing);
        }
        Map<LookupTable.Kind, LookupTable> lookups = new EnumMap<>(LookupTable.Kind.class);
        for (LookupTable.Kind kind : LookupTable.Kind.values()) {
            lookups.put(kind, new LookupTable(kind, database.dialect(), database.qualify(tables.get(kind.table())),
                    settings.clock(), settings.lookupRefresh(), settings.missReload(), timeoutSeconds()));
        }
        PlayerDirectory players = new PlayerDirectory(database.dialect(), database.qualify(tables.get("players")),
                codec, settings.clock(), settings.lookupRefresh(), settings.missReload(), settings.playerCacheSize(),
                timeoutSeconds());
        boolean timeIndex = SchemaProbe.hasTimeIndex(connection, database, tables.get("actions"));
        return new Schema(database.qualify(tables.get("actions")), Map.copyOf(lookups), players,
                timeIndex ? PageOrder.TIME : PageOrder.ID);
    }

    /**
     * Stops taking requests; requests already running finish (bounded by their query timeout and the
     * deadline's abort). Never interrupts them: interrupting a thread inside an embedded H2 database
     * closes that database for the whole JVM ("The database has been closed"), so a reload during an H2
     * search would break the backend until restart.
     */
    @Override
    public void close() {
        executor.shutdown();
    }

    @Override
    public String toString() {
        return "BackendReader[" + backend() + ", " + breaker + "]";
    }
}
