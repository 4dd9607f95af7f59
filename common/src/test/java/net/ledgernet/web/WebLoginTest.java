package net.ledgernet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import net.ledgernet.command.StaffNetwork;
import net.ledgernet.config.WebSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Login links, sessions, cookies, headers and what the server refuses, over real HTTP. */
class WebLoginTest {
    @TempDir
    Path dir;

    private WebNetwork net;

    @AfterEach
    void stop() {
        if (net != null) {
            net.close();
        }
    }

    @Test
    void aLoginLinkWorksOnceThenSaysAlreadyUsedAndAnOldOneSaysExpired() {
        net = new WebNetwork(dir);
        WebViewer steve = WebViewer.player(UUID.randomUUID(), "Steve");
        URI link = net.web.loginLink(steve);
        assertThat(link.toString()).matches("http://127\\.0\\.0\\.1:" + net.port() + "/login/[A-Za-z0-9_-]{43}");

        HttpResponse<String> first = net.get(link.getRawPath(), null);
        assertEquals(303, first.statusCode());
        assertEquals("/", first.headers().firstValue("Location").orElseThrow());
        assertEquals("no-store", first.headers().firstValue("Cache-Control").orElseThrow());
        String setCookie = first.headers().firstValue("Set-Cookie").orElseThrow();
        List<String> attributes = List.of(setCookie.split(";\\s*"));
        assertThat(attributes.get(0)).matches("ledgernet_session=[A-Za-z0-9_-]{43}");
        assertThat(attributes.subList(1, attributes.size())).containsExactlyInAnyOrder("Path=/", "HttpOnly",
                "SameSite=Strict");
        String session = WebNetwork.cookieValue(setCookie);
        Map<String, Object> me = net.json("/api/me", session);
        assertEquals("Steve", me.get("name"));
        assertEquals(steve.player().orElseThrow().toString(), me.get("player"));

        HttpResponse<String> again = net.get(link.getRawPath(), null);
        assertEquals(403, again.statusCode());
        assertThat(again.body()).contains("<p>This login link was already used. Run /lgn web in game for a new one.</p>")
                .contains("<link rel=\"stylesheet\" href=\"/static/app.css\">").doesNotContain("<script")
                .doesNotContain("style=");
        assertEquals("text/html;charset=utf-8", again.headers().firstValue("Content-Type").orElseThrow()
                .replace(" ", ""));
        assertThat(again.headers().firstValue("Set-Cookie")).isEmpty();

        URI old = net.web.loginLink(steve);
        net.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
        HttpResponse<String> late = net.get(old.getRawPath(), null);
        assertEquals(403, late.statusCode());
        assertThat(late.body()).contains("This login link has expired");
        assertThat(late.headers().firstValue("Set-Cookie")).isEmpty();

        // A link used just inside its five minutes still works; a made-up one reads as expired.
        URI fresh = net.web.loginLink(steve);
        net.clock.advance(Duration.ofMinutes(4).plusSeconds(59));
        assertEquals(303, net.get(fresh.getRawPath(), null).statusCode());
        assertThat(net.get("/login/" + "A".repeat(43), null).body()).contains("has expired");
        assertThat(net.get("/login/%2e%2e", null).statusCode()).isIn(400, 403);
    }

    @Test
    void theCookieIsSecureWhenThePublicUrlIsHttpsAndLinksUseThatUrl() {
        WebSettings https = new WebSettings(true, "127.0.0.1", 0, Optional.of(URI.create("https://staff.example.net")),
                Duration.ofMinutes(30), 10_000, 20_000);
        net = new WebNetwork(dir, StaffNetwork.config("", WebNetwork.FAST_LIMITS), https);
        assertEquals(URI.create("https://staff.example.net/"), net.web.baseUrl());
        URI link = net.web.loginLink(WebViewer.operator());
        assertThat(link.toString()).startsWith("https://staff.example.net/login/");
        String setCookie = net.get(link.getRawPath(), null).headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(List.of(setCookie.split(";\\s*"))).contains("Secure", "HttpOnly", "SameSite=Strict", "Path=/");
    }

