package net.ledgernet.command;

import static net.ledgernet.command.StaffNetwork.hover;
import static net.ledgernet.command.StaffNetwork.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.kyori.adventure.text.Component;
import net.kyori.adventure.text.event.ClickEvent;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.config.WebSettings;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;
import net.ledgernet.web.ConsoleAccess;
import net.ledgernet.web.ConsoleHttp;
import net.ledgernet.web.WebConsoleHost;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /lgn web} on a real core with a real web console (Jetty on an ephemeral port), permissions
 * through LedgerNet's LuckPerms policy (LuckPerms faked): the chat line staff get and what its link does.
 */
class WebLinkCommandTest {
    private static final String WEB = "ledgernet.command.web";
    private static final Pattern LINK_LINE = Pattern.compile(
            "\\[LedgerNet] Web console, one use, valid 5 minutes: (http://127\\.0\\.0\\.1:(\\d+)/login/[A-Za-z0-9_-]+)");
    private static final WebSettings ON = new WebSettings(true, "127.0.0.1", 0, Optional.empty(),
            Duration.ofMinutes(30), 10_000, 20_000);

    @TempDir
    Path dir;

    private final Platform platform = mock(Platform.class);
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private LedgerNetCore core;
    private WebConsoleHost host;
    private LgnCommand lgn;

    /** A player (or the console, with no UUID) with a name and the nodes the proxy grants them. */
    private record Staff(Optional<UUID> player, String name, Set<String> nodes, List<Component> received)
            implements CommandSender {
        static Staff player(UUID uuid, String name, String... nodes) {
            return new Staff(Optional.of(uuid), name, Set.of(nodes), Collections.synchronizedList(new ArrayList<>()));
        }

        static Staff console() {
            return new Staff(Optional.empty(), "console", Set.of(), Collections.synchronizedList(new ArrayList<>()));
        }

        @Override
        public boolean hasPermission(String node) {
            return player.isEmpty() || nodes.contains(node);
        }

        @Override
        public void send(Component message) {
            received.add(message);
        }

        String text() {
            return plain(received);
        }
    }

    private void start(WebSettings web) {
        StaffNetwork.write(dir, StaffNetwork.config("", ""));
        when(platform.name()).thenReturn("Test");
        when(platform.dataDirectory()).thenReturn(dir);
        when(platform.logger()).thenReturn(mock(PluginLogger.class));
        when(platform.serverNames()).thenReturn(Set.of());
        core = new LedgerNetCore(platform);
        core.load();
        core.enable();
        assertEquals(LedgerNetCore.State.ENABLED, core.state(), () -> core.disabledReason().orElse(""));
        NetworkQueries queries = new NetworkQueries(core, Clock.systemUTC());
        cleanup.add(queries);
        host = new WebConsoleHost(core, queries, new ConsoleAccess(core), mock(PluginLogger.class), Clock.systemUTC(),
                "lgn");
        cleanup.add(0, host);
        host.apply(web);
        lgn = new LgnCommand(core, queries, name -> Optional.empty(), List::of, mock(PluginLogger.class),
                Duration.ofSeconds(30), host);
    }

