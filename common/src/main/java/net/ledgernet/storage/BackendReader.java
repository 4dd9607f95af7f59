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
    /** boxHint: what follows the actions table in a block box's time-ordered page query (MariaDB/MySQL). */
    private record Schema(String actions, Map<LookupTable.Kind, LookupTable> lookups, PlayerDirectory players,
                          PageOrder order, String boxHint) {
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
     * The breaker is consulted first (fail fast while open) and told the outcome exactly once, as
     * {@link #judge} weighs it: only the backend's own faults count against it, since it acts for
     * every user; a request refused or queued out because of the load users put on it does not.
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
        CompletableFuture<T> reported = result.whenComplete((value, error) -> report(error));
        AtomicReference<Connection> inUse = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean connecting = new java.util.concurrent.atomic.AtomicBoolean();
        long started = System.nanoTime();
        try {
            executor.execute(() -> {
                if (result.isDone()) {
                    return; // timed out while queued: do not load the database for nobody
                }
                connecting.set(true);
                Duration left = deadline.minusNanos(System.nanoTime() - started);
                try (Connection connection = database.connection(left.isNegative() ? Duration.ZERO : left)) {
                    connecting.set(false);
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
                            new BackendFailure(BackendFailure.Reason.ERROR, SchemaProbe.describe(e, database)), e));
                }
            });
        } catch (RejectedExecutionException e) {
            result.completeExceptionally(new BackendUnavailableException(new BackendFailure(BackendFailure.Reason.BUSY,
                    "too many requests already waiting for this backend"), e));
            return reported;
        }
        CompletableFuture.delayedExecutor(deadline.toNanos(), TimeUnit.NANOSECONDS).execute(() -> {
            BackendFailure failure = timedOut(deadline, connecting.get());
            // A known reason why connecting fails is the backend's fault, whatever the timer says.
            Throwable cause = failure.reason() == BackendFailure.Reason.ERROR
                    ? new java.sql.SQLTransientConnectionException(failure.detail()) : null;
            if (result.completeExceptionally(new BackendUnavailableException(failure, cause))) {
                abandon(inUse.get());
            }
        });
        return reported;
    }

    /** What an outcome says about the backend. */
    enum Verdict {
        /** It answered. */
        HEALTHY,
        /** A fault of the backend: it could not be reached, or a bounded query could not run. */
        FAULT,
        /** Nothing: the request was refused (load, the requester's problem), or failed fast by itself. */
        NEUTRAL,
        /**
         * The request ran out of time: an expensive query, a queue full of others' requests, or a stalled
         * backend; a probe query of bounded cost decides.
         */
        ASK_PROBE
    }

    private void report(Throwable error) {
        switch (judge(error)) {
            case HEALTHY -> breaker.onSuccess();
            case FAULT -> breaker.onFailure();
            case NEUTRAL -> breaker.onNeutral();
            case ASK_PROBE -> {
                breaker.onNeutral();
                probeLater();
            }
        }
    }

    /**
     * Weighs an outcome for the breaker. A BUSY refusal (too many requests queued: load that users put
     * on the backend) and an SQL error that is neither a connection failure nor a timeout (a missing
     * table, say: it fails fast and harms nobody) count for nothing. A connection failure is the
     * backend's. A request that ran out of time may have run an expensive query (a search over
     * millions of rows), waited behind other users' requests, or met a stalled database: a cheap probe
     * query, whose cost LedgerNet bounds, tells them apart.
     */
    static Verdict judge(Throwable error) {
        if (error == null) {
            return Verdict.HEALTHY;
        }
        Throwable e = error instanceof java.util.concurrent.CompletionException && error.getCause() != null
                ? error.getCause() : error;
        if (!(e instanceof BackendUnavailableException unavailable)) {
            return Verdict.NEUTRAL;
        }
        return switch (unavailable.failure().reason()) {
            case TIMEOUT -> Verdict.ASK_PROBE;
            case ERROR -> connectionFailure(e.getCause()) ? Verdict.FAULT
                    : queryTimeout(e.getCause()) ? Verdict.ASK_PROBE : Verdict.NEUTRAL;
            default -> Verdict.NEUTRAL;
        };
    }

    /** The database could not be reached, or the connection to it broke. */
    static boolean connectionFailure(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BackendDatabase.ShareExhaustedException) {
                return false;
            }
            if (t instanceof java.sql.SQLTransientConnectionException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof java.sql.SQLRecoverableException
                    || t instanceof java.net.SocketException || t instanceof java.net.UnknownHostException
                    || t instanceof java.io.EOFException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
                return true;
            }
        }
        return false;
    }

    /** A statement cancelled by its query timeout (JDBC, PostgreSQL/H2 57014, MariaDB 70100, SQLite interrupt). */
    static boolean queryTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof java.sql.SQLTimeoutException || t instanceof java.net.SocketTimeoutException) {
                return true;
            }
            if (t instanceof SQLException sql && ("57014".equals(sql.getSQLState())
                    || "70100".equals(sql.getSQLState())
                    || sql.getErrorCode() == 9 && t.getClass().getName().equals("org.sqlite.SQLiteException"))) {
                return true;
            }
        }
        return false;
    }

    // ---- the probe: is a backend whose query ran out of time at fault? ----

    /** Timeouts waiting for the probe's verdict; each one counts as a failure if the probe fails. */
    private final AtomicInteger awaitingProbe = new AtomicInteger();
    private final java.util.concurrent.atomic.AtomicBoolean probing = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.LongAdder probes = new java.util.concurrent.atomic.LongAdder();

    private void probeLater() {
        awaitingProbe.incrementAndGet();
        if (probing.compareAndSet(false, true)) {
            probe().thenAccept(this::deliverProbe);
        }
    }

    /** Every timeout that waited for this verdict is counted by it; timeouts since then get a new probe. */
    private void deliverProbe(boolean healthy) {
        int asked = awaitingProbe.getAndSet(0);
        if (healthy) {
            breaker.onSuccess();
        } else {
            for (int i = 0; i < asked; i++) {
                breaker.onFailure();
            }
        }
        probing.set(false);
        if (awaitingProbe.get() > 0 && probing.compareAndSet(false, true)) {
            probe().thenAccept(this::deliverProbe);
        }
    }

    /**
     * One cheap query of known cost, on a connection of its own outside the pool (whose connections
     * may all be busy with the slow requests that raised the question): the newest action's id, one
     * step down the primary key. Healthy when it answers within the fan-out deadline; the verdict
     * comes at the deadline at the latest, and the probe's connection is then aborted.
     */
    CompletableFuture<Boolean> probe() {
        probes.increment();
        Duration deadline = settings.backendDeadline();
        Schema s = schema;
        String sql = s == null ? "SELECT 1" : "SELECT id FROM " + s.actions + " ORDER BY id DESC LIMIT 1";
        AtomicReference<Connection> open = new AtomicReference<>();
        CompletableFuture<Boolean> verdict = new CompletableFuture<>();
        CompletableFuture.delayedExecutor(deadline.toNanos(), TimeUnit.NANOSECONDS).execute(() -> {
            if (verdict.complete(false)) {
                abandon(open.get(), false);
            }
        });
        Thread t = new Thread(() -> {
            try (Connection c = database.unpooledConnection()) {
                open.set(c);
                if (verdict.isDone()) {
                    return;
                }
                boundWait(c, deadline);
                try (java.sql.Statement st = c.createStatement()) {
                    st.setQueryTimeout((int) Math.max(1, (deadline.toMillis() + 999) / 1000));
                    try (ResultSet rs = st.executeQuery(sql)) {
                        rs.next();
                    }
                }
                verdict.complete(true);
            } catch (SQLException | RuntimeException e) {
                verdict.complete(false);
            }
        }, "LedgerNet-probe-" + backend());
        t.setDaemon(true);
        t.start();
        return verdict;
    }

    /** Whether a probe or timeouts waiting for one are pending: for tests. */
    boolean probesInFlight() {
        return probing.get() || awaitingProbe.get() > 0;
    }

    /** Probe queries run so far: for tests. */
    long probes() {
        return probes.sum();
    }

    /**
     * What a request that ran out of time reports: while it still waited for a connection, the real reason
     * connecting fails when one is known (access denied, connection refused, ...), rather than a timeout.
     */
    private BackendFailure timedOut(Duration deadline, boolean stillConnecting) {
        if (stillConnecting) {
            return database.recentConnectionFailure(Duration.ofMinutes(1))
                    .map(cause -> new BackendFailure(BackendFailure.Reason.ERROR, cause))
                    .orElseGet(() -> new BackendFailure(BackendFailure.Reason.TIMEOUT, "no connection within "
                            + deadline.toMillis() + " ms"));
        }
        return new BackendFailure(BackendFailure.Reason.TIMEOUT, "no answer within " + deadline.toMillis() + " ms");
    }

    /**
     * A query still running past its deadline holds one of this backend's few threads until the
     * driver's socket timeout (query timeout + 5 s). Aborting its connection frees the thread sooner;
     * the pool is told not to hand that connection out again. The abort runs on a thread of its own:
     * MariaDB's driver first opens a new connection to send KILL, which can itself wait for the
     * connection timeout when the server is unreachable.
     */
    private void abandon(Connection connection) {
        abandon(connection, true);
    }

    /** @param pooled whether the connection came from the pool (the probe's does not) */
    private void abandon(Connection connection, boolean pooled) {
        if (connection == null) {
            return;
        }
        if (pooled) {
            database.evict(connection);
        }
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

    /**
     * A lookup table as earlier requests cached it, without a connection (for typo hints); empty until a
     * request has read this backend's schema.
     */
    public Optional<LookupTable> cachedLookupTable(LookupTable.Kind kind) {
        Schema s = schema;
        return s == null ? Optional.empty() : Optional.ofNullable(s.lookups.get(kind)).filter(LookupTable::loaded);
    }

    public PlayerDirectory players(Connection connection) throws SQLException {
        return schema(connection).players;
    }

    public List<PlayerDirectory.PlayerRecord> playersNamed(String name, Connection connection) throws SQLException {
        return players(connection).byName(name, connection);
    }

    /** {@link PlayerDirectory#byNames}: all names of a search in one query by primary key at most. */
    public Map<String, List<PlayerDirectory.PlayerRecord>> playersNamed(java.util.Collection<String> names,
                                                                      Connection connection) throws SQLException {
        return players(connection).byNames(names, connection);
    }

    // ---- the player-name index, read in the background ----

    private final java.util.concurrent.atomic.AtomicBoolean scanningNames =
            new java.util.concurrent.atomic.AtomicBoolean();
    /** After a failed read of the name index, none is started again before this (nanoTime). */
    private volatile long nameScanRetryAfter = System.nanoTime();

    /**
     * Reads the player-name index, one chunk per request on this backend's executor so that a huge
     * {@code players} table never holds a thread, a connection or the queue for long. At most one
     * read runs at a time; a failed one (busy, timeout) is tried again after the miss interval.
     */
    private void scanPlayerNames() {
        if (System.nanoTime() - nameScanRetryAfter < 0 || !scanningNames.compareAndSet(false, true)) {
            return;
        }
        nextNameChunk();
    }

    private void nextNameChunk() {
        call((c, r) -> r.players(c).scanChunk(c)).whenComplete((more, error) -> {
            if (error == null && more) {
                nextNameChunk();
                return;
            }
            if (error != null) {
                Schema s = schema;
                if (s != null) {
                    s.players.abandonScan();
                }
                nameScanRetryAfter = System.nanoTime() + settings.missReload().toNanos();
            }
            scanningNames.set(false);
        });
    }

    /**
     * Starts reading the player-name index now (it is otherwise read on the first search by name);
     * the future completes when it is read. For a warm start and for benchmarks.
     */
    public CompletableFuture<Boolean> prepareNames() {
        return call((c, r) -> {
            r.players(c).prepareNames();
            return true;
        }).thenCompose(ignored -> {
            CompletableFuture<Boolean> done = new CompletableFuture<>();
            waitForNames(done, System.nanoTime() + settings.backendDeadline().toNanos() * 20);
            return done;
        });
    }

    private void waitForNames(CompletableFuture<Boolean> done, long giveUpAt) {
        Schema s = schema;
        if (s != null && s.players.namesIndexed() && !scanningNames.get()) {
            done.complete(true);
        } else if (System.nanoTime() - giveUpAt > 0) {
            done.complete(false);
        } else {
            CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS).execute(() -> waitForNames(done, giveUpAt));
        }
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
     *       without it reads every row newer than the cursor on each page (BENCHMARKS.md). MariaDB/MySQL
     *       read a block box without the time index ({@code IGNORE INDEX}, see {@link #planPage}).
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
        Map<Integer, Optional<NetworkPlayers.LastPosition>> out = new java.util.HashMap<>();
        positionsNear(connection, Map.of(playerId, time), out, Long.MAX_VALUE);
        return out.get(playerId);
    }

    /** Players per position statement: one {@code UNION ALL} branch each, two parameters a branch. */
    static final int POSITION_CHUNK = 64;

    /**
     * {@link #positionNear} for many players, {@value #POSITION_CHUNK} per statement (a {@code UNION ALL}
     * of one-row queries, each served by the player id index), and the fallback in one more statement
     * per chunk for those without an action since their join. Answers go into {@code into} chunk by
     * chunk (the caller keeps them even when this call runs out of time), and no new chunk starts after
     * {@code stopAtNanos}: players not in {@code into} were not answered.
     */
    void positionsNear(Connection connection, Map<Integer, Instant> lastJoins,
                       Map<Integer, Optional<NetworkPlayers.LastPosition>> into, long stopAtNanos) throws SQLException {
        Schema s = schema(connection);
        List<Map.Entry<Integer, Instant>> players = new ArrayList<>(lastJoins.entrySet());
        for (int from = 0; from < players.size(); from += POSITION_CHUNK) {
            if (from > 0 && System.nanoTime() - stopAtNanos > 0) {
                return;
            }
            List<Map.Entry<Integer, Instant>> chunk = players.subList(from, Math.min(players.size(), from + POSITION_CHUNK));
            Map<Integer, NetworkPlayers.LastPosition> found = new java.util.HashMap<>();
            positions(connection, s, chunk, NetworkPlayers.Basis.FIRST_ACTION_AFTER_LAST_JOIN, found);
            List<Map.Entry<Integer, Instant>> rest = chunk.stream().filter(e -> !found.containsKey(e.getKey())).toList();
            if (!rest.isEmpty()) {
                positions(connection, s, rest, NetworkPlayers.Basis.LAST_ACTION_BEFORE_LAST_JOIN, found);
            }
            for (Map.Entry<Integer, Instant> e : chunk) {
                into.put(e.getKey(), Optional.ofNullable(found.get(e.getKey())));
            }
        }
    }

    private void positions(Connection connection, Schema s, List<Map.Entry<Integer, Instant>> players,
                           NetworkPlayers.Basis basis, Map<Integer, NetworkPlayers.LastPosition> found)
            throws SQLException {
        String t = database.dialect().ledgerColumn("time");
        String branch = "SELECT player_id, x, y, z, world_id, " + t + " FROM " + s.actions + " WHERE player_id = ? AND "
                + t + (basis == NetworkPlayers.Basis.FIRST_ACTION_AFTER_LAST_JOIN
                ? " >= ? ORDER BY " + t + " ASC, id ASC LIMIT 1" : " < ? ORDER BY " + t + " DESC, id DESC LIMIT 1");
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < players.size(); i++) {
            // A derived table per branch: the one form of ORDER BY ... LIMIT inside UNION ALL that every
            // dialect accepts (SQLite allows neither parentheses nor a LIMIT on a compound's members).
            sql.append(i == 0 ? "" : " UNION ALL ").append("SELECT * FROM (").append(branch).append(") p").append(i);
        }
        try (PreparedStatement ps = connection.prepareStatement(sql.toString())) {
            ps.setQueryTimeout(timeoutSeconds());
            for (int i = 0; i < players.size(); i++) {
                ps.setInt(2 * i + 1, players.get(i).getKey());
                codec.bind(ps, 2 * i + 2, players.get(i).getValue());
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    found.put(rs.getInt(1), new NetworkPlayers.LastPosition(backend(),
                            value(s, LookupTable.Kind.WORLD, rs.getInt(5), connection), rs.getInt(2), rs.getInt(3),
                            rs.getInt(4), codec.read(rs, 6), basis));
                }
            }
        }
    }

    /** The page query {@link #fetchPage} runs, and the order its stream is read in. */
    record PlannedPage(SqlFragment query, PageOrder order) {
    }

    /** Chooses the page query's shape for this backend's schema and the filter. Blocking (a capped count on SQLite). */
    PlannedPage planPage(Connection connection, ActionFilter filter, Optional<KeysetPosition> after, int limit)
            throws SQLException {
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
        // Ledger's own COUNT.) Except an object filter SQLite's capped count found broad: its id indexes
        // are kept out, so the primary key walked back finds a page in a few thousand rows, where sorting
        // the matches would read and sort the whole table (an ore over 7 days on 10M rows: 2 ms against
        // 3.3 s, BENCHMARKS.md).
        boolean sortMatches = order == PageOrder.ID && (filter.bounds().isPresent()
                || !filter.objects().allowed().isEmpty() && !withoutIdIndexes);
        // A block box holds a handful of rows, but MariaDB estimates that walking the time index back finds 8 of
        // them soon and does so, through every row of a backend where the box has none (10M rows: over 30 s,
        // BENCHMARKS.md). Kept off the time index it reads the box from actions_by_location and sorts the few.
        String from = order == PageOrder.TIME && filter.bounds().isPresent() ? s.actions + s.boxHint : s.actions;
        return new PlannedPage(pageQuery(database.dialect(), from, codec, filter, after, limit, withoutIdIndexes,
                order, sortMatches), order);
    }

    /** Up to {@code limit} matching rows after {@code after}, newest first, lookups resolved. Blocking. */
    List<Fetched> fetchPage(Connection connection, ActionFilter filter, Optional<KeysetPosition> after, int limit)
            throws SQLException {
        if (filter.noneMatch()) {
            return List.of();
        }
        Schema s = schema(connection);
        PlannedPage planned = planPage(connection, filter, after, limit);
        PageOrder order = planned.order();
        SqlFragment query = planned.query();
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
            Optional<String> absent = SchemaProbe.missingNamespace(connection, database);
            throw new SQLException(absent.orElse("not a Ledger database: missing tables " + missing));
        }
        Map<LookupTable.Kind, LookupTable> lookups = new EnumMap<>(LookupTable.Kind.class);
        for (LookupTable.Kind kind : LookupTable.Kind.values()) {
            lookups.put(kind, new LookupTable(kind, database.dialect(), database.qualify(tables.get(kind.table())),
                    settings.clock(), settings.lookupRefresh(), settings.missReload(), timeoutSeconds()));
        }
        PlayerDirectory players = new PlayerDirectory(database.dialect(), database.qualify(tables.get("players")),
                codec, settings.clock(), settings.lookupRefresh(), settings.missReload(), settings.playerCacheSize(),
                timeoutSeconds(), this::scanPlayerNames);
        boolean timeIndex = SchemaProbe.hasTimeIndex(connection, database, tables.get("actions"));
        String boxHint = "";
        if (timeIndex && database.dialect().mysqlLike()) {
            // By the name the catalog reports (Ledger's is actions_time): IGNORE INDEX of a missing name is an error.
            boxHint = SchemaProbe.timeIndexName(connection, database, tables.get("actions"))
                    .map(n -> " IGNORE INDEX (`" + n.replace("`", "``") + "`)").orElse("");
        }
        return new Schema(database.qualify(tables.get("actions")), Map.copyOf(lookups), players,
                timeIndex ? PageOrder.TIME : PageOrder.ID, boxHint);
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
