package net.ledgernet.command;

import static net.ledgernet.command.ChatMessages.component;
import static net.ledgernet.command.ChatMessages.text;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.format.NamedTextColor;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.routing.RequestLimiter;
import net.ledgernet.command.NetworkQueries.ActionPage;
import net.ledgernet.command.NetworkQueries.QueryException;
import net.ledgernet.command.NetworkQueries.Viewer;
import net.ledgernet.config.CommandPermissions;
import net.ledgernet.config.CommandSettings;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.config.MessageTemplates.Key;
import net.ledgernet.config.PermissionNodes;
import net.ledgernet.platform.PluginLogger;
import net.ledgernet.storage.ActionRow;
import net.ledgernet.storage.NetworkPlayers;
import net.ledgernet.storage.NetworkSearch;
import net.ledgernet.web.WebConsole;
import net.ledgernet.web.WebConsoleHost;
import net.ledgernet.web.WebViewer;

/**
 * The {@code /lgn} proxy command, platform-neutral: the Velocity and BungeeCord adapters hand it
 * the sender and the arguments. Every subcommand has its own node; reads also need Ledger's node
 * on each backend (see {@link NetworkQueries}). Work runs on the storage executors, never on the
 * caller's thread, and a sender has at most one request running.
 */
public final class LgnCommand {
    /** After this long, a sender is told the search is still running. */
    public static final Duration WORKING_NOTICE = Duration.ofSeconds(1);
    /** Pages kept per sender; going back is free, going forward costs one keyset page per backend. */
    static final int MAX_PAGES = 100;
    /** Pages one {@code page N} may walk forward at once. */
    static final int MAX_WALK = 10;
    static final Duration SESSION_TTL = Duration.ofMinutes(30);

    private final LedgerNetCore core;
    private final NetworkQueries queries;
    private final Function<String, Optional<UUID>> onlinePlayers;
    private final PluginLogger logger;
    private final Duration workingNotice;
    private final Completions completions;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    /** The proxy's web console, for {@code web}; empty where there is none. */
    private final Optional<WebConsoleHost> web;

    /** The pages a sender has seen of their last search. */
    private record Session(List<ActionPage> pages, Instant touched) {
        ActionPage last() {
            return pages.get(pages.size() - 1);
        }
    }

    private enum Sub {
        SEARCH("search <params>"), PAGE("page <n>"), PLAYER("player <name|uuid>"),
        INSPECT("inspect <backend> <x> <y> <z> [world]"), STATUS("status"), RELOAD("reload"), WEB("web");

        final String usage;

        Sub(String usage) {
            this.usage = usage;
        }

        boolean readsDatabases() {
            return this != STATUS && this != RELOAD && this != WEB;
        }

        String node(CommandPermissions p) {
            return switch (this) {
                case SEARCH, PAGE -> p.search();
                case PLAYER -> p.player();
                case INSPECT -> p.inspect();
                case STATUS -> p.status();
                case RELOAD -> p.reload();
                case WEB -> p.web();
            };
        }

        String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** For "Still ...". */
        String task() {
            return switch (this) {
                case SEARCH, PAGE -> "searching";
                case PLAYER -> "looking up players";
                case INSPECT -> "inspecting";
                case STATUS -> "checking the backends";
                case RELOAD -> "reloading";
                case WEB -> "making your login link";
            };
        }
    }

    /**
     * @param onlinePlayers the UUID of an online player by name (case-insensitive), for {@code player}
     * @param onlineNames   the online players' names, for tab completion
     */
    public LgnCommand(LedgerNetCore core, NetworkQueries queries, Function<String, Optional<UUID>> onlinePlayers,
                      Supplier<Collection<String>> onlineNames, PluginLogger logger,
                      Duration workingNotice) {
        this(core, queries, onlinePlayers, onlineNames, logger, workingNotice, null);
    }

    /** @param web the proxy's web console, whose login links {@code web} hands out; null for none */
    public LgnCommand(LedgerNetCore core, NetworkQueries queries, Function<String, Optional<UUID>> onlinePlayers,
                      Supplier<Collection<String>> onlineNames, PluginLogger logger,
                      Duration workingNotice, WebConsoleHost web) {
        this.web = Optional.ofNullable(web);
        this.core = core;
        this.queries = queries;
        this.onlinePlayers = onlinePlayers;
        this.logger = logger;
        this.workingNotice = workingNotice;
        this.completions = new Completions(core, onlineNames);
        core.onPlayerLeave(this::forget);
    }

