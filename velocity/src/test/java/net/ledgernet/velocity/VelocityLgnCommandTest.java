package net.ledgernet.velocity;

import static net.ledgernet.command.StaffNetwork.clicks;
import static net.ledgernet.command.StaffNetwork.plain;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.velocitypowered.api.command.CommandManager;
import com.velocitypowered.api.command.CommandMeta;
import com.velocitypowered.api.command.CommandSource;
import com.velocitypowered.api.command.SimpleCommand;
import com.velocitypowered.api.event.EventManager;
import com.velocitypowered.api.event.proxy.ProxyInitializeEvent;
import com.velocitypowered.api.event.proxy.ProxyShutdownEvent;
import com.velocitypowered.api.plugin.annotation.DataDirectory;
import com.velocitypowered.api.proxy.Player;
import com.velocitypowered.api.proxy.ProxyServer;
import com.velocitypowered.api.proxy.messages.ChannelRegistrar;
import com.velocitypowered.api.proxy.server.RegisteredServer;
import com.velocitypowered.api.proxy.server.ServerInfo;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import net.kyori.adventure.text.Component;
import net.ledgernet.command.FakeLuckPerms;
import net.ledgernet.command.StaffNetwork;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.slf4j.Logger;

/**
 * {@code /lgn} as Velocity runs it: registered through the CommandManager, invoked with a real
 * {@link SimpleCommand.Invocation}, answering Mockito players and consoles from a real SQLite network.
 */
class VelocityLgnCommandTest {
    @TempDir
    Path dataDirectory;

    private final ProxyServer proxy = mock(ProxyServer.class);
    private final CommandManager commands = mock(CommandManager.class);
    private final CommandMeta.Builder metaBuilder = mock(CommandMeta.Builder.class);
    private final CommandMeta meta = mock(CommandMeta.class);
    private FakeLuckPerms luckPerms;
    private LedgerNetVelocity plugin;

    /** What Velocity hands a SimpleCommand. */
    record Invocation(CommandSource source, String[] arguments, String alias) implements SimpleCommand.Invocation {
    }

    @BeforeEach
    void proxy() {
        when(proxy.getChannelRegistrar()).thenReturn(mock(ChannelRegistrar.class));
        when(proxy.getEventManager()).thenReturn(mock(EventManager.class));
        when(proxy.getCommandManager()).thenReturn(commands);
        when(commands.metaBuilder(anyString())).thenReturn(metaBuilder);
        when(metaBuilder.aliases(any(String[].class))).thenReturn(metaBuilder);
        when(metaBuilder.plugin(any())).thenReturn(metaBuilder);
        when(metaBuilder.build()).thenReturn(meta);
        List<RegisteredServer> servers = StaffNetwork.BACKENDS.stream().map(name -> {
            RegisteredServer server = mock(RegisteredServer.class);
            when(server.getServerInfo()).thenReturn(new ServerInfo(name, new InetSocketAddress("127.0.0.1", 25566)));
            return server;
        }).toList();
        when(proxy.getAllServers()).thenReturn(servers);
        luckPerms = FakeLuckPerms.install();
    }

    @AfterEach
    void shutDown() {
        if (plugin != null) {
            plugin.onProxyShutdown(new ProxyShutdownEvent());
        }
        luckPerms.close();
    }

