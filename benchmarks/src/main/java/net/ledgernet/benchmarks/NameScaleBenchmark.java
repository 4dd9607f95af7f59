package net.ledgernet.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import net.ledgernet.config.ConfigFile;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.search.SearchParser;
import net.ledgernet.storage.ActionFanOut;
import net.ledgernet.storage.BackendDatabases;
import net.ledgernet.storage.BackendReader;
import net.ledgernet.storage.FanOutSettings;
import net.ledgernet.storage.MergedPage;
import net.ledgernet.storage.NetworkSearch;
import net.ledgernet.storage.SqlDialect;
import net.ledgernet.sample.LedgerSchema;
import net.ledgernet.sample.SampleNetworkGenerator;
import net.ledgernet.sample.SampleSpec;

/**
 * Name resolution at scale (issue 11 item 7), the {@code --scale} part of the fan-out benchmark: one backend of
 * many players per dialect, searches with 32 {@code source:} names, and a third player's search while two
 * others repeat such searches back to back. Run through {@link FanOutBenchmark} with {@code --scale}:
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar net.ledgernet.benchmarks.FanOutBenchmark --scale \
 *     --dialects mariadb,postgresql,sqlite --players 500000 --actions 10000000
 * </pre>
 *
 * Options: {@code --reps 50 --warmup 5 --burst-seconds 20 --burst-rate 0} (searches per second per attacker;
 * 0 = back to back) {@code --prefix lnscale_big_} (measure backend 1 of the fan-out benchmark's data under that prefix
 * instead of {@code ledgernet_scale_<players>_<actions>}) {@code --dir benchmarks/target/fanout-data
 * --out benchmarks/target/name-scale-results.md --setup-only}.
 */
public final class NameScaleBenchmark {
    private static final int NAMES = 32;
    private static final int PAGE_SIZE = 8;
    private static double burstRate;

    private record Stats(int n, double p50, double p99) {
        String ms() {
            return FanOutBenchmark.fmt(p50) + " / " + FanOutBenchmark.fmt(p99);
        }
    }

    private record Result(SqlDialect dialect, String version, long indexMillis, int indexed, double perNameLookupMs,
                          Stats madeUp, Stats real, int realRows, Stats quiet, Burst madeUpBurst, Burst realBurst,
                          String quietSearch, String breakers) {
    }

    /** The third player's search while two others repeat {@code attack}, and how many attacks ran per second. */
    private record Burst(Stats third, long perSecond) {
    }

