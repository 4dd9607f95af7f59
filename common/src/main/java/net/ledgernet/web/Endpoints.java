package net.ledgernet.web;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.regex.Pattern;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.LedgerNetVersion;
import net.ledgernet.command.Completions;
import net.ledgernet.command.NetworkQueries;
import net.ledgernet.command.NetworkQueries.ActionPage;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.config.PermissionNodes;
import net.ledgernet.config.WebSettings;
import net.ledgernet.storage.ActionRow;
import net.ledgernet.storage.BackendFailure;
import net.ledgernet.storage.FanOutListener;
import net.ledgernet.storage.NetworkPlayers;
import net.ledgernet.storage.NetworkSearch;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Fields;

/**
 * The console's API behind the session and access checks of {@link ConsoleHandler}: every read goes
 * through {@link NetworkQueries} with the session's viewer, so Ledger's nodes are checked per backend
 * as {@code /lgn} checks them. Every parameter is validated within limits; unknown ones are ignored.
 */
final class Endpoints {
    /** A search string: far more than staff type, far less than a request line may carry. */
    static final int MAX_QUERY_CHARS = 1024;
    /** How long one request may wait on the databases (a fan-out answers within its deadline; a chart reads many pages). */
    private static final Duration PAGE_WAIT = Duration.ofSeconds(60);
    private static final Duration CHART_WAIT = Duration.ofMinutes(2);
    /** Rows per keyset page when charts and exports read many. */
    static final int CHUNK = 500;
    private static final Pattern PERIOD = Pattern.compile("([1-9][0-9]{0,2})([hdw])");
    private static final Duration MAX_PERIOD = Duration.ofDays(3650);
    private static final Pattern WHO = Pattern.compile("[A-Za-z0-9_.-]{1,36}");
    private static final Pattern BACKEND = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final Pattern WORLD = Pattern.compile("[a-z0-9_.:/-]{1,128}");
    private static final Pattern NUMBER = Pattern.compile("-?[0-9]{1,9}");
    private static final DateTimeFormatter FILE_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
            .withZone(ZoneOffset.UTC);

    private final WebSettings settings;
    private final LedgerNetCore core;
    private final NetworkQueries queries;
    private final Logins logins;
    private final Clock clock;
    /** What results showed, per backend, offered back only from backends the asker may read. */
    private final Completions completions;

    Endpoints(WebSettings settings, LedgerNetCore core, NetworkQueries queries, Logins logins, Clock clock) {
        this.settings = settings;
        this.core = core;
        this.queries = queries;
        this.logins = logins;
        this.clock = clock;
        this.completions = new Completions(core, List::of);
    }

    // ---------------------------------------------------------------- from memory

    void me(Logins.Session session, Response response) {
        WebViewer viewer = session.viewer;
        List<Object> backends = new ArrayList<>();
        int pageSize = 0;
        Optional<LedgerNetConfig> config = core.config();
        if (config.isPresent()) {
            PermissionNodes nodes = config.get().permissions();
            pageSize = config.get().limits().pageSize();
            for (String backend : config.get().backends().keySet()) {
                boolean search = allowed(viewer, backend, nodes.search());
                boolean inspect = allowed(viewer, backend, nodes.inspect());
                boolean player = allowed(viewer, backend, nodes.player());
                if (search || inspect || player) {
                    backends.add(JsonViews.object("name", backend, "search", search, "inspect", inspect,
                            "player", player));
                }
            }
        }
        json(response, JsonViews.object("name", viewer.name(),
                "player", viewer.player().map(Object::toString).orElse(null),
                "version", LedgerNetVersion.get(),
                "backends", backends,
                "limits", JsonViews.object("exportMaxRows", settings.exportMaxRows(),
                        "chartMaxRows", settings.chartMaxRows(), "pageSize", pageSize)));
    }

    void complete(Logins.Session session, Fields params, Response response) {
        String typed = text(params, "q", MAX_QUERY_CHARS, false).orElse("");
        String last = typed.endsWith(" ") ? "" : typed.substring(typed.lastIndexOf(' ') + 1);
        Set<String> readable = readable(session.viewer, PermissionNodes::search);
        List<String> suggestions = readable.isEmpty() ? List.of() : completions.searchTerm(last, readable);
        json(response, JsonViews.object("suggestions", suggestions));
    }

    // ---------------------------------------------------------------- search and pages

