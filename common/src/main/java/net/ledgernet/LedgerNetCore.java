package net.ledgernet;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.io.IOException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.ledgernet.config.BackendConfig;
import net.ledgernet.config.ConfigFile;
import net.ledgernet.config.InvalidConfigException;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.permission.PermissionPolicies;
import net.ledgernet.permission.PermissionPolicy;
import net.ledgernet.protocol.Identifier;
import net.ledgernet.protocol.LedgerPacket;
import net.ledgernet.protocol.LedgerPacket.ResponseS2C;
import net.ledgernet.protocol.LedgerProtocol;
import net.ledgernet.routing.LedgerRouter;
import net.ledgernet.routing.MessageOrigin;
import net.ledgernet.routing.NetworkRequest;
import net.ledgernet.routing.PlayerLink;
import net.ledgernet.routing.RequestLimiter;
import net.ledgernet.routing.RouteDecision;
import net.ledgernet.routing.ThrottledLog;
import net.ledgernet.storage.BackendDatabase;
import net.ledgernet.storage.ActionFanOut;
import net.ledgernet.storage.ActionRow;
import net.ledgernet.storage.BackendDatabases;
import net.ledgernet.storage.BackendFailure;
import net.ledgernet.storage.FanOutSettings;
import net.ledgernet.storage.MergedPage;
import net.ledgernet.storage.NetworkPlayers;
import net.ledgernet.storage.NetworkSearch;
import net.ledgernet.storage.SchemaProbe;
import net.ledgernet.storage.SchemaReport;

/**
 * The one object a platform bootstrap drives: {@link #load()}, {@link #enable()}, {@link #disable()}.
 * A broken config.yml leaves LedgerNet disabled, with the reason logged, and never stops the proxy;
 * while disabled, Ledger messages pass through untouched as if LedgerNet were not installed.
 */
@Singleton
public final class LedgerNetCore {
    /** Lifecycle states. */
    public enum State { NEW, LOADED, ENABLED, DISABLED }

    private final Platform platform;
    private final PluginLogger logger;
    private final ConfigFile configFile;
    private final ThrottledLog clientWarnings;

    private final List<Runnable> enabledListeners = new CopyOnWriteArrayList<>();
    private volatile State state = State.NEW;
    private volatile LedgerNetConfig config;
    private volatile String disabledReason;
    private volatile LedgerRouter router;
    private volatile RequestLimiter limiter;
    private volatile PermissionPolicy permissions;
    private BackendDatabases databases;
    private volatile ActionFanOut fanOut;
    private volatile NetworkSearch networkSearch;
    private ExecutorService storageExecutor;

    @Inject
    public LedgerNetCore(Platform platform) {
        this.platform = platform;
        this.logger = platform.logger();
        this.configFile = new ConfigFile(platform.dataDirectory());
        this.clientWarnings = new ThrottledLog(logger, 10_000_000_000L);
    }

    /** Reads config.yml, writing the default first if there is none. */
    public synchronized void load() {
        try {
            if (configFile.writeDefaultIfMissing()) {
                logger.info("Wrote the default configuration to " + configFile.path()
                        + "; list your backends' Ledger databases there.");
            }
            config = configFile.load();
            state = State.LOADED;
        } catch (InvalidConfigException e) {
            disable("LedgerNet is disabled until config.yml is fixed. " + e.getMessage());
        } catch (IOException e) {
            disable("LedgerNet is disabled: cannot write " + configFile.path() + ": " + e.getMessage());
        }
    }

    /** Opens the backends' databases and starts intercepting. Does nothing if loading failed. */
    public synchronized void enable() {
        if (state != State.LOADED) {
            return;
        }
        storageExecutor = newStorageExecutor(Math.max(2, config.backends().size()));
        databases = BackendDatabases.open(config.backends().values());
        for (BackendConfig backend : config.backends().values()) {
            if (!platform.serverNames().isEmpty() && !platform.serverNames().contains(backend.name())) {
                logger.warn("backends." + backend.name() + ": the proxy has no server named '" + backend.name()
                        + "' (servers: " + String.join(", ", platform.serverNames()) + ")");
            }
        }
        for (BackendDatabase database : databases.all()) {
            storageExecutor.execute(() -> logProbe(database, SchemaProbe.probe(database)));
        }
        fanOut = ActionFanOut.open(databases, FanOutSettings.defaults(config.limits()));
        networkSearch = new NetworkSearch(config, fanOut, Clock.systemUTC());
        permissions = PermissionPolicies.create(platform);
        limiter = new RequestLimiter(config.limits(), System::nanoTime);
        router = new LedgerRouter(config, permissions, limiter);
        state = State.ENABLED;
        enabledListeners.forEach(Runnable::run);
        logger.info("LedgerNet " + LedgerNetVersion.get() + " enabled on " + platform.name() + " with "
                + config.backends().size() + " backend(s) in " + databases.poolCount() + " connection pool(s);"
                + " permissions: " + permissions.describe() + ".");
    }