    /** The player left the proxy: their pages go (they hold rows and cursors into every pool). */
    void forget(UUID player) {
        sessions.remove(player.toString());
    }

    /** How many senders have pages kept, for tests. */
    int sessionCount() {
        return sessions.size();
    }

    /** The command's name and aliases from config.yml (read once, at registration). */
    public static CommandSettings settings(LedgerNetCore core) {
        return core.config().map(LedgerNetConfig::command).orElse(new CommandSettings("lgn", List.of()));
    }

    /** Whether to show the command to this sender at all: they hold at least one subcommand node. */
    public boolean visibleTo(CommandSender sender) {
        CommandPermissions nodes = settings(core).permissions();
        return Arrays.stream(Sub.values()).anyMatch(sub -> sender.hasPermission(sub.node(nodes)));
    }

    /**
     * Runs one invocation. Returns at once; the future completes when every message is sent
     * (tests wait on it; the adapters do not).
     */
    public CompletableFuture<Void> execute(CommandSender sender, String[] args) {
        CommandSettings settings = settings(core);
        ChatMessages messages = new ChatMessages(settings.messages(), settings.name());
        Optional<Sub> sub = args.length == 0 ? Optional.empty() : Arrays.stream(Sub.values())
                .filter(s -> s.label().equalsIgnoreCase(args[0])).findFirst();
        if (sub.isEmpty() && args.length > 0 && visibleTo(sender)) {
            // version and help answer from memory: no node of their own, no database, no limit.
            if (args[0].equalsIgnoreCase("version")) {
                sender.send(messages.render(Key.INFO, text("message", version())));
                return CompletableFuture.completedFuture(null);
            }
            if (args[0].equalsIgnoreCase("help") && args.length > 1) {
                sender.send(helpFor(sender, messages, args[1]));
                return CompletableFuture.completedFuture(null);
            }
        }
        if (sub.isEmpty()) {
            sender.send(help(sender, messages));
            return CompletableFuture.completedFuture(null);
        }
        if (!sender.hasPermission(sub.get().node(settings.permissions()))) {
            sender.send(messages.render(Key.NO_PERMISSION, text("action", "use /" + settings.name() + " "
                    + sub.get().label())));
            return CompletableFuture.completedFuture(null);
        }
        if (sub.get() != Sub.RELOAD && core.state() != LedgerNetCore.State.ENABLED) {
            sender.send(messages.render(Key.DISABLED, text("reason", core.disabledReason().orElse("see the proxy log"))));
            return CompletableFuture.completedFuture(null);
        }
        String key = key(sender);
        if (!running.add(key)) {
            sender.send(messages.render(Key.BUSY));
            return CompletableFuture.completedFuture(null);
        }
        // Reading the databases counts against the same limits as client-mod requests; a login link
        // takes a token of the same bucket, so links cannot be minted faster than searches.
        Optional<RequestLimiter.Permit> permit = sub.get().readsDatabases()
                ? core.requestLimiter().flatMap(limits -> sender.player()
                        .map(uuid -> limits.tryAcquire(uuid, true)).orElseGet(limits::tryAcquireFanOut))
                : sub.get() == Sub.WEB && sender.player().isPresent()
                ? core.requestLimiter().filter(limits -> limits.tryTakeToken(sender.player().get()))
                        .map(limits -> (RequestLimiter.Permit) () -> { })
                : Optional.of(() -> { });
        if (permit.isEmpty()) {
            running.remove(key);
            sender.send(messages.render(Key.ERROR, text("message",
                    "Too many requests right now (see limits: in config.yml); try again in a moment.")));
            return CompletableFuture.completedFuture(null);
        }
        List<String> rest = List.of(args).subList(1, args.length);
        CompletableFuture<Void> work;
        try {
            work = run(sub.get(), sender, rest, messages, key);
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Void> done = work;
        if (sub.get() != Sub.RELOAD) {
            CompletableFuture.delayedExecutor(workingNotice.toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                if (!done.isDone()) {
                    sender.send(messages.render(Key.WORKING, text("task", sub.get().task())));
                }
            });
        }
        return done.handle((ignored, error) -> {
            permit.get().close();
            running.remove(key);
            if (error != null) {
                fail(sender, messages, error);
            }
            return null;
        });
    }

