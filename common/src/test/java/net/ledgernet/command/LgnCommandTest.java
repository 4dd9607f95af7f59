package net.ledgernet.command;

import static net.ledgernet.command.StaffNetwork.clicks;
import static net.ledgernet.command.StaffNetwork.hover;
import static net.ledgernet.command.StaffNetwork.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

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
import net.ledgernet.LedgerNetCore;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /lgn} against a real three-backend SQLite network and a real core; permissions per backend
 * through LedgerNet's LuckPerms policy (LuckPerms itself faked). Asserts what staff read.
 */
class LgnCommandTest {
    private static final Pattern ACTION_LINE = Pattern.compile(
            "^(survival|creative|lobby) (just now|\\d+[smhdwy] ago) (\\S+) ([a-z-]+) (.+) (\\1:[a-z_/]+)( \\(rolled back\\))?$");
    private static final Pattern WHERE = Pattern.compile("Where: (-?\\d+) (-?\\d+) (-?\\d+) in (\\S+)");

    @TempDir
    Path dir;

    private final Platform platform = mock(Platform.class);
    private final List<AutoCloseable> cleanup = new ArrayList<>();
    private LedgerNetCore core;
    private LgnCommand lgn;

    /** A sender that keeps what it was sent; the console when {@code player} is null. */
    static final class Sender implements CommandSender {
        final Optional<UUID> player;
        final Set<String> nodes;
        final List<Component> received = Collections.synchronizedList(new ArrayList<>());

        Sender(UUID player, String... nodes) {
            this.player = Optional.ofNullable(player);
            this.nodes = Set.of(nodes);
        }

        @Override
        public Optional<UUID> player() {
            return player;
        }

        @Override
        public boolean hasPermission(String node) {
            return player.isEmpty() || nodes.contains(node);
        }

        @Override
        public void send(Component message) {
            received.add(message);
        }

        List<String> lines() {
            synchronized (received) {
                return received.stream().map(StaffNetwork::plain).flatMap(s -> s.lines()).toList();
            }
        }

        String text() {
            return String.join("\n", lines());
        }

        void clear() {
            received.clear();
        }
    }

    private void start(String config, Duration workingNotice) {
        StaffNetwork.write(dir, config);
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
        lgn = new LgnCommand(core, queries, name -> Optional.empty(), () -> List.of("OnlineOlga"),
                mock(PluginLogger.class), workingNotice);
    }

    private void start() {
        start(StaffNetwork.config("", ""), Duration.ofSeconds(30));
    }