    private VelocityLgnCommand start(String config) {
        StaffNetwork.write(dataDirectory, config);
        plugin = Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                bind(ProxyServer.class).toInstance(proxy);
                bind(Logger.class).toInstance(mock(Logger.class));
                bind(Path.class).annotatedWith(DataDirectory.class).toInstance(dataDirectory);
            }
        }).getInstance(LedgerNetVelocity.class);
        plugin.onProxyInitialize(new ProxyInitializeEvent());
        return plugin.command();
    }

    private static Player player(String... nodes) {
        Player player = mock(Player.class);
        when(player.getUniqueId()).thenReturn(UUID.randomUUID());
        when(player.getUsername()).thenReturn("Mod");
        Set<String> held = Set.of(nodes);
        when(player.hasPermission(anyString())).thenAnswer(i -> held.contains(i.<String>getArgument(0)));
        return player;
    }

    /**
     * What the source was sent, without the "Still searching..." notice: it comes after a second,
     * wherever the rows are by then, so on a loaded machine it may fall between them.
     */
    private static List<Component> received(CommandSource source) {
        ArgumentCaptor<Component> messages = ArgumentCaptor.forClass(Component.class);
        verify(source, atLeastOnce()).sendMessage(messages.capture());
        return messages.getAllValues().stream().filter(c -> !plain(c).startsWith("[LedgerNet] Still ")).toList();
    }

    private static List<String> lines(CommandSource source) {
        return received(source).stream().map(c -> plain(c)).toList();
    }

    @Test
    void registersTheConfiguredNameAndAliasesForThePluginAndHidesItFromSendersWithoutNodes() {
        VelocityLgnCommand lgn = start(StaffNetwork.config("", "command:\n  name: lgn\n  aliases: [ledgernet]\n"));
        verify(commands).metaBuilder("lgn");
        verify(metaBuilder).aliases("ledgernet");
        verify(metaBuilder).plugin(plugin);
        verify(commands).register(meta, lgn);

        assertFalse(lgn.hasPermission(new Invocation(player(), new String[0], "lgn")));
        assertTrue(lgn.hasPermission(new Invocation(player("ledgernet.command.status"), new String[0], "lgn")));
        assertEquals(List.of("search"), lgn.suggest(new Invocation(player("ledgernet.command.search"),
                new String[] {"s"}, "lgn")));
        assertEquals(List.of("action:block-place"), lgn.suggest(new Invocation(player("ledgernet.command.search"),
                new String[] {"search", "action:block-p"}, "lgn")));

        plugin.onProxyShutdown(new ProxyShutdownEvent());
        verify(commands).unregister(meta);
        plugin = null;
    }

    @Test
    void theConsoleSearchesEveryBackendAndPagesThroughTheLinks() {
        VelocityLgnCommand lgn = start(StaffNetwork.config("", ""));
        CommandSource console = mock(CommandSource.class);
        when(console.hasPermission(anyString())).thenReturn(true);

        lgn.run(new Invocation(console, new String[] {"search", "action:block-place", "after:30d"}, "lgn")).join();
        List<String> lines = lines(console);
        assertEquals("[LedgerNet] Page 1 · action:block-place after:30d on survival, creative, lobby", lines.get(0));
        assertThat(lines.subList(1, 9)).allSatisfy(line -> assertThat(line)
                .matches("(survival|creative|lobby) (\\d+[smhdw] ago|just now) \\S+ block-place .+ \\1:[a-z_/]+( \\(rolled back\\))?"));
        List<Component> components = received(console);
        assertEquals(List.of("/lgn page 2"), clicks(components.get(9)));

        lgn.run(new Invocation(console, new String[] {"page", "2"}, "lgn")).join();
        List<String> all = lines(console);
        assertEquals("[LedgerNet] Page 2 · action:block-place after:30d on survival, creative, lobby", all.get(10));
        assertEquals("Page 2 [‹ previous] [next ›]", all.get(19));
    }

    @Test
    void aModeratorSeesOnlyTheBackendsWhereLuckPermsGrantsLedgersNode() {
        VelocityLgnCommand lgn = start(StaffNetwork.config("", ""));
        Player mod = player("ledgernet.command.search", "ledgernet.command.inspect");
        luckPerms.grant(mod.getUniqueId(), "creative", "ledger.commands.search");

        lgn.run(new Invocation(mod, new String[] {"search", "after:30d"}, "lgn")).join();
        List<String> lines = lines(mod);
        assertEquals("[LedgerNet] Left out, no permission there: survival, lobby", lines.get(0));
        assertEquals("[LedgerNet] Page 1 · after:30d on creative", lines.get(1));
        assertThat(lines.subList(2, 10)).allSatisfy(line -> assertThat(line).startsWith("creative "));

        Player other = player("ledgernet.command.search", "ledgernet.command.inspect");
        lgn.run(new Invocation(other, new String[] {"search", "after:30d"}, "lgn")).join();
        lgn.run(new Invocation(other, new String[] {"inspect", "creative", "0", "64", "0"}, "lgn")).join();
        assertEquals(List.of("[LedgerNet] You may not search on any server here.",
                "[LedgerNet] You may not inspect on creative on any server here."), lines(other));
    }

    @Test
    void badInputAndMissingNodesAreAnsweredWithTheReason() {
        VelocityLgnCommand lgn = start(StaffNetwork.config("", ""));
        Player mod = player("ledgernet.command.search");
        luckPerms.grant(mod.getUniqueId(), "survival", "ledger.commands.search");
        lgn.run(new Invocation(mod, new String[] {"search", "source:Steve", "range:10"}, "lgn")).join();
        lgn.run(new Invocation(mod, new String[] {"search", "before:1x"}, "lgn")).join();
        lgn.run(new Invocation(mod, new String[] {"status"}, "lgn")).join();
        List<String> lines = lines(mod);
        assertThat(lines.get(0)).startsWith("[LedgerNet] range: needs your position");
        assertThat(lines.get(1)).startsWith("[LedgerNet] ").contains("before:1x");
        assertEquals("[LedgerNet] You may not use /lgn status here.", lines.get(2));
        assertEquals(3, lines.size());
    }
}