    private CompletableFuture<Void> run(Sub sub, CommandSender sender, List<String> args, ChatMessages messages,
                                        String key) {
        Viewer viewer = new Viewer(sender.player());
        return switch (sub) {
            case SEARCH -> {
                if (args.isEmpty()) {
                    throw usage(sub);
                }
                yield queries.search(viewer, String.join(" ", args)).thenAccept(page -> {
                    remember(key, page);
                    showPage(sender, messages, page);
                });
            }
            case PAGE -> page(sender, args, messages, key);
            case PLAYER -> {
                if (args.size() != 1) {
                    throw usage(sub);
                }
                yield queries.player(viewer, args.get(0), onlinePlayers).thenAccept(result -> showPlayers(sender,
                        messages, result));
            }
            case INSPECT -> {
                if (args.size() != 4 && args.size() != 5) {
                    throw usage(sub);
                }
                yield queries.inspect(viewer, args.get(0), args.get(1), args.get(2), args.get(3),
                        args.size() == 5 ? Optional.of(args.get(4)) : Optional.empty()).thenAccept(page -> {
                            remember(key, page);
                            showPage(sender, messages, page);
                        });
            }
            case STATUS -> queries.status().thenAccept(statuses -> {
                sender.send(messages.render(Key.STATUS_HEADER, text("permissions", queries.permissionsDescription())));
                statuses.forEach(status -> sender.send(statusLine(messages, status)));
            });
            case RELOAD -> CompletableFuture.supplyAsync(core::reload).thenAccept(problem -> {
                sessions.clear(); // cursors point into the old pools
                // Success is told in the new file's words.
                CommandSettings now = settings(core);
                sender.send(problem.map(p -> messages.render(Key.RELOAD_FAILED, text("reason", p)))
                        .orElseGet(() -> new ChatMessages(now.messages(), now.name()).render(Key.RELOADED,
                                text("backends", core.config().map(c -> c.backends().size()).orElse(0)))));
            });
            case WEB -> {
                if (!args.isEmpty()) {
                    throw usage(sub);
                }
                webLink(sender, messages);
                yield CompletableFuture.completedFuture(null);
            }
        };
    }

    /** A single-use login link for the sender, in chat; only a player has a browser session to log in. */
    private void webLink(CommandSender sender, ChatMessages messages) {
        UUID player = sender.player().orElseThrow(() -> new QueryException(QueryException.Kind.BAD_INPUT,
                "/" + messages.command() + " web gives a player a login link. From a terminal on this machine,"
                        + " java -jar ledgernet-cli.jar web --dir <the plugin folder holding config.yml> serves the"
                        + " console and prints the operator's link."));
        String reload = "/" + messages.command() + " reload";
        Optional<WebConsole> console = web.flatMap(WebConsoleHost::console);
        if (console.isEmpty()) {
            throw new QueryException(QueryException.Kind.UNAVAILABLE, web.flatMap(WebConsoleHost::unavailable)
                    .orElse("The web console is off: set web.enabled: true in config.yml and run " + reload + "."));
        }
        java.net.URI link = console.get().loginLink(WebViewer.player(player, sender.name()));
        sender.send(messages.webLink(link, sender.name(), WebConsoleHost.LOGIN_LINK_VALIDITY.toMinutes()));
    }