    private Sender run(Sender sender, String... args) {
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
    void aSearchListsActionsOfEveryBackendWithNetworkWorldsRelativeTimesHoversAndPageLinks() {
        start();
        Sender console = run(new Sender(null), "search", "action:block-break");

        List<String> lines = console.lines();
        assertEquals("[LedgerNet] Page 1 · action:block-break on survival, creative, lobby", lines.get(0));
        List<String> actions = lines.subList(1, 9);
        assertThat(actions).allSatisfy(line -> assertThat(line).matches(ACTION_LINE).contains(" block-break "));
        assertThat(actions.stream().map(l -> l.split(" ")[0]).distinct()).hasSizeGreaterThan(1);
        assertEquals("Page 1 [next ›]", lines.get(9));
        assertEquals(10, lines.size());

        Component first = console.received.get(1);
        assertThat(hover(first)).containsPattern(WHERE).contains("Before: minecraft:").contains("After: minecraft:air")
                .contains("When: 20").containsPattern("Id: (survival|creative|lobby)#\\d+");
        assertEquals(List.of("/lgn page 2"), clicks(console.received.get(9)));
    }

    @Test
    void pagesWalkForwardByKeysetAndComeBackFromMemory() {
        start();
        Sender console = run(new Sender(null), "search", "after:30d");
        List<String> page1 = console.lines();
        console.clear();

        run(console, "page", "2");
        List<String> page2 = console.lines();
        assertEquals("[LedgerNet] Page 2 · after:30d on survival, creative, lobby", page2.get(0));
        assertThat(page2.subList(1, 9)).allMatch(line -> ACTION_LINE.matcher(line).matches())
                .doesNotContainAnyElementsOf(page1.subList(1, 9));
        assertEquals(List.of("/lgn page 1", "/lgn page 3"), clicks(console.received.get(9)));
        console.clear();

        run(console, "page", "1");
        assertEquals(page1, console.lines(), "a page already seen is shown again as it was");
        console.clear();

        run(console, "page", "5");
        assertThat(console.lines().get(0)).isEqualTo("[LedgerNet] Page 5 · after:30d on survival, creative, lobby");
        console.clear();
        run(console, "page", "40");
        assertThat(console.text()).isEqualTo("[LedgerNet] Page forward at most 10 pages at a time (you are at page 5).");
        console.clear();
        run(console, "page", "zero");
        assertThat(console.text()).isEqualTo("[LedgerNet] Usage: page <n>");
    }

    @Test
    void pagingNeedsASearchAndStopsAtTheLastPage() {
        start();
        Sender console = run(new Sender(null), "page", "2");
        assertEquals("[LedgerNet] Nothing to page through; search first with /lgn search <params>.", console.text());
        console.clear();

        // One block has a page of history: take a real position from a search and inspect it.
        run(console, "search", "backend:creative");
        Matcher where = WHERE.matcher(hover(console.received.get(1)));
        assertTrue(where.find());
        console.clear();
        run(console, "inspect", "creative", where.group(1), where.group(2), where.group(3), where.group(4));
        assertThat(console.lines().get(0)).isEqualTo("[LedgerNet] Page 1 · inspect creative " + where.group(1) + " "
                + where.group(2) + " " + where.group(3) + " " + where.group(4) + " on creative");
        assertThat(console.lines().get(1)).startsWith("creative ").endsWith(" " + where.group(4));
        assertThat(console.lines()).last().isEqualTo("Page 1");
        console.clear();
        run(console, "page", "2");
        assertEquals("[LedgerNet] There is only 1 page.", console.text());
    }

    @Test
    void searchesCountAgainstThePlayersRateLimitLikeClientModRequests() {
        try (FakeLuckPerms luckPerms = FakeLuckPerms.install()) {
            start(StaffNetwork.config("", "limits:\n  rate-limit:\n    per-second: 0.01\n    burst: 2\n"),
                    Duration.ofSeconds(30));
            UUID mod = UUID.randomUUID();
            for (String backend : StaffNetwork.BACKENDS) {
                luckPerms.grant(mod, backend, "ledger.commands.search");
            }
            Sender sender = new Sender(mod, "ledgernet.command.search", "ledgernet.command.status");
            run(sender, "search", "action:block-break");
            run(sender, "page", "2");
            assertThat(sender.text()).doesNotContain("Too many requests");
            sender.clear();
            run(sender, "search", "action:block-place");
            assertEquals("[LedgerNet] Too many requests right now (see limits: in config.yml); try again in a moment.",
                    sender.text());
            sender.clear();
            run(sender, "status");
            assertThat(sender.text()).contains("survival ok").doesNotContain("Too many requests");
            // The console has no bucket; it is held only by the network-wide cap on fan-outs.
            Sender console = run(new Sender(null), "search", "action:block-place");
            assertThat(console.text()).doesNotContain("Too many requests").contains("Page 1");
        }
    }

    @Test
    void searchesLeaveOutTheBackendsWhereThePlayerLacksLedgersNode() {
        try (FakeLuckPerms luckPerms = FakeLuckPerms.install()) {
            start();
            UUID mod = UUID.randomUUID();
            luckPerms.grant(mod, "survival", "ledger.commands.search");
            Sender sender = run(new Sender(mod, "ledgernet.command.search"), "search", "after:30d");
            List<String> lines = sender.lines();
            assertEquals("[LedgerNet] Left out, no permission there: creative, lobby", lines.get(0));
            assertEquals("[LedgerNet] Page 1 · after:30d on survival", lines.get(1));
            assertThat(lines.subList(2, 10)).allSatisfy(line -> assertThat(line).matches(ACTION_LINE).startsWith("survival "));

            // Naming a backend the player may not read: nothing left to search.
            sender.clear();
            run(sender, "search", "backend:!survival");
            assertEquals("[LedgerNet] You may not search on any server here.", sender.text());

            UUID stranger = UUID.randomUUID();
            Sender none = run(new Sender(stranger, "ledgernet.command.search", "ledgernet.command.inspect"),
                    "search", "action:block-break");
            assertEquals("[LedgerNet] You may not search on any server here.", none.text());
            none.clear();
            run(none, "inspect", "lobby", "1", "2", "3");
            assertEquals("[LedgerNet] You may not inspect on lobby on any server here.", none.text());
        }
    }

    @Test
    void pagesAfterARevocationLeaveThatBackendOutAndSaySo() {
        try (FakeLuckPerms luckPerms = FakeLuckPerms.install()) {
            start();
            UUID mod = UUID.randomUUID();
            luckPerms.grant(mod, "survival", "ledger.commands.search").grant(mod, "creative", "ledger.commands.search");
            Sender sender = run(new Sender(mod, "ledgernet.command.search"), "search", "after:30d");
            assertEquals("[LedgerNet] Page 1 · after:30d on survival, creative", sender.lines().get(1));
            assertThat(sender.lines().subList(2, 10)).anyMatch(line -> line.startsWith("creative "));

            // lp user <mod> permission unset ledger.commands.search server=creative
            luckPerms.revoke(mod, "creative", "ledger.commands.search");
            sender.clear();
            run(sender, "page", "2");
            List<String> lines = sender.lines();
            assertEquals("[LedgerNet] Left out, no permission there: lobby", lines.get(0));
            assertEquals("[LedgerNet] creative left out: you no longer have ledger.commands.search there", lines.get(1));
            assertEquals("[LedgerNet] Page 2 · after:30d on survival", lines.get(2));
            assertThat(lines.subList(3, 11)).allSatisfy(line -> assertThat(line).matches(ACTION_LINE).startsWith("survival "));

            // A page seen before the revocation is shown again without creative's rows.
            sender.clear();
            run(sender, "page", "1");
            assertThat(sender.lines()).contains("[LedgerNet] Page 1 · after:30d on survival")
                    .noneMatch(line -> line.startsWith("creative "));

            luckPerms.revoke(mod, "survival", "ledger.commands.search");
            sender.clear();
            run(sender, "page", "3");
            assertEquals("[LedgerNet] You may not search on any server here.", sender.text());
        }
    }

    @Test
    void tabCompletionOffersOnlyNamesSeenOnBackendsTheSenderMaySearch() {
        try (FakeLuckPerms luckPerms = FakeLuckPerms.install()) {
            start();
            // Staff who may search lobby see its players; completion remembers them for lobby alone.
            UUID staff = UUID.randomUUID();
            luckPerms.grant(staff, "lobby", "ledger.commands.search");
            Sender admin = run(new Sender(staff, "ledgernet.command.search"), "search", "backend:lobby");
            String seen = admin.lines().subList(1, 9).stream().map(l -> l.split(" ")[3])
                    .filter(name -> !name.startsWith("@")).findFirst().orElseThrow();
            String[] typed = {"search", "source:"};
            assertThat(lgn.suggest(admin, typed)).contains("source:" + seen);

            Sender nobody = new Sender(UUID.randomUUID(), "ledgernet.command.search");
            assertEquals(List.of("source:OnlineOlga"), lgn.suggest(nobody, typed), "only who is online");
            assertEquals(List.of(), lgn.suggest(nobody, new String[] {"search", "world:"}));
            assertEquals(List.of(), lgn.suggest(nobody, new String[] {"search", "object:"}));

            UUID other = UUID.randomUUID();
            luckPerms.grant(other, "survival", "ledger.commands.search");
            Sender survivalOnly = new Sender(other, "ledgernet.command.search");
            assertEquals(List.of("source:OnlineOlga"), lgn.suggest(survivalOnly, typed), "nothing from lobby");
            assertThat(lgn.suggest(survivalOnly, new String[] {"search", "world:"}))
                    .containsExactly("world:survival:overworld", "world:survival:the_nether", "world:survival:the_end");

            luckPerms.grant(other, "lobby", "ledger.commands.search");
            assertThat(lgn.suggest(survivalOnly, typed)).contains("source:" + seen);
        }
    }

    @Test
    void pagesAreDroppedWhenThePlayerLeaves() {
        try (FakeLuckPerms luckPerms = FakeLuckPerms.install()) {
            start();
            List<Sender> players = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                UUID uuid = UUID.randomUUID();
                luckPerms.grant(uuid, "survival", "ledger.commands.search");
                players.add(run(new Sender(uuid, "ledgernet.command.search"), "search", "backend:survival"));
            }
            assertEquals(50, lgn.sessionCount());

            players.forEach(player -> core.onDisconnect(player.player.orElseThrow()));
            assertEquals(0, lgn.sessionCount());
            Sender back = players.get(0);
            back.clear();
            run(back, "page", "2");
            assertEquals("[LedgerNet] Nothing to page through; search first with /lgn search <params>.", back.text());
        }
    }