    void search(Logins.Session session, Fields params, Response response) {
        String q = query(params);
        Instant now = queries.clock().instant();
        streamPage(session, response, listener -> queries.search(session.viewer.queryViewer(), q, now, 0, listener));
    }

    void page(Logins.Session session, Fields params, Response response) {
        String cursor = text(params, "cursor", 64, true).orElseThrow();
        Logins.Remembered remembered = session.page(cursor).orElseThrow(() -> WebError.notFound(
                "That page is no longer kept (pages are kept per login, up to " + Logins.MAX_PAGES_PER_SESSION
                        + "); run the search again."));
        if (remembered.runtime() != networkSearch()) {
            // A reload replaced the pools (and maybe the databases) its cursor points into.
            throw WebError.notFound("LedgerNet was reloaded since that page; run the search again.");
        }
        ActionPage from = remembered.page();
        if (!from.hasNext()) {
            throw WebError.badInput("There are no more pages.");
        }
        streamPage(session, response, listener -> queries.next(session.viewer.queryViewer(), from, listener));
    }

    /**
     * A page as NDJSON: start (the backends asked), one line per backend as it answers or is left
     * out, then the page. A refusal before anything is asked is a status code; after, an error line.
     */
    private void streamPage(Logins.Session session, Response response,
                            Function<FanOutListener, CompletableFuture<ActionPage>> run) {
        BlockingQueue<Map<String, Object>> events = new LinkedBlockingQueue<>();
        AtomicReference<List<String>> asked = new AtomicReference<>();
        Set<String> told = ConcurrentHashMap.newKeySet();
        long started = System.nanoTime();
        FanOutListener listener = new FanOutListener() {
            @Override
            public void asking(List<String> backends) {
                asked.set(List.copyOf(backends));
            }

            @Override
            public void answered(String backend) {
                if (told.add(backend)) {
                    events.add(JsonViews.answered(backend, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
                }
            }

            @Override
            public void failed(String backend, BackendFailure failure) {
                if (told.add(backend)) {
                    events.add(JsonViews.backendState(backend, failure));
                }
            }
        };
        CompletableFuture<ActionPage> future = run.apply(listener);
        if (future.isCompletedExceptionally() || asked.get() == null) {
            ConsoleHandler.await(future, PAGE_WAIT); // throws the refusal with its status
        }
        List<String> backends = asked.get() == null ? List.of() : asked.get();
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/x-ndjson; charset=utf-8");
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            line(out, JsonViews.start(backends));
            long deadline = System.nanoTime() + PAGE_WAIT.toNanos();
            while (!(future.isDone() && events.isEmpty()) && System.nanoTime() < deadline) {
                Map<String, Object> event = events.poll(25, TimeUnit.MILLISECONDS);
                if (event != null) {
                    line(out, event);
                }
            }
            try {
                ActionPage page = ConsoleHandler.await(future, Duration.ofMillis(1));
                for (String backend : backends) {
                    if (told.add(backend)) {
                        BackendFailure failure = page.missing().get(backend);
                        line(out, failure != null ? JsonViews.backendState(backend, failure)
                                : JsonViews.answered(backend, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
                    }
                }
                line(out, JsonViews.object("type", "page", "page", pageJson(session, page)));
            } catch (WebError e) {
                line(out, JsonViews.error(e.kind, e.getMessage()));
            }
        } catch (IOException e) {
            throw new ConsoleHandler.Stream.ClientGone(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** PAGE, keeping the page for {@code /api/page} under a new cursor token when more follow. */
    private Map<String, Object> pageJson(Logins.Session session, ActionPage page) {
        NetworkSearch search = networkSearch();
        page.rows().forEach(row -> completions.note(row, search));
        String next = page.hasNext() ? session.remember(page, search, logins.newCursor()) : null;
        return JsonViews.page(page, search, next);
    }

    void inspect(Logins.Session session, Fields params, Response response) {
        String backend = matching(params, "backend", BACKEND, true).orElseThrow();
        Optional<String> world = matching(params, "world", WORLD, false);
        String x = matching(params, "x", NUMBER, true).orElseThrow();
        String y = matching(params, "y", NUMBER, true).orElseThrow();
        String z = matching(params, "z", NUMBER, true).orElseThrow();
        ActionPage page = ConsoleHandler.await(queries.inspect(session.viewer.queryViewer(), backend, x, y, z, world),
                PAGE_WAIT);
        json(response, JsonViews.object("type", "page", "page", pageJson(session, page)));
    }

    // ---------------------------------------------------------------- charts

    void timeline(Logins.Session session, Fields params, Response response) {
        String q = query(params);
        String bucket = choice(params, "bucket", List.of("hour", "day"), "hour");
        ChronoUnit unit = bucket.equals("day") ? ChronoUnit.DAYS : ChronoUnit.HOURS;
        // backend -> bucket start -> count; filled from several storage threads
        Map<String, Map<Instant, Integer>> counts = new ConcurrentHashMap<>();
        NetworkQueries.Scan scan = ConsoleHandler.await(queries.scan(session.viewer.queryViewer(), q,
                queries.clock().instant(), settings.chartMaxRows(), CHUNK, row -> {
                    Map<Instant, Integer> of = counts.computeIfAbsent(row.backend(), b -> new HashMap<>());
                    synchronized (of) {
                        of.merge(row.time().truncatedTo(unit), 1, Integer::sum);
                    }
                }), CHART_WAIT);
        // A backend that failed part-way counts nothing rather than part of its rows.
        counts.keySet().removeAll(scan.missing().keySet());
        Map<Instant, Map<String, Object>> buckets = new TreeMap<>();
        for (String backend : scan.searched()) {
            counts.getOrDefault(backend, Map.of()).forEach((start, n) ->
                    buckets.computeIfAbsent(start, s -> new LinkedHashMap<>()).put(backend, n));
        }
        List<Object> out = new ArrayList<>();
        buckets.forEach((start, perBackend) -> out.add(JsonViews.object("start", start.toString(), "counts",
                perBackend)));
        Map<String, Object> capped = new TreeMap<>();
        scan.capped().forEach((backend, oldest) -> capped.put(backend, oldest.toString()));
        json(response, JsonViews.object("bucket", bucket, "buckets", out,
                "maxRowsPerBackend", settings.chartMaxRows(), "capped", capped,
                "searched", scan.searched(), "hidden", scan.hidden(),
                "leftOut", JsonViews.reasons(scan.missing())));
    }

    void map(Logins.Session session, Fields params, Response response) {
        String q = query(params);
        Optional<String> wanted = matching(params, "world", WORLD, false);
        NetworkSearch search = networkSearch();
        record Point(String world, int x, int y, int z, String action, String backend) {
        }
        List<Point> points = new ArrayList<>();
        NetworkQueries.Scan scan = ConsoleHandler.await(queries.scan(session.viewer.queryViewer(), q,
                queries.clock().instant(), settings.chartMaxRows(), CHUNK, row -> {
                    Point point = new Point(search.worldFor(row.backend(), row.world(), Optional.empty()), row.x(),
                            row.y(), row.z(), row.action(), row.backend());
                    synchronized (points) {
                        points.add(point);
                    }
                }), CHART_WAIT);
        points.removeIf(p -> scan.missing().containsKey(p.backend()));
        Map<String, Integer> perWorld = new TreeMap<>();
        points.forEach(p -> perWorld.merge(p.world(), 1, Integer::sum));
        // Without a world asked for, the one with the most actions.
        String world = wanted.orElseGet(() -> {
            String most = null;
            for (Map.Entry<String, Integer> e : perWorld.entrySet()) { // in name order: the first of equals wins
                if (most == null || e.getValue() > perWorld.get(most)) {
                    most = e.getKey();
                }
            }
            return most;
        });
        List<Object> shown = points.stream().filter(p -> p.world().equals(world))
                .map(p -> (Object) JsonViews.object("x", p.x(), "y", p.y(), "z", p.z(), "action", p.action(),
                        "backend", p.backend())).toList();
        Map<String, Object> capped = new TreeMap<>();
        scan.capped().forEach((backend, oldest) -> capped.put(backend, oldest.toString()));
        json(response, JsonViews.object("world", world, "worlds", List.copyOf(perWorld.keySet()), "points", shown,
                "maxRows", settings.chartMaxRows(), "capped", !scan.capped().isEmpty(), "cappedSince", capped,
                "searched", scan.searched(), "hidden", scan.hidden(),
                "leftOut", JsonViews.reasons(scan.missing())));
    }

    // ---------------------------------------------------------------- player

    void player(Logins.Session session, Fields params, Response response) {
        String who = matching(params, "name", WHO, true).orElseThrow();
        String period = period(params);
        NetworkQueries.Viewer viewer = session.viewer.queryViewer();
        NetworkQueries.PlayerResult result = ConsoleHandler.await(queries.player(viewer, who, name -> Optional.empty()),
                PAGE_WAIT);
        Map<String, BackendFailure> missing = new TreeMap<>(result.missing());
        NetworkSearch search = networkSearch();
        List<Object> players = new ArrayList<>();
        NetworkQueries.Joins joins = ConsoleHandler.await(queries.joins(viewer,
                result.players().stream().map(NetworkPlayers.NetworkPlayer::uuid).toList()), PAGE_WAIT);
        missing.putAll(joins.missing());
        for (NetworkPlayers.NetworkPlayer player : result.players()) {
            completions.notePlayer(player.name(), player.lastBackend());
            // The last-join position is derived on the backend of the latest join only.
            Map<String, Object> position = player.lastJoinPosition().map(p -> JsonViews.object(
                    "world", search.worldFor(p.backend(), p.world(), Optional.empty()), "x", p.x(), "y", p.y(),
                    "z", p.z())).orElse(null);
            List<Object> backends = new ArrayList<>();
            joins.byBackend().forEach((backend, records) -> records.stream()
                    .filter(r -> r.uuid().equals(player.uuid())).findFirst().ifPresent(r -> backends.add(
                            JsonViews.object("name", backend, "firstJoin", r.firstJoin().toString(),
                                    "lastJoin", r.lastJoin().toString(),
                                    "lastPosition", backend.equals(player.lastBackend()) ? position : null))));
            players.add(JsonViews.object("uuid", player.uuid().toString(), "name", player.name(),
                    "firstJoin", player.firstJoin().toString(), "lastJoin", player.lastJoin().toString(),
                    "lastBackend", player.lastBackend(), "lastPosition", position, "backends", backends));
        }
        Map<String, Integer> actionCounts = new TreeMap<>();
        boolean countsCapped = false;
        Object latest = null;
        String name = result.players().isEmpty() ? who : result.players().get(0).name();
        if (!result.players().isEmpty() && WHO.matcher(name).matches()) {
            String source = "source:" + name;
            try {
                Map<String, Map<String, Integer>> counts = new ConcurrentHashMap<>();
                NetworkQueries.Scan scan = ConsoleHandler.await(queries.scan(viewer, source + " after:" + period,
                        queries.clock().instant(), settings.chartMaxRows(), CHUNK, row -> {
                            Map<String, Integer> of = counts.computeIfAbsent(row.backend(), b -> new HashMap<>());
                            synchronized (of) {
                                of.merge(row.action(), 1, Integer::sum);
                            }
                        }), CHART_WAIT);
                counts.keySet().removeAll(scan.missing().keySet());
                counts.values().forEach(of -> of.forEach((action, n) -> actionCounts.merge(action, n, Integer::sum)));
                countsCapped = !scan.capped().isEmpty();
                missing.putAll(scan.missing());
                ActionPage page = ConsoleHandler.await(queries.search(viewer, source), PAGE_WAIT);
                missing.putAll(page.missing());
                latest = pageJson(session, page);
            } catch (WebError e) {
                if (!"NO_PERMISSION".equals(e.kind)) {
                    throw e;
                }
                // May look players up but not search: no counts, no actions.
            }
        }
        json(response, JsonViews.object("players", players, "period", period, "actionCounts", actionCounts,
                "countsCapped", countsCapped, "latest", latest, "hidden", result.hidden(),
                "leftOut", JsonViews.reasons(missing)));
    }

    private static String period(Fields params) {
        String period = matching(params, "period", PERIOD, false).orElse("7d");
        var m = PERIOD.matcher(period);
        m.matches();
        long n = Long.parseLong(m.group(1));
        Duration length = switch (m.group(2)) {
            case "h" -> Duration.ofHours(n);
            case "d" -> Duration.ofDays(n);
            default -> Duration.ofDays(7 * n);
        };
        if (length.compareTo(MAX_PERIOD) > 0) {
            throw WebError.badInput("period is at most 3650d.");
        }
        return period;
    }

    // ---------------------------------------------------------------- export

    void export(Logins.Session session, Fields params, Response response) {
        String q = query(params);
        String format = choice(params, "format", List.of("csv", "json"), "csv");
        NetworkQueries.Viewer viewer = session.viewer.queryViewer();
        NetworkSearch search = networkSearch();
        int max = settings.exportMaxRows();
        ActionPage page = ConsoleHandler.await(queries.search(viewer, q, queries.clock().instant(),
                Math.min(CHUNK, max), FanOutListener.NONE), PAGE_WAIT);
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, format.equals("csv") ? "text/csv; charset=utf-8"
                : "application/json");
        response.getHeaders().put(HttpHeader.CONTENT_DISPOSITION, "attachment; filename=\"ledgernet-"
                + FILE_TIME.format(clock.instant()) + "." + format + "\"");
        ExportWriter writer = format.equals("csv") ? new ExportWriter.Csv() : new ExportWriter.JsonArray();
        try (OutputStream out = Content.Sink.asOutputStream(response)) {
            StringBuilder chunk = new StringBuilder(writer.start());
            int written = 0;
            boolean cut = false;
            Map<String, BackendFailure> missing = new TreeMap<>();
            Optional<String> error = Optional.empty();
            while (true) {
                missing.putAll(page.missing());
                for (ActionRow row : page.rows()) {
                    if (written == max) {
                        cut = true;
                        break;
                    }
                    chunk.append(writer.row(JsonViews.row(row, search), written == 0));
                    written++;
                }
                out.write(chunk.toString().getBytes(StandardCharsets.UTF_8));
                chunk.setLength(0);
                if (cut || !page.hasNext()) {
                    break;
                }
                if (written == max) {
                    cut = true; // more pages follow
                    break;
                }
                try {
                    page = ConsoleHandler.await(queries.next(viewer, page), PAGE_WAIT);
                } catch (WebError e) {
                    error = Optional.of(e.getMessage());
                    break;
                }
            }
            out.write(writer.end(written, cut, max, JsonViews.reasons(missing), error)
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConsoleHandler.Stream.ClientGone(e);
        }
    }

    // ---------------------------------------------------------------- helpers

    private NetworkSearch networkSearch() {
        return core.networkSearch().orElseThrow(() -> new WebError(503, "UNAVAILABLE",
                "LedgerNet is not running (see the proxy log)."));
    }

    private boolean allowed(WebViewer viewer, String backend, String node) {
        return queries.allowed(viewer.queryViewer(), backend, node);
    }

    /** The backends where the viewer holds Ledger's node (as {@code node} picks it), checked now. */
    private Set<String> readable(WebViewer viewer, Function<PermissionNodes, String> node) {
        Optional<LedgerNetConfig> config = core.config();
        Set<String> readable = new TreeSet<>();
        config.ifPresent(c -> c.backends().keySet().stream()
                .filter(backend -> allowed(viewer, backend, node.apply(c.permissions()))).forEach(readable::add));
        return readable;
    }

    private void json(Response response, Object body) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        ConsoleHandler.Stream.send(response, (Json.write(body) + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private static void line(OutputStream out, Object event) throws IOException {
        out.write((Json.write(event) + "\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String query(Fields params) {
        String q = text(params, "q", MAX_QUERY_CHARS, true).orElseThrow();
        if (q.isBlank()) {
            throw WebError.badInput("Type a search, e.g. action:block-break after:1d.");
        }
        return q;
    }

    static Optional<String> text(Fields params, String name, int maxChars, boolean required) {
        List<String> values = params.getValues(name);
        if (values == null || values.isEmpty()) {
            if (required) {
                throw WebError.badInput("Missing parameter " + name + ".");
            }
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw WebError.badInput("Give " + name + " once.");
        }
        String value = values.get(0);
        if (value.length() > maxChars) {
            throw WebError.badInput(name + " is longer than " + maxChars + " characters.");
        }
        if (value.chars().anyMatch(c -> c < 0x20 && c != '\t')) {
            throw WebError.badInput(name + " contains control characters.");
        }
        return Optional.of(value);
    }

    private static Optional<String> matching(Fields params, String name, Pattern pattern, boolean required) {
        Optional<String> value = text(params, name, 256, required);
        if (value.isPresent() && !pattern.matcher(value.get()).matches()) {
            throw WebError.badInput("Bad value for " + name + ".");
        }
        return value;
    }

    private static String choice(Fields params, String name, List<String> allowed, String otherwise) {
        String value = text(params, name, 16, false).orElse(otherwise);
        if (!allowed.contains(value)) {
            throw WebError.badInput(name + " must be one of " + String.join(", ", allowed) + ".");
        }
        return value;
    }
}