    private CompletableFuture<Void> page(CommandSender sender, List<String> args, ChatMessages messages, String key) {
        int wanted;
        try {
            wanted = args.size() == 1 ? Integer.parseInt(args.get(0)) : -1;
        } catch (NumberFormatException e) {
            wanted = -1;
        }
        if (wanted < 1) {
            throw usage(Sub.PAGE);
        }
        Session session = sessions.get(key);
        if (session == null || session.touched().plus(SESSION_TTL).isBefore(queries.clock().instant())) {
            throw new QueryException(QueryException.Kind.BAD_INPUT, "Nothing to page through; search first with /"
                    + messages.command() + " search <params>.");
        }
        Viewer viewer = new Viewer(sender.player());
        if (wanted <= session.pages().size()) {
            // Seen before, but shown again only from the backends the sender may still read.
            showPage(sender, messages, queries.recheck(viewer, session.pages().get(wanted - 1)));
            return CompletableFuture.completedFuture(null);
        }
        ActionPage last = session.last();
        if (!last.hasNext()) {
            throw new QueryException(QueryException.Kind.BAD_INPUT, "There " + (last.number() == 1 ? "is only 1 page."
                    : "are only " + last.number() + " pages."));
        }
        if (wanted - last.number() > MAX_WALK || wanted > MAX_PAGES) {
            throw new QueryException(QueryException.Kind.BAD_INPUT, wanted > MAX_PAGES
                    ? "Pages stop at " + MAX_PAGES + "; narrow the search with before:, after: or more terms."
                    : "Page forward at most " + MAX_WALK + " pages at a time (you are at page " + last.number() + ").");
        }
        return walk(viewer, key, last, wanted).thenAccept(page -> showPage(sender, messages, page));
    }

    /**
     * Keyset pages forward from {@code from} to page {@code wanted}, remembering each; stops early at
     * the end. Each step checks the sender's node on every backend again.
     */
    private CompletableFuture<ActionPage> walk(Viewer viewer, String key, ActionPage from, int wanted) {
        if (from.number() >= wanted || !from.hasNext()) {
            if (from.number() < wanted) {
                throw new CompletionException(new QueryException(QueryException.Kind.BAD_INPUT,
                        "There are only " + from.number() + " pages."));
            }
            return CompletableFuture.completedFuture(from);
        }
        return queries.next(viewer, from).thenCompose(next -> {
            remember(key, next);
            return walk(viewer, key, next, wanted);
        });
    }

    private void remember(String key, ActionPage page) {
        Instant now = queries.clock().instant();
        sessions.compute(key, (k, session) -> {
            List<ActionPage> pages = new ArrayList<>();
            if (page.number() > 1 && session != null) {
                pages.addAll(session.pages().subList(0, Math.min(session.pages().size(), page.number() - 1)));
            }
            pages.add(page);
            return new Session(List.copyOf(pages), now);
        });
        sessions.entrySet().removeIf(e -> e.getValue().touched().plus(SESSION_TTL).isBefore(now));
    }

    private void showPage(CommandSender sender, ChatMessages messages, ActionPage page) {
        NetworkSearch search = core.networkSearch().orElse(null);
        if (!page.hidden().isEmpty()) {
            sender.send(messages.render(Key.HIDDEN, text("servers", ChatMessages.list(page.hidden()))));
        }
        if (!page.revoked().isEmpty()) {
            sender.send(messages.render(Key.REVOKED, text("servers", ChatMessages.list(page.revoked())),
                    text("node", page.access().node())));
        }
        if (!page.missing().isEmpty()) {
            sender.send(messages.render(Key.LEFT_OUT, text("servers",
                    ChatMessages.list(ChatMessages.described(page.missing())))));
        }
        page.hints().forEach(hint -> sender.send(messages.render(Key.HINT, text("hint", hint))));
        if (page.noneAnswered()) {
            throw new QueryException(QueryException.Kind.UNAVAILABLE, "No server answered; try again shortly.");
        }
        if (page.rows().isEmpty() || search == null) {
            sender.send(messages.render(page.number() == 1 ? Key.NO_RESULTS : Key.ERROR, text("query", page.query()),
                    text("message", "No more actions.")));
            return;
        }
        sender.send(messages.render(Key.RESULTS_HEADER, text("page", page.number()), text("query", page.query()),
                text("servers", ChatMessages.list(page.searched()))));
        Instant now = queries.clock().instant();
        for (ActionRow row : page.rows()) {
            completions.note(row, search);
            sender.send(messages.action(row, search, now));
        }
        sender.send(messages.pager(page.number(), page.hasNext()));
    }