    @Test
    void aSessionEndsAfterItsIdleTimeAndOnLogout() {
        net = new WebNetwork(dir);
        String session = net.login(WebViewer.operator());
        net.clock.advance(Duration.ofMinutes(29));
        assertEquals(200, net.get("/api/me", session).statusCode());
        net.clock.advance(Duration.ofMinutes(29)); // idle counts from the last request
        assertEquals(200, net.get("/api/me", session).statusCode());
        net.clock.advance(Duration.ofMinutes(30));
        HttpResponse<String> expired = net.get("/api/me", session);
        assertEquals(401, expired.statusCode());
        assertEquals("NOT_LOGGED_IN", JsonRead.object(expired.body()).get("kind"));
        assertEquals(0, net.web.sessionCount());

        String other = net.login(WebViewer.operator());
        HttpResponse<String> foreign = net.post("/logout", other, "Origin", "http://evil.example");
        assertEquals(403, foreign.statusCode());
        assertEquals(200, net.get("/api/me", other).statusCode(), "a refused logout ends nothing");

        HttpResponse<String> logout = net.post("/logout", other, "Origin", "http://127.0.0.1:" + net.port());
        assertEquals(204, logout.statusCode());
        assertEquals("no-store", logout.headers().firstValue("Cache-Control").orElseThrow());
        assertThat(List.of(logout.headers().firstValue("Set-Cookie").orElseThrow().split(";\\s*")))
                .contains("ledgernet_session=", "Max-Age=0", "HttpOnly", "SameSite=Strict", "Path=/");
        assertEquals(401, net.get("/api/me", other).statusCode());
        assertEquals(405, net.get("/logout", other).statusCode(), "GET cannot log out (no link can)");
    }

    @Test
    void aMissingOrForgedSessionCookieIsNotLoggedIn() {
        net = new WebNetwork(dir);
        for (String cookie : new String[] {null, "A".repeat(43), "x", "'; DROP TABLE actions; --", ""}) {
            HttpResponse<String> response = net.get("/api/search?q=" + WebNetwork.q("action:block-break"), cookie);
            assertEquals(401, response.statusCode(), "cookie " + cookie);
            Map<String, Object> error = JsonRead.object(response.body());
            assertEquals("NOT_LOGGED_IN", error.get("kind"));
            assertThat((String) error.get("message")).contains("/lgn web");
        }
    }

    @Test
    void revokedAccessIsRefusedOnTheNextRequestAndTheSessionSurvivesForWhenItIsBack() {
        net = new WebNetwork(dir);
        String session = net.login(WebViewer.player(UUID.randomUUID(), "Mod"));
        assertEquals(200, net.get("/api/me", session).statusCode());
        net.mayUse.set(false);
        for (String path : List.of("/api/me", "/api/search?q=action:block-break", "/api/complete?q=act")) {
            HttpResponse<String> refused = net.get(path, session);
            assertEquals(403, refused.statusCode(), path);
            assertEquals("NO_PERMISSION", JsonRead.object(refused.body()).get("kind"));
        }
        net.mayUse.set(true);
        assertEquals(200, net.get("/api/me", session).statusCode());
    }