    /**
     * Runs {@code listener} every time LedgerNet becomes enabled: at start, and after a reload that
     * fixed a config.yml it could not start with. Platforms wire their interception here.
     */
    public void onEnabled(Runnable listener) {
        enabledListeners.add(listener);
    }

    public synchronized void disable() {
        if (state == State.ENABLED) {
            logger.info("LedgerNet disabled.");
        }
        state = State.DISABLED;
        router = null;
        limiter = null;
        networkSearch = null;
        if (fanOut != null) {
            fanOut.close();
            fanOut = null;
        }
        if (permissions != null) {
            permissions.close();
            permissions = null;
        }
        if (storageExecutor != null) {
            storageExecutor.shutdownNow();
            storageExecutor = null;
        }
        if (databases != null) {
            databases.close();
            databases = null;
        }
    }

    /**
     * Re-reads config.yml and, if it is valid, restarts on it: pools, caches and sessions are rebuilt.
     * An invalid file changes nothing: the running configuration stays and the problems are returned.
     * The command's name and aliases are registered once, so changing them still needs a restart.
     *
     * @return why the file was not taken, or empty when LedgerNet now runs on it
     */
    public synchronized Optional<String> reload() {
        LedgerNetConfig fresh;
        try {
            fresh = configFile.load();
        } catch (InvalidConfigException e) {
            return Optional.of(e.getMessage());
        }
        LedgerRouter previous = router;
        disable();
        config = fresh;
        disabledReason = null;
        state = State.LOADED;
        enable();
        if (previous != null && router != null) {
            router.carryOver(previous);
        }
        logger.info("Reloaded " + configFile.path() + ".");
        return Optional.empty();
    }

    private void disable(String reason) {
        disabledReason = reason;
        logger.error(reason);
        disable();
    }

    /**
     * Decides what happens to one Ledger plugin message and carries it out. Called on the proxy's
     * network or event threads: it only decides and queues writes, and never blocks.
     *
     * @param backend the backend a client message goes to, or a backend message comes from
     * @return true if the proxy must not pass the original message on
     */
    public boolean onPluginMessage(MessageOrigin origin, PlayerLink link, Optional<String> backend, String channelId,
                                   byte[] data) {
        LedgerRouter active = router;
        Optional<LedgerChannel> channel = LedgerChannel.byId(channelId);
        if (state != State.ENABLED || active == null || channel.isEmpty()) {
            return false;
        }
        RouteDecision decision = active.route(origin, link, backend, channel.get(), data);
        apply(decision, origin, link, backend);
        return decision.stopsOriginal();
    }

    private void apply(RouteDecision decision, MessageOrigin origin, PlayerLink link, Optional<String> backend) {
        if (decision instanceof RouteDecision.Rewrite rewrite) {
            if (origin == MessageOrigin.PLAYER) {
                link.sendToBackend(rewrite.channel(), rewrite.payload());
            } else {
                link.sendToClient(rewrite.channel(), rewrite.payload());
            }
            rewrite.replies().forEach(reply -> link.sendToClient(reply.channel(), LedgerProtocol.encode(reply)));
        } else if (decision instanceof RouteDecision.Answer answer) {
            answer.packets().forEach(packet -> link.sendToClient(packet.channel(), LedgerProtocol.encode(packet)));
            answer.chat().ifPresent(link::tell);
        } else if (decision instanceof RouteDecision.Refuse refuse) {
            link.sendToClient(LedgerChannel.RESPONSE, LedgerProtocol.encode(refuse.response()));
            refuse.message().ifPresent(message -> link.tell("[LedgerNet] " + message));
        } else if (decision instanceof RouteDecision.RunCommand command) {
            link.tell("[LedgerNet] Ledger on " + backend.orElse("this server") + " cannot take this request as a packet;"
                    + " running " + command.commandLine() + " for you.");
            link.chatAsPlayer(command.commandLine());
        } else if (decision instanceof RouteDecision.Fetch fetch) {
            answerFromDatabases(fetch, link, backend);
        } else if (decision instanceof RouteDecision.Drop drop) {
            clientWarnings.warn("Dropped a Ledger message: " + drop.reason());
        }
    }

