package net.ledgernet.benchmarks;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import net.ledgernet.config.ConfigFile;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.protocol.BlockPos;
import net.ledgernet.search.SearchParser;
import net.ledgernet.search.SearchQuery;
import net.ledgernet.search.SearchTargets;
import net.ledgernet.search.WorldResolver;
import net.ledgernet.storage.ActionFanOut;
import net.ledgernet.storage.ActionFilter;
import net.ledgernet.storage.BackendDatabases;
import net.ledgernet.storage.BackendReader;
import net.ledgernet.storage.FanOutSettings;
import net.ledgernet.storage.LookupTable;
import net.ledgernet.storage.MergedPage;
import net.ledgernet.storage.NetworkSearch;
import net.ledgernet.storage.SqlDialect;
import net.ledgernet.sample.LedgerSchema;
import net.ledgernet.sample.SampleNetworkGenerator;
import net.ledgernet.sample.SampleSpec;

/**
 * The network search (fan-out) benchmark of issue 5: N backends x M actions per dialect, a fixed set of staff
 * searches through {@link NetworkSearch} over all backends, and Ledger's own COUNT + ORDER BY id DESC LIMIT/OFFSET
 * on one backend as the baseline, in the same run. Prints a Markdown report and writes an SVG plot.
 *
 * <pre>
 * mvn -B -q -o -pl common,benchmarks package -DskipTests
 * java -cp benchmarks/target/benchmarks.jar net.ledgernet.benchmarks.FanOutBenchmark \
 *     --dialects mariadb,postgresql,sqlite --backends 4 --actions 1000000
 * </pre>
 *
 * With {@code --scale}: name resolution on one large backend per dialect instead ({@link NameScaleBenchmark}).
 *
 * <p>Options: {@code --players 200 --reps 50 --warmup 5 --budget 20} (seconds per measured search: it stops
 * early, after at least 10 repetitions, when that is used up) {@code --dir benchmarks/target/fanout-data
 * --svg docs/fanout-latency.svg --out benchmarks/target/fanout-results.md --deep-page 1000 --setup-only}; the deep page
 * is measured only where walking to it takes under two minutes.
 *
 * <p>Heap per search is the bytes allocated by every live thread between the start and the end of one search
 * ({@code com.sun.management.ThreadMXBean#getThreadAllocatedBytes(long[])} summed over all thread ids, minus
 * the meter's own cost): the work runs on the backends' executor threads and the drivers' threads, so the
 * calling thread alone would see almost nothing, and used-heap deltas depend on when the GC runs.
 */
public final class FanOutBenchmark {
    static final int PAGE_SIZE = 8;
    static final int[] PAGES = {1, 5, 10, 25, 50, 100};
    static final int MIN_REPS = 10;

