package net.ledgernet.web;

import static net.ledgernet.web.WebNetwork.q;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import net.ledgernet.command.FakeLuckPerms;
import net.ledgernet.command.NetworkQueries;
import net.ledgernet.command.StaffNetwork;
import net.ledgernet.config.WebSettings;
import net.ledgernet.storage.ActionRow;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console's API against the real three-backend SQLite staff network, over real HTTP: what it
 * answers is checked against the databases themselves (SQL) and against {@code /lgn}'s queries.
 */
@SuppressWarnings("unchecked")
class WebApiTest {
    private static final DateTimeFormatter SQLITE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");

    @TempDir
    Path dir;

    private WebNetwork net;

    @AfterEach
    void stop() {
        if (net != null) {
            net.close();
        }
    }

    private static WebSettings settings(int exportMaxRows, int chartMaxRows) {
        return new WebSettings(true, "127.0.0.1", 0, Optional.empty(), Duration.ofMinutes(30), exportMaxRows,
                chartMaxRows);
    }

    // ---------------------------------------------------------------- SQL on the sample databases

    private static Connection sqlite(String backend) throws SQLException {
        return DriverManager.getConnection("jdbc:sqlite:" + StaffNetwork.databases().resolve(backend + ".sqlite"));
    }

    /** Times of the backend's actions of one type, newest first, as instants (the samples are written in UTC). */
    private static List<Instant> actionTimes(String backend, String action) throws SQLException {
        try (Connection c = sqlite(backend); PreparedStatement s = c.prepareStatement("SELECT a.time FROM actions a"
                + " JOIN ActionIdentifiers i ON a.action_id = i.id WHERE i.action_identifier = ? ORDER BY a.time DESC")) {
            s.setString(1, action);
            List<Instant> out = new ArrayList<>();
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) {
                    out.add(LocalDateTime.parse(r.getString(1), SQLITE_TIME).toInstant(ZoneOffset.UTC));
                }
            }
            return out;
        }
    }

    private static long count(String backend, String sql, Object... params) throws SQLException {
        try (Connection c = sqlite(backend); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setObject(i + 1, params[i]);
            }
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        }
    }

    private static List<Map<String, Object>> rows(Map<String, Object> page) {
        return (List<Map<String, Object>>) page.get("rows");
    }

    private static Map<String, Object> lastPage(List<Map<String, Object>> lines) {
        Map<String, Object> last = lines.get(lines.size() - 1);
        assertEquals("page", last.get("type"), () -> "last line " + last);
        return (Map<String, Object>) last.get("page");
    }

    private static String rowKey(Map<String, Object> row) {
        return row.get("backend") + " " + row.get("time") + " " + row.get("x") + " " + row.get("y") + " " + row.get("z")
                + " " + row.get("action") + " " + row.get("object");
    }

    private static String rowKey(ActionRow row) {
        return row.backend() + " " + row.time() + " " + row.x() + " " + row.y() + " " + row.z() + " " + row.action()
                + " " + row.object();
    }

    // ---------------------------------------------------------------- search and pages

    @Test
    void aSearchStreamsStartThenEachBackendThenThePageAndPagesOnByCursorLikeLgn() {
        net = new WebNetwork(dir);
        String session = net.login(WebViewer.operator());
        String query = "action:block-break";
        List<Map<String, Object>> lines = net.ndjson("/api/search?q=" + q(query) + "&unknown=ignored", session);

        assertEquals(5, lines.size(), () -> lines.toString());
        assertEquals(Map.of("type", "start", "backends", List.of(Map.of("name", "survival", "state", "waiting"),
                Map.of("name", "creative", "state", "waiting"), Map.of("name", "lobby", "state", "waiting"))),
                lines.get(0));
        for (Map<String, Object> line : lines.subList(1, 4)) {
            assertEquals("backend", line.get("type"));
            assertEquals("answered", line.get("state"), line::toString);
            assertThat((Long) line.get("ms")).isBetween(0L, 30_000L);
        }
        assertEquals(Set.copyOf(StaffNetwork.BACKENDS),
                lines.subList(1, 4).stream().map(l -> l.get("name")).collect(Collectors.toSet()));
        Map<String, Object> page1 = lastPage(lines);
        assertEquals(query, page1.get("query"));
        assertEquals(1L, page1.get("number"));
        assertEquals(StaffNetwork.BACKENDS, page1.get("searched"));
        assertEquals(List.of(), page1.get("hidden"));
        assertEquals(Map.of(), page1.get("leftOut"));
        assertEquals(8, rows(page1).size());
        for (Map<String, Object> row : rows(page1)) {
            assertEquals("block-break", row.get("action"));
            assertThat((String) row.get("world")).startsWith(row.get("backend") + ":");
            assertThat(row.keySet()).containsExactly("time", "backend", "world", "x", "y", "z", "action", "object",
                    "oldObject", "source", "rolledBack");
        }

        // The same pages /lgn shows, one keyset page per cursor.
        NetworkQueries.ActionPage lgn1 = net.queries.search(NetworkQueries.Viewer.CONSOLE, query).join();
        NetworkQueries.ActionPage lgn2 = net.queries.next(NetworkQueries.Viewer.CONSOLE, lgn1).join();
        assertEquals(lgn1.rows().stream().map(WebApiTest::rowKey).toList(),
                rows(page1).stream().map(WebApiTest::rowKey).toList());
        String cursor = (String) page1.get("next");
        assertThat(cursor).matches("[A-Za-z0-9_-]{22}");
        List<Map<String, Object>> next = net.ndjson("/api/page?cursor=" + cursor, session);
        assertEquals("start", next.get(0).get("type"));
        Map<String, Object> page2 = lastPage(next);
        assertEquals(2L, page2.get("number"));
        assertEquals(lgn2.rows().stream().map(WebApiTest::rowKey).toList(),
                rows(page2).stream().map(WebApiTest::rowKey).toList());
        assertThat(Instant.parse((String) rows(page2).get(0).get("time")))
                .isBeforeOrEqualTo(Instant.parse((String) rows(page1).get(7).get("time")));
        // The same cursor again gives the same page (the browser keeps the cursors it has seen).
        assertEquals(rows(page2), rows(lastPage(net.ndjson("/api/page?cursor=" + cursor, session))));

        // Cursors belong to the session that was shown them.
        String other = net.login(WebViewer.operator());
        HttpResponse<String> foreign = net.get("/api/page?cursor=" + cursor, other);
        assertEquals(404, foreign.statusCode());
        assertEquals("NOT_FOUND", JsonRead.object(foreign.body()).get("kind"));
        assertEquals(404, net.get("/api/page?cursor=" + "A".repeat(22), session).statusCode());

        // After /lgn reload the cursors point into closed pools: refused, the search must run again.
        assertEquals(Optional.empty(), net.core.reload());
        HttpResponse<String> reloaded = net.get("/api/page?cursor=" + cursor, session);
        assertEquals(404, reloaded.statusCode());
        assertThat(JsonRead.object(reloaded.body()).get("message")).asString().contains("reloaded");
        assertEquals(1L, lastPage(net.ndjson("/api/search?q=" + q(query), session)).get("number"));
        assertEquals(400, net.get("/api/page?cursor=" + "A".repeat(65), session).statusCode());
    }

    @Test
    void badInputIsRefusedBeforeAnyStreamWithTheGrammarsMessage() {
        net = new WebNetwork(dir);
        String session = net.login(WebViewer.operator());
        Map<String, String> refused = Map.of(
                "/api/search", "Missing parameter q.",
                "/api/search?q=" + q("colour:red"), "colour",
                "/api/search?q=" + q("x".repeat(Endpoints.MAX_QUERY_CHARS + 1)), "longer than",
                "/api/search?q=a&q=b", "once",
                "/api/search?q=" + q("action:block-break\u0000"), "control",
                "/api/timeline?q=action:block-break&bucket=week", "hour, day",
                "/api/export?q=action:block-break&format=xml", "csv, json",
                "/api/inspect?backend=survival&x=1&y=64&z=abc", "z",
                "/api/inspect?backend=survival&x=1&y=64&z=999999999", "z must be a whole number",
                "/api/player?name=" + q("Robert'); DROP TABLE players;--"), "name");
        refused.forEach((path, message) -> {
            HttpResponse<String> response = net.get(path, session);
            assertEquals(400, response.statusCode(), path + " " + response.body());
            assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
            Map<String, Object> error = JsonRead.object(response.body());
            assertEquals("BAD_INPUT", error.get("kind"));
            assertThat((String) error.get("message")).as(path).contains(message);
        });
        assertEquals(400, net.get("/api/player?name=Steve&period=4000d", session).statusCode());
        assertEquals(400, net.get("/api/player?name=Steve&period=-1d", session).statusCode());
        assertEquals(404, net.get("/api/nothing", session).statusCode());
    }

    @Test
    void aBackendThatIsDownIsReportedLiveAndLeftOutWithTheReason() {
        net = new WebNetwork(dir, StaffNetwork.config(StaffNetwork.DOWN_BACKEND, WebNetwork.FAST_LIMITS),
                WebNetwork.SETTINGS);
        String session = net.login(WebViewer.operator());
        List<Map<String, Object>> lines = net.ndjson("/api/search?q=" + q("action:block-break"), session);
        assertEquals(6, lines.size(), lines::toString);
        assertEquals(List.of("survival", "creative", "lobby", "skyblock"),
                ((List<Map<String, Object>>) lines.get(0).get("backends")).stream().map(b -> b.get("name")).toList());
        Map<String, Map<String, Object>> states = new HashMap<>();
        lines.subList(1, 5).forEach(line -> states.put((String) line.get("name"), line));
        assertEquals(Set.of("survival", "creative", "lobby", "skyblock"), states.keySet());
        assertThat(states.get("skyblock").get("state")).isIn("error", "timeout");
        String detail = (String) states.get("skyblock").get("detail");
        assertThat(detail).isNotBlank();
        for (String up : StaffNetwork.BACKENDS) {
            assertEquals("answered", states.get(up).get("state"));
        }
        Map<String, Object> page = lastPage(lines);
        Map<String, Object> leftOut = (Map<String, Object>) page.get("leftOut");
        assertEquals(Set.of("skyblock"), leftOut.keySet());
        Map<String, Object> why = (Map<String, Object>) leftOut.get("skyblock");
        assertThat(why.get("reason")).isIn("ERROR", "TIMEOUT");
        assertEquals(detail, why.get("summary"));
        assertEquals(8, rows(page).size());

        Map<String, Object> timeline = net.json("/api/timeline?q=" + q("action:block-break"), session);
        assertEquals(Set.of("skyblock"), ((Map<String, Object>) timeline.get("leftOut")).keySet());
    }

    @Test
    void eachLineIsSentAsItHappensNotWhenThePageIsDone() throws Exception {
        // A database that accepts connections and never says a word: its pool gives up after 2 s.
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            String slow = "  skyblock:\n    jdbc-url: \"jdbc:mariadb://127.0.0.1:" + silent.getLocalPort() + "/ledger\"\n"
                    + "    user: root\n    connection-timeout: 2s\n";
            net = new WebNetwork(dir, StaffNetwork.config(slow, WebNetwork.FAST_LIMITS), WebNetwork.SETTINGS);
            String session = net.login(WebViewer.operator());
            HttpResponse<java.util.stream.Stream<String>> response = net.http.send(net.request("/api/search?q="
                    + q("action:block-break"), session).GET().build(), HttpResponse.BodyHandlers.ofLines());
            List<Long> arrived = new ArrayList<>();
            List<Map<String, Object>> lines = new ArrayList<>();
            response.body().forEach(line -> {
                arrived.add(System.nanoTime());
                lines.add(JsonRead.object(line));
            });
            String timeline = lines + " at " + arrived.stream().map(t -> (t - arrived.get(0)) / 1_000_000 + "ms")
                    .toList();
            assertEquals(6, lines.size(), timeline);
            assertEquals("start", lines.get(0).get("type"));
            // Page 1 resolves every backend's ids first, then fetches: the silent backend is told when its
            // pool gives up, the others as their rows arrive after that; the start line waits for none of it.
            assertEquals("skyblock", lines.get(1).get("name"), timeline);
            assertThat(lines.get(1).get("state")).as(timeline).isIn("error", "timeout");
            assertThat(Duration.ofNanos(arrived.get(1) - arrived.get(0))).as(timeline)
                    .isGreaterThan(Duration.ofMillis(1500));
            assertEquals(Set.copyOf(StaffNetwork.BACKENDS), lines.subList(2, 5).stream().map(l -> l.get("name"))
                    .collect(Collectors.toSet()), timeline);
            assertThat(lines.subList(2, 5)).allMatch(l -> l.get("state").equals("answered")
                    && (Long) l.get("ms") >= 1500L);
            assertEquals("page", lines.get(5).get("type"));
        }
    }

    @Test
    void aBackendTheViewerMayNotReadIsNeverQueriedListedOrCompleted() {
        try (FakeLuckPerms luckPerms = FakeLuckPerms.install()) {
            // skyblock is down: were it ever asked, it would be left out with a reason.
            net = new WebNetwork(dir, StaffNetwork.config(StaffNetwork.DOWN_BACKEND, WebNetwork.FAST_LIMITS),
                    WebNetwork.SETTINGS);
            UUID mod = UUID.randomUUID();
            luckPerms.grant(mod, "survival", "ledger.commands.search")
                    .grant(mod, "creative", "ledger.commands.search", "ledger.commands.inspect");
            String session = net.login(WebViewer.player(mod, "Mod"));

            Map<String, Object> me = net.json("/api/me", session);
            assertEquals(List.of(
                    Map.of("name", "survival", "search", true, "inspect", false, "player", false),
                    Map.of("name", "creative", "search", true, "inspect", true, "player", false)), me.get("backends"));

            List<Map<String, Object>> lines = net.ndjson("/api/search?q=" + q("after:30d"), session);
            assertEquals(List.of("survival", "creative"), ((List<Map<String, Object>>) lines.get(0).get("backends"))
                    .stream().map(b -> b.get("name")).toList());
            assertEquals(4, lines.size(), lines::toString);
            Map<String, Object> page = lastPage(lines);
            assertEquals(List.of("survival", "creative"), page.get("searched"));
            assertEquals(List.of("lobby", "skyblock"), page.get("hidden"));
            assertEquals(Map.of(), page.get("leftOut"));
            assertThat(rows(page)).extracting(r -> r.get("backend")).isSubsetOf("survival", "creative");

            Map<String, String> refusals = Map.of(
                    "/api/search?q=" + q("backend:lobby"), "You may not search on any server here.",
                    "/api/inspect?backend=lobby&x=1&y=2&z=3", "You may not inspect on lobby.",
                    "/api/inspect?backend=survival&x=1&y=2&z=3", "You may not inspect on survival.",
                    "/api/player?name=Steve", "You may not look players up on any server here.");
            refusals.forEach((path, message) -> {
                HttpResponse<String> refused = net.get(path, session);
                assertEquals(403, refused.statusCode(), path);
                assertEquals(Map.of("kind", "NO_PERMISSION", "message", message), JsonRead.object(refused.body()));
            });

            Map<String, Object> timeline = net.json("/api/timeline?q=" + q("after:30d") + "&bucket=day", session);
            assertEquals(List.of("survival", "creative"), timeline.get("searched"));
            assertEquals(List.of("lobby", "skyblock"), timeline.get("hidden"));
            assertEquals(Map.of(), timeline.get("leftOut"));
            for (Map<String, Object> bucket : (List<Map<String, Object>>) timeline.get("buckets")) {
                assertThat(((Map<String, Object>) bucket.get("counts")).keySet()).isSubsetOf("survival", "creative");
            }

            // The operator's lobby search teaches completion lobby's worlds; the mod is not offered them.
            String operator = net.login(WebViewer.operator());
            net.ndjson("/api/search?q=" + q("backend:lobby"), operator);
            List<String> worlds = (List<String>) net.json("/api/complete?q=" + q("after:1d world:"), session)
                    .get("suggestions");
            assertThat(worlds).isNotEmpty().allMatch(w -> w.startsWith("world:survival:") || w.startsWith("world:creative:"));
            assertThat((List<String>) net.json("/api/complete?q=" + q("world:"), operator).get("suggestions"))
                    .anyMatch(w -> w.startsWith("world:lobby:"));
            assertEquals(List.of("backend:*", "backend:survival", "backend:creative"),
                    net.json("/api/complete?q=" + q("backend:"), session).get("suggestions"));
            assertEquals(List.of("backend:!*", "backend:!survival", "backend:!creative"),
                    net.json("/api/complete?q=" + q("action:block-break backend:!"), session).get("suggestions"));

            // lp user <mod> permission unset ledger.commands.search server=creative: the next page leaves it out.
            luckPerms.revoke(mod, "creative", "ledger.commands.search");
            Map<String, Object> page2 = lastPage(net.ndjson("/api/page?cursor=" + page.get("next"), session));
            assertEquals(List.of("survival"), page2.get("searched"));
            assertEquals(List.of("creative"), page2.get("revoked"));
            assertThat(rows(page2)).isNotEmpty().allMatch(r -> r.get("backend").equals("survival"));
            luckPerms.revoke(mod, "survival", "ledger.commands.search");
            HttpResponse<String> none = net.get("/api/page?cursor=" + page2.get("next"), session);
            assertEquals(403, none.statusCode());
            assertEquals(List.of(), net.json("/api/complete?q=" + q("world:"), session).get("suggestions"));
        }
    }

    // ---------------------------------------------------------------- charts

    @Test
    void timelineCountsEqualTheRowsInTheDatabasesPerHourAndPerDay() throws SQLException {
        net = new WebNetwork(dir);
        String session = net.login(WebViewer.operator());
        for (String bucket : List.of("hour", "day")) {
            Map<String, Object> timeline = net.json("/api/timeline?q=" + q("action:block-break") + "&bucket=" + bucket,
                    session);
            assertEquals(bucket, timeline.get("bucket"));
            assertEquals(20_000L, timeline.get("maxRowsPerBackend"));
            assertEquals(Map.of(), timeline.get("capped"));
            Map<String, Map<String, Long>> got = new TreeMap<>();
            String previous = "";
            for (Map<String, Object> b : (List<Map<String, Object>>) timeline.get("buckets")) {
                String start = (String) b.get("start");
                assertThat(start).isGreaterThan(previous); // ascending, one entry per bucket
                previous = start;
                Instant at = Instant.parse(start);
                assertEquals(at.truncatedTo(bucket.equals("day") ? java.time.temporal.ChronoUnit.DAYS
                        : java.time.temporal.ChronoUnit.HOURS), at);
                ((Map<String, Object>) b.get("counts")).forEach((backend, n) ->
                        got.computeIfAbsent(backend, k -> new TreeMap<>()).put(start, (Long) n));
            }
            Map<String, Map<String, Long>> expected = new TreeMap<>();
            for (String backend : StaffNetwork.BACKENDS) {
                for (Instant time : actionTimes(backend, "block-break")) {
                    String start = time.truncatedTo(bucket.equals("day") ? java.time.temporal.ChronoUnit.DAYS
                            : java.time.temporal.ChronoUnit.HOURS).toString();
                    expected.computeIfAbsent(backend, k -> new TreeMap<>()).merge(start, 1L, Long::sum);
                }
            }
            assertThat(expected.values().stream().mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum())
                    .sum()).isGreaterThan(50);
            assertEquals(expected, got);
        }
    }

    @Test
    void timelineAndMapSayWhereTheBoundCutTheCount() throws SQLException {
        net = new WebNetwork(dir, StaffNetwork.config("", WebNetwork.FAST_LIMITS), settings(10_000, 12));
        String session = net.login(WebViewer.operator());
        Map<String, Object> timeline = net.json("/api/timeline?q=" + q("action:block-break") + "&bucket=day", session);
        assertEquals(12L, timeline.get("maxRowsPerBackend"));
        Map<String, Long> totals = new TreeMap<>();
        for (Map<String, Object> b : (List<Map<String, Object>>) timeline.get("buckets")) {
            ((Map<String, Object>) b.get("counts")).forEach((backend, n) -> totals.merge(backend, (Long) n, Long::sum));
        }
        assertEquals(Map.of("survival", 12L, "creative", 12L, "lobby", 12L), totals);
        Map<String, Object> capped = (Map<String, Object>) timeline.get("capped");
        assertEquals(Set.copyOf(StaffNetwork.BACKENDS), capped.keySet());
        for (String backend : StaffNetwork.BACKENDS) {
            // The oldest action counted is the backend's 12th newest.
            assertEquals(actionTimes(backend, "block-break").get(11), Instant.parse((String) capped.get(backend)));
        }

        Map<String, Object> map = net.json("/api/map?q=" + q("action:block-break"), session);
        assertEquals(true, map.get("capped"));
        assertEquals(12L, map.get("maxRows"));
        assertThat((List<Object>) map.get("points")).hasSizeLessThanOrEqualTo(36);
    }

    @Test
    void theMapShowsEveryMatchingActionOfOneWorld() throws SQLException {
        net = new WebNetwork(dir);
        String session = net.login(WebViewer.operator());
        Map<String, Object> map = net.json("/api/map?q=" + q("action:block-break backend:survival"), session);
        List<String> worlds = (List<String>) map.get("worlds");
        assertThat(worlds).isNotEmpty().allMatch(w -> w.startsWith("survival:"));
        assertEquals(false, map.get("capped"));
        String world = (String) map.get("world");
        assertThat(worlds).contains(world);
        for (String w : worlds) {
            Map<String, Object> one = net.json("/api/map?q=" + q("action:block-break backend:survival") + "&world="
                    + q(w), session);
            assertEquals(w, one.get("world"));
            List<Map<String, Object>> points = (List<Map<String, Object>>) one.get("points");
            String local = localWorld(w);
            long expected = count("survival", "SELECT COUNT(*) FROM actions a JOIN ActionIdentifiers i ON a.action_id"
                    + " = i.id JOIN worlds w ON a.world_id = w.id WHERE i.action_identifier = 'block-break'"
                    + " AND w.identifier = ?", local);
            assertEquals(expected, points.size(), w);
            assertThat(points).allMatch(p -> p.get("backend").equals("survival") && p.get("action").equals("block-break")
                    && p.containsKey("x") && p.containsKey("z"));
            if (w.equals(world)) {
                // Without world=, the world with the most actions is shown.
                for (String other : worlds) {
                    assertThat(expected).isGreaterThanOrEqualTo(count("survival", "SELECT COUNT(*) FROM actions a JOIN"
                            + " ActionIdentifiers i ON a.action_id = i.id JOIN worlds w ON a.world_id = w.id WHERE"
                            + " i.action_identifier = 'block-break' AND w.identifier = ?",
                            localWorld(other)));
                }
            }
        }
    }

    private String localWorld(String networkId) {
        return net.core.config().orElseThrow().dimensionMap().toLocal(networkId).orElseThrow().localId();
    }

    // ---------------------------------------------------------------- player, inspect, export

    @Test
    void thePlayerPageCountsThePlayersActionsByTypeAndShowsTheirLatest() throws SQLException {
        net = new WebNetwork(dir);
        String session = net.login(WebViewer.operator());
        String name;
        try (Connection c = sqlite("survival"); ResultSet r = c.createStatement().executeQuery(
                "SELECT p.player_name FROM actions a JOIN players p ON a.player_id = p.id GROUP BY p.player_name"
                        + " ORDER BY COUNT(*) DESC LIMIT 1")) {
            r.next();
            name = r.getString(1);
        }
        Map<String, Object> player = net.json("/api/player?name=" + name + "&period=60d", session);
        List<Map<String, Object>> players = (List<Map<String, Object>>) player.get("players");
        assertThat(players).isNotEmpty().allMatch(p -> p.get("name").equals(name));
        // First and last join per backend, as each backend's players table has them.
        Map<String, List<Instant>> joins = new TreeMap<>();
        for (Map<String, Object> p : players) {
            for (Map<String, Object> b : (List<Map<String, Object>>) p.get("backends")) {
                assertThat(b.keySet()).containsExactly("name", "firstJoin", "lastJoin", "lastPosition");
                assertNull(joins.put((String) b.get("name"), List.of(Instant.parse((String) b.get("firstJoin")),
                        Instant.parse((String) b.get("lastJoin")))));
            }
        }
        Map<String, List<Instant>> expectedJoins = new TreeMap<>();
        for (String b : StaffNetwork.BACKENDS) {
            try (Connection c = sqlite(b); PreparedStatement s = c.prepareStatement(
                    "SELECT first_join, last_join FROM players WHERE player_name = ?")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    if (r.next()) {
                        expectedJoins.put(b, List.of(LocalDateTime.parse(r.getString(1), SQLITE_TIME)
                                .toInstant(ZoneOffset.UTC), LocalDateTime.parse(r.getString(2), SQLITE_TIME)
                                .toInstant(ZoneOffset.UTC)));
                    }
                }
            }
        }
        assertThat(expectedJoins).containsKey("survival");
        assertEquals(expectedJoins, joins);
        assertEquals("60d", player.get("period"));
        assertEquals(false, player.get("countsCapped"));

        Map<String, Long> expected = new TreeMap<>();
        for (String b : StaffNetwork.BACKENDS) {
            try (Connection c = sqlite(b); PreparedStatement s = c.prepareStatement("SELECT i.action_identifier,"
                    + " COUNT(*) FROM actions a JOIN ActionIdentifiers i ON a.action_id = i.id JOIN players p ON"
                    + " a.player_id = p.id WHERE p.player_name = ? GROUP BY i.action_identifier")) {
                s.setString(1, name);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        expected.merge(r.getString(1), r.getLong(2), Long::sum);
                    }
                }
            }
        }
        assertThat(expected).isNotEmpty();
        assertEquals(expected, player.get("actionCounts"));

        Map<String, Object> latest = (Map<String, Object>) player.get("latest");
        assertThat(rows(latest)).isNotEmpty().allMatch(r -> r.get("source").equals(name));
        assertEquals(Map.of(), player.get("leftOut"));

        Map<String, Object> nobody = net.json("/api/player?name=NoSuchPlayer1", session);
        assertEquals(List.of(), nobody.get("players"));
        assertNull(nobody.get("latest"));
    }

    @Test
    void inspectListsEveryActionAtThatBlock() {
        net = new WebNetwork(dir);
        String session = net.login(WebViewer.operator());
        Map<String, Object> row = rows(lastPage(net.ndjson("/api/search?q=" + q("backend:creative"), session))).get(0);
        String path = "/api/inspect?backend=creative&world=" + q((String) row.get("world")) + "&x=" + row.get("x")
                + "&y=" + row.get("y") + "&z=" + row.get("z");
        Map<String, Object> answer = net.json(path, session);
        assertEquals("page", answer.get("type"));
        Map<String, Object> page = (Map<String, Object>) answer.get("page");
        assertThat(rows(page)).isNotEmpty().allMatch(r -> r.get("backend").equals("creative")
                && r.get("x").equals(row.get("x")) && r.get("y").equals(row.get("y")) && r.get("z").equals(row.get("z"))
                && r.get("world").equals(row.get("world")));
        assertThat(rows(page).stream().map(WebApiTest::rowKey)).contains(rowKey(row));
        assertEquals(400, net.get("/api/inspect?backend=creative&world=survival:overworld&x=1&y=2&z=3", session)
                .statusCode());
        assertEquals(400, net.get("/api/inspect?backend=nowhere&x=1&y=2&z=3", session).statusCode());
    }

    @Test
    void anExportWritesEveryMatchingRowAsCsvOrJsonAndSaysWhenTheBoundCutIt() throws SQLException {
        net = new WebNetwork(dir);
        String session = net.login(WebViewer.operator());
        long total = 0;
        for (String backend : StaffNetwork.BACKENDS) {
            total += actionTimes(backend, "block-break").size();
        }
        HttpResponse<String> csv = net.get("/api/export?q=" + q("action:block-break"), session);
        assertEquals(200, csv.statusCode());
        assertEquals("text/csv;charset=utf-8", csv.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""));
        assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .matches("attachment; filename=\"ledgernet-\\d{8}-\\d{6}\\.csv\"");
        List<String> lines = List.of(csv.body().split("\r\n"));
        assertEquals("time,backend,world,x,y,z,action,object,oldObject,source,rolledBack", lines.get(0));
        assertEquals(total, lines.size() - 1);
        assertThat(lines.subList(1, lines.size())).allMatch(l -> l.split(",")[6].equals("block-break")
                && l.split(",").length == 11);
        assertEquals(total, lines.subList(1, lines.size()).stream().distinct().count());

        HttpResponse<String> json = net.get("/api/export?q=" + q("action:block-break") + "&format=json", session);
        assertEquals("application/json", json.headers().firstValue("Content-Type").orElseThrow());
        List<Object> array = (List<Object>) JsonRead.parse(json.body());
        assertEquals(total, array.size());
        net.close();

        net = new WebNetwork(dir, StaffNetwork.config("", WebNetwork.FAST_LIMITS), settings(25, 20_000));
        session = net.login(WebViewer.operator());
        List<String> cut = List.of(net.get("/api/export?q=" + q("action:block-break"), session).body().split("\r\n"));
        assertEquals(27, cut.size());
        assertEquals("# cut at 25 rows (web.export-max-rows); narrow the search for the rest", cut.get(26));
        List<Object> cutJson = (List<Object>) JsonRead.parse(net.get("/api/export?q=" + q("action:block-break")
                + "&format=json", session).body());
        assertEquals(26, cutJson.size());
        Map<String, Object> end = (Map<String, Object>) cutJson.get(25);
        assertEquals("end", end.get("type"));
        assertEquals(true, end.get("cut"));
        assertEquals(25L, end.get("rows"));
    }

    @Test
    void csvFieldsAreQuotedOnlyWhenTheyMustBe() {
        assertEquals("minecraft:stone", ExportWriter.Csv.field("minecraft:stone"));
        assertEquals("\"a,b\"", ExportWriter.Csv.field("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", ExportWriter.Csv.field("say \"hi\""));
        assertEquals("\"two\r\nlines\"", ExportWriter.Csv.field("two\r\nlines"));
        ExportWriter.Csv csv = new ExportWriter.Csv();
        Map<String, Object> row = new java.util.LinkedHashMap<>();
        ExportWriter.COLUMNS.forEach(c -> row.put(c, c.equals("source") ? "@a,\"b\"" : c));
        assertEquals("time,backend,world,x,y,z,action,object,oldObject,\"@a,\"\"b\"\"\",rolledBack\r\n",
                csv.row(row, true));
    }

    // ---------------------------------------------------------------- limits and completion

    @Test
    void theWebHasTheSameRateLimitAsLgn() {
        UUID mod = UUID.randomUUID();
        try (FakeLuckPerms luckPerms = FakeLuckPerms.install()) {
            net = new WebNetwork(dir, StaffNetwork.config("", "limits:\n  rate-limit:\n    per-second: 0.01\n"
                    + "    burst: 2\n"), WebNetwork.SETTINGS);
            luckPerms.grant(mod, "survival", "ledger.commands.search");
            String session = net.login(WebViewer.player(mod, "Mod"));
            String search = "/api/search?q=" + q("action:block-break");
            assertEquals(200, net.get(search, session).statusCode());
            assertEquals(200, net.get("/api/timeline?q=" + q("action:block-break"), session).statusCode());
            HttpResponse<String> limited = net.get(search, session);
            assertEquals(429, limited.statusCode());
            assertEquals("RATE_LIMITED", JsonRead.object(limited.body()).get("kind"));
            assertEquals(429, net.get("/api/export?q=x", session).statusCode());
            // Answers from memory take no token.
            assertEquals(200, net.get("/api/me", session).statusCode());
            assertEquals(200, net.get("/api/complete?q=act", session).statusCode());
        }
    }

    @Test
    void completionOffersKeysAndKnownValues() {
        net = new WebNetwork(dir);
        String session = net.login(WebViewer.operator());
        assertEquals(List.of("action:"), net.json("/api/complete?q=" + q("act"), session).get("suggestions"));
        assertThat((List<String>) net.json("/api/complete?q=" + q("after:1d action:block-b"), session)
                .get("suggestions")).contains("action:block-break");
        assertThat((List<String>) net.json("/api/complete?q=" + q("action:block-break "), session).get("suggestions"))
                .contains("source:", "backend:");
        assertTrue(((List<String>) net.json("/api/complete?q=" + q("backend:"), session).get("suggestions"))
                .containsAll(List.of("backend:survival", "backend:creative", "backend:lobby")));
        assertNotNull(net.json("/api/complete", session).get("suggestions"));
        assertFalse(net.get("/api/complete?q=" + q("x".repeat(Endpoints.MAX_QUERY_CHARS + 1)), session)
                .statusCode() == 200);
    }
}
