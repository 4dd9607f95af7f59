package net.ledgernet.bungee;

import static net.ledgernet.command.StaffNetwork.clicks;
import static net.ledgernet.command.StaffNetwork.hover;
import static net.ledgernet.command.StaffNetwork.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Logger;
import net.kyori.adventure.audience.Audience;
import net.kyori.adventure.text.Component;
import net.ledgernet.command.FakeLuckPerms;
import net.ledgernet.command.StaffNetwork;
import net.md_5.bungee.api.CommandSender;
import net.md_5.bungee.api.ProxyServer;
import net.md_5.bungee.api.config.ServerInfo;
import net.md_5.bungee.api.connection.ProxiedPlayer;
import net.md_5.bungee.api.plugin.Plugin;
import net.md_5.bungee.api.plugin.PluginManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code /lgn} as BungeeCord runs it: registered with the PluginManager and invoked through
 * {@code Command.execute(sender, args)}, with Mockito senders and a real SQLite network. Components
 * are recorded where adventure-platform would turn them into BungeeCord chat.
 */
class BungeeLgnCommandTest {
    @TempDir
    Path dataDirectory;

    private final ProxyServer proxy = mock(ProxyServer.class);
    private final PluginManager plugins = mock(PluginManager.class);
    private final Plugin plugin = mock(Plugin.class);
    private final Map<CommandSender, List<Component>> received = Collections.synchronizedMap(new java.util.HashMap<>());
    private FakeLuckPerms luckPerms;
    private BungeeBootstrap bootstrap;

    @BeforeEach
    void setUp() {
        when(proxy.getPluginManager()).thenReturn(plugins);
        when(proxy.getServers()).thenReturn(Map.of("survival", mock(ServerInfo.class), "creative",
                mock(ServerInfo.class), "lobby", mock(ServerInfo.class)));
        luckPerms = FakeLuckPerms.install();
    }

    @AfterEach
    void tearDown() {
        if (bootstrap != null) {
            bootstrap.disable();
        }
        luckPerms.close();
    }

    private BungeeLgnCommand start(String config) {
        StaffNetwork.write(dataDirectory, config);
        bootstrap = new BungeeBootstrap(proxy, plugin, dataDirectory, Logger.getAnonymousLogger(),
                p -> sender -> new Audience() {
                    @Override
                    public void sendMessage(Component message) {
                        received.computeIfAbsent(sender, s -> Collections.synchronizedList(new ArrayList<>())).add(message);
                    }
                });
        bootstrap.load();
        bootstrap.enable();
        return bootstrap.command();
    }

    private static ProxiedPlayer player(String... nodes) {
        ProxiedPlayer player = mock(ProxiedPlayer.class);
        when(player.getUniqueId()).thenReturn(UUID.randomUUID());
        Set<String> held = Set.of(nodes);
        when(player.hasPermission(anyString())).thenAnswer(i -> held.contains(i.<String>getArgument(0)));
        return player;
    }

    private static CommandSender console() {
        CommandSender console = mock(CommandSender.class);
        when(console.hasPermission(anyString())).thenReturn(true);
        return console;
    }

    private List<String> lines(CommandSender sender) {
        List<Component> messages = received.getOrDefault(sender, List.of());
        synchronized (messages) {
            // Without the "Still ..." notice: it comes after a second, wherever the rows are by then.
            return messages.stream().map(c -> plain(c)).flatMap(String::lines)
                    .filter(line -> !line.startsWith("[LedgerNet] Still ")).toList();
        }
    }

    /** execute() returns at once, as BungeeCord needs on its network thread; wait for the answer to arrive. */
    private List<String> awaitLines(CommandSender sender, int count) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (lines(sender).size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return lines(sender);
    }

    @Test
    void registersTheConfiguredCommandWithoutShadowingLgAndChecksNodesItself() {
        BungeeLgnCommand lgn = start(StaffNetwork.config("", "command:\n  name: lgn\n  aliases: [lnet]\n"));
        verify(plugins).registerCommand(plugin, lgn);
        assertEquals("lgn", lgn.getName());
        assertArrayEquals(new String[] {"lnet"}, lgn.getAliases());
        assertNull(lgn.getPermission(), "each subcommand checks its own node");
        assertFalse(lgn.hasPermission(player()));
        assertTrue(lgn.hasPermission(player("ledgernet.command.player")));
        assertEquals(List.of("inspect"), lgn.onTabComplete(player("ledgernet.command.inspect"), new String[] {""}));
        ProxiedPlayer searcher = player("ledgernet.command.search");
        assertEquals(List.of(), lgn.onTabComplete(searcher, new String[] {"search", "backend:lo"}),
                "without Ledger's node on lobby, lobby is not offered");
        luckPerms.grant(searcher.getUniqueId(), "lobby", "ledger.commands.search");
        assertEquals(List.of("backend:lobby"), lgn.onTabComplete(searcher, new String[] {"search", "backend:lo"}));

        bootstrap.disable();
        verify(plugins).unregisterCommand(lgn);
        bootstrap = null;
    }

