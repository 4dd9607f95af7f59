package net.ledgernet.web.browser;

import static net.ledgernet.web.browser.ConsoleNetwork.DOWN;
import static net.ledgernet.web.browser.ConsoleNetwork.SAMPLE;
import static net.ledgernet.web.browser.ConsoleNetwork.ledgerTime;
import static net.ledgernet.web.browser.ConsoleNetwork.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import net.ledgernet.web.WebConsole;
import net.ledgernet.web.WebViewer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

/**
 * The console in a real browser (Debian's headless Chromium) over a real network: what staff see is
 * compared with what the SQLite databases hold, read by plain SQL here. Saves a screenshot of every
 * view under {@code common/target/web-screenshots/} (the README shows copies from docs/console/).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebConsoleBrowserTest {
    private static final String BLOCK_BREAK = "action:block-break";

    private ConsoleNetwork network;
    private Chromium chromium;

    @BeforeAll
    void start(@TempDir Path dir) {
        chromium = Chromium.start(); // skips the class when chromium is absent
        network = new ConsoleNetwork(dir);
    }

    @AfterAll
    void stop() throws Exception {
        if (chromium != null) {
            chromium.close();
        }
        if (network != null) {
            network.close();
        }
    }

    /** A fresh session for this viewer through a login link, landing on {@code hash}. */
    private void login(WebViewer viewer, String hash) {
        chromium.driver.manage().deleteAllCookies();
        chromium.driver.get(network.console.loginLink(viewer).toString());
        chromium.waitFor(d -> viewer.name().equals(chromium.find("#who-name").getText()));
        open(hash);
    }

    /** Opens a view by its URL, as a pasted link does (a full load, not just a hash change). */
    private void open(String hash) {
        chromium.driver.get("about:blank");
        chromium.driver.get(network.base() + "/" + hash);
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private List<WebElement> resultRows() {
        chromium.await("#results table.rows tbody tr, #results .empty, #results .error");
        return chromium.all("#results table.rows tbody tr");
    }

    private static String cell(WebElement row, int column) {
        return row.findElements(By.tagName("td")).get(column).getText();
    }

    private static Instant rowTime(WebElement row) {
        return Instant.parse(row.findElement(By.cssSelector("time")).getAttribute("datetime"));
    }

    // ---------- login ----------

    @Test
    @Order(1)
    void aLoginLinkWorksOnceThenIsRefusedAndExpiresAfterFiveMinutes() {
        chromium.driver.manage().deleteAllCookies();
        String link = network.console.loginLink(network.admin).toString();
        chromium.driver.get(link);
        chromium.waitFor(d -> "AdminAnna".equals(chromium.find("#who-name").getText()));
        assertThat(chromium.find("#who-backends").getText()).contains("survival", "creative", "lobby", DOWN);

        chromium.driver.manage().deleteAllCookies();
        chromium.driver.get(link);
        assertThat(chromium.text()).contains("This login link was already used. Run /lgn web in game for a new one.");
        chromium.screenshot("login-link-used");

        String late = network.console.loginLink(network.admin).toString();
        network.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        try {
            chromium.driver.get(late);
            assertThat(chromium.text()).contains("This login link has expired");
            chromium.driver.get(network.base() + "/");
            chromium.await("#not-logged-in");
        } finally {
            network.clock.reset();
        }
    }

    @Test
    @Order(2)
    void withoutASessionThePageExplainsHowToLogInAndReturnsToTheWantedViewAfterwards() {
        chromium.driver.manage().deleteAllCookies();
        String wanted = "#/timeline?q=" + encode(BLOCK_BREAK) + "&bucket=day";
        open(wanted);
        WebElement explanation = chromium.await("#not-logged-in");
        assertThat(explanation.getText()).contains("Not logged in").contains("/lgn web")
                .contains("java -jar ledgernet-cli.jar web --dir");
        chromium.screenshot("not-logged-in");

        chromium.driver.get(network.console.loginLink(network.admin).toString());
        chromium.await("svg.timeline");
        assertEquals(wanted, chromium.hash());
    }

    // ---------- search ----------

    @Test
    @Order(3)
    void aNetworkSearchMergesTheBackendsShowsEachStateAndBannersTheOneLeftOut() {
        login(network.admin, "#/search?q=" + encode(BLOCK_BREAK));
        List<WebElement> rows = resultRows();
        assertThat(rows).isNotEmpty();

        // Each backend's state as the stream reported it: the three sample ones answered, skyblock did not.
        for (String backend : SAMPLE) {
            WebElement chip = chromium.find("#states [data-backend='" + backend + "']");
            assertEquals("answered", chip.getAttribute("data-state"));
            assertThat(chip.getText()).matches(backend + " answered in \\d+ ms");
        }
        String downState = chromium.find("#states [data-backend='" + DOWN + "']").getAttribute("data-state");
        assertThat(downState).isIn("timeout", "breaker-open", "error", "unavailable");
        assertThat(chromium.find("#left-out").getText()).startsWith("Left out of this search:").contains(DOWN + " — ");

        // The page is the newest block-breaks of the whole network, newest first, from several backends.
        List<Instant> newest = new ArrayList<>();
        for (String backend : SAMPLE) {
            rows(backend, "SELECT a.time FROM actions a JOIN ActionIdentifiers i ON a.action_id = i.id "
                    + "WHERE i.action_identifier = ? ORDER BY a.time DESC LIMIT ?", "block-break", rows.size())
                    .forEach(r -> newest.add(ledgerTime(r.get(0))));
        }
        newest.sort(Comparator.reverseOrder());
        List<Instant> shown = rows.stream().map(WebConsoleBrowserTest::rowTime).toList();
        assertEquals(newest.subList(0, shown.size()).stream().map(t -> t.truncatedTo(ChronoUnit.SECONDS)).toList(),
                shown.stream().map(t -> t.truncatedTo(ChronoUnit.SECONDS)).toList());
        assertThat(rows).allSatisfy(row -> assertEquals("block-break", cell(row, 4)));
        assertThat(rows.stream().map(r -> r.getAttribute("data-backend")).distinct().count()).isGreaterThan(1);
        assertThat(rows.get(0).findElement(By.cssSelector("time")).getAttribute("title")).endsWith("local")
                .contains(" UTC");
        chromium.screenshot("search");
    }

    @Test
    @Order(4)
    void nextAndPreviousPageByKeyset() {
        login(network.admin, "#/search?q=" + encode(BLOCK_BREAK));
        List<String> first = resultRows().stream().map(WebElement::getText).toList();
        Instant oldestOnFirst = rowTime(resultRows().get(first.size() - 1));
        assertEquals("Page 1", chromium.find("#page-number").getText());

        chromium.find("#next").click();
        chromium.waitFor(d -> "Page 2".equals(chromium.find("#page-number").getText()) && !resultRows().isEmpty());
        List<WebElement> second = resultRows();
        assertThat(second).allSatisfy(row -> assertThat(rowTime(row)).isBeforeOrEqualTo(oldestOnFirst));
        assertThat(second.stream().map(WebElement::getText).toList()).doesNotContainAnyElementsOf(first);

        chromium.find("#prev").click();
        chromium.waitFor(d -> "Page 1".equals(chromium.find("#page-number").getText()));
        assertEquals(first, resultRows().stream().map(WebElement::getText).toList());
    }

    @Test
    @Order(4)
    void aRefusedSearchShowsTheServersOwnMessage() {
        String bad = "range:abc action:block-break";
        login(network.admin, "#/search?q=" + encode(bad));
        WebElement error = chromium.await("#results .error");
        assertEquals("alert", error.getAttribute("role"));
        // What the API itself says for that search, asked from the page with the same session.
        Object message = ((org.openqa.selenium.JavascriptExecutor) chromium.driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch('/api/search?q=' + encodeURIComponent(arguments[0])).then(r => r.text())"
                        + ".then(t => done(JSON.parse(t.trim().split('\\n').pop()).message))", bad);
        assertThat((String) message).isNotBlank();
        assertEquals(message, error.getText());
        assertThat(chromium.all("#results table.rows")).isEmpty();
    }

    @Test
    @Order(5)
    void completionOffersKeysAndValuesAndTakesOneWithTheKeyboard() {
        login(network.admin, "#/search");
        WebElement input = chromium.await("#q");
        input.sendKeys("action:block-b");
        // The list follows the typing (debounced); wait for the answer to the whole prefix.
        chromium.waitFor(d -> chromium.texts("#q-list:not([hidden]) li").equals(List.of("action:block-break")));
        input.sendKeys(Keys.ARROW_DOWN);
        assertEquals("q-opt-0", input.getAttribute("aria-activedescendant"));
        input.sendKeys(Keys.ENTER);
        assertEquals("action:block-break ", input.getAttribute("value"));
    }

    // ---------- timeline ----------

    @Test
    @Order(6)
    void theTimelineDrawsOneBarPerDayStackedByBackendWithTheDatabasesCounts() {
        login(network.admin, "#/timeline?q=" + encode(BLOCK_BREAK) + "&bucket=day");
        chromium.await("svg.timeline");
        Map<String, Map<String, Integer>> expected = new TreeMap<>();
        for (String backend : SAMPLE) {
            for (List<String> r : rows(backend, "SELECT substr(a.time, 1, 10), COUNT(*) FROM actions a "
                    + "JOIN ActionIdentifiers i ON a.action_id = i.id WHERE i.action_identifier = ? "
                    + "GROUP BY substr(a.time, 1, 10)", "block-break")) {
                expected.computeIfAbsent(r.get(0), k -> new TreeMap<>()).put(backend, Integer.parseInt(r.get(1)));
            }
        }
        // Each drawn rectangle as "day backend count", read in one script.
        @SuppressWarnings("unchecked")
        List<String> rects = (List<String>) chromium.js("return [...document.querySelectorAll('svg.timeline g.bar rect')]"
                + ".map(r => r.parentNode.getAttribute('data-start').slice(0, 10) + ' ' + r.getAttribute('data-backend')"
                + " + ' ' + r.getAttribute('data-count'))");
        Map<String, Map<String, Integer>> drawn = new TreeMap<>();
        for (String rect : rects) {
            String[] part = rect.split(" ");
            drawn.computeIfAbsent(part[0], k -> new TreeMap<>()).put(part[1], Integer.parseInt(part[2]));
        }
        assertEquals(expected, drawn);
        assertThat(chromium.all(".legend li").stream().map(li -> li.getAttribute("data-name")).toList())
                .containsExactlyElementsOf(SAMPLE);
        assertThat(chromium.find("#left-out").getText()).contains(DOWN);
        chromium.screenshot("timeline");

        // A bar narrows the search to its day with Ledger's after:/before:, and the rows are that day's.
        String day = expected.keySet().stream().skip(expected.size() / 2).findFirst().orElseThrow();
        chromium.find("svg.timeline g.bar[data-start^='" + day + "']").click();
        chromium.waitFor(d -> chromium.hash().startsWith("#/search"));
        String q = (String) chromium.js("return document.getElementById('q').value");
        assertThat(q).startsWith(BLOCK_BREAK + " after:").contains(" before:");
        List<WebElement> rows = resultRows();
        int onThatDay = expected.get(day).values().stream().mapToInt(Integer::intValue).sum();
        assertThat(rows).hasSize(Math.min(onThatDay, rows.size())).isNotEmpty();
        assertThat(rows).allSatisfy(row -> assertThat(rowTime(row).toString()).startsWith(day));
    }

    @Test
    @Order(7)
    void whenTheChartBoundIsHitTheTimelineSaysWhatItLeftOut() throws Exception {
        int bound = 25;
        try (WebConsole small = network.start(bound)) {
            chromium.driver.manage().deleteAllCookies();
            chromium.driver.get(small.loginLink(network.admin).toString());
            chromium.await("#who-name");
            chromium.driver.get("about:blank");
            String base = small.baseUrl().toString();
            chromium.driver.get(base + (base.endsWith("/") ? "" : "/") + "#/timeline?q=" + encode(BLOCK_BREAK));
            chromium.await("svg.timeline");
            for (String backend : SAMPLE) {
                // The oldest action counted is the bound-th newest block-break there.
                Instant oldest = ledgerTime(rows(backend, "SELECT a.time FROM actions a JOIN ActionIdentifiers i "
                        + "ON a.action_id = i.id WHERE i.action_identifier = ? ORDER BY a.time DESC LIMIT 1 OFFSET ?",
                        "block-break", bound - 1).get(0).get(0));
                assertEquals("Counts the newest " + bound + " actions per backend; older than "
                        + oldest.truncatedTo(ChronoUnit.SECONDS).toString().replace('T', ' ').replace("Z", " UTC")
                        + " on " + backend + " not counted.", chromium.find("[data-capped='" + backend + "']").getText());
                int drawn = chromium.attributes("svg.timeline rect[data-backend='" + backend + "']", "data-count")
                        .stream().mapToInt(Integer::parseInt).sum();
                assertEquals(bound, drawn, backend);
            }
        }
    }

    // ---------- map and inspect ----------

    @Test
    @Order(8)
    void theMapPlacesEveryMatchingActionOfTheWorldColouredByTypeAndAPointOpensInspect() {
        String world = "survival:overworld";
        login(network.admin, "#/map?q=" + encode("rolledback:false") + "&world=" + encode(world));
        chromium.await("svg.map");
        Map<String, Integer> expected = rows("survival", "SELECT i.action_identifier, COUNT(*) FROM actions a "
                + "JOIN ActionIdentifiers i ON a.action_id = i.id JOIN worlds w ON a.world_id = w.id "
                + "WHERE w.identifier = ? AND a.rolled_back = 0 GROUP BY i.action_identifier", "minecraft:overworld")
                .stream().collect(Collectors.toMap(r -> r.get(0), r -> Integer.parseInt(r.get(1)), (a, b) -> a, TreeMap::new));
        Map<String, Integer> drawn = chromium.attributes("svg.map circle.point", "data-action").stream()
                .collect(Collectors.groupingBy(a -> a, TreeMap::new, Collectors.summingInt(a -> 1)));
        assertEquals(expected, drawn);
        assertThat(chromium.attributes("svg.map circle.point", "data-backend")).containsOnly("survival");
        Map<String, Integer> legend = chromium.all(".legend li").stream().collect(Collectors.toMap(
                li -> li.getAttribute("data-name"),
                li -> Integer.parseInt(li.findElement(By.cssSelector(".count")).getText().replace(",", "")),
                (a, b) -> a, TreeMap::new));
        assertEquals(expected, legend);
        assertThat(new org.openqa.selenium.support.ui.Select(chromium.find("#world")).getOptions().stream()
                .map(WebElement::getText).toList()).contains(world, "creative:overworld", "lobby:overworld");
        chromium.screenshot("map");

        // The position with the most actions drawn (points at one block overlap).
        WebElement point = (WebElement) chromium.js("const points = [...document.querySelectorAll('svg.map circle.point')];"
                + "const key = p => ['x', 'y', 'z'].map(k => p.getAttribute('data-' + k)).join(' ');"
                + "const n = new Map(); points.forEach(p => n.set(key(p), (n.get(key(p)) || 0) + 1));"
                + "return points.reduce((best, p) => n.get(key(p)) > n.get(key(best)) ? p : best)");
        String x = point.getAttribute("data-x");
        String y = point.getAttribute("data-y");
        String z = point.getAttribute("data-z");
        chromium.js("arguments[0].dispatchEvent(new MouseEvent('click', {bubbles: true}))", point);
        chromium.waitFor(d -> chromium.hash().startsWith("#/inspect"));
        List<WebElement> rows = resultRows();
        int there = rows("survival", "SELECT COUNT(*) FROM actions a JOIN worlds w ON a.world_id = w.id "
                + "WHERE w.identifier = ? AND a.x = ? AND a.y = ? AND a.z = ?", "minecraft:overworld",
                Integer.parseInt(x), Integer.parseInt(y), Integer.parseInt(z)).stream()
                .mapToInt(r -> Integer.parseInt(r.get(0))).sum();
        assertThat(rows).hasSize(Math.min(there, rows.size())).isNotEmpty();
        assertThat(rows).allSatisfy(row -> {
            assertEquals(x + " " + y + " " + z, cell(row, 3));
            assertEquals(world, cell(row, 2));
        });
        assertEquals("survival", chromium.find("#ibackend").getAttribute("value"));
        chromium.screenshot("inspect");
    }

    // ---------- player ----------

    @Test
    @Order(9)
    void aPlayerPageShowsJoinsPerBackendCountsByTypeAndTheLatestActions() {
        // The player known on the most backends, then with the most actions.
        Map<String, int[]> known = new TreeMap<>();
        for (String backend : SAMPLE) {
            for (List<String> r : rows(backend, "SELECT p.player_name, COUNT(a.id) FROM players p "
                    + "LEFT JOIN actions a ON a.player_id = p.id GROUP BY p.id, p.player_name")) {
                int[] score = known.computeIfAbsent(r.get(0), k -> new int[2]);
                score[0]++;
                score[1] += Integer.parseInt(r.get(1));
            }
        }
        String name = known.entrySet().stream().max(Comparator.<Map.Entry<String, int[]>>comparingInt(e -> e.getValue()[0])
                .thenComparingInt(e -> e.getValue()[1])).orElseThrow().getKey();
        Instant since = Instant.now().minus(Duration.ofDays(30));
        Map<String, Integer> expectedCounts = new TreeMap<>();
        Map<String, Instant> lastJoins = new TreeMap<>();
        for (String backend : SAMPLE) {
            rows(backend, "SELECT last_join FROM players WHERE player_name = ?", name)
                    .forEach(r -> lastJoins.put(backend, ledgerTime(r.get(0))));
            for (List<String> r : rows(backend, "SELECT i.action_identifier, a.time FROM actions a "
                    + "JOIN ActionIdentifiers i ON a.action_id = i.id JOIN players p ON a.player_id = p.id "
                    + "WHERE p.player_name = ?", name)) {
                if (!ledgerTime(r.get(1)).isBefore(since)) {
                    expectedCounts.merge(r.get(0), 1, Integer::sum);
                }
            }
        }
        login(network.admin, "#/player?name=" + encode(name) + "&period=30d");
        chromium.await("#action-counts, #results .error");
        assertThat(chromium.find("section.player h2").getText()).startsWith(name);
        // Joins: one row per backend where the name has a players row, each with that backend's last join.
        List<WebElement> joins = chromium.all("table.joins tbody tr");
        assertThat(joins.stream().map(r -> r.getAttribute("data-backend")).toList())
                .containsExactlyInAnyOrderElementsOf(lastJoins.keySet());
        for (WebElement row : joins) {
            assertEquals(lastJoins.get(row.getAttribute("data-backend")).truncatedTo(ChronoUnit.SECONDS),
                    Instant.parse(row.findElements(By.cssSelector("time")).get(1).getAttribute("datetime"))
                            .truncatedTo(ChronoUnit.SECONDS));
        }
        Map<String, Integer> counts = chromium.all("#action-counts tr").stream().collect(Collectors.toMap(
                r -> r.getAttribute("data-action"), r -> Integer.parseInt(r.getAttribute("data-count")),
                (a, b) -> a, TreeMap::new));
        assertEquals(expectedCounts, counts);
        List<WebElement> latest = chromium.all("#latest table.rows tbody tr");
        assertThat(latest).isNotEmpty().allSatisfy(row -> assertEquals(name, cell(row, 7)));
        chromium.screenshot("player");
    }

    // ---------- permissions ----------

    @Test
    @Order(10)
    void aBackendHiddenFromAMemberOfStaffIsNeitherSearchedListedNorCompleted() {
        login(network.helper, "#/search?q=" + encode(BLOCK_BREAK));
        List<WebElement> rows = resultRows();
        assertThat(rows).isNotEmpty().allSatisfy(row -> assertThat(row.getAttribute("data-backend")).isIn("survival", "lobby"));
        assertEquals("survival · lobby", chromium.find("#who-backends").getText());
        assertThat(chromium.all("#states li").stream().map(li -> li.getAttribute("data-backend")).toList())
                .containsExactlyInAnyOrder("survival", "lobby");
        assertThat(chromium.text()).doesNotContain("creative").doesNotContain(DOWN);
        chromium.screenshot("search-helper");

        // Naming the hidden backend: the server's refusal, as it words it.
        open("#/inspect?backend=creative&world=" + encode("creative:overworld") + "&x=0&y=64&z=0");
        WebElement error = chromium.await("#results .error");
        assertThat(error.getText()).startsWith("You may not inspect");
        assertThat(chromium.all("#results table.rows")).isEmpty();
        chromium.screenshot("refused");

        // The map offers only the worlds of readable backends, and draws only their actions.
        open("#/map?q=" + encode(BLOCK_BREAK));
        chromium.await("svg.map, #results .empty");
        assertThat(chromium.attributes("#world option", "value")).isNotEmpty()
                .allSatisfy(w -> assertThat(w).matches("(survival|lobby):.+"));
        String shownWorld = (String) chromium.js("return document.getElementById('world').value");
        assertThat(chromium.attributes("svg.map circle.point", "data-backend"))
                .allSatisfy(b -> assertEquals(shownWorld.substring(0, shownWorld.indexOf(':')), b));

        open("#/search");
        WebElement input = chromium.await("#q");
        input.sendKeys("backend:");
        List<String> offered = chromium.waitFor(d -> {
            List<String> texts = chromium.texts("#q-list:not([hidden]) li");
            return texts.contains("backend:survival") ? texts : null;
        });
        assertThat(offered).contains("backend:survival", "backend:lobby").doesNotContain("backend:creative", "backend:" + DOWN);
    }

    // ---------- logout ----------

    @Test
    @Order(11)
    void logoutEndsTheSession() {
        login(network.admin, "#/search?q=" + encode(BLOCK_BREAK));
        resultRows();
        chromium.find("#logout").click();
        WebElement done = chromium.await("#logged-out");
        assertThat(done.getText()).contains("Logged out").contains("/lgn web");
        chromium.screenshot("logged-out");
        open("#/search?q=" + encode(BLOCK_BREAK));
        chromium.await("#not-logged-in");
        assertThat(chromium.all("#results")).isEmpty();
    }

    // ---------- what the browser downloads ----------

    /**
     * Bytes for the search page loaded from an empty cache: the HTML, script, stylesheet and the API
     * answers of one search (/api/me, /api/search). Written to target/web-screenshots/search-bytes.txt
     * for BENCHMARKS.md; the bound is the 300 KB.
     */
    @Test
    @Order(12)
    void theSearchPageDownloadsUnder300Kilobytes() throws IOException {
        login(network.admin, "#/search");
        chromium.clearCache();
        open("#/search?q=" + encode(BLOCK_BREAK));
        resultRows();
        chromium.waitFor(d -> (Boolean) chromium.js("return performance.getEntriesByType('resource')"
                + ".some(e => e.name.includes('/api/search') && e.responseEnd > 0)"));
        @SuppressWarnings("unchecked")
        List<List<Object>> entries = (List<List<Object>>) chromium.js("return performance.getEntriesByType('navigation')"
                + ".concat(performance.getEntriesByType('resource'))"
                + ".map(e => [e.name, e.transferSize, e.decodedBodySize])");
        long transferred = 0;
        long decoded = 0;
        StringBuilder report = new StringBuilder();
        for (List<Object> e : entries) {
            transferred += ((Number) e.get(1)).longValue();
            decoded += ((Number) e.get(2)).longValue();
            report.append(e.get(0)).append('\t').append(e.get(1)).append('\t').append(e.get(2)).append('\n');
        }
        report.append("total\t").append(transferred).append('\t').append(decoded).append('\n');
        Files.createDirectories(Chromium.SCREENSHOTS);
        Files.writeString(Chromium.SCREENSHOTS.resolve("search-bytes.txt"), report);
        assertThat(entries.stream().map(e -> (String) e.get(0)).toList())
                .anySatisfy(n -> assertThat(n).endsWith("/static/app.js"))
                .anySatisfy(n -> assertThat(n).contains("/api/search"));
        assertThat(transferred).as(report.toString()).isPositive().isLessThanOrEqualTo(300 * 1024);
    }
}