    @Test
    void eachSubcommandNeedsItsOwnNode() {
        start();
        Sender helper = new Sender(UUID.randomUUID(), "ledgernet.command.status");
        assertTrue(lgn.visibleTo(helper));
        assertFalse(lgn.visibleTo(new Sender(UUID.randomUUID())));
        run(helper, "search", "action:block-break");
        assertEquals("[LedgerNet] You may not use /lgn search here.", helper.text());
        helper.clear();
        run(helper, "reload");
        assertEquals("[LedgerNet] You may not use /lgn reload here.", helper.text());
        helper.clear();
        run(helper);
        assertEquals("[LedgerNet] Usage: /lgn status | /lgn help <subcommand> | /lgn version", helper.text(),
                "help lists only what the sender may use");
        assertEquals(List.of("status"), lgn.suggest(helper, new String[] {""}));
        helper.clear();
        run(helper, "version");
        assertThat(helper.text()).startsWith("[LedgerNet] LedgerNet ").contains(" · enabled · ").contains("permissions:");
        helper.clear();
        run(helper, "help", "status");
        assertThat(helper.text()).startsWith("[LedgerNet] /lgn status — every backend's database");
        helper.clear();
        run(helper, "help", "search");
        assertThat(helper.text()).as("no help for what the sender may not use").startsWith("[LedgerNet] Usage: /lgn status");
        Sender staff = new Sender(UUID.randomUUID(), "ledgernet.command.search");
        run(staff, "help", "search");
        assertThat(staff.text()).contains("/lgn search <params> — searches the servers you may search")
                .contains("backend:<name|*|!name>");
        Sender nobody = new Sender(UUID.randomUUID());
        run(nobody, "version");
        assertThat(nobody.text()).as("a sender who sees no /lgn gets nothing more").doesNotContain("LedgerNet 0");
    }