    @Test
    void everyKindOfAnswerCarriesTheSecurityHeaders() {
        net = new WebNetwork(dir);
        String session = net.login(WebViewer.operator());
        String link = net.web.loginLink(WebViewer.operator()).getRawPath();
        net.get(link, null);
        List<String> paths = List.of("/", "/static/index.html", "/nothing-here", "/static/missing.js",
                link, "/login/nope", "/api/me", "/api/search?q=action:block-break", "/api/nothing",
                "/api/timeline?q=action:block-break&bucket=week", "/static/%2e%2e/%2e%2e/pom.xml", "/%2F%2F");
        for (String path : paths) {
            for (String cookie : new String[] {session, null}) {
                HttpResponse<String> response = net.get(path, cookie);
                var headers = response.headers();
                String what = path + " -> " + response.statusCode();
                assertEquals(ConsoleHandler.CSP, headers.firstValue("Content-Security-Policy").orElse(null), what);
                assertEquals("DENY", headers.firstValue("X-Frame-Options").orElse(null), what);
                assertEquals("nosniff", headers.firstValue("X-Content-Type-Options").orElse(null), what);
                assertEquals("no-referrer", headers.firstValue("Referrer-Policy").orElse(null), what);
                assertThat(headers.firstValue("Server")).as(what).isEmpty();
                if (path.startsWith("/api/") || path.startsWith("/login/")) {
                    assertEquals("no-store", headers.firstValue("Cache-Control").orElse(null), what);
                }
            }
        }
        HttpResponse<String> page = net.get("/", null);
        assertEquals(200, page.statusCode());
        assertEquals("text/html;charset=utf-8", page.headers().firstValue("Content-Type").orElseThrow()
                .replace(" ", ""));
        assertThat(page.body()).contains("<!DOCTYPE html>").doesNotContain("<script>").doesNotContain("style=");
        HttpResponse<String> file = net.get("/static/index.html", null);
        assertEquals("max-age=300", file.headers().firstValue("Cache-Control").orElseThrow());
    }

    @Test
    void pathsOutsideTheStaticFolderAreNeverServed() {
        net = new WebNetwork(dir);
        List<String> attacks = List.of("/static/../pom.xml", "/static/../../pom.xml", "/static/..%2fpom.xml",
                "/static/%2e%2e/%2e%2e/pom.xml", "/static/%2e%2e%2f%2e%2e%2fpom.xml", "/static/..%5c..%5cpom.xml",
                "/static/", "/static/.", "/static/.hidden.js", "/static/net/ledgernet/config/config.yml",
                "/static/..;/pom.xml", "/static/%252e%252e/pom.xml", "/static/index.html%00.js",
                "/static/../net/ledgernet/config/config.yml", "/static//etc/passwd");
        for (String path : attacks) {
            HttpResponse<String> response = net.get(path, null);
            assertThat(response.statusCode()).as(path).isIn(400, 404);
            assertThat(response.body()).as(path).doesNotContain("<artifactId>").doesNotContain("config-version")
                    .doesNotContain("root:");
        }
        // The class path does hold config.yml next to the console's classes: still never served.
        assertTrue(WebLoginTest.class.getResource("/net/ledgernet/config/config.yml") != null);
    }

    @Test
    void aPortInUseIsRefusedWithTheFixAndThreadsAreTheConsolesOwn() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getByName("127.0.0.1"))) {
            WebSettings clash = new WebSettings(true, "127.0.0.1", taken.getLocalPort(), Optional.empty(),
                    Duration.ofMinutes(30), 10_000, 20_000);
            WebStartException e = assertThrows(WebStartException.class, () -> new WebNetwork(dir,
                    StaffNetwork.config("", WebNetwork.FAST_LIMITS), clash));
            assertEquals("port " + taken.getLocalPort() + " on 127.0.0.1 is in use: set web.port in config.yml",
                    e.getMessage());
        }
        WebSettings elsewhere = new WebSettings(true, "203.0.113.7", 0, Optional.empty(), Duration.ofMinutes(30),
                10_000, 20_000);
        WebStartException e = assertThrows(WebStartException.class, () -> new WebNetwork(dir,
                StaffNetwork.config("", WebNetwork.FAST_LIMITS), elsewhere));
        assertThat(e.getMessage()).startsWith("cannot listen on 203.0.113.7:0 (")
                .endsWith("): set web.bind in config.yml to an address of this machine (127.0.0.1 by default)");
        net = new WebNetwork(dir);
        net.get("/", null);
        List<Thread> web = Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("LedgerNet-web-")).toList();
        assertThat(web).isNotEmpty().allMatch(Thread::isDaemon).hasSizeLessThanOrEqualTo(WebConsole.MAX_THREADS + 1);
        // No thread of Jetty's own naming (its default pool "qtp..." or timer "Scheduler-...").
        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().startsWith("qtp")
                || t.getName().startsWith("Scheduler-"));
        net.close();
        net.close(); // idempotent
        net = null;
    }
}
