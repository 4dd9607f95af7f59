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
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.time.Instant;
import net.ledgernet.audit.AuditLog;
import net.ledgernet.config.BackendConfig;
import net.ledgernet.config.ConfigFile;
import net.ledgernet.config.InvalidConfigException;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.permission.PermissionPolicies;
import net.ledgernet.permission.PermissionPolicy;
import net.ledgernet.protocol.LedgerPacket;
import net.ledgernet.protocol.LedgerPacket.ResponseS2C;
import net.ledgernet.protocol.LedgerProtocol;
import net.ledgernet.routing.Interception;
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
import net.ledgernet.storage.BackendReader;
import net.ledgernet.storage.SchemaReport;

/**
 * The one object a platform bootstrap drives: {@link #load()}, {@link #enable()}, {@link #disable()},
 * {@link #reload()}, and {@link #intercept} for every {@code ledger:*} plugin message.
 *
 * <p>Fail closed: Ledger messages are intercepted from plugin start, whatever the state. While
 * LedgerNet is starting, or disabled by a broken config.yml, client requests are refused and
 * nothing is passed on. Everything a running LedgerNet uses (config, pools, router, limits,
 * permissions) is one {@link Runtime}, built completely before it replaces the old one in a single
 * step, so a reload never leaves a window in which messages pass unchecked, and a reload that
 * fails keeps the old runtime.
 */
@Singleton
public final class LedgerNetCore {
    /** Lifecycle states. Only {@code ENABLED} answers requests; every other state refuses them. */
    public enum State { NEW, LOADED, ENABLED, DISABLED }

    private final Platform platform;
    /** How long a backend of unknown protocol has to answer a protocol-3 handshake before it gets protocol 2. */
    static final long HANDSHAKE_FALLBACK_DELAY_MS = 1500;

    private final PluginLogger logger;
    private final ConfigFile configFile;
    private final ThrottledLog clientWarnings;
    private final ThrottledLog internalErrors;
    /** Refusals and destructive requests, one line each; opened at load. */
    private volatile AuditLog audit = AuditLog.disabled();

    private volatile State state = State.NEW;
    /** The config.yml read by {@link #load()}, before a runtime is built on it. */
    private volatile LedgerNetConfig loaded;
    private volatile String disabledReason;
    /** Everything a running LedgerNet uses; null unless ENABLED. Read once per message. */
    private volatile Runtime runtime;
    /** Told of each player who leaves; they outlive reloads (the /lgn command registers once). */
    private final List<java.util.function.Consumer<java.util.UUID>> leaveListeners = new CopyOnWriteArrayList<>();
    /** Told of each configuration a reload takes (the web console restarts when its settings changed). */
    private final List<java.util.function.Consumer<LedgerNetConfig>> reloadListeners = new CopyOnWriteArrayList<>();

    /** What LedgerNet runs on: built whole, swapped whole, closed whole. */
    private record Runtime(LedgerNetConfig config, BackendDatabases databases, ExecutorService storageExecutor,
                           ActionFanOut fanOut, NetworkSearch networkSearch, PermissionPolicy permissions,
                           RequestLimiter limiter, LedgerRouter router) {
        /** Closes what was opened; parts never built (a failed build) are null. */
        void close() {
            if (fanOut != null) {
                closeQuietly(fanOut::close);
            }
            if (permissions != null) {
                closeQuietly(permissions::close);
            }
            if (storageExecutor != null) {
                // shutdown, not shutdownNow: interrupting a thread that reads an embedded H2 database
                // closes that database for the whole JVM.
                closeQuietly(storageExecutor::shutdown);
            }
            if (databases != null) {
                closeQuietly(databases::close);
            }
        }
    }

    @Inject
    public LedgerNetCore(Platform platform) {
        this.platform = platform;
        this.logger = platform.logger();
        this.configFile = new ConfigFile(platform.dataDirectory());
        this.clientWarnings = new ThrottledLog(logger, 10_000_000_000L);
        this.internalErrors = new ThrottledLog(logger, 10_000_000_000L);
    }