    @Test
    void badInputIsRefusedWithTheReason() {
        start();
        Sender console = new Sender(null);
        String[][] inputs = {
                {"search"},
                {"search", "range:5"},
                {"search", "action:"},
                {"search", "world:nowhere:sky"},
                {"search", "backend:mars"},
                {"inspect", "mars", "1", "2", "3"},
                {"inspect", "survival", "1", "high", "3"},
                {"inspect", "survival", "1", "2", "3", "creative:overworld"},
                {"player", "Not-A-Name!"},
        };
        List<String> answers = new ArrayList<>();
        for (String[] input : inputs) {
            console.clear();
            run(console, input);
            answers.add(console.text());
        }
        assertThat(answers).containsExactly(
                "[LedgerNet] Usage: search <params>",
                "[LedgerNet] range: needs your position, which the proxy does not know; narrow with world: instead,"
                        + " or use /lg search on the server itself",
                "[LedgerNet] Empty value for action: (in 'action:' at position 0)",
                "[LedgerNet] Unknown dimension in world:nowhere:sky (use the dimension ids LedgerNet shows)",
                "[LedgerNet] Unknown server in backend:mars",
                "[LedgerNet] Unknown server 'mars' (servers: survival, creative, lobby)",
                "[LedgerNet] y must be a whole number from -4096 to 4096, not 'high'",
                "[LedgerNet] 'creative:overworld' is not a world of survival (use a network id such as survival:overworld)",
                "[LedgerNet] 'Not-A-Name!' is neither a player name nor a UUID");
    }

    @Test
    void aBackendThatIsDownIsLeftOutAndNamedAndStatusShowsIt() {
        start(StaffNetwork.config(StaffNetwork.DOWN_BACKEND, ""), Duration.ofMillis(50));
        Sender console = run(new Sender(null), "search", "after:30d");
        List<String> found = console.lines().stream().filter(line -> !line.equals("[LedgerNet] Still searching...")).toList();
        assertThat(found.get(0)).isEqualTo("[LedgerNet] Not answering, left out: skyblock (connection refused by"
                + " 127.0.0.1:1: is the database server running and listening there?)");
        assertThat(found.get(1)).isEqualTo("[LedgerNet] Page 1 · after:30d on survival, creative, lobby, skyblock");
        assertThat(found.subList(2, 10)).allMatch(line -> ACTION_LINE.matcher(line).matches());

        console.clear();
        run(console, "status");
        List<String> lines = console.lines();
        // The probe of the dead server takes its connection timeout: the sender is told it is working.
        assertThat(lines.get(0)).isEqualTo("[LedgerNet] Still checking the backends...");
        assertThat(lines.get(1)).startsWith("[LedgerNet] Backends · permissions: ");
        assertThat(lines.subList(2, 5)).allSatisfy(line -> assertThat(line)
                .matches("(survival|creative|lobby) ok [0-9.]+ ms · Ledger tables found · ~400 actions · zone UTC ✓"
                        + " · breaker closed · pool [0-9]/2 in use"));
        assertThat(lines.get(5)).startsWith("skyblock down - · connection refused by 127.0.0.1:1: is the database server"
                + " running and listening there? · - actions").contains("breaker ");
    }

