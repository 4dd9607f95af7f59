package net.ledgernet.cli;

import java.io.PrintStream;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import net.ledgernet.command.ActionText;
import net.ledgernet.command.NetworkQueries;
import net.ledgernet.command.NetworkQueries.ActionPage;
import net.ledgernet.command.NetworkQueries.BackendStatus;
import net.ledgernet.command.NetworkQueries.PlayerResult;
import net.ledgernet.command.NetworkQueries.QueryException;
import net.ledgernet.command.NetworkQueries.Viewer;
import net.ledgernet.command.RelativeTime;
import net.ledgernet.storage.ActionRow;
import net.ledgernet.storage.BackendFailure;
import net.ledgernet.storage.NetworkPlayers;
import net.ledgernet.storage.NetworkSearch;
import net.ledgernet.web.Json;

/**
 * {@code search}, {@code player}, {@code inspect} and {@code status} from a terminal: the same
 * {@link NetworkQueries} as {@code /lgn}, printed as a table or as JSON. The terminal holds every
 * permission. Exit codes: 0 results, 1 none, 2 bad input, 3 some backend did not answer (whatever
 * was found is still printed).
 */
final class StaffCommands {
    private final NetworkQueries queries;
    private final NetworkSearch search;
    private final PrintStream out;
    private final Progress progress;
    private final boolean json;

    StaffCommands(NetworkQueries queries, NetworkSearch search, PrintStream out, Progress progress, boolean json) {
        this.queries = queries;
        this.search = search;
        this.out = out;
        this.progress = progress;
        this.json = json;
    }

    ExitCode search(String params, int page) throws InterruptedException {
        return search(params, page, Optional.empty());
    }

    /**
     * @param at the instant relative times are evaluated against (default now): a later {@code --page}
     *           given the same instant continues the same search, with the same absolute bounds
     */
    ExitCode search(String params, int page, Optional<Instant> at) throws InterruptedException {
        Instant evaluatedAt = at.orElseGet(() -> queries.clock().instant());
        ActionPage result = await("Searching", walk(queries.search(Viewer.CONSOLE, params, evaluatedAt), page));
        return result == null ? failure : printActions(result, Optional.of(evaluatedAt));
    }

    ExitCode inspect(List<String> args, int page) throws InterruptedException {
        if (args.size() != 4 && args.size() != 5) {
            return bad("inspect needs <backend> <x> <y> <z> [world]");
        }
        ActionPage result = await("Inspecting", walk(queries.inspect(Viewer.CONSOLE, args.get(0), args.get(1),
                args.get(2), args.get(3), args.size() == 5 ? Optional.of(args.get(4)) : Optional.empty()), page));
        return result == null ? failure : printActions(result, Optional.empty());
    }