    /** Reads config.yml, writing the default first if there is none. */
    public synchronized void load() {
        if (platform.keepsAuditLog()) {
            try {
                audit = AuditLog.open(platform.dataDirectory());
            } catch (IOException | RuntimeException e) {
                logger.warn("Cannot write the audit log under " + platform.dataDirectory() + ": " + e
                        + "; refusals and rollbacks are not recorded.");
            }
        }
        try {
            if (configFile.writeDefaultIfMissing()) {
                logger.info("Wrote the default configuration to " + configFile.path()
                        + "; list your backends' Ledger databases there.");
            }
            loaded = configFile.load();
            state = State.LOADED;
        } catch (InvalidConfigException e) {
            disable("LedgerNet is disabled until config.yml is fixed. " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            disable("LedgerNet is disabled: cannot read " + configFile.path() + ": " + e);
        }
    }

    /** Opens the backends' databases and starts answering. Does nothing if loading failed. */
    public synchronized void enable() {
        if (state != State.LOADED) {
            return;
        }
        try {
            runtime = build(loaded, null);
        } catch (RuntimeException | LinkageError e) {
            logger.error("LedgerNet could not start on " + configFile.path() + ": " + e, e);
            disable("LedgerNet is disabled: it could not start on config.yml: " + e.getMessage()
                    + ". Fix it and run /lgn reload.");
            return;
        }
        state = State.ENABLED;
        started(runtime);
    }

    /** Everything a running LedgerNet needs, built from {@code config}; on failure nothing is left open. */
    private Runtime build(LedgerNetConfig config, Runtime previous) {
        ExecutorService executor = null;
        BackendDatabases databases = null;
        ActionFanOut fanOut = null;
        PermissionPolicy permissions = null;
        try {
            executor = newStorageExecutor(Math.max(2, config.backends().size()));
            databases = BackendDatabases.open(config.backends().values());
            fanOut = ActionFanOut.open(databases, FanOutSettings.defaults(config.limits()));
            NetworkSearch networkSearch = new NetworkSearch(config, fanOut, Clock.systemUTC());
            permissions = PermissionPolicies.create(platform);
            RequestLimiter limiter = new RequestLimiter(config.limits(), System::nanoTime);
            LedgerRouter router = new LedgerRouter(config, permissions, limiter);
            if (previous != null) {
                router.carryOver(previous.router());
            }
            warmUp(router);
            return new Runtime(config, databases, executor, fanOut, networkSearch, permissions, limiter, router);
        } catch (RuntimeException | LinkageError e) {
            new Runtime(config, databases, executor, fanOut, null, permissions, null, null).close();
            throw e;
        }
    }

    /** Loads the classes a decision needs before the first message arrives on a network thread. */
    private void warmUp(LedgerRouter router) {
        try {
            router.warmUp();
        } catch (RuntimeException e) {
            logger.warn("Warming up the router failed (first messages may be slower): " + e);
        }
    }

    /** Logs what the new runtime found; runs after the runtime is live. */
    private void started(Runtime started) {
        if (started.config().backends().isEmpty()) {
            logger.warn("No backends are listed in " + configFile.path() + " yet. LedgerNet guards Ledger's messages on"
                    + " every server (permissions, limits, safe rollbacks) but answers no search from a database."
                    + " Next: list each server's Ledger database under backends: there (the file has examples), then"
                    + " run /lgn reload; java -jar ledgernet-cli.jar doctor --dir " + platform.dataDirectory()
                    + " checks it first.");
        }
        if (!started.permissions().fromLuckPerms()) {
            logger.warn("Permissions: LuckPerms is not installed, so LedgerNet uses " + platform.ownPermissionsNote()
                    + ". Grant ledger.networking and the ledger.commands.* nodes to your staff on the proxy (README,"
                    + " \"Permissions on the proxy\").");
        }
        for (BackendConfig backend : started.config().backends().values()) {
            if (!platform.serverNames().isEmpty() && !platform.serverNames().contains(backend.name())) {
                logger.warn("backends." + backend.name() + ": the proxy has no server named '" + backend.name()
                        + "' (servers: " + String.join(", ", platform.serverNames()) + ")");
            }
        }
        for (BackendDatabase database : started.databases().all()) {
            try {
                started.storageExecutor().execute(() -> logProbe(database, SchemaProbe.probe(database)));
            } catch (RuntimeException e) {
                logger.warn("Could not check backend " + database.backend() + "'s database: " + e);
            }
        }
        // Each reader finds its tables and its page order (time index or not) now, not on the first search.
        started.fanOut().readers().forEach(BackendReader::prepare);
        logger.info("LedgerNet " + LedgerNetVersion.get() + " enabled on " + platform.name() + " with "
                + started.config().backends().size() + " backend(s) in " + started.databases().poolCount()
                + " connection pool(s); permissions: " + started.permissions().describe() + ".");
    }

    /** Stops LedgerNet for good (proxy shutdown): the runtime and the audit log are closed. */
    public synchronized void disable() {
        if (state == State.ENABLED) {
            logger.info("LedgerNet disabled.");
        }
        stop();
        audit.close();
    }

    /** Closes the runtime; messages are refused from now on. */
    private void stop() {
        state = State.DISABLED;
        Runtime old = runtime;
        runtime = null;
        if (old != null) {
            old.close();
        }
    }

    /**
     * Re-reads config.yml and, if it is valid and LedgerNet can start on it, swaps to it in one step:
     * the new pools, caches, limits and router are built completely first, then replace the old ones,
     * which are closed after. Messages arriving meanwhile are decided by the old runtime (or refused
     * when there was none). A file that is invalid, or on which LedgerNet cannot start, changes
     * nothing. The command's name and aliases are registered once, so changing them needs a restart.
     *
     * @return why the file was not taken, or empty when LedgerNet now runs on it
     */
    public synchronized Optional<String> reload() {
        LedgerNetConfig fresh;
        try {
            fresh = configFile.load();
        } catch (InvalidConfigException e) {
            return Optional.of(e.getMessage());
        } catch (RuntimeException e) {
            return Optional.of("cannot read " + configFile.path() + ": " + e);
        }
        Runtime previous = runtime;
        Runtime next;
        try {
            next = build(fresh, previous);
        } catch (RuntimeException | LinkageError e) {
            logger.error("Reload failed: LedgerNet could not start on " + configFile.path() + ": " + e, e);
            return Optional.of("LedgerNet could not start on this config.yml (" + e.getMessage() + "); "
                    + (previous != null ? "the previous configuration keeps running." : "LedgerNet stays disabled."));
        }
        loaded = fresh;
        runtime = next;
        state = State.ENABLED;
        disabledReason = null;
        if (previous != null) {
            previous.close();
        }
        started(next); // logs what it runs on; the one "Reloaded" line is /lgn reload's answer
        for (java.util.function.Consumer<LedgerNetConfig> listener : reloadListeners) {
            try {
                listener.accept(fresh);
            } catch (RuntimeException e) {
                logger.warn("After the reload: " + e, e);
            }
        }
        return Optional.empty();
    }

    private void disable(String reason) {
        disabledReason = reason;
        logger.error(reason);
        stop();
    }

    /**
     * Decides what happens to one {@code ledger:*} plugin message. Never throws, never blocks: the
     * platform sets its event result from {@link Interception#forwardsOriginal()}, then calls
     * {@link Interception#act()}. Any throwable while deciding, and every state but running, ends in
     * the original being stopped (and a client request being answered with {@code ledger:response} 3).
     *
     * @param backend the backend a client message goes to, or a backend message comes from
     */
    public Interception intercept(MessageOrigin origin, PlayerLink link, Optional<String> backend, String channelId,
                                  byte[] data) {
        Optional<LedgerChannel> channel = Optional.empty();
        try {
            channel = LedgerChannel.byId(channelId);
            if (channel.isEmpty()) {
                clientWarnings.warn("Dropped a message on " + channelId + ", which Ledger does not have");
                return Interception.DROP;
            }
            Runtime active = runtime;
            if (active == null) {
                Interception refused = notRunning(origin, link, channel.get());
                if (origin == MessageOrigin.PLAYER) {
                    audit(link, backend, origin, channel.get(), data, "refused", "LedgerNet is not running ("
                            + state + ")");
                }
                return refused;
            }
            RouteDecision decision = active.router().route(origin, link, backend, channel.get(), data);
            if (origin == MessageOrigin.PLAYER) {
                auditDecision(link, backend, channel.get(), data, decision);
            }
            if (decision instanceof RouteDecision.Forward) {
                return Interception.FORWARD;
            }
            LedgerChannel decided = channel.get();
            return Interception.stop(() -> act(active, decision, origin, link, backend, decided));
        } catch (Throwable failure) {
            Optional<LedgerChannel> failed = channel;
            if (origin == MessageOrigin.PLAYER && failed.isPresent()) {
                audit(link, backend, origin, failed.get(), data, "dropped", "internal error: " + failure);
            }
            return Interception.stop(() -> failed(origin, link, failed, "deciding", failure));
        }
    }

    /** Refusals, drops, and whatever became of a rollback, restore or purge, into the audit log. */
    private void auditDecision(PlayerLink link, Optional<String> backend, LedgerChannel channel, byte[] data,
                               RouteDecision decision) {
        boolean destructive = channel == LedgerChannel.ROLLBACK || channel == LedgerChannel.PURGE;
        if (decision instanceof RouteDecision.Refuse refuse) {
            audit(link, backend, MessageOrigin.PLAYER, channel, data, switch (refuse.response().code()) {
                case ResponseS2C.NO_PERMISSION -> "refused: no permission";
                case ResponseS2C.BUSY -> "refused: busy";
                default -> "refused";
            }, refuse.reason());
        } else if (decision instanceof RouteDecision.Drop drop) {
            audit(link, backend, MessageOrigin.PLAYER, channel, data, "dropped", drop.reason());
        } else if (!destructive) {
            return;
        } else if (decision instanceof RouteDecision.Forward) {
            audit(link, backend, MessageOrigin.PLAYER, channel, data, "forwarded", "packet as sent");
        } else if (decision instanceof RouteDecision.Rewrite rewrite) {
            audit(link, backend, MessageOrigin.PLAYER, channel, data, "forwarded", "rewritten for the backend: "
                    + AuditLog.describeRequest(rewrite.channel(), rewrite.payload()));
        } else if (decision instanceof RouteDecision.RunCommand command) {
            audit(link, backend, MessageOrigin.PLAYER, channel, data, "run as command", command.commandLine());
        } else if (decision instanceof RouteDecision.SuggestCommand suggest) {
            audit(link, backend, MessageOrigin.PLAYER, channel, data, "refused: offered as a click",
                    suggest.commandLine());
        }
    }

    private void audit(PlayerLink link, Optional<String> backend, MessageOrigin origin, LedgerChannel channel,
                       byte[] data, String decision, String reason) {
        try {
            audit.record(new AuditLog.Entry(Instant.now(), playerName(link), String.valueOf(link.player().uuid()),
                    backend.orElse("-"), origin, channel, data, decision, reason));
        } catch (RuntimeException e) {
            audit.record(new AuditLog.Entry(Instant.now(), "?", "?", backend.orElse("-"), origin, channel, data,
                    decision, reason));
        }
    }

    /** Starting, or disabled: refuse client requests with the reason, pass nothing on. */
    private Interception notRunning(MessageOrigin origin, PlayerLink link, LedgerChannel channel) {
        if (origin != MessageOrigin.PLAYER || channel == LedgerChannel.HANDSHAKE || !channel.clientToServer()) {
            return Interception.DROP;
        }
        State now = state;
        String reason = now == State.DISABLED
                ? "LedgerNet is not running: " + condensed(disabledReason().orElse("see the proxy log"))
                : "LedgerNet is starting; try again in a moment.";
        int code = now == State.DISABLED ? ResponseS2C.ERROR : ResponseS2C.BUSY;
        return Interception.stop(() -> {
            try {
                link.sendToClient(LedgerChannel.RESPONSE, LedgerProtocol.encode(ResponseS2C.of(channel, code)));
                link.tell("[LedgerNet] Your " + channel.path() + " request was not sent. " + reason);
            } catch (Throwable e) {
                internalErrors.warn("Could not tell " + playerName(link) + " that LedgerNet is not running: " + e);
            }
        });
    }

    /** Carries out a decision; the original has been stopped already. Never throws. */
    private void act(Runtime active, RouteDecision decision, MessageOrigin origin, PlayerLink link,
                     Optional<String> backend, LedgerChannel channel) {
        try {
            apply(active, decision, origin, link, backend);
        } catch (Throwable failure) {
            if (decision instanceof RouteDecision.Fetch fetch) {
                closeQuietly(fetch.permit()::close);
            }
            failed(origin, link, Optional.of(channel), "carrying out its decision on", failure);
        }
    }

    /**
     * Something threw. Nothing was passed on; a client request gets {@code ledger:response} 3 and a
     * chat line, and the error is logged with its stack trace (throttled).
     */
    private void failed(MessageOrigin origin, PlayerLink link, Optional<LedgerChannel> channel, String step,
                        Throwable failure) {
        try {
            internalErrors.warn("Dropped a " + channel.map(LedgerChannel::id).orElse("ledger") + " message from "
                    + (origin == MessageOrigin.PLAYER ? "player " : "the backend of ") + playerName(link)
                    + " after an error while " + step + " it", failure);
            if (origin == MessageOrigin.PLAYER && channel.isPresent() && channel.get() != LedgerChannel.HANDSHAKE) {
                link.sendToClient(LedgerChannel.RESPONSE, LedgerProtocol.encode(ResponseS2C.of(channel.get(), ResponseS2C.ERROR)));
                link.tell("[LedgerNet] Your " + channel.get().path() + " request was not sent: LedgerNet hit an"
                        + " internal error (" + failure.getClass().getSimpleName() + "); the proxy log has the details.");
            }
        } catch (Throwable ignored) {
            // The player may have left; nothing was forwarded either way.
        }
    }

    private void apply(Runtime active, RouteDecision decision, MessageOrigin origin, PlayerLink link,
                       Optional<String> backend) {
        if (decision instanceof RouteDecision.Rewrite rewrite) {
            if (origin == MessageOrigin.PLAYER) {
                link.sendToBackend(rewrite.channel(), rewrite.payload());
                if (rewrite.channel() == LedgerChannel.HANDSHAKE) {
                    backend.ifPresent(target -> fallBackIfUnanswered(active, link, target));
                }
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
            runCommand(command, link, backend);
        } else if (decision instanceof RouteDecision.SuggestCommand suggest) {
            link.sendToClient(LedgerChannel.RESPONSE, LedgerProtocol.encode(ResponseS2C.of(suggest.channel(), ResponseS2C.ERROR)));
            link.suggestCommand("[LedgerNet] " + suggest.message(), suggest.commandLine());
        } else if (decision instanceof RouteDecision.Fetch fetch) {
            answerFromDatabases(active, fetch, link, backend);
        } else if (decision instanceof RouteDecision.Drop drop) {
            clientWarnings.warn("Dropped a Ledger message: " + drop.reason());
        }
    }

    /**
     * Runs the player's own command on their backend. If the platform refuses after all, nothing ran:
     * the player gets {@code ledger:response} 3 and the command to run themselves.
     */
    private void runCommand(RouteDecision.RunCommand command, PlayerLink link, Optional<String> backend) {
        try {
            link.runCommand(command.commandLine());
        } catch (RuntimeException e) {
            internalErrors.warn("The proxy would not run " + command.commandLine() + " for " + playerName(link), e);
            link.sendToClient(LedgerChannel.RESPONSE, LedgerProtocol.encode(ResponseS2C.of(command.channel(), ResponseS2C.ERROR)));
            link.suggestCommand("[LedgerNet] The proxy could not run this for you, so nothing ran. Click here to put "
                    + command.commandLine() + " in your chat box, then press Enter.", command.commandLine());
            return;
        }
        link.tell("[LedgerNet] Ledger on " + backend.orElse("this server") + " cannot take this request as a packet;"
                + " ran " + command.commandLine() + " for you.");
    }

    /** A multi-line reason as one chat line of at most 300 characters. */
    private static String condensed(String text) {
        String line = text.replaceAll("\\s*\\n\\s*-?\\s*", " ").strip();
        return line.length() <= 300 ? line : line.substring(0, 297) + "...";
    }

    private static String playerName(PlayerLink link) {
        try {
            return link.player().name();
        } catch (RuntimeException e) {
            return "?";
        }
    }

    private static void closeQuietly(Runnable close) {
        try {
            close.run();
        } catch (RuntimeException e) {
            // closing is best effort: the rest must still close
        }
    }

    /**
     * Streams a database answer to the client as Ledger does: response 1, the packets, response 2;
     * or 3 when nothing could be answered. Runs on the fan-out's executors, never on the caller's.
     */
    private void answerFromDatabases(Runtime runtime, RouteDecision.Fetch fetch, PlayerLink link, Optional<String> viewer) {
        NetworkSearch search = runtime.networkSearch();
        LedgerNetConfig active = runtime.config();
        link.sendToClient(LedgerChannel.RESPONSE,
                LedgerProtocol.encode(ResponseS2C.of(fetch.responseType(), ResponseS2C.EXECUTING)));
        Map<String, BackendFailure> missing = new ConcurrentHashMap<>();
        Set<String> revoked = ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger unansweredPlayers = new java.util.concurrent.atomic.AtomicInteger();
        CompletableFuture<Integer> sent;
        if (fetch.request() instanceof NetworkRequest.Players players) {
            sent = search.players(players.players(), players.backends()).thenApply(result -> {
                missing.putAll(result.missing());
                if (!result.unanswered().isEmpty()) {
                    // Never "completed" with players silently left out: say how many, and why.
                    unansweredPlayers.set(result.unanswered().size());
                    link.tell("[LedgerNet] " + result.unanswered().size() + " of the " + players.players().size()
                            + " players could not be looked up: " + result.unanswered().values().stream()
                            .map(f -> f.reason().name().toLowerCase(java.util.Locale.ROOT)).distinct().sorted()
                            .collect(Collectors.joining(", ")) + ". Ask again in a moment.");
                }
                int count = 0;
                for (NetworkPlayers.NetworkPlayer player : result.players()) {
                    Optional<LedgerPacket.PlayerS2C> packet = search.toPacket(player, link.currentBackend());
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
            String node;
            CompletableFuture<MergedPage> first;
            if (fetch.request() instanceof NetworkRequest.Inspect inspect) {
                pages = inspect.pages();
                node = active.permissions().inspect();
                first = search.inspect(inspect.backend(), inspect.pos(), Optional.empty(), pageSize);
            } else {
                NetworkRequest.Search query = (NetworkRequest.Search) fetch.request();
                pages = query.pages();
                node = active.permissions().search();
                // A value no searched server knows (a typo) gets the nearest known one, in chat.
                first = search.search(query.queries(), pageSize).thenApply(page -> {
                    search.typoHints(query.queries(), page, link.currentBackend())
                            .forEach(hint -> link.tell("[LedgerNet] " + hint));
                    return page;
                });
            }
            java.util.UUID player = link.player().uuid();
            PermissionPolicy policy = runtime.permissions();
            // Every further page asks the permission again: a node LuckPerms revoked meanwhile counts.
            java.util.function.Predicate<String> stillAllowed = backend -> policy.has(player, backend, node);
            sent = pages <= 0 ? CompletableFuture.completedFuture(0)
                    : streamPages(search, first, pages, link, missing, stillAllowed, revoked);
        }
        sent.whenComplete((count, failure) -> {
            fetch.permit().close();
            Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
            if (cause != null) {
                link.tell("[LedgerNet] " + (cause instanceof NetworkSearch.SearchRefusedException
                        ? cause.getMessage() : "The search failed: " + cause));
            } else if (!missing.isEmpty()) {
                link.tell("[LedgerNet] Left out, not answering: " + missing.entrySet().stream()
                        .map(e -> e.getKey() + " (" + e.getValue().summary() + ")")
                        .sorted().collect(Collectors.joining(", ")));
            }
            if (!revoked.isEmpty()) {
                link.tell("[LedgerNet] Left out of the further pages: " + String.join(", ", new java.util.TreeSet<>(revoked))
                        + " (your permission there was withdrawn).");
            }
            // An error only when nothing could be asked at all; a partial answer is still an answer.
            boolean failed = cause != null || !missing.isEmpty() && allMissing(fetch, missing)
                    || unansweredPlayers.get() > 0;
            link.sendToClient(LedgerChannel.RESPONSE, LedgerProtocol.encode(ResponseS2C.of(fetch.responseType(),
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

    /**
     * Sends up to {@code pages} pages, one after the other, each row as one ledger:action packet. Ids
     * are mapped for the server the player is on when the page is sent, not when they asked: an
     * answer still arriving after a server switch shows the old server's worlds with network ids.
     */
    private CompletableFuture<Integer> streamPages(NetworkSearch search, CompletableFuture<MergedPage> first,
                                                   int pages, PlayerLink link, Map<String, BackendFailure> missing,
                                                   java.util.function.Predicate<String> stillAllowed, Set<String> revoked) {
        return first.thenCompose(page -> {
            missing.putAll(page.missing());
            Optional<String> viewer = link.currentBackend();
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
            MergedPage permitted = withoutRevoked(page, stillAllowed, revoked);
            if (permitted.next().backends().isEmpty()) {
                return CompletableFuture.completedFuture(sentHere);
            }
            return streamPages(search, search.next(permitted), pages - 1, link, missing, stillAllowed, revoked)
                    .thenApply(rest -> sentHere + rest);
        });
    }

    /** {@code page} without the backends the player may no longer read (named in {@code revoked}). */
    private static MergedPage withoutRevoked(MergedPage page, java.util.function.Predicate<String> stillAllowed,
                                             Set<String> revoked) {
        Set<String> kept = new java.util.HashSet<>();
        page.next().backends().keySet().forEach(backend -> (stillAllowed.test(backend) ? kept : revoked).add(backend));
        return kept.size() == page.next().backends().size() ? page : page.onlyBackends(kept);
    }

    /** The player is now on a backend: replay their Ledger handshake there. Never throws. */
    public void onServerSwitch(PlayerLink link) {
        Runtime active = runtime;
        try {
            Optional<String> backend = link.currentBackend();
            if (active != null && backend.isPresent()) {
                Optional<byte[]> replay = active.router().handshakeReplay(link.player().uuid(), backend.get());
                if (replay.isPresent()) {
                    link.sendToBackend(LedgerChannel.HANDSHAKE, replay.get());
                    fallBackIfUnanswered(active, link, backend.get());
                }
            }
        } catch (Throwable e) {
            internalErrors.warn("Could not replay " + playerName(link) + "'s Ledger handshake after a server switch", e);
        }
    }

    /**
     * A backend whose Ledger protocol is not known was sent protocol 3; Ledger ignores a number not
     * its own, so if it has not answered in {@link #HANDSHAKE_FALLBACK_DELAY_MS}, it gets protocol 2
     * (Ledger 1.2, the 1.20.1 backport). Whichever it answers is learnt for every later player.
     */
    private void fallBackIfUnanswered(Runtime active, PlayerLink link, String backend) {
        if (active.router().protocolKnown(backend)) {
            return;
        }
        Executor later = CompletableFuture.delayedExecutor(HANDSHAKE_FALLBACK_DELAY_MS, TimeUnit.MILLISECONDS,
                active.storageExecutor());
        CompletableFuture.runAsync(() -> {
            try {
                if (runtime == active && link.currentBackend().equals(Optional.of(backend))) {
                    active.router().handshakeFallback(link.player().uuid(), backend)
                            .ifPresent(handshake -> link.sendToBackend(LedgerChannel.HANDSHAKE, handshake));
                }
            } catch (RuntimeException e) {
                internalErrors.warn("Could not retry " + playerName(link) + "'s handshake on " + backend, e);
            }
        }, later).exceptionally(rejected -> null);
    }

    /** The player left the proxy: forget their session, buckets and cached permissions. Never throws. */
    public void onDisconnect(java.util.UUID player) {
        Runtime active = runtime;
        if (active != null) {
            try {
                active.router().forget(player);
            } catch (Throwable e) {
                internalErrors.warn("Could not forget player " + player, e);
            }
        }
        // Whatever the state: what a leaver left behind (their /lgn pages) goes even while disabled.
        for (java.util.function.Consumer<java.util.UUID> listener : leaveListeners) {
            try {
                listener.accept(player);
            } catch (Throwable e) {
                internalErrors.warn("Could not forget player " + player, e);
            }
        }
    }

    /** Runs {@code listener} with each player who leaves the proxy ({@link #onDisconnect}), for as long as the core lives. */
    public void onPlayerLeave(java.util.function.Consumer<java.util.UUID> listener) {
        leaveListeners.add(listener);
    }

    /** Runs {@code listener} with the new configuration after each reload that took, for as long as the core lives. */
    public void onReload(java.util.function.Consumer<LedgerNetConfig> listener) {
        reloadListeners.add(listener);
    }

    /** The network search while enabled: the one shared by the router, the command and the CLI. */
    public Optional<NetworkSearch> networkSearch() {
        return Optional.ofNullable(runtime).map(Runtime::networkSearch);
    }

    /** The per-backend permission check while enabled (the router's): the command filters backends with it. */
    public Optional<PermissionPolicy> permissions() {
        return Optional.ofNullable(runtime).map(Runtime::permissions);
    }

    /** The readers behind the network search while enabled: their breakers and pools, for status output. */
    public Optional<ActionFanOut> fanOut() {
        return Optional.ofNullable(runtime).map(Runtime::fanOut);
    }

    /** The request limits while enabled, shared by client-mod requests and {@code /lgn}. */
    public Optional<RequestLimiter> requestLimiter() {
        return Optional.ofNullable(runtime).map(Runtime::limiter);
    }

    /** The router while enabled, for status output and tests. */
    public Optional<LedgerRouter> router() {
        return Optional.ofNullable(runtime).map(Runtime::router);
    }

    public State state() {
        return state;
    }

    /** The configuration LedgerNet runs on, or, before it runs, the one it read. */
    public Optional<LedgerNetConfig> config() {
        Runtime active = runtime;
        return active != null ? Optional.of(active.config()) : Optional.ofNullable(loaded);
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
            }
            report.timeIndexAdvice().ifPresent(advice -> logger.info(prefix + advice));
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