    private void showPlayers(CommandSender sender, ChatMessages messages, NetworkQueries.PlayerResult result) {
        if (!result.missing().isEmpty()) {
            sender.send(messages.render(Key.LEFT_OUT, text("servers",
                    ChatMessages.list(ChatMessages.described(result.missing())))));
        }
        if (result.players().isEmpty()) {
            sender.send(result.missing().isEmpty() ? messages.render(Key.PLAYER_NOT_FOUND, text("name", result.query()))
                    : messages.render(Key.PLAYER_NOT_FOUND_PARTIAL, text("name", result.query()),
                    text("servers", ChatMessages.list(List.copyOf(new java.util.TreeSet<>(result.missing().keySet()))))));
            return;
        }
        NetworkSearch search = core.networkSearch().orElseThrow(QueryException::disabledNow);
        Instant now = queries.clock().instant();
        for (NetworkPlayers.NetworkPlayer player : result.players()) {
            completions.notePlayer(player.name(), player.lastBackend());
            String position = player.lastJoinPosition().map(p -> p.x() + " " + p.y() + " " + p.z() + " in "
                    + search.worldFor(p.backend(), p.world(), Optional.empty())
                    + (p.basis() == NetworkPlayers.Basis.LAST_ACTION_BEFORE_LAST_JOIN ? " (before that join)" : ""))
                    .orElse("unknown (no logged action)");
            sender.send(messages.render(Key.PLAYER, text("name", player.name()), text("uuid", player.uuid()),
                    text("first-join", ChatMessages.ago(player.firstJoin(), now)),
                    text("last-join", ChatMessages.ago(player.lastJoin(), now)),
                    text("backend", player.lastBackend()), text("position", position)));
        }
    }

    private static Component statusLine(ChatMessages messages, NetworkQueries.BackendStatus s) {
        Component state = !s.schema().reachable() ? Component.text("down", NamedTextColor.RED)
                : s.healthy() ? Component.text("ok", NamedTextColor.GREEN) : Component.text("check", NamedTextColor.YELLOW);
        String zone = s.zone().getId() + s.zoneAhead().map(d -> " WRONG? newest action is " + d.toMinutes()
                + "m in the future").orElse(s.newestAction().isPresent() ? " ✓" : "");
        String schema = !s.schema().reachable() ? s.schema().error().orElse("unreachable")
                : !s.schema().missing().isEmpty() ? "missing " + String.join(", ", s.schema().missing())
                : s.schema().timeIndexAdvice().map(advice -> "Ledger tables found; " + advice).orElse("Ledger tables found");
        return messages.render(Key.STATUS, text("backend", s.backend()), component("state", state),
                text("latency", s.schema().reachable() ? String.format(Locale.ROOT, "%.1f ms", s.schema().latencyMillis()) : "-"),
                text("schema", schema), text("rows", s.schema().complete() ? "~" + s.schema().newestActionId() : "-"),
                text("time-zone", zone), text("breaker", s.breaker().name().toLowerCase(Locale.ROOT).replace('_', '-')),
                text("pool", s.pool().map(p -> p.inUse() + "/" + p.size() + " in use").orElse("-")));
    }

    private String version() {
        return "LedgerNet " + net.ledgernet.LedgerNetVersion.get() + " · " + core.state().name().toLowerCase(Locale.ROOT)
                + " · " + core.config().map(c -> c.backends().size()).orElse(0) + " backend(s) · permissions: "
                + core.permissions().map(net.ledgernet.permission.PermissionPolicy::describe).orElse("-");
    }

    /** {@code /lgn help <subcommand>}: its usage, what it does, and for searches Ledger's grammar. */
    private Component helpFor(CommandSender sender, ChatMessages messages, String name) {
        Optional<Sub> sub = Arrays.stream(Sub.values()).filter(s -> s.label().equalsIgnoreCase(name)).findFirst();
        if (sub.isEmpty() || !sender.hasPermission(sub.get().node(settings(core).permissions()))) {
            return help(sender, messages);
        }
        String usage = "/" + messages.command() + " " + sub.get().usage + " — " + switch (sub.get()) {
            case SEARCH -> "searches the servers you may search, newest first. Terms: action:<type> source:<player|@source>"
                    + " object:<id|#tag> world:<id> (each may be repeated, ! excludes), range:@global, before:<time>"
                    + " after:<time> (s m h d w, e.g. 1d2h), rolledback:true|false, backend:<name|*|!name>. Example: "
                    + "action:block-break source:Steve after:1d backend:*";
            case PAGE -> "shows page n of your last search.";
            case PLAYER -> "a player's first and last join across the servers you may see.";
            case INSPECT -> "every action at one block of one server, newest first; world is a network id.";
            case STATUS -> "every backend's database: reachable, latency, size, time zone, breaker, pool.";
            case RELOAD -> "re-reads config.yml; a file with problems changes nothing and the problems are listed.";
            case WEB -> "a login link to the web console in chat, for you alone: one use, valid "
                    + WebConsoleHost.LOGIN_LINK_VALIDITY.toMinutes() + " minutes. The console searches, charts and maps"
                    + " the network with your permissions, checked on every request.";
        };
        return messages.render(Key.INFO, text("message", usage));
    }