    @Test
    void aSenderRunsOneRequestAtATime() {
        start(StaffNetwork.config(StaffNetwork.DOWN_BACKEND, ""), Duration.ofSeconds(30));
        Sender console = new Sender(null);
        var slow = lgn.execute(console, new String[] {"status"});
        run(console, "search", "action:block-break");
        slow.join();
        assertThat(console.lines().get(0)).isEqualTo("[LedgerNet] Still working on your last request.");
    }

    @Test
    void playersAreFoundByNameAcrossBackends() {
        start();
        Sender console = run(new Sender(null), "search", "backend:lobby");
        String name = console.lines().subList(1, 9).stream().map(l -> l.split(" ")[3])
                .filter(s -> !s.startsWith("@")).findFirst().orElseThrow();
        console.clear();

        run(console, "player", name.toUpperCase(java.util.Locale.ROOT));
        assertThat(console.text()).containsPattern("^\\[LedgerNet\\] " + name + " [0-9a-f-]{36}\n"
                + "  first joined \\d+[smhdwy] ago, last joined (just now|\\d+[smhdwy] ago) on (survival|creative|lobby)\n"
                + "  near (-?\\d+ -?\\d+ -?\\d+ in \\S+|unknown \\(no logged action\\))");
        console.clear();
        run(console, "player", "Nobody_here");
        assertEquals("[LedgerNet] No player Nobody_here on the servers you may see.", console.text());
    }

    @Test
    void reloadTakesAValidFileAndKeepsTheRunningOneOtherwise() {
        start();
        Sender console = new Sender(null);
        StaffNetwork.write(dir, StaffNetwork.config("", "command:\n  name: lg\n"));
        run(console, "reload");
        assertThat(console.text()).startsWith("[LedgerNet] config.yml was not reloaded; the running configuration stays.")
                .contains("command.name: 'lg' would hide the backends' own Ledger command");
        assertEquals(LedgerNetCore.State.ENABLED, core.state());

        StaffNetwork.write(dir, StaffNetwork.config("", """
                limits:
                  page-size: 3
                messages:
                  prefix: "<aqua>[LN]</aqua>"
                """));
        console.clear();
        run(console, "reload");
        assertEquals("[LN] Reloaded config.yml: 3 backend(s).", console.text());
        console.clear();
        run(console, "search", "after:30d");
        assertThat(console.lines()).hasSize(5).first().isEqualTo("[LN] Page 1 · after:30d on survival, creative, lobby");
    }

    @Test
    void tabCompletionOffersKeysValuesBackendsWorldsAndRecentNames() {
        start();
        Sender console = new Sender(null);
        assertEquals(List.of("search", "status"), lgn.suggest(console, new String[] {"s"}));
        assertEquals(List.of("action:"), lgn.suggest(console, new String[] {"search", "act"}));
        assertEquals(List.of("action:block-break"), lgn.suggest(console, new String[] {"search", "action:block-b"}));
        assertEquals(List.of("backend:!creative"), lgn.suggest(console, new String[] {"search", "backend:!cr"}));
        assertThat(lgn.suggest(console, new String[] {"search", "world:surv"}))
                .contains("world:survival:overworld", "world:survival:the_nether", "world:survival:the_end");
        assertEquals(List.of("lobby"), lgn.suggest(console, new String[] {"inspect", "lo"}));
        assertEquals(List.of("lobby:the_end"), lgn.suggest(console, new String[] {"inspect", "lobby", "1", "2", "3",
                "lobby:the_e"}));
        assertEquals(List.of("OnlineOlga"), lgn.suggest(console, new String[] {"player", "on"}));

        run(console, "search", "backend:survival");
        String seen = console.lines().get(1).split(" ")[3];
        String typed = "source:" + seen.substring(0, 2);
        assertThat(lgn.suggest(console, new String[] {"search", typed})).contains("source:" + seen);
    }
}