    @Test
    void executeAnswersAsynchronouslyWithLabelledActionsHoversAndPageLinks() throws Exception {
        BungeeLgnCommand lgn = start(StaffNetwork.config("", ""));
        CommandSender console = console();
        lgn.execute(console, new String[] {"search", "action:entity-kill", "after:30d"});
        List<String> lines = awaitLines(console, 10);
        assertEquals("[LedgerNet] Page 1 · action:entity-kill after:30d on survival, creative, lobby", lines.get(0));
        assertThat(lines.subList(1, 9)).allSatisfy(line -> assertThat(line)
                .matches("(survival|creative|lobby) (\\d+[smhdw] ago|just now) \\S+ entity-kill .+ \\1:[a-z_/]+( \\(rolled back\\))?"));
        List<Component> components = received.get(console);
        assertThat(hover(components.get(1))).contains("Where: ").contains("Before: ").contains("When: ");
        assertEquals(List.of("/lgn page 2"), clicks(components.get(9)));
    }

    @Test
    void aPlayerWithLedgersNodeOnOneBackendSearchesOnlyThatOneAndIsToldWhy() {
        BungeeLgnCommand lgn = start(StaffNetwork.config("", ""));
        ProxiedPlayer mod = player("ledgernet.command.search", "ledgernet.command.player");
        luckPerms.grant(mod.getUniqueId(), "lobby", "ledger.commands.search");
        lgn.run(mod, new String[] {"search", "after:30d"}).join();
        List<String> lines = lines(mod);
        assertEquals("[LedgerNet] Left out, no permission there: survival, creative", lines.get(0));
        assertEquals("[LedgerNet] Page 1 · after:30d on lobby", lines.get(1));
        assertThat(lines.subList(2, 10)).allSatisfy(line -> assertThat(line).startsWith("lobby "));

        // Player lookups need ledger.commands.player on some backend; this one has none.
        lgn.run(mod, new String[] {"player", "Steve"}).join();
        assertThat(lines(mod)).last().isEqualTo("[LedgerNet] You may not look players up on any server here.");
    }

    @Test
    void aBackendThatIsDownIsNamedAndTheOthersStillAnswer() {
        BungeeLgnCommand lgn = start(StaffNetwork.config(StaffNetwork.DOWN_BACKEND, ""));
        CommandSender console = console();
        lgn.run(console, new String[] {"search", "backend:skyblock"}).join();
        assertThat(lines(console)).contains("[LedgerNet] Not answering, left out: skyblock (connection refused by"
                + " 127.0.0.1:1: is the database server running and listening there?)",
                "[LedgerNet] No server answered; try again shortly.");

        lgn.run(console, new String[] {"search", "after:30d", "backend:*"}).join();
        assertThat(lines(console)).contains(
                "[LedgerNet] Page 1 · after:30d backend:* on survival, creative, lobby, skyblock");
    }

    @Test
    void badInputIsAnsweredWithTheReason() {
        BungeeLgnCommand lgn = start(StaffNetwork.config("", ""));
        CommandSender console = console();
        lgn.run(console, new String[] {"inspect", "survival", "1", "2"}).join();
        lgn.run(console, new String[] {"inspect", "survival", "99999999", "2", "3"}).join();
        lgn.run(console, new String[] {"frobnicate"}).join();
        assertEquals(List.of("[LedgerNet] Usage: inspect <backend> <x> <y> <z> [world]",
                "[LedgerNet] x must be a whole number from -30000000 to 30000000, not '99999999'",
                "[LedgerNet] Usage: /lgn search <params> | /lgn page <n> | /lgn player <name|uuid> | /lgn inspect"
                        + " <backend> <x> <y> <z> [world] | /lgn status | /lgn reload | /lgn help <subcommand> | /lgn version"), lines(console));
    }
}