    private Component help(CommandSender sender, ChatMessages messages) {
        CommandPermissions nodes = settings(core).permissions();
        List<String> usable = Arrays.stream(Sub.values()).filter(s -> listedFor(sender, s, nodes))
                .map(s -> "/" + messages.command() + " " + s.usage).toList();
        if (usable.isEmpty()) {
            return messages.render(Key.NO_PERMISSION, text("action", "use /" + messages.command()));
        }
        return messages.render(Key.HELP, text("usage", String.join(" | ", usable) + " | /" + messages.command()
                + " help <subcommand> | /" + messages.command() + " version"));
    }

    /** Offered in usage and completion: the sender holds its node, and web only to players (who have a browser). */
    private static boolean listedFor(CommandSender sender, Sub sub, CommandPermissions nodes) {
        return sender.hasPermission(sub.node(nodes)) && (sub != Sub.WEB || sender.player().isPresent());
    }

    private void fail(CommandSender sender, ChatMessages messages, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof QueryException q) {
            sender.send(q.kind() == QueryException.Kind.NO_PERMISSION
                    ? messages.render(Key.NO_PERMISSION, text("action", q.getMessage() + " on any server"))
                    : messages.render(Key.ERROR, text("message", q.getMessage())));
        } else {
            logger.warn("/" + messages.command() + " failed: " + cause);
            sender.send(messages.render(Key.ERROR, text("message", "That failed (" + cause.getClass().getSimpleName()
                    + "); the proxy log has the details.")));
        }
    }

    private static QueryException usage(Sub sub) {
        return new QueryException(QueryException.Kind.BAD_INPUT, "Usage: " + sub.usage);
    }

    private static String key(CommandSender sender) {
        return sender.player().map(UUID::toString).orElse("console");
    }

    /** Tab completion: subcommands the sender may use, then parameter keys and values from memory only. */
    public List<String> suggest(CommandSender sender, String[] args) {
        CommandPermissions nodes = settings(core).permissions();
        if (args.length <= 1) {
            String prefix = args.length == 0 ? "" : args[0].toLowerCase(Locale.ROOT);
            return Arrays.stream(Sub.values()).filter(s -> listedFor(sender, s, nodes))
                    .map(Sub::label).filter(l -> l.startsWith(prefix)).toList();
        }
        Optional<Sub> sub = Arrays.stream(Sub.values()).filter(s -> s.label().equalsIgnoreCase(args[0])).findFirst();
        if (sub.isEmpty() || !sender.hasPermission(sub.get().node(nodes))) {
            return List.of();
        }
        String last = args[args.length - 1];
        return switch (sub.get()) {
            case SEARCH -> completions.searchTerm(last, readable(sender, PermissionNodes::search));
            case PLAYER -> args.length == 2 ? completions.players(last, readable(sender, PermissionNodes::player))
                    : List.of();
            case INSPECT -> args.length == 2 ? completions.backends(last)
                    : args.length == 6 ? completions.worldsOf(args[1], last, readable(sender, PermissionNodes::inspect))
                    : List.of();
            default -> List.of();
        };
    }

    /** The backends where the sender holds Ledger's node (as {@code node} picks it), checked now. */
    private Set<String> readable(CommandSender sender, Function<PermissionNodes, String> node) {
        Optional<LedgerNetConfig> config = core.config();
        if (config.isEmpty()) {
            return Set.of();
        }
        Viewer viewer = new Viewer(sender.player());
        String wanted = node.apply(config.get().permissions());
        Set<String> readable = new java.util.HashSet<>();
        for (String backend : config.get().backends().keySet()) {
            if (queries.allowed(viewer, backend, wanted)) {
                readable.add(backend);
            }
        }
        return readable;
    }
}
