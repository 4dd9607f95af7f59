package net.ledgernet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.command.FakeLuckPerms;
import net.ledgernet.command.NetworkQueries;
import net.ledgernet.command.StaffNetwork;
import net.ledgernet.config.WebSettings;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who may use the console, through a real console over real HTTP: the operator always; a player while
 * they hold ledgernet.command.web on the proxy (checked on every request), offline too with LuckPerms,
 * online only without it.
 */
class ConsoleAccessTest {
    private static final String WEB = "ledgernet.command.web";
    private static final String SEARCH = "ledger.commands.search";

    @TempDir
    Path dir;

    private final Platform platform = mock(Platform.class);
    /** Who is online, for the proxy's own permission check (used without LuckPerms). */
    private final Set<UUID> online = ConcurrentHashMap.newKeySet();
    /** What the proxy's own check grants: "uuid node". */
    private final Set<String> proxyGrants = ConcurrentHashMap.newKeySet();
    private LedgerNetCore core;
    private NetworkQueries queries;
    private WebConsole console;
    private ConsoleAccess access;

    private void start() {
        StaffNetwork.write(dir, StaffNetwork.config("", ""));
        when(platform.name()).thenReturn("Test");
        when(platform.dataDirectory()).thenReturn(dir);
        when(platform.logger()).thenReturn(mock(PluginLogger.class));
        when(platform.serverNames()).thenReturn(Set.of());
        // As the proxies answer: false for anyone not online.
        when(platform.hasPermission(any(UUID.class), anyString())).thenAnswer(call -> online.contains(
                call.<UUID>getArgument(0)) && proxyGrants.contains(call.getArgument(0) + " " + call.getArgument(1)));
        core = new LedgerNetCore(platform);
        core.load();
        core.enable();
        assertEquals(LedgerNetCore.State.ENABLED, core.state(), () -> core.disabledReason().orElse(""));
        queries = new NetworkQueries(core, Clock.systemUTC());
        access = new ConsoleAccess(core);
        console = WebConsole.start(new WebSettings(true, "127.0.0.1", 0, Optional.empty(), Duration.ofMinutes(30),
                10_000, 20_000), core, queries, access, mock(PluginLogger.class), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        if (console != null) {
            console.close();
        }
        if (queries != null) {
            queries.close();
        }
        if (core != null) {
            core.disable();
        }
    }

    private HttpResponse<String> me(String cookie) {
        return ConsoleHttp.get(console.baseUrl().resolve("api/me"), Optional.of(cookie));
    }

    private String logIn(UUID player, String name) {
        URI link = console.loginLink(WebViewer.player(player, name));
        return ConsoleHttp.logIn(link);
    }

    @Test
    void withLuckPermsAnOfflinePlayerIsLoadedAndSeesTheBackendsTheirNodesGrant() {
        try (FakeLuckPerms luckPerms = FakeLuckPerms.install()) {
            start();
            UUID steve = UUID.randomUUID();
            luckPerms.grantGlobally(steve, WEB).grant(steve, "survival", SEARCH).grant(steve, "lobby", SEARCH);
            String cookie = logIn(steve, "Steve");

            // Steve leaves; LuckPerms unloads him. The console loads him again before answering.
            luckPerms.offline(steve);
            HttpResponse<String> me = me(cookie);
            assertEquals(200, me.statusCode(), me.body());
            assertEquals(1, luckPerms.loads());
            assertThat(me.body()).contains("\"name\":\"Steve\"").contains("{\"name\":\"survival\",\"search\":true")
                    .contains("{\"name\":\"lobby\",\"search\":true").doesNotContain("\"name\":\"creative\"");

            // A revocation counts at the next request, online or not.
            luckPerms.revokeGlobally(steve, WEB);
            HttpResponse<String> refused = me(cookie);
            assertEquals(403, refused.statusCode());
            assertThat(refused.body()).contains("NO_PERMISSION");
        }
    }

    @Test
    void withLuckPermsANodeOnABackendOnlyIsNotTheProxys() {
        try (FakeLuckPerms luckPerms = FakeLuckPerms.install()) {
            start();
            UUID alex = UUID.randomUUID();
            luckPerms.grant(alex, "survival", WEB, SEARCH);
            assertEquals(403, me(logIn(alex, "Alex")).statusCode());
            UUID stranger = UUID.randomUUID();
            luckPerms.offline(stranger);
            assertFalse(access.mayUse(WebViewer.player(stranger, "Nobody")).join(), "LuckPerms' defaults: no node");
        }
    }

    @Test
    void withoutLuckPermsOnlyAnOnlinePlayerCanBeChecked() {
        start();
        UUID steve = UUID.randomUUID();
        proxyGrants.add(steve + " " + WEB);
        proxyGrants.add(steve + " " + SEARCH); // the proxy's own check: every backend alike
        online.add(steve);
        String cookie = logIn(steve, "Steve");
        HttpResponse<String> me = me(cookie);
        assertEquals(200, me.statusCode(), me.body());
        assertThat(me.body()).contains("\"name\":\"Steve\"").contains("\"name\":\"survival\"")
                .contains("\"name\":\"creative\"");

        online.remove(steve); // the proxy's own check knows nothing of a player who left
        assertEquals(403, me(cookie).statusCode());
        online.add(steve);
        assertEquals(200, me(cookie).statusCode(), "back online, back in");
    }

    @Test
    void theOperatorIsAlwaysAllowedAndNobodyElseWhileLedgerNetIsDisabled() {
        try (FakeLuckPerms luckPerms = FakeLuckPerms.install()) {
            start();
            UUID steve = UUID.randomUUID();
            luckPerms.grantGlobally(steve, WEB);
            assertTrue(access.mayUse(WebViewer.operator()).join());
            assertTrue(access.mayUse(WebViewer.player(steve, "Steve")).join());
            core.disable();
            assertFalse(access.mayUse(WebViewer.player(steve, "Steve")).join());
            assertTrue(access.mayUse(WebViewer.operator()).join());
        }
    }

    @Test
    void theNodeIsTheOneConfigYmlNames() {
        try (FakeLuckPerms luckPerms = FakeLuckPerms.install()) {
            start();
            UUID steve = UUID.randomUUID();
            luckPerms.grantGlobally(steve, "staff.web");
            assertFalse(access.mayUse(WebViewer.player(steve, "Steve")).join());
            StaffNetwork.write(dir, StaffNetwork.config("", "command:\n  permissions:\n    web: staff.web\n"));
            assertEquals(Optional.empty(), core.reload());
            assertTrue(access.mayUse(WebViewer.player(steve, "Steve")).join());
        }
    }
}
