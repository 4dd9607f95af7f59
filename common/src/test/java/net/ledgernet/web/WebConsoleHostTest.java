package net.ledgernet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.command.NetworkQueries;
import net.ledgernet.command.StaffNetwork;
import net.ledgernet.config.WebSettings;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console over LedgerNet's life on a proxy: started after enable when config.yml turns it on, kept
 * (sessions and all) by a reload that leaves web: alone, restarted by one that changes it, closed with
 * the plugin; a port in use is logged with the fix and LedgerNet runs on.
 */
class WebConsoleHostTest {
    @TempDir
    Path dir;

    private final Platform platform = mock(Platform.class);
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final PluginLogger logger = mock(PluginLogger.class);
    private LedgerNetCore core;
    private NetworkQueries queries;
    private WebConsoleHost host;

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static String web(String keys) {
        return "web:\n" + keys.lines().map(l -> "  " + l + "\n").reduce("", String::concat);
    }

    private void write(String web) {
        StaffNetwork.write(dir, StaffNetwork.config("", web));
    }

    private void start(String web) {
        write(web);
        when(platform.name()).thenReturn("Test");
        when(platform.dataDirectory()).thenReturn(dir);
        doAnswer(call -> log.add("INFO " + call.getArgument(0))).when(logger).info(anyString());
        doAnswer(call -> log.add("WARN " + call.getArgument(0))).when(logger).warn(anyString());
        doAnswer(call -> log.add("ERROR " + call.getArgument(0))).when(logger).error(anyString());
        when(platform.logger()).thenReturn(logger);
        when(platform.serverNames()).thenReturn(Set.of());
        core = new LedgerNetCore(platform);
        core.load();
        core.enable();
        queries = new NetworkQueries(core, Clock.systemUTC());
        host = new WebConsoleHost(core, queries, new ConsoleAccess(core), logger, Clock.systemUTC(), "lgn");
        host.start(core);
    }

    @AfterEach
    void stop() {
        if (host != null) {
            host.close();
        }
        if (queries != null) {
            queries.close();
        }
        if (core != null) {
            core.disable();
        }
    }

    private static int status(URI base, String path, String cookie) {
        return ConsoleHttp.get(base.resolve(path), Optional.of(cookie)).statusCode();
    }

    @Test
    void offByDefaultNothingListens() throws IOException {
        int port = freePort();
        start(web("port: " + port));
        assertEquals(Optional.empty(), host.console());
        assertFalse(ConsoleHttp.listening(URI.create("http://127.0.0.1:" + port + "/")));
        assertEquals(Optional.of("The web console is off: set web.enabled: true in config.yml and run /lgn reload."),
                host.unavailable());
    }

    @Test
    void aReloadKeepsTheConsoleAndItsSessionsUnlessWebChanges() throws IOException {
        int port = freePort();
        start(web("enabled: true\nport: " + port));
        WebConsole first = host.console().orElseThrow();
        URI base = first.baseUrl();
        assertEquals(URI.create("http://127.0.0.1:" + port + "/"), base);
        assertThat(log).contains("INFO Web console at http://127.0.0.1:" + port + "/ (staff get a login link with /lgn web).");
        String cookie = ConsoleHttp.logIn(first.loginLink(WebViewer.operator()));
        assertEquals(200, status(base, "api/me", cookie));

        // Another section changes: the same console, the session still valid.
        write(web("enabled: true\nport: " + port) + "limits:\n  page-size: 9\n");
        assertEquals(Optional.empty(), core.reload());
        assertSame(first, host.console().orElseThrow());
        assertEquals(200, status(base, "api/me", cookie));

        // web: changes: a new console on the new settings; the old session is gone.
        write(web("enabled: true\nport: " + port + "\nsession-idle: 10m"));
        assertEquals(Optional.empty(), core.reload());
        WebConsole second = host.console().orElseThrow();
        assertNotSame(first, second);
        assertEquals(Duration.ofMinutes(10), second.settings().sessionIdle());
        assertEquals(401, status(base, "api/me", cookie));
        assertThat(log).contains("INFO Web console stopped to restart on the new web: settings.");

        // Turned off: nothing listens any more.
        write(web("enabled: false\nport: " + port));
        assertEquals(Optional.empty(), core.reload());
        assertEquals(Optional.empty(), host.console());
        assertFalse(ConsoleHttp.listening(base));
    }