    ExitCode player(String who) throws InterruptedException {
        PlayerResult result = await("Looking up " + who, queries.player(Viewer.CONSOLE, who, name -> Optional.empty()));
        if (result == null) {
            return failure;
        }
        Instant now = queries.clock().instant();
        if (json) {
            List<Object> players = new ArrayList<>();
            for (NetworkPlayers.NetworkPlayer p : result.players()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("uuid", p.uuid().toString());
                m.put("name", p.name());
                m.put("firstJoin", p.firstJoin().toString());
                m.put("lastJoin", p.lastJoin().toString());
                m.put("lastBackend", p.lastBackend());
                m.put("lastJoinPosition", p.lastJoinPosition().map(pos -> {
                    Map<String, Object> at = new LinkedHashMap<>();
                    at.put("backend", pos.backend());
                    at.put("world", search.worldFor(pos.backend(), pos.world(), Optional.empty()));
                    at.put("x", pos.x());
                    at.put("y", pos.y());
                    at.put("z", pos.z());
                    at.put("basis", pos.basis().name().toLowerCase(Locale.ROOT));
                    return (Object) at;
                }).orElse(null));
                players.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("query", result.query());
            doc.put("players", players);
            doc.put("missing", missing(result.missing()));
            out.println(Json.write(doc));
        } else if (!result.players().isEmpty()) {
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"NAME", "UUID", "FIRST JOIN", "LAST JOIN", "LAST SERVER", "NEAR"});
            for (NetworkPlayers.NetworkPlayer p : result.players()) {
                rows.add(new String[] {p.name(), p.uuid().toString(), RelativeTime.ago(p.firstJoin(), now),
                        RelativeTime.ago(p.lastJoin(), now), p.lastBackend(),
                        p.lastJoinPosition().map(pos -> pos.x() + " " + pos.y() + " " + pos.z() + " "
                                + search.worldFor(pos.backend(), pos.world(), Optional.empty())).orElse("-")});
            }
            Table.print(out, rows);
        } else if (result.missing().isEmpty()) {
            out.println("No player " + who + " on any backend.");
        } else {
            out.println("No player " + who + " on the backends that answered; " + String.join(", ",
                    new java.util.TreeSet<>(result.missing().keySet())) + " did not, so " + who + " may be there.");
        }
        printMissing(result.missing());
        return !result.missing().isEmpty() ? ExitCode.BACKEND_UNREACHABLE
                : result.players().isEmpty() ? ExitCode.NO_RESULTS : ExitCode.OK;
    }

    ExitCode status() throws InterruptedException {
        List<BackendStatus> statuses = await("Checking backends", queries.status());
        if (statuses == null) {
            return failure;
        }
        if (statuses.isEmpty() && !json) {
            out.println(Doctor.NO_BACKENDS);
            return ExitCode.BAD_INPUT;
        }
        if (json) {
            List<Object> list = new ArrayList<>();
            for (BackendStatus s : statuses) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("backend", s.backend());
                m.put("database", s.database());
                m.put("reachable", s.schema().reachable());
                m.put("latencyMillis", s.schema().reachable() ? s.schema().latencyMillis() : null);
                m.put("ledgerTables", s.schema().complete());
                m.put("missingTables", s.schema().missing());
                m.put("actionsEstimate", s.schema().complete() ? s.schema().newestActionId() : null);
                m.put("timeIndex", s.schema().timeIndex());
                m.put("timeZone", s.zone().getId());
                m.put("newestAction", s.newestAction().map(Instant::toString).orElse(null));
                m.put("timeZoneSuspect", s.zoneAhead().isPresent());
                m.put("breaker", s.breaker().name().toLowerCase(Locale.ROOT));
                m.put("poolInUse", s.pool().map(p -> (Object) p.inUse()).orElse(null));
                m.put("poolSize", s.pool().map(p -> (Object) p.size()).orElse(null));
                m.put("error", s.schema().error().orElse(null));
                m.put("healthy", s.healthy());
                list.add(m);
            }
            out.println(Json.write(Map.of("backends", list)));
        } else {
            Instant now = queries.clock().instant();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"BACKEND", "DATABASE", "STATUS", "LATENCY", "ACTIONS", "NEWEST", "TIME ZONE",
                    "BREAKER", "POOL"});
            for (BackendStatus s : statuses) {
                rows.add(new String[] {s.backend(), s.database(),
                        !s.schema().reachable() ? "UNREACHABLE" : !s.schema().complete() ? "NOT LEDGER" : "ok",
                        s.schema().reachable() ? String.format(Locale.ROOT, "%.1f ms", s.schema().latencyMillis()) : "-",
                        s.schema().complete() ? "~" + s.schema().newestActionId() : "-",
                        s.newestAction().map(t -> RelativeTime.ago(t, now)).orElse("-"),
                        ZoneCheck.column(s.zone(), s.zoneAhead()),
                        s.breaker().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                        s.pool().map(p -> p.inUse() + "/" + p.size()).orElse("-")});
            }
            Table.print(out, rows);
            for (BackendStatus s : statuses) {
                s.schema().error().ifPresent(e -> out.println(s.backend() + ": " + e));
                s.zoneAhead().ifPresent(d -> out.println(ZoneCheck.line(s.backend(), s.zone(), d)));
            }
        }
        // An unusable database is exit code 3; a suspect time zone, with every database usable, 4 (as doctor).
        return !statuses.stream().allMatch(s -> s.schema().complete()) ? ExitCode.BACKEND_UNREACHABLE
                : statuses.stream().anyMatch(s -> s.zoneAhead().isPresent()) ? ExitCode.SUSPECT_SETTING : ExitCode.OK;
    }

    // ---------------------------------------------------------------- output

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT)
            .withZone(java.time.ZoneOffset.UTC);

    private ExitCode printActions(ActionPage page, Optional<Instant> at) {
        if (json) {
            List<Object> actions = new ArrayList<>();
            for (ActionRow row : page.rows()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("backend", row.backend());
                m.put("id", row.id());
                m.put("time", row.time().toString());
                m.put("action", row.action());
                m.put("x", row.x());
                m.put("y", row.y());
                m.put("z", row.z());
                m.put("world", search.worldFor(row.backend(), row.world(), Optional.empty()));
                m.put("object", row.object());
                m.put("oldObject", row.oldObject());
                m.put("source", row.sourceLabel());
                m.put("playerUuid", row.playerUuid().map(Object::toString).orElse(null));
                m.put("extraData", row.extraData().orElse(null));
                m.put("rolledBack", row.rolledBack());
                actions.add(m);
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("query", page.query());
            doc.put("page", page.number());
            doc.put("hasNext", page.hasNext());
            at.ifPresent(t -> doc.put("at", t.toString()));
            doc.put("backends", page.searched());
            doc.put("missing", missing(page.missing()));
            doc.put("hints", page.hints());
            doc.put("actions", actions);
            out.println(Json.write(doc));
        } else if (page.rows().isEmpty()) {
            out.println(page.number() == 1 ? "No actions match " + page.query() + " on " + String.join(", ",
                    page.searched()) + "." : "Page " + page.number() + " is past the last action.");
        } else {
            Instant now = queries.clock().instant();
            out.println("Page " + page.number() + " of " + page.query() + " on " + String.join(", ", page.searched()));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"WHEN", "", "BACKEND", "SOURCE", "ACTION", "OBJECT", "WORLD", "X Y Z", ""});
            for (ActionRow row : page.rows()) {
                rows.add(new String[] {WHEN.format(row.time()), RelativeTime.ago(row.time(), now), row.backend(),
                        row.sourceLabel(), row.action(), ActionText.objects(row),
                        search.worldFor(row.backend(), row.world(), Optional.empty()),
                        row.x() + " " + row.y() + " " + row.z(), row.rolledBack() ? "rolled back" : ""});
            }
            Table.print(out, rows);
            if (page.hasNext()) {
                out.println("More: --page " + (page.number() + 1) + at.map(t -> " --at " + t).orElse(""));
            }
        }
        if (!json) {
            page.hints().forEach(out::println);
        }
        printMissing(page.missing());
        return !page.missing().isEmpty() ? ExitCode.BACKEND_UNREACHABLE
                : page.rows().isEmpty() ? ExitCode.NO_RESULTS : ExitCode.OK;
    }

    private void printMissing(Map<String, BackendFailure> missing) {
        if (!json) {
            new java.util.TreeMap<>(missing).forEach((backend, failure) -> out.println(backend + ": left out, "
                    + failure.detail()));
        }
    }

    private static Map<String, Object> missing(Map<String, BackendFailure> missing) {
        Map<String, Object> m = new LinkedHashMap<>();
        missing.forEach((backend, failure) -> m.put(backend, failure.reason().name().toLowerCase(Locale.ROOT)
                + ": " + failure.detail()));
        return m;
    }

    // ---------------------------------------------------------------- running

    private ExitCode failure = ExitCode.OK;

    /** Page 1, then keyset pages forward to {@code number}; stops early at the last page. */
    private CompletableFuture<ActionPage> walk(CompletableFuture<ActionPage> first, int number) {
        return first.thenCompose(page -> page.number() >= number || !page.hasNext()
                ? CompletableFuture.completedFuture(page)
                : walk(queries.next(Viewer.CONSOLE, page), number));
    }

    /** Waits with a progress line; null (and {@link #failure} set) when the query failed. */
    private <T> T await(String label, CompletableFuture<T> future) throws InterruptedException {
        Progress.Line line = progress.start(label);
        try {
            return future.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof QueryException q) {
                failure = q.kind() == QueryException.Kind.UNAVAILABLE ? ExitCode.BACKEND_UNREACHABLE : ExitCode.BAD_INPUT;
                progress.err().println("error: " + q.getMessage());
            } else {
                failure = ExitCode.BACKEND_UNREACHABLE;
                progress.err().println("error: " + cause);
            }
            return null;
        } finally {
            line.close();
        }
    }

    private ExitCode bad(String message) {
        progress.err().println("error: " + message);
        return ExitCode.BAD_INPUT;
    }
}