    /** Command-line options. */
    record Options(List<SqlDialect> dialects, int backends, int actions, int players, int reps, int warmup,
                   double budgetSeconds, Path dir, Path svg, Path out, boolean setupOnly, int deepPage, String prefix,
                   List<Boolean> timeIndexes, int clientModPages) {
        static Options parse(String[] args) {
            Map<String, String> m = new HashMap<>();
            boolean setupOnly = false;
            for (int i = 0; i < args.length; i++) {
                if (args[i].equals("--setup-only")) {
                    setupOnly = true;
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
            return new Options(dialects, Integer.parseInt(m.getOrDefault("backends", "4")),
                    Integer.parseInt(m.getOrDefault("actions", "1000000")),
                    Integer.parseInt(m.getOrDefault("players", "200")),
                    Integer.parseInt(m.getOrDefault("reps", "50")), Integer.parseInt(m.getOrDefault("warmup", "5")),
                    Double.parseDouble(m.getOrDefault("budget", "20")),
                    Path.of(m.getOrDefault("dir", "benchmarks/target/fanout-data")),
                    Path.of(m.getOrDefault("svg", "docs/fanout-latency.svg")),
                    Path.of(m.getOrDefault("out", "benchmarks/target/fanout-results.md")), setupOnly,
                    Integer.parseInt(m.getOrDefault("deep-page", "1000")),
                    m.getOrDefault("prefix", "ledgernet_bench_"),
                    switch (m.getOrDefault("time-index", "with")) {
                        case "with" -> List.of(true);
                        case "without" -> List.of(false);
                        case "both" -> List.of(false, true); // the same data measured without, then with the index
                        default -> throw new IllegalArgumentException("--time-index with|without|both");
                    },
                    Integer.parseInt(m.getOrDefault("client-pages", "5")));
        }
    }

    /** Latency and allocation of one measured operation. */
    record Stats(String label, int n, double p50, double p99, double max, double mean, long allocP50, long allocMax,
                 String note, double queriesP50, double queriesP99) {
        String ms() {
            return fmt(p50) + " / " + fmt(p99);
        }

        /** Ledger baseline only: COUNT + page query, without the lookups. */
        String queriesMs() {
            return fmt(queriesP50) + " / " + fmt(queriesP99);
        }
    }

    /** One search of the fixed set: LedgerNet over all backends, and Ledger on backend 1. */
    record Row(String search, String description, Stats ledgerNet, Stats ledgerNetOne, Stats ledger, long ledgerCount,
               int rows, String note) {
    }

    /** Everything measured on one dialect. */
    record DialectResult(SqlDialect dialect, String label, String load, String serverVersion, List<Row> rows, Map<Integer, Stats> pageNet,
                         Map<Integer, Stats> pageLedger, Map<Integer, Stats> backendNet, Stats jump50, String params, int deepPage,
                         Stats deepNet, Stats deepLedger, List<ClientModRow> clientMod, String orders) {
    }

    /**
     * A client-mod (Watson) search: Ledger streams every page with COUNT + page each; LedgerNet answers the
     * {@code max-pages} pages the proxy allows (page 1 + next pages), the first of them measured as in the table.
     */
    record ClientModRow(String search, LedgerBaseline.Stream ledger, Stats ledgerNet, int ledgerNetPages) {
    }

    public static void main(String[] args) throws Exception {
        if (Arrays.asList(args).contains("--scale")) {
            NameScaleBenchmark.main(args); // name resolution on one large backend (issue 11 item 7)
            return;
        }
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Options o = Options.parse(args);
        // Written with the index the first measurement asks for, so that a run "without" does not build it only to
        // drop it.
        SampleSpec base = FanOutData.base(o.players(), o.actions()).withTimeIndex(o.timeIndexes().get(0));
        Map<SqlDialect, List<FanOutData.Backend>> data = new LinkedHashMap<>();
        // Setup in parallel: each dialect is a different server (or files); reused when complete.
        ExecutorService setup = Executors.newFixedThreadPool(o.dialects().size());
        Map<SqlDialect, Future<List<FanOutData.Backend>>> pending = new LinkedHashMap<>();
        for (SqlDialect d : o.dialects()) {
            pending.put(d, setup.submit(() -> {
                List<FanOutData.Backend> ready = FanOutData.ensure(d, o.backends(), base, o.dir(), o.prefix());
                FanOutData.setTimeIndex(ready, o.timeIndexes().get(0));
                return ready;
            }));
        }
        for (var e : pending.entrySet()) {
            data.put(e.getKey(), e.getValue().get());
        }
        setup.shutdown();
        if (o.setupOnly()) {
            return;
        }
        List<DialectResult> results = new ArrayList<>();
        for (SqlDialect d : o.dialects()) {
            for (boolean timeIndex : o.timeIndexes()) {
                FanOutData.setTimeIndex(data.get(d), timeIndex); // a no-op when already so
                String label = Report.title(d) + (o.timeIndexes().size() > 1
                        ? timeIndex ? ", with time index" : ", without time index" : "");
                results.add(new FanOutBenchmark(o, d, data.get(d), label, timeIndex).run());
            }
        }
        String report = Report.markdown(o, results);
        System.out.println(report);
        Files.createDirectories(o.out().toAbsolutePath().getParent());
        Files.writeString(o.out(), report);
        Files.createDirectories(o.svg().toAbsolutePath().getParent());
        Files.writeString(o.svg(), Report.svg(o, results));
        FanOutData.log("wrote " + o.out() + " and " + o.svg());
        System.exit(0);
    }

    private final Options o;
    private final SqlDialect dialect;
    private final List<FanOutData.Backend> backends;
    private final Instant now = FanOutData.END;
    private final AllocMeter alloc = new AllocMeter();

    private final String label;
    private final boolean timeIndex;

    private FanOutBenchmark(Options o, SqlDialect dialect, List<FanOutData.Backend> backends, String label,
                            boolean timeIndex) {
        this.o = o;
        this.label = label;
        this.timeIndex = timeIndex;
        this.dialect = dialect;
        this.backends = backends;
    }

    /** The config an operator would write for these backends (deadline and query timeout raised to 30 s). */
    private LedgerNetConfig config() throws Exception {
        StringBuilder yaml = new StringBuilder("""
                config-version: 1
                database-servers:
                  mariadb:
                    url: "%s"
                    user: root
                    query-timeout: 30s
                  postgres:
                    url: "%s"
                    user: postgres
                    query-timeout: 30s
                limits:
                  backend-deadline: 30s
                backends:
                """.formatted(FanOutData.MARIADB_ADMIN, FanOutData.POSTGRES_URL));
        for (FanOutData.Backend b : backends) {
            yaml.append("  ").append(b.name()).append(":\n");
            switch (b.dialect()) {
                case MARIADB -> yaml.append("    server: mariadb\n    database: ").append(b.databaseOrSchema()).append('\n');
                case POSTGRESQL -> yaml.append("    server: postgres\n    database: ").append(b.databaseOrSchema()).append('\n');
                default -> yaml.append("    jdbc-url: \"").append(b.jdbcUrl()).append("\"\n    query-timeout: 30s\n");
            }
            yaml.append("    time-zone: UTC\n");
        }
        Path dir = Files.createTempDirectory("ledgernet-fanout-bench");
        Files.writeString(dir.resolve(ConfigFile.FILE_NAME), yaml);
        return new ConfigFile(dir).load();
    }

    private DialectResult run() throws Exception {
        FanOutData.log(label + ": measuring");
        String loadBefore = loadAverage();
        LedgerNetConfig config = config();
        List<String> names = backends.stream().map(FanOutData.Backend::name).toList();
        WorldResolver resolver = WorldResolver.of(config.dimensionMap(), Optional.empty());
        try (BackendDatabases databases = BackendDatabases.open(config.backends().values());
             ActionFanOut fanOut = ActionFanOut.open(databases, FanOutSettings.defaults(config.limits()));
             Connection one = backends.get(0).connect()) {
            NetworkSearch search = new NetworkSearch(config, fanOut, Clock.fixed(now, ZoneOffset.UTC));
            LedgerBaseline ledger = new LedgerBaseline(one, dialect, now);
            Picks picks = Picks.choose(one, dialect, backends, now);
            String world = config.dimensionMap().toNetwork(names.get(0), "minecraft:overworld");
            String version;
            try (Statement st = one.createStatement();
                 ResultSet rs = st.executeQuery(dialect == SqlDialect.SQLITE ? "SELECT sqlite_version()" : "SELECT version()")) {
                rs.next();
                version = rs.getString(1);
            }
            ActionFilter.BlockBox box = new ActionFilter.BlockBox(picks.x - 8, picks.x + 8, picks.y - 8, picks.y + 8,
                    picks.z - 8, picks.z + 8);
            String params = "player `" + picks.player + "` (on " + picks.playerBackends + " of " + backends.size()
                    + " backends), point " + picks.x + " " + picks.y + " " + picks.z + " on " + names.get(0)
                    + " (box ±8), world `" + world + "`";
            FanOutData.log(dialect + ": " + params);

            List<Row> rows = new ArrayList<>();
            rows.add(row("player-1d", "`source:" + picks.player + " after:1d`",
                    () -> chat(search, resolver, names, "source:" + picks.player + " after:1d"),
                    () -> chat(search, resolver, names.subList(0, 1), "source:" + picks.player + " after:1d"),
                    LedgerBaseline.Params.none().player(picks.playerUuid).after(Duration.ofDays(1)), 1, ledger));
            rows.add(row("break-near", "`action:block-break` in a 17×17×17 box around a recent break (ActionFilter bounds)",
                    () -> boxed(fanOut, names, box), () -> boxed(fanOut, names.subList(0, 1), box),
                    LedgerBaseline.Params.none().bounds(box).action("block-break"), 1, ledger));
            rows.add(row("ore-7d", "`object:minecraft:diamond_ore after:7d`",
                    () -> chat(search, resolver, names, "object:minecraft:diamond_ore after:7d"),
                    () -> chat(search, resolver, names.subList(0, 1), "object:minecraft:diamond_ore after:7d"),
                    LedgerBaseline.Params.none().object("minecraft:diamond_ore").after(Duration.ofDays(7)), 1, ledger));
            rows.add(row("world-not-rolled-back", "`world:" + world + " rolledback:false` (selects 1 backend)",
                    () -> chat(search, resolver, names, "world:" + world + " rolledback:false"), null,
                    LedgerBaseline.Params.none().world("minecraft:overworld").rolledBack(false), 1, ledger));
            BlockPos pos = new BlockPos(picks.x, picks.y, picks.z);
            rows.add(row("inspect", "`inspect` of one block on " + names.get(0) + " (all its worlds)",
                    () -> search.inspect(names.get(0), pos, Optional.empty(), PAGE_SIZE).join(), null,
                    LedgerBaseline.Params.none().bounds(ActionFilter.BlockBox.of(picks.x, picks.y, picks.z)), 1, ledger));

            // Pages by number: LedgerNet continues from the previous page's cursor (what "next page" does);
            // Ledger runs COUNT + OFFSET 8*(n-1).
            LedgerBaseline.Params broad = LedgerBaseline.Params.none().action("block-break");
            List<MergedPage> walk = new ArrayList<>();
            walk.add(chat(search, resolver, names, "action:block-break"));
            int maxPage = Arrays.stream(PAGES).max().orElse(1);
            while (walk.size() < maxPage - 1) {
                walk.add(search.next(walk.get(walk.size() - 1)).join());
            }
            Map<Integer, Stats> pageNet = new LinkedHashMap<>();
            Map<Integer, Stats> pageLedger = new LinkedHashMap<>();
            for (int page : PAGES) {
                Callable<MergedPage> op = page == 1 ? () -> chat(search, resolver, names, "action:block-break")
                        : () -> search.next(walk.get(page - 2)).join();
                pageNet.put(page, measure("net page " + page, op, o.reps(), MIN_REPS));
                pageLedger.put(page, measure("ledger page " + page, () -> ledger.page(broad, page, PAGE_SIZE),
                        o.reps(), MIN_REPS));
            }
            // Backend count: page 1 of the broad query over the first k backends.
            Map<Integer, Stats> backendNet = new LinkedHashMap<>();
            for (int k = 1; k <= names.size(); k++) {
                List<String> first = names.subList(0, k);
                backendNet.put(k, measure("net backends " + k, () -> chat(search, resolver, first, "action:block-break"),
                        o.reps(), MIN_REPS));
            }
            // A deep page: only where walking there (untimed) takes under two minutes.
            Stats deepNet = null;
            Stats deepLedger = null;
            int deep = o.deepPage();
            if (deep > maxPage && pageNet.get(maxPage).p50() * deep < 120_000) {
                MergedPage at = walk.get(walk.size() - 1);
                for (int i = walk.size() + 1; i < deep; i++) {
                    at = search.next(at).join();
                }
                MergedPage before = at;
                deepNet = measure("net page " + deep, () -> search.next(before).join(), o.reps(), MIN_REPS);
                deepLedger = measure("ledger page " + deep, () -> ledger.page(broad, deep, PAGE_SIZE), o.reps(),
                        MIN_REPS);
            }
            long countBroad = ledger.page(broad, 1, PAGE_SIZE).count();
            rows.add(new Row("broad p1", "`action:block-break`, page 1", pageNet.get(1), backendNet.get(1), pageLedger.get(1),
                    countBroad,
                    walk.get(0).rows().size(), walk.get(0).partial() ? "partial" : ""));
            MergedPage p50 = search.next(walk.get(48)).join();
            rows.add(new Row("broad p50", "`action:block-break`, page 50 (LedgerNet: next page from page 49's cursor)",
                    pageNet.get(50), null, pageLedger.get(50), countBroad, p50.rows().size(), p50.partial() ? "partial" : ""));
            // Jumping straight to page 50 = page 1 + 49 next pages; only timed when that fits the budget.
            Stats jump = null;
            if (pageNet.get(50).p50() * 50 * 3 < o.budgetSeconds() * 1000) {
                jump = measure("net jump to 50", () -> {
                    MergedPage p = chat(search, resolver, names, "action:block-break");
                    for (int i = 2; i <= 50; i++) {
                        p = search.next(p).join();
                    }
                    return p;
                }, Math.max(10, o.reps() / 5), 3);
            }

            // Client mods: Ledger streams all pages (COUNT + page each), LedgerNet max-pages pages.
            List<ClientModRow> clientMod = new ArrayList<>();
            Map<String, LedgerBaseline.Params> streamed = new LinkedHashMap<>();
            Map<String, String> inputs = new LinkedHashMap<>();
            streamed.put("player-1d", LedgerBaseline.Params.none().player(picks.playerUuid).after(Duration.ofDays(1)));
            inputs.put("player-1d", "source:" + picks.player + " after:1d");
            streamed.put("ore-7d", LedgerBaseline.Params.none().object("minecraft:diamond_ore").after(Duration.ofDays(7)));
            inputs.put("ore-7d", "object:minecraft:diamond_ore after:7d");
            streamed.put("broad", broad);
            inputs.put("broad", "action:block-break");
            int k = o.clientModPages();
            for (var e : streamed.entrySet()) {
                LedgerBaseline.Stream stream = ledger.clientModStream(e.getValue(), PAGE_SIZE, o.budgetSeconds() * 1000);
                FanOutData.log(String.format(Locale.ROOT, "%s client-mod %s: Ledger %d of %d pages in %.0f ms, all ≈ %.0f ms",
                        dialect, e.getKey(), stream.pagesDone(), stream.pages(), stream.measuredMs(), stream.estimatedTotalMs()));
                String input = inputs.get(e.getKey());
                Stats netK = measure("client-mod " + e.getKey() + " " + k + " pages", () -> {
                    MergedPage p = chat(search, resolver, names.subList(0, 1), input);
                    for (int i = 2; i <= k && !p.last(); i++) {
                        p = search.next(p).join();
                    }
                    return p;
                }, Math.max(10, o.reps() / 5), 3);
                clientMod.add(new ClientModRow(e.getKey(), stream, netK, k));
            }
            StringBuilder orders = new StringBuilder();
            for (String b : names) {
                orders.append(orders.length() == 0 ? "" : ", ").append(b).append(": ")
                        .append(fanOut.reader(b).orElseThrow().order().map(Enum::name).orElse("?"));
            }
            String load = "load average " + loadBefore + " at the start, " + loadAverage() + " at the end"
                    + " (1, 5, 15 min); time index " + (timeIndex ? "present" : "absent");
            return new DialectResult(dialect, label, load, version, rows, pageNet, pageLedger, backendNet, jump, params, o.deepPage(),
                    deepNet, deepLedger, clientMod, orders.toString());
        }
    }

    /** The machine's 1, 5 and 15 minute load averages (Linux), to judge how quiet a run was. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " / " + f[1] + " / " + f[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }

    /** A chat-command search string, parsed and targeted as {@code /lgn search} does, page 1. */
    private static MergedPage chat(NetworkSearch search, WorldResolver resolver, List<String> backends, String input)
            throws Exception {
        SearchQuery query = SearchParser.parse(input);
        if (!(SearchTargets.forChatCommand(query, backends, resolver) instanceof SearchTargets.Targets targets)) {
            throw new IllegalStateException("refused: " + input);
        }
        return search.search(targets.queries(), PAGE_SIZE).join();
    }

    /**
     * Block-break in a box: the chat grammar has only {@code range:N}, which needs the sender's position (refused
     * from the proxy), so the per-backend filters are built with the public {@link ActionFilter} API and ids
     * resolved through each backend's reader, then paged by {@link ActionFanOut#firstPage}.
     */
    private static MergedPage boxed(ActionFanOut fanOut, List<String> backends, ActionFilter.BlockBox box) {
        Map<String, CompletableFuture<ActionFilter>> resolving = new LinkedHashMap<>();
        for (String b : backends) {
            BackendReader reader = fanOut.reader(b).orElseThrow();
            resolving.put(b, reader.call((c, r) -> {
                OptionalInt id = r.lookupId(LookupTable.Kind.ACTION, "block-break", c);
                return id.isEmpty() ? ActionFilter.NONE_MATCH
                        : ActionFilter.builder().bounds(box).actions(ActionFilter.IdSet.allow(id.getAsInt())).build();
            }));
        }
        Map<String, ActionFilter> filters = new LinkedHashMap<>();
        resolving.forEach((b, f) -> filters.put(b, f.join()));
        return fanOut.firstPage(filters, PAGE_SIZE).join();
    }

    /** {@code netOne}: the same search on backend 1 only; null where the search targets one backend anyway. */
    private Row row(String name, String description, Callable<MergedPage> net, Callable<MergedPage> netOne,
                    LedgerBaseline.Params params, int page, LedgerBaseline ledger) throws Exception {
        MergedPage sample = net.call();
        LedgerBaseline.Result lr = ledger.page(params, page, PAGE_SIZE);
        Stats n = measure(name + " net", net, o.reps(), MIN_REPS);
        Stats one = netOne == null ? n : measure(name + " net s1 only", netOne, o.reps(), MIN_REPS);
        Stats l = measure(name + " ledger", () -> ledger.page(params, page, PAGE_SIZE), o.reps(), MIN_REPS);
        return new Row(name, description, n, one, l, lr.count(), sample.rows().size(),
                sample.partial() ? "partial: " + sample.missing() : "");
    }

    /**
     * Warm-up, then up to {@code reps} timed runs: at least {@code minReps}, more while the budget lasts. For the
     * Ledger baseline the time of its COUNT + page queries alone (without lookups) is kept as well.
     */
    private <T> Stats measure(String label, Callable<T> op, int reps, int minReps) throws Exception {
        long budgetEnd = System.nanoTime() + (long) (o.budgetSeconds() * 1e9 / 4);
        for (int i = 0; i < o.warmup() && (i == 0 || System.nanoTime() < budgetEnd); i++) {
            op.call();
        }
        System.gc();
        budgetEnd = System.nanoTime() + (long) (o.budgetSeconds() * 1e9);
        double[] ms = new double[reps];
        double[] qms = new double[reps];
        long[] bytes = new long[reps];
        int n = 0;
        int partial = 0;
        while (n < reps && (n < minReps || System.nanoTime() < budgetEnd)) {
            Map<Long, Long> before = alloc.snapshot();
            long t0 = System.nanoTime();
            T result = op.call();
            long t1 = System.nanoTime();
            bytes[n] = alloc.since(before);
            ms[n] = (t1 - t0) / 1e6;
            qms[n] = result instanceof LedgerBaseline.Result r ? (r.countNanos() + r.pageNanos()) / 1e6 : Double.NaN;
            if (result instanceof MergedPage p && p.partial()) {
                partial++;
            }
            n++;
        }
        double[] t = Arrays.copyOf(ms, n);
        double[] q = Arrays.copyOf(qms, n);
        long[] b = Arrays.copyOf(bytes, n);
        Arrays.sort(t);
        Arrays.sort(q);
        Arrays.sort(b);
        Stats s = new Stats(label, n, rank(t, 0.50), rank(t, 0.99), t[n - 1], Arrays.stream(t).average().orElse(0),
                b[(int) Math.ceil(0.5 * n) - 1], b[n - 1], partial > 0 ? partial + " partial" : "", rank(q, 0.5),
                rank(q, 0.99));
        FanOutData.log(String.format(Locale.ROOT, "%s %-28s n=%d p50=%s p99=%s alloc=%s", dialect, label, n, fmt(s.p50()),
                fmt(s.p99()), kb(s.allocP50())));
        return s;
    }

    /** Nearest-rank percentile of sorted values. */
    static double rank(double[] sorted, double q) {
        return sorted[Math.max(0, (int) Math.ceil(q * sorted.length) - 1)];
    }

    static String fmt(double ms) {
        if (Double.isNaN(ms)) {
            return "–";
        }
        return ms >= 100 ? String.format(Locale.ROOT, "%.0f", ms)
                : ms >= 10 ? String.format(Locale.ROOT, "%.1f", ms) : String.format(Locale.ROOT, "%.2f", ms);
    }

    static String kb(long bytes) {
        return bytes >= 10 * 1024 * 1024 ? String.format(Locale.ROOT, "%.0f MB", bytes / 1048576.0)
                : String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
    }

    /**
     * Bytes allocated by all live threads since a snapshot. Threads that end in between are not counted; the
     * backends' executor threads live 60 s after their last task, so they stay for the whole measurement.
     */
    static final class AllocMeter {
        private final com.sun.management.ThreadMXBean bean =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        private final long overhead;

        AllocMeter() {
            long[] samples = new long[50];
            for (int i = 0; i < samples.length; i++) {
                Map<Long, Long> s = raw();
                samples[i] = delta(s);
            }
            Arrays.sort(samples);
            overhead = samples[samples.length / 2];
        }

        Map<Long, Long> snapshot() {
            return raw();
        }

        long since(Map<Long, Long> before) {
            return Math.max(0, delta(before) - overhead);
        }

        private Map<Long, Long> raw() {
            long[] ids = bean.getAllThreadIds();
            long[] bytes = bean.getThreadAllocatedBytes(ids);
            Map<Long, Long> m = new HashMap<>(ids.length * 2);
            for (int i = 0; i < ids.length; i++) {
                if (bytes[i] >= 0) {
                    m.put(ids[i], bytes[i]);
                }
            }
            return m;
        }

        private long delta(Map<Long, Long> before) {
            long sum = 0;
            for (var e : raw().entrySet()) {
                sum += e.getValue() - before.getOrDefault(e.getKey(), 0L);
            }
            return sum;
        }
    }

    /** Search parameters taken from the data, so every search finds something. */
    static final class Picks {
        String player;
        UUID playerUuid;
        int playerBackends;
        int x;
        int y;
        int z;

        static Picks choose(Connection one, SqlDialect dialect, List<FanOutData.Backend> backends, Instant now)
                throws SQLException {
            Picks p = new Picks();
            // Names on each backend (players differ per backend in the sample data; some names recur).
            Map<String, Integer> presence = new HashMap<>();
            for (FanOutData.Backend b : backends) {
                try (Connection c = b.connect(); Statement st = c.createStatement();
                     ResultSet rs = st.executeQuery("SELECT DISTINCT player_name FROM players")) {
                    while (rs.next()) {
                        presence.merge(rs.getString(1).toLowerCase(Locale.ROOT), 1, Integer::sum);
                    }
                }
            }
            // The most active player of the last day on backend 1, preferring names found on more backends.
            String t = LedgerSchema.column(dialect, "time");
            List<String[]> active = new ArrayList<>();
            // Counted per player id first, then named: MariaDB would otherwise start from players and look up each
            // one's actions (8.8M index lookups on a 10M backend without the time index: minutes).
            try (PreparedStatement ps = one.prepareStatement("SELECT p.player_name, c.n FROM (SELECT player_id, COUNT(*) n"
                    + " FROM actions WHERE " + t + " >= ? AND player_id IS NOT NULL GROUP BY player_id) c"
                    + " JOIN players p ON p.id = c.player_id ORDER BY 2 DESC, 1")) {
                Instant since = now.minus(Duration.ofDays(1));
                if (dialect == SqlDialect.SQLITE) {
                    ps.setString(1, SampleNetworkGenerator.sqliteTime(since, ZoneOffset.UTC));
                } else {
                    ps.setObject(1, LocalDateTime.ofInstant(since, ZoneOffset.UTC));
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        active.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
            }
            String best = active.get(0)[0];
            int bestPresence = presence.get(best.toLowerCase(Locale.ROOT));
            for (String[] a : active.subList(0, Math.min(10, active.size()))) {
                int pr = presence.get(a[0].toLowerCase(Locale.ROOT));
                if (pr > bestPresence) {
                    best = a[0];
                    bestPresence = pr;
                }
            }
            p.player = best;
            p.playerBackends = bestPresence;
            try (PreparedStatement ps = one.prepareStatement("SELECT player_id FROM players WHERE player_name = ?")) {
                ps.setString(1, best);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    if (dialect == SqlDialect.POSTGRESQL) {
                        p.playerUuid = rs.getObject(1, UUID.class);
                    } else {
                        java.nio.ByteBuffer bb = java.nio.ByteBuffer.wrap(rs.getBytes(1));
                        p.playerUuid = new UUID(bb.getLong(), bb.getLong());
                    }
                }
            }
            // A recent block-break (newest by id): where a griefing report would point.
            try (Statement st = one.createStatement();
                 ResultSet rs = st.executeQuery("SELECT x, y, z FROM actions WHERE action_id = (SELECT id FROM"
                         + " ActionIdentifiers WHERE action_identifier = 'block-break') ORDER BY id DESC LIMIT 1")) {
                rs.next();
                p.x = rs.getInt(1);
                p.y = rs.getInt(2);
                p.z = rs.getInt(3);
            }
            return p;
        }
    }

    @SuppressWarnings("unused")
    private static String joined(List<String> l) {
        return l.stream().collect(Collectors.joining(","));
    }
}