    private static Burst burst(String label, NetworkSearch search, String quietSearch, Runnable attack, int reps,
                               int seconds) throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        List<Thread> attackers = new ArrayList<>();
        for (int a = 0; a < 2; a++) {
            Thread t = new Thread(() -> {
                long next = System.nanoTime();
                while (!stop.get()) {
                    attack.run();
                    done.incrementAndGet();
                    if (burstRate > 0) {
                        next += (long) (1e9 / burstRate);
                        long wait = next - System.nanoTime();
                        if (wait > 0) {
                            java.util.concurrent.locks.LockSupport.parkNanos(wait);
                        }
                    }
                }
            }, "attacker-" + a);
            t.start();
            attackers.add(t);
        }
        Thread.sleep(1000);
        long before = done.get();
        long t0 = System.nanoTime();
        Stats third = measureFor(label, () -> run(search, quietSearch), reps, seconds);
        double secs = (System.nanoTime() - t0) / 1e9;
        long perSecond = Math.round((done.get() - before) / secs);
        stop.set(true);
        for (Thread t : attackers) {
            t.join();
        }
        return new Burst(third, perSecond);
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, String> m = new HashMap<>();
        boolean setupOnly = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--setup-only")) {
                setupOnly = true;
            } else if (args[i].equals("--scale")) {
                continue;
            } else if (args[i].startsWith("--") && i + 1 < args.length) {
                m.put(args[i].substring(2), args[++i]);
            } else {
                throw new IllegalArgumentException("unexpected argument " + args[i]);
            }
        }
        List<SqlDialect> dialects = Arrays.stream(m.getOrDefault("dialects", "mariadb,postgresql,sqlite").split(","))
                .map(s -> switch (s.trim().toLowerCase(Locale.ROOT)) {
                    case "mariadb" -> SqlDialect.MARIADB;
                    case "postgresql", "postgres" -> SqlDialect.POSTGRESQL;
                    case "sqlite" -> SqlDialect.SQLITE;
                    default -> throw new IllegalArgumentException("unknown dialect " + s);
                }).toList();
        int players = Integer.parseInt(m.getOrDefault("players", "500000"));
        int actions = Integer.parseInt(m.getOrDefault("actions", "10000000"));
        int reps = Integer.parseInt(m.getOrDefault("reps", "50"));
        int warmup = Integer.parseInt(m.getOrDefault("warmup", "5"));
        int burstSeconds = Integer.parseInt(m.getOrDefault("burst-seconds", "20"));
        // Searches per second per attacker; 0: back to back (one in flight, no rate limit).
        burstRate = Double.parseDouble(m.getOrDefault("burst-rate", "0"));
        Path dir = Path.of(m.getOrDefault("dir", "benchmarks/target/fanout-data"));
        Path out = Path.of(m.getOrDefault("out", "benchmarks/target/name-scale-results.md"));
        SampleSpec spec = FanOutData.base(players, actions);
        String prefix = m.get("prefix");

        // Setup in parallel, one thread per dialect (different servers); reused when complete.
        ExecutorService setup = Executors.newFixedThreadPool(dialects.size());
        Map<SqlDialect, Future<FanOutData.Backend>> pending = new LinkedHashMap<>();
        for (SqlDialect d : dialects) {
            // With --prefix: backend 1 of the fan-out benchmark's data under that prefix (same seed and size).
            pending.put(d, setup.submit(() -> prefix == null ? FanOutData.ensureScale(d, spec, dir)
                    : FanOutData.ensure(d, 1, spec, dir, prefix).get(0)));
        }
        Map<SqlDialect, FanOutData.Backend> backends = new LinkedHashMap<>();
        for (var e : pending.entrySet()) {
            backends.put(e.getKey(), e.getValue().get());
        }
        setup.shutdown();
        if (setupOnly) {
            System.exit(0);
        }
        List<Result> results = new ArrayList<>();
        for (var e : backends.entrySet()) {
            results.add(run(e.getValue(), reps, warmup, burstSeconds));
        }
        String report = report(results, players, actions, reps, burstSeconds);
        System.out.println(report);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        FanOutData.log("wrote " + out);
        System.exit(0);
    }

    private static LedgerNetConfig config(FanOutData.Backend b) throws Exception {
        String yaml = """
                config-version: 1
                database-servers:
                  mariadb:
                    url: "%s"
                    user: root
                  postgres:
                    url: "%s"
                    user: postgres
                backends:
                  big:
                """.formatted(FanOutData.MARIADB_ADMIN, FanOutData.POSTGRES_URL)
                + switch (b.dialect()) {
                    case MARIADB -> "    server: mariadb\n    database: " + b.databaseOrSchema() + "\n";
                    case POSTGRESQL -> "    server: postgres\n    database: " + b.databaseOrSchema() + "\n";
                    default -> "    jdbc-url: \"" + b.jdbcUrl() + "\"\n";
                } + "    time-zone: UTC\n";
        Path tmp = Files.createTempDirectory("ledgernet-name-bench");
        Files.writeString(tmp.resolve(ConfigFile.FILE_NAME), yaml);
        return new ConfigFile(tmp).load();
    }

    /** Everything on one dialect, with LedgerNet's default pool, executors and deadline (config.yml's defaults). */
    private static Result run(FanOutData.Backend b, int reps, int warmup, int burstSeconds) throws Exception {
        SqlDialect dialect = b.dialect();
        FanOutData.log(dialect + ": measuring name resolution");
        LedgerNetConfig config = config(b);
        try (BackendDatabases databases = BackendDatabases.open(config.backends().values());
             ActionFanOut fanOut = ActionFanOut.open(databases, FanOutSettings.defaults(config.limits()));
             Connection direct = b.connect()) {
            NetworkSearch search = new NetworkSearch(config, fanOut, Clock.fixed(FanOutData.END, ZoneOffset.UTC));
            BackendReader reader = fanOut.reader("big").orElseThrow();
            String version;
            try (Statement st = direct.createStatement(); ResultSet rs = st.executeQuery(
                    dialect == SqlDialect.SQLITE ? "SELECT sqlite_version()" : "SELECT version()")) {
                rs.next();
                version = rs.getString(1);
            }

            // What one name cost before: Ledger's players table has no index on player_name.
            List<String> real = realNames(direct);
            double perName = timeMs(() -> {
                try (PreparedStatement ps = direct.prepareStatement(
                        "SELECT id FROM players WHERE LOWER(player_name) = ?")) {
                    ps.setString(1, "zz_nobody_here");
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                    }
                }
                return null;
            }, 3);

            long t0 = System.nanoTime();
            if (!reader.prepareNames().join()) {
                throw new IllegalStateException("the name index was not read");
            }
            long indexMillis = (System.nanoTime() - t0) / 1_000_000;
            int indexed = reader.call((c, r) -> r.players(c).namesIndexedCount()).join();
            FanOutData.log(dialect + ": name index of " + indexed + " players read in " + indexMillis + " ms");

            // Fresh names for every search (two attackers draw them at once).
            Supplier<String> madeUpSearch = () -> {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < NAMES; i++) {
                    s.append(i == 0 ? "" : " ").append("source:zq").append(Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong() >>> 24));
                }
                return s.toString();
            };
            String realSearch = String.join(" ", real.stream().map(n -> "source:" + n).toList());
            String quietSearch = "source:" + activePlayer(direct, dialect) + " after:1d";

            Stats madeUp = measure(dialect + " 32 made-up names", () -> run(search, madeUpSearch.get()), reps, warmup);
            int realRows = run(search, realSearch).rows().size();
            Stats realStats = measure(dialect + " 32 real names", () -> run(search, realSearch), reps, warmup);
            Stats quiet = measure(dialect + " third player, quiet", () -> run(search, quietSearch), reps, warmup);

            // Two players repeat 32-name searches back to back, one in flight each (LedgerNet's per-player
            // limit; its rate limit, 1/s after a burst of 5 by default, is left out: this is the worst case),
            // while the third searches as before. First the attack (made-up names), then real names.
            Burst madeUpBurst = burst(dialect + " third player, made-up burst", search, quietSearch,
                    () -> run(search, madeUpSearch.get()), reps, burstSeconds);
            Burst realBurst = burst(dialect + " third player, real-name burst", search, quietSearch,
                    () -> run(search, realSearch), reps, burstSeconds);
            String breakers = reader.breaker().state().toString();
            return new Result(dialect, version, indexMillis, indexed, perName, madeUp, realStats, realRows, quiet,
                    madeUpBurst, realBurst, quietSearch, breakers);
        }
    }

    private static MergedPage run(NetworkSearch search, String input) {
        try {
            MergedPage page = search.search(Map.of("big", SearchParser.parse(input)), PAGE_SIZE).join();
            if (page.partial()) {
                throw new IllegalStateException("partial answer: " + page.missing());
            }
            return page;
        } catch (net.ledgernet.search.SearchSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 32 names of players spread over the table, each with at least one action. */
    private static List<String> realNames(Connection c) throws Exception {
        List<String> names = new ArrayList<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                "SELECT p.player_name FROM players p WHERE EXISTS (SELECT 1 FROM actions a WHERE a.player_id = p.id)"
                        + " AND p.id % 997 = 0 ORDER BY p.id")) {
            while (rs.next() && names.size() < NAMES) {
                names.add(rs.getString(1));
            }
        }
        return names;
    }

    /** The most active player of the last day: a typical staff search. */
    private static String activePlayer(Connection c, SqlDialect dialect) throws Exception {
        String t = LedgerSchema.column(dialect, "time");
        try (PreparedStatement ps = c.prepareStatement("SELECT p.player_name, COUNT(*) FROM actions a JOIN players p"
                + " ON a.player_id = p.id WHERE a." + t + " >= ? GROUP BY p.player_name ORDER BY 2 DESC")) {
            var since = FanOutData.END.minus(Duration.ofDays(1));
            if (dialect == SqlDialect.SQLITE) {
                ps.setString(1, SampleNetworkGenerator.sqliteTime(since, ZoneOffset.UTC));
            } else {
                ps.setObject(1, LocalDateTime.ofInstant(since, ZoneOffset.UTC));
            }
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    private interface Op {
        Object call() throws Exception;
    }

    private static double timeMs(Op op, int reps) throws Exception {
        double[] ms = new double[reps];
        for (int i = 0; i < reps; i++) {
            long t0 = System.nanoTime();
            op.call();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        return ms[reps / 2];
    }

    private static Stats measure(String label, Op op, int reps, int warmup) throws Exception {
        for (int i = 0; i < warmup; i++) {
            op.call();
        }
        return measureFor(label, op, reps, Integer.MAX_VALUE);
    }

    /** Up to {@code reps} timed runs, stopping early after 10 when {@code seconds} have passed. */
    private static Stats measureFor(String label, Op op, int reps, int seconds) throws Exception {
        double[] ms = new double[reps];
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        int n = 0;
        while (n < reps && (n < 10 || System.nanoTime() < end)) {
            long t0 = System.nanoTime();
            op.call();
            ms[n++] = (System.nanoTime() - t0) / 1e6;
        }
        double[] t = Arrays.copyOf(ms, n);
        Arrays.sort(t);
        Stats s = new Stats(n, FanOutBenchmark.rank(t, 0.5), FanOutBenchmark.rank(t, 0.99));
        FanOutData.log(String.format(Locale.ROOT, "%-40s n=%d p50=%s p99=%s", label, n, FanOutBenchmark.fmt(s.p50()),
                FanOutBenchmark.fmt(s.p99())));
        return s;
    }

    private static String report(List<Result> results, int players, int actions, int reps, int burstSeconds) {
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "One backend of %,d players and %,d actions per dialect, LedgerNet's default"
                + " pool, executors and deadline; times in ms, p50 / p99 (nearest rank) over up to %d runs.%n%n",
                players, actions, reps));
        md.append("| Dialect | name index read (players) | one `LOWER(player_name) = ?` (before) | 32 made-up names |"
                + " 32 real names (rows) | third player quiet | … under a made-up-name burst (÷ quiet; burst/s) |"
                + " … under a real-name burst (÷ quiet; burst/s) | breaker after |\n|---|---|---|---|---|---|---|---|---|\n");
        for (Result r : results) {
            md.append(String.format(Locale.ROOT, "| %s (%s) | %,d ms (%,d) | %s | **%s** | **%s** (%d) | %s | %s (**%.2f×**; %d/s) | %s (**%.2f×**; %d/s) | %s |%n",
                    r.dialect(), r.version().length() > 24 ? r.version().substring(0, 24) : r.version(), r.indexMillis(),
                    r.indexed(), FanOutBenchmark.fmt(r.perNameLookupMs()), r.madeUp().ms(), r.real().ms(), r.realRows(),
                    r.quiet().ms(), r.madeUpBurst().third().ms(), r.madeUpBurst().third().p50() / r.quiet().p50(),
                    r.madeUpBurst().perSecond(), r.realBurst().third().ms(),
                    r.realBurst().third().p50() / r.quiet().p50(), r.realBurst().perSecond(), r.breakers()));
        }
        md.append("\nThird player's search: `").append(results.isEmpty() ? "" : results.get(0).quietSearch())
                .append("` (per dialect its own most active player of the last day). Burst: two players, one search in"
                        + " flight each, ").append(burstRate > 0 ? "each at " + burstRate + " searches/s"
                        : "back to back").append(" without LedgerNet's rate limit, for up to ")
                .append(burstSeconds).append(" s (32 new made-up names per search, or the same 32 real names).\n");
        return md.toString();
    }
}
