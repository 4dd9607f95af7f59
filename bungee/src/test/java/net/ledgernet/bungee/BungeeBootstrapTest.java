package net.ledgernet.bungee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import net.ledgernet.LedgerNetCore;
import net.md_5.bungee.api.ProxyServer;
import net.md_5.bungee.api.config.ServerInfo;
import net.md_5.bungee.api.plugin.Plugin;
import net.md_5.bungee.api.plugin.PluginManager;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Drives the lifecycle as BungeeCord does: onLoad, onEnable, onDisable. */
class BungeeBootstrapTest {
    @TempDir
    Path dataDirectory;

    private final ProxyServer proxy = mock(ProxyServer.class);
    private final PluginManager plugins = mock(PluginManager.class);
    private final Plugin plugin = mock(Plugin.class);
    private final Logger logger = Logger.getAnonymousLogger();
    private final List<LogRecord> logged = new ArrayList<>();

    @BeforeEach
    void setUp() {
        when(proxy.getPluginManager()).thenReturn(plugins);
        // What adventure-platform's BungeeAudiences reads of the plugin when /lgn is registered.
        net.md_5.bungee.api.plugin.PluginDescription description = new net.md_5.bungee.api.plugin.PluginDescription();
        description.setName("LedgerNet");
        when(plugin.getDescription()).thenReturn(description);
        when(plugin.getProxy()).thenReturn(proxy);
        when(proxy.getConsole()).thenReturn(mock(net.md_5.bungee.api.CommandSender.class));
        when(proxy.getServers()).thenReturn(Map.of("survival", mock(ServerInfo.class), "creative", mock(ServerInfo.class),
                "lobby", mock(ServerInfo.class)));
        logger.setUseParentHandlers(false);
        logger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                logged.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
    }

    @Test
    void enableRegistersEveryLedgerChannelTheListenerAndLgnAndDisableUndoesIt() {
        BungeeBootstrap bootstrap = new BungeeBootstrap(proxy, plugin, dataDirectory, logger);
        bootstrap.load();
        // adventure-platform's BungeeAudiences looks the proxy up statically.
        try (var instance = org.mockito.Mockito.mockStatic(ProxyServer.class)) {
            instance.when(ProxyServer::getInstance).thenReturn(proxy);
            bootstrap.enable();
        }

        assertTrue(Files.exists(dataDirectory.resolve("config.yml")), "default config written");
        assertEquals(LedgerNetCore.State.ENABLED, bootstrap.core().state());
        for (String channel : List.of("ledger:handshake", "ledger:inspect", "ledger:search", "ledger:rollback",
                "ledger:purge", "ledger:player", "ledger:action", "ledger:response")) {
            verify(proxy).registerChannel(channel);
        }
        verify(plugins).registerListener(eq(plugin), any(BungeePluginMessageListener.class));
        assertThat(logged).noneMatch(r -> r.getMessage().contains("has no server named"));
        verify(plugins).registerCommand(plugin, bootstrap.command());

        BungeeLgnCommand lgn = bootstrap.command();
        bootstrap.disable();
        verify(plugins).unregisterCommand(lgn);
        verify(plugins).unregisterListener(any(BungeePluginMessageListener.class));
        verify(proxy).unregisterChannel("ledger:search");
        assertEquals(LedgerNetCore.State.DISABLED, bootstrap.core().state());
    }

    @Test
    void aBrokenConfigDisablesLedgerNetWithTheReasonAndLeavesTheProxyAlone() throws Exception {
        Files.writeString(dataDirectory.resolve("config.yml"), """
                config-version: 1
                backends:
                  a:
                    jdbc-url: "jdbc:sqlite:same.sqlite"
                  b:
                    jdbc-url: "jdbc:sqlite:./same.sqlite"
                """);
        BungeeBootstrap bootstrap = new BungeeBootstrap(proxy, plugin, dataDirectory, logger);
        bootstrap.load();
        try (var instance = org.mockito.Mockito.mockStatic(ProxyServer.class)) {
            instance.when(ProxyServer::getInstance).thenReturn(proxy);
            bootstrap.enable();
        }

        assertEquals(LedgerNetCore.State.DISABLED, bootstrap.core().state());
        assertThat(logged).anySatisfy(r -> {
            assertEquals(Level.SEVERE, r.getLevel());
            assertThat(r.getMessage()).contains("backends.b: uses the same database as backend 'a'");
        });
        // Fail closed: Ledger's channels are intercepted anyway, and requests refused until it is fixed.
        verify(proxy).registerChannel("ledger:rollback");
        verify(plugins).registerListener(eq(plugin), any(BungeePluginMessageListener.class));
        verify(plugins).registerCommand(eq(plugin), any(BungeeLgnCommand.class));

        // Fixed on disk, taken by /lgn reload: LedgerNet answers without a restart, on the same listener.
        Files.writeString(dataDirectory.resolve("config.yml"),
                "config-version: 1\nbackends:\n  a:\n    jdbc-url: \"jdbc:sqlite:same.sqlite\"\n");
        assertEquals(java.util.Optional.empty(), bootstrap.core().reload());
        verify(proxy).registerChannel("ledger:search");
        verify(plugins).registerListener(eq(plugin), any(BungeePluginMessageListener.class));
        bootstrap.disable();
    }

    @Test
    void theWebConsoleServesFromEnableToDisableWhenConfigYmlTurnsItOn() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        Files.writeString(dataDirectory.resolve("config.yml"),
                "config-version: 1\nweb:\n  enabled: true\n  port: " + port + "\n");
        BungeeBootstrap bootstrap = new BungeeBootstrap(proxy, plugin, dataDirectory, logger);
        bootstrap.load();
        try (var instance = org.mockito.Mockito.mockStatic(ProxyServer.class)) {
            instance.when(ProxyServer::getInstance).thenReturn(proxy);
            bootstrap.enable();
        }
        java.net.InetSocketAddress console = new java.net.InetSocketAddress("127.0.0.1", port);
        var web = bootstrap.web();
        assertEquals(java.net.URI.create("http://127.0.0.1:" + port + "/"), web.console().orElseThrow().baseUrl());
        assertTrue(listening(console));
        assertThat(logged).anyMatch(r -> r.getMessage().equals(
                "Web console at http://127.0.0.1:" + port + "/ (staff get a login link with /lgn web)."));

        bootstrap.disable();
        assertTrue(web.console().isEmpty());
        assertThat(listening(console)).as("stopped with the plugin").isFalse();
    }

    private static boolean listening(java.net.InetSocketAddress address) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(address, 2000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