    /**
     * Streams a database answer to the client as Ledger does: response 1, the packets, response 2;
     * or 3 when nothing could be answered. Runs on the fan-out's executors, never on the caller's.
     */
    private void answerFromDatabases(RouteDecision.Fetch fetch, PlayerLink link, Optional<String> viewer) {
        NetworkSearch search = networkSearch;
        LedgerNetConfig active = config;
        Identifier type = new Identifier(LedgerChannel.NAMESPACE, fetch.responseType().path());
        link.sendToClient(LedgerChannel.RESPONSE, LedgerProtocol.encode(new ResponseS2C(type, ResponseS2C.EXECUTING)));
        if (search == null) {
            fetch.permit().close();
            link.sendToClient(LedgerChannel.RESPONSE, LedgerProtocol.encode(new ResponseS2C(type, ResponseS2C.ERROR)));
            return;
        }
        Map<String, BackendFailure> missing = new ConcurrentHashMap<>();
        CompletableFuture<Integer> sent;
        if (fetch.request() instanceof NetworkRequest.Players players) {
            sent = search.players(players.players(), players.backends()).thenApply(result -> {
                missing.putAll(result.missing());
                int count = 0;
                for (NetworkPlayers.NetworkPlayer player : result.players()) {
                    Optional<LedgerPacket.PlayerS2C> packet = search.toPacket(player, viewer);
                    if (packet.isPresent()) {
                        link.sendToClient(LedgerChannel.PLAYER, LedgerProtocol.encode(packet.get()));
                        count++;
                    }
                }
                return count;
            });
        } else {
            int pageSize = active.limits().pageSize();
            int pages;
            CompletableFuture<MergedPage> first;
            if (fetch.request() instanceof NetworkRequest.Inspect inspect) {
                pages = inspect.pages();
                first = search.inspect(inspect.backend(), inspect.pos(), Optional.empty(), pageSize);
            } else {
                NetworkRequest.Search query = (NetworkRequest.Search) fetch.request();
                pages = query.pages();
                first = search.search(query.queries(), pageSize);
            }
            sent = pages <= 0 ? CompletableFuture.completedFuture(0)
                    : streamPages(search, first, pages, link, viewer, missing);
        }
        sent.whenComplete((count, failure) -> {
            fetch.permit().close();
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause != null) {
                link.tell("[LedgerNet] " + (cause instanceof NetworkSearch.SearchRefusedException
                        ? cause.getMessage() : "The search failed: " + cause));
            } else if (!missing.isEmpty()) {
                link.tell("[LedgerNet] Left out, not answering: " + missing.entrySet().stream()
                        .map(e -> e.getKey() + " (" + e.getValue().reason().name().toLowerCase(java.util.Locale.ROOT) + ")")
                        .sorted().collect(Collectors.joining(", ")));
            }
            // An error only when nothing could be asked at all; a partial answer is still an answer.
            boolean failed = cause != null || !missing.isEmpty() && allMissing(fetch, missing);
            link.sendToClient(LedgerChannel.RESPONSE, LedgerProtocol.encode(new ResponseS2C(type,
                    failed ? ResponseS2C.ERROR : ResponseS2C.COMPLETED)));
        });
    }

    private static boolean allMissing(RouteDecision.Fetch fetch, Map<String, BackendFailure> missing) {
        if (fetch.request() instanceof NetworkRequest.Search search) {
            return missing.keySet().containsAll(search.queries().keySet());
        }
        if (fetch.request() instanceof NetworkRequest.Players players) {
            return missing.keySet().containsAll(players.backends());
        }
        return true; // an inspect asks one backend
    }

    /** Sends up to {@code pages} pages, one after the other, each row as one ledger:action packet. */
    private CompletableFuture<Integer> streamPages(NetworkSearch search, CompletableFuture<MergedPage> first,
                                                   int pages, PlayerLink link, Optional<String> viewer,
                                                   Map<String, BackendFailure> missing) {
        return first.thenCompose(page -> {
            missing.putAll(page.missing());
            int count = 0;
            for (ActionRow row : page.rows()) {
                Optional<LedgerPacket.ActionS2C> packet = search.toPacket(row, viewer);
                if (packet.isPresent()) {
                    link.sendToClient(LedgerChannel.ACTION, LedgerProtocol.encode(packet.get()));
                    count++;
                }
            }
            int sentHere = count;
            if (pages <= 1 || page.last() || page.rows().isEmpty()) {
                return CompletableFuture.completedFuture(sentHere);
            }
            return streamPages(search, search.next(page), pages - 1, link, viewer, missing)
                    .thenApply(rest -> sentHere + rest);
        });
    }

    /** The player is now on a backend: replay their Ledger handshake there. */
    public void onServerSwitch(PlayerLink link) {
        LedgerRouter active = router;
        Optional<String> backend = link.currentBackend();
        if (state == State.ENABLED && active != null && backend.isPresent()) {
            active.handshakeReplay(link.player().uuid(), backend.get())
                    .ifPresent(handshake -> link.sendToBackend(LedgerChannel.HANDSHAKE, handshake));
        }
    }

    /** The player left the proxy: forget their session, buckets and cached permissions. */
    public void onDisconnect(java.util.UUID player) {
        LedgerRouter active = router;
        if (active != null) {
            active.forget(player);
        }
    }

    /** The network search while enabled: the one shared by the router, the command and the CLI. */
    public Optional<NetworkSearch> networkSearch() {
        return Optional.ofNullable(networkSearch);
    }

    /** The per-backend permission check while enabled (the router's): the command filters backends with it. */
    public Optional<PermissionPolicy> permissions() {
        return Optional.ofNullable(permissions);
    }

    /** The readers behind the network search while enabled: their breakers and pools, for status output. */
    public Optional<ActionFanOut> fanOut() {
        return Optional.ofNullable(fanOut);
    }

    /** The request limits while enabled, shared by client-mod requests and {@code /lgn}. */
    public Optional<RequestLimiter> requestLimiter() {
        return Optional.ofNullable(limiter);
    }

    /** The router while enabled, for status output and tests. */
    public Optional<LedgerRouter> router() {
        return Optional.ofNullable(router);
    }

    public State state() {
        return state;
    }

    public Optional<LedgerNetConfig> config() {
        return Optional.ofNullable(config);
    }

    public Optional<String> disabledReason() {
        return Optional.ofNullable(disabledReason);
    }

    private void logProbe(BackendDatabase database, SchemaReport report) {
        String prefix = "Backend " + database.backend() + " (" + database.dialect().displayName() + "): ";
        if (!report.reachable()) {
            logger.warn(prefix + "database unreachable: " + report.error().orElse("unknown error")
                    + ". Searches will leave it out until it answers.");
        } else if (!report.missing().isEmpty()) {
            logger.warn(prefix + "Ledger tables missing: " + String.join(", ", report.missing())
                    + ". Is this the database Ledger writes to?");
        } else {
            logger.info(prefix + "Ledger database found (schema of Ledger " + report.ledgerSchema() + "), about "
                    + report.newestActionId() + " actions.");
            if (!report.columnIndexes()) {
                logger.warn(prefix + "no single-column indexes on actions (created before Ledger 1.3.0, which never"
                        + " adds them to an existing database): searches by action, object, source or player scan the"
                        + " table there.");
            } else if (!report.timeIndex()) {
                logger.warn(prefix + "no actions_time index: time-bounded searches and paging are slower there;"
                        + " Ledger 1.3.21+ creates it with [database] updateSchema = true.");
            }
        }
    }

    private static ExecutorService newStorageExecutor(int threads) {
        AtomicInteger counter = new AtomicInteger();
        ThreadFactory factory = runnable -> {
            Thread thread = new Thread(runnable, "LedgerNet-storage-" + counter.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor executor = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(1024), factory, new ThreadPoolExecutor.AbortPolicy());
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