    @Test
    void aPortInUseIsLoggedWithTheFixAndLedgerNetRunsOnThenAReloadRetries() throws IOException {
        int port;
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            port = taken.getLocalPort();
            start(web("enabled: true\nport: " + port));
            assertEquals(LedgerNetCore.State.ENABLED, core.state());
            assertEquals(Optional.empty(), host.console());
            assertThat(log).contains("ERROR The web console could not start: port " + port + " on 127.0.0.1 is in use:"
                    + " set web.port in config.yml, then run /lgn reload. LedgerNet runs on without the console.");
            assertTrue(queries.allowed(new NetworkQueries.Viewer(Optional.empty()), "survival", "ledger.commands.search"),
                    "the rest of LedgerNet answers");
        }
        // The port is free now: a reload of the same file starts it.
        assertEquals(Optional.empty(), core.reload());
        assertEquals(port, host.console().orElseThrow().baseUrl().getPort());
        assertTrue(ConsoleHttp.listening(host.console().get().baseUrl()));
    }

    @Test
    void aLedgerNetThatStartsDisabledStartsTheConsoleWithTheReloadThatFixesIt() throws IOException {
        int port = freePort();
        StaffNetwork.write(dir, "config-version: 1\nlimits:\n  page-size: 0\n" + web("enabled: true\nport: " + port));
        when(platform.name()).thenReturn("Test");
        when(platform.dataDirectory()).thenReturn(dir);
        when(platform.logger()).thenReturn(logger);
        when(platform.serverNames()).thenReturn(Set.of());
        core = new LedgerNetCore(platform);
        core.load();
        core.enable();
        queries = new NetworkQueries(core, Clock.systemUTC());
        host = new WebConsoleHost(core, queries, new ConsoleAccess(core), logger, Clock.systemUTC(), "lgn");
        host.start(core);
        assertEquals(LedgerNetCore.State.DISABLED, core.state());
        assertEquals(Optional.empty(), host.console());

        write(web("enabled: true\nport: " + port));
        assertEquals(Optional.empty(), core.reload());
        assertTrue(ConsoleHttp.listening(host.console().orElseThrow().baseUrl()));
    }

    @Test
    void closingStopsItForGood() throws IOException {
        int port = freePort();
        start(web("enabled: true\nport: " + port));
        URI base = host.console().orElseThrow().baseUrl();
        assertTrue(ConsoleHttp.listening(base));
        host.close();
        assertFalse(ConsoleHttp.listening(base));
        write(web("enabled: true\nport: " + port + "\nsession-idle: 5m"));
        assertEquals(Optional.empty(), core.reload());
        assertEquals(Optional.empty(), host.console(), "a reload after disable starts nothing");
        host.close();
    }

    @Test
    void aBindBeyondThisMachineIsWarnedAboutUnlessHttpsStandsInFront() {
        WebSettings d = WebSettings.DEFAULTS;
        for (String loopback : List.of("127.0.0.1", "127.0.0.2", "::1", "localhost")) {
            assertEquals(Optional.empty(), WebConsoleHost.exposureWarning(new WebSettings(true, loopback, 8130,
                    Optional.empty(), d.sessionIdle(), d.exportMaxRows(), d.chartMaxRows())), loopback);
        }
        WebSettings everywhere = new WebSettings(true, "0.0.0.0", 8130, Optional.empty(), d.sessionIdle(),
                d.exportMaxRows(), d.chartMaxRows());
        assertEquals(Optional.of("web.bind is 0.0.0.0: the web console is reachable from other machines over plain"
                + " HTTP, so login links and session cookies cross the network readable. Put a reverse proxy with"
                + " HTTPS in front of it and set web.public-url to its https:// address, or bind 127.0.0.1."),
                WebConsoleHost.exposureWarning(everywhere));
        assertThat(WebConsoleHost.exposureWarning(new WebSettings(true, "0.0.0.0", 8130,
                Optional.of(URI.create("http://console.example.net/")), d.sessionIdle(), d.exportMaxRows(),
                d.chartMaxRows()))).isPresent();
        assertEquals(Optional.empty(), WebConsoleHost.exposureWarning(new WebSettings(true, "0.0.0.0", 8130,
                Optional.of(URI.create("https://console.example.net/")), d.sessionIdle(), d.exportMaxRows(),
                d.chartMaxRows())));
    }
}
