package net.ledgernet.benchmarks;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one permission check costs when LedgerNet asks LuckPerms every time instead of keeping a
 * cache of its own (issue 11 item 1). LuckPerms' implementation is not published on Maven Central,
 * so its warm path is rebuilt here call for call from its source (commit 9b4fe677), with the same
 * map types and the same real Caffeine 3.2.0 cache it uses:
 * <ol>
 * <li>{@code UserManager.getUser(uuid)}: {@code AbstractUserManager.getIfLoaded}, a
 *     {@code ConcurrentHashMap} lookup, then {@code UserHousekeeper.registerApiUsage}, an add to a
 *     Caffeine {@code expireAfterWrite(5 min)} set ({@code ExpiringSet});</li>
 * <li>{@code getCachedData().getPermissionData(queryOptions)}: {@code AbstractContainer.get}, a
 *     {@code LoadingMap<QueryOptions, PermissionCache>} lookup (QueryOptionsImpl caches its hash;
 *     LedgerNet passes the same instance per backend, so equals stops at identity), then
 *     {@code UsageTracked.recordUsage} ({@code System.currentTimeMillis()});</li>
 * <li>{@code checkPermission(node)}: {@code PermissionCalculatorBase}'s
 *     {@code LoadingMap<String, TristateResult>} lookup, the verbose handler's
 *     {@code listening} check ({@code PermissionCalculatorMonitored}), {@code result()}.</li>
 * </ol>
 * 500 online users, 4 backends (one QueryOptions each), 5 Ledger nodes; every (user, backend,
 * node) is warm, as after its first check. Each call picks the next triple from a shuffled table.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar LuckPermsCheckBenchmark -prof gc}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class LuckPermsCheckBenchmark {
    private static final String[] BACKENDS = {"survival", "creative", "lobby", "skyblock"};
    private static final String[] NODES = {"ledger.commands.search", "ledger.commands.inspect",
            "ledger.commands.rollback", "ledger.commands.purge", "ledger.commands.player"};
    private static final int USERS = 500;
    private static final int CALLS = 1 << 14;

    /** {@code AbstractUserManager}'s loaded users. */
    private final Map<UUID, ModelUser> users = new ConcurrentHashMap<>();
    /** {@code UserHousekeeper.recentlyUsedApi}, exactly as LuckPerms builds it. */
    private final Set<UUID> recentlyUsedApi = Collections.newSetFromMap(Caffeine.newBuilder()
            .executor(new ForkJoinPool()).expireAfterWrite(5, TimeUnit.MINUTES).<UUID, Boolean>build().asMap());
    private final ModelVerbose verbose = new ModelVerbose();

    /** LedgerNet's side: one QueryOptions per backend, built once. */
    private final Map<String, ModelQueryOptions> optionsByBackend = new ConcurrentHashMap<>();
    /** The cache LedgerNet kept before (LuckPermsPermissions up to issue 11): player -> backend\0node -> answer. */
    private final Map<UUID, Map<String, Boolean>> ledgerNetCache = new ConcurrentHashMap<>();

    private UUID[] callUser;
    private String[] callBackend;
    private String[] callNode;
    private int next;

    @Setup
    public void setUp() {
        java.util.Random random = new java.util.Random(11);
        for (String backend : BACKENDS) {
            optionsByBackend.put(backend, new ModelQueryOptions(Map.of("server", backend, "world", backend), (byte) 0b111));
        }
        UUID[] uuids = new UUID[USERS];
        for (int i = 0; i < USERS; i++) {
            uuids[i] = new UUID(random.nextLong(), random.nextLong());
            users.put(uuids[i], new ModelUser(verbose, random));
        }
        callUser = new UUID[CALLS];
        callBackend = new String[CALLS];
        callNode = new String[CALLS];
        for (int i = 0; i < CALLS; i++) {
            callUser[i] = uuids[random.nextInt(USERS)];
            callBackend[i] = BACKENDS[random.nextInt(BACKENDS.length)];
            // A fresh String per call, as a node name read from config is not the interned literal.
            callNode[i] = new String(NODES[random.nextInt(NODES.length)]);
        }
        // Warm every cache on the path, as after each triple's first check.
        for (int i = 0; i < CALLS; i++) {
            askLuckPerms(callUser[i], callBackend[i], callNode[i]);
            ledgerNetCacheHit(callUser[i], callBackend[i], callNode[i]);
        }
    }

    /** LuckPerms' own cached check, given the QueryOptions (what it costs LuckPerms). */
    @Benchmark
    public boolean luckPermsCachedCheck() {
        int i = next++ & (CALLS - 1);
        return check(callUser[i], optionsByBackend.get(callBackend[i]), callNode[i]);
    }

    /** What LedgerNet's policy does now on every check: its QueryOptions for the backend, then LuckPerms. */
    @Benchmark
    public boolean askLuckPerms() {
        int i = next++ & (CALLS - 1);
        return askLuckPerms(callUser[i], callBackend[i], callNode[i]);
    }

    /** Step 1's housekeeping alone (a Caffeine write per getUser), the largest part of the check. */
    @Benchmark
    public boolean registerApiUsage() {
        int i = next++ & (CALLS - 1);
        return recentlyUsedApi.add(callUser[i]);
    }

    /** LedgerNet's former cache, on a hit: what keeping a cache of its own would save. */
    @Benchmark
    public boolean ledgerNetCacheHit() {
        int i = next++ & (CALLS - 1);
        return ledgerNetCacheHit(callUser[i], callBackend[i], callNode[i]);
    }

    private boolean askLuckPerms(UUID player, String backend, String node) {
        return check(player, optionsByBackend.get(backend), node);
    }

    private boolean check(UUID player, ModelQueryOptions options, String node) {
        ModelUser user = users.get(player);
        if (user == null) {
            return false;
        }
        recentlyUsedApi.add(player);
        return user.permissionData.get(options).checkPermission(node) == Tristate.TRUE;
    }

    private boolean ledgerNetCacheHit(UUID player, String backend, String node) {
        Map<String, Boolean> answers = ledgerNetCache.computeIfAbsent(player, uuid -> new ConcurrentHashMap<>());
        Boolean cached = answers.get(backend + '\0' + node);
        if (cached != null) {
            return cached;
        }
        boolean allowed = askLuckPerms(player, backend, node);
        answers.put(backend + '\0' + node, allowed);
        return allowed;
    }

    private enum Tristate { TRUE, FALSE, UNDEFINED }

    /** {@code TristateResult}: the answer plus what decided it. */
    private record TristateResult(Tristate result, String processor) {
    }

    /** {@code QueryOptionsImpl}: hash computed once, equals field by field after identity. */
    private static final class ModelQueryOptions {
        private final Map<String, String> context;
        private final byte flags;
        private final int hashCode;

        ModelQueryOptions(Map<String, String> context, byte flags) {
            this.context = context;
            this.flags = flags;
            this.hashCode = 31 * context.hashCode() + flags;
        }

        @Override
        public boolean equals(Object o) {
            if (this == o) {
                return true;
            }
            return o instanceof ModelQueryOptions that && flags == that.flags && Objects.equals(context, that.context);
        }

        @Override
        public int hashCode() {
            return hashCode;
        }
    }

    /** {@code LoadingMap}: a ConcurrentHashMap get, computeIfAbsent only on a miss. */
    private static final class LoadingMap<K, V> {
        private final Map<K, V> map = new ConcurrentHashMap<>();
        private final Function<K, V> loader;

        LoadingMap(Function<K, V> loader) {
            this.loader = loader;
        }

        V get(K key) {
            V value = map.get(key);
            return value != null ? value : map.computeIfAbsent(key, loader);
        }
    }

    /** {@code VerboseHandler}: a volatile flag, false unless someone runs {@code /lp verbose}. */
    private static final class ModelVerbose {
        volatile boolean listening;
    }

    /** {@code User} with its {@code AbstractCachedDataManager}: a permission container per QueryOptions. */
    private static final class ModelUser {
        final LoadingMap<ModelQueryOptions, PermissionCache> permissionData;

        ModelUser(ModelVerbose verbose, java.util.Random random) {
            Set<String> granted = ConcurrentHashMap.newKeySet();
            for (String node : NODES) {
                if (random.nextBoolean()) {
                    granted.add(node);
                }
            }
            this.permissionData = new LoadingMap<>(options -> new PermissionCache(granted, verbose));
        }
    }

    /** {@code PermissionCache} + {@code PermissionCalculatorMonitored}: usage stamp, lookup cache, verbose check. */
    private static final class PermissionCache {
        private final LoadingMap<String, TristateResult> lookupCache;
        private final ModelVerbose verbose;
        private long lastUsed;

        PermissionCache(Set<String> granted, ModelVerbose verbose) {
            this.verbose = verbose;
            this.lookupCache = new LoadingMap<>(node -> new TristateResult(
                    granted.contains(node) ? Tristate.TRUE : Tristate.UNDEFINED, "direct"));
        }

        Tristate checkPermission(String node) {
            lastUsed = System.currentTimeMillis(); // UsageTracked.recordUsage, in AbstractContainer.get
            TristateResult result = lookupCache.get(node);
            if (verbose.listening) {
                throw new AssertionError("verbose is off in this benchmark");
            }
            return result.result();
        }
    }
}