    private Staff run(Staff sender, String... args) {
        lgn.execute(sender, args).join();
        return sender;
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable c : cleanup) {
            c.close();
        }
        if (core != null) {
            core.disable();
        }
    }

    @Test
    void aPlayerWithTheNodeGetsAClickableSingleUseLinkThatLogsThemIn() {
        try (FakeLuckPerms luckPerms = FakeLuckPerms.install()) {
            start(ON);
            UUID steve = UUID.randomUUID();
            luckPerms.grantGlobally(steve, WEB).grant(steve, "survival", "ledger.commands.search");
            Staff sender = run(Staff.player(steve, "Steve", WEB), "web");

            assertEquals(1, sender.received().size(), sender.text());
            Component line = sender.received().get(0);
            Matcher m = LINK_LINE.matcher(plain(line));
            assertThat(m.matches()).as(plain(line)).isTrue();
            URI link = URI.create(m.group(1));
            assertEquals(host.console().orElseThrow().baseUrl().getPort(), Integer.parseInt(m.group(2)));
            ClickEvent click = line.clickEvent();
            assertEquals(ClickEvent.Action.OPEN_URL, click.action());
            assertEquals(link.toString(), click.value(), "the click opens the link the line shows");
            assertEquals("Open the web console as Steve.\nDo not share this link: it logs in as you.", hover(line));

            HttpResponse<String> login = ConsoleHttp.get(link);
            assertEquals(303, login.statusCode());
            String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            assertThat(setCookie).startsWith("ledgernet_session=").contains("HttpOnly").contains("SameSite=Strict")
                    .doesNotContain("Secure");
            String cookie = setCookie.substring(0, setCookie.indexOf(';'));
            HttpResponse<String> me = ConsoleHttp.get(host.console().get().baseUrl().resolve("api/me"),
                    Optional.of(cookie));
            assertEquals(200, me.statusCode(), me.body());
            assertThat(me.body()).contains("\"name\":\"Steve\"").contains("\"player\":\"" + steve + "\"")
                    .contains("\"name\":\"survival\"").doesNotContain("\"name\":\"creative\"");

            HttpResponse<String> again = ConsoleHttp.get(link);
            assertEquals(403, again.statusCode());
            assertThat(again.body()).contains("This login link was already used.");
            assertThat(again.headers().allValues("Set-Cookie")).isEmpty();
        }
    }

    @Test
    void eachRunGivesANewLinkAndLinksAreBoundByTheRateLimit() {
        try (FakeLuckPerms luckPerms = FakeLuckPerms.install()) {
            start(ON);
            UUID steve = UUID.randomUUID();
            luckPerms.grantGlobally(steve, WEB);
            Staff first = run(Staff.player(steve, "Steve", WEB), "web");
            Staff second = run(Staff.player(steve, "Steve", WEB), "web");
            assertThat(first.text()).matches(LINK_LINE);
            assertThat(second.text()).matches(LINK_LINE).isNotEqualTo(first.text());

            // The default bucket holds 5 requests: a burst of links runs dry like a burst of searches.
            List<String> answers = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                answers.add(run(Staff.player(steve, "Steve", WEB), "web").text());
            }
            assertThat(answers.subList(0, 3)).allSatisfy(answer -> assertThat(answer).matches(LINK_LINE));
            assertThat(answers.subList(3, 6)).containsOnly(
                    "[LedgerNet] Too many requests right now (see limits: in config.yml); try again in a moment.");
        }
    }

    @Test
    void aPlayerWithoutTheNodeIsRefusedAndGetsNoLink() {
        try (FakeLuckPerms luckPerms = FakeLuckPerms.install()) {
            start(ON);
            Staff sender = run(Staff.player(UUID.randomUUID(), "Alex", "ledgernet.command.search"), "web");
            assertEquals("[LedgerNet] You may not use /lgn web here.", sender.text());
            assertThat(run(Staff.player(UUID.randomUUID(), "Alex", "ledgernet.command.search"), "help").text())
                    .doesNotContain("/lgn web");
            assertThat(lgn.suggest(Staff.player(UUID.randomUUID(), "Alex", "ledgernet.command.search"),
                    new String[] {"w"})).isEmpty();
        }
    }

    @Test
    void holdersSeeItInHelpAndCompletion() {
        try (FakeLuckPerms luckPerms = FakeLuckPerms.install()) {
            start(ON);
            Staff web = Staff.player(UUID.randomUUID(), "Steve", WEB);
            assertThat(lgn.visibleTo(web)).isTrue();
            assertEquals(List.of("web"), lgn.suggest(web, new String[] {"w"}));
            assertEquals("[LedgerNet] Usage: /lgn web | /lgn help <subcommand> | /lgn version", run(web, "x").text());
            assertEquals("[LedgerNet] /lgn web — a login link to the web console in chat, for you alone: one use,"
                    + " valid 5 minutes. The console searches, charts and maps the network with your permissions,"
                    + " checked on every request.", run(Staff.player(UUID.randomUUID(), "Steve", WEB), "help", "web")
                    .text());
            assertEquals("[LedgerNet] Usage: web", run(Staff.player(UUID.randomUUID(), "Steve", WEB), "web", "now")
                    .text());
        }
    }

    @Test
    void theConsoleIsPointedAtTheCliCommand() {
        start(ON);
        assertEquals("[LedgerNet] /lgn web gives a player a login link. From a terminal on this machine, java -jar"
                + " ledgernet-cli.jar web --dir <the plugin folder holding config.yml> serves the console and prints"
                + " the operator's link.", run(Staff.console(), "web").text());
        assertThat(run(Staff.console(), "help").text()).contains("/lgn reload").doesNotContain("/lgn web");
    }

    @Test
    void aConsoleThatIsOffSaysHowToTurnItOn() {
        start(WebSettings.DEFAULTS);
        assertEquals("[LedgerNet] The web console is off: set web.enabled: true in config.yml and run /lgn reload.",
                run(Staff.player(UUID.randomUUID(), "Steve", WEB), "web").text());
    }

    @Test
    void aConsoleThatCouldNotStartSaysWhy() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            start(new WebSettings(true, "127.0.0.1", port, Optional.empty(), Duration.ofMinutes(30), 10_000, 20_000));
            assertEquals(LedgerNetCore.State.ENABLED, core.state(), "LedgerNet runs on without the console");
            assertEquals("[LedgerNet] The web console is not running: port " + port + " on 127.0.0.1 is in use: set"
                    + " web.port in config.yml, then run /lgn reload.",
                    run(Staff.player(UUID.randomUUID(), "Steve", WEB), "web").text());
        }
    }

    @Test
    void aDisabledLedgerNetSaysSoFirst() {
        start(ON);
        core.disable();
        assertThat(run(Staff.player(UUID.randomUUID(), "Steve", WEB), "web").text())
                .startsWith("[LedgerNet] LedgerNet is disabled: ");
    }
}
