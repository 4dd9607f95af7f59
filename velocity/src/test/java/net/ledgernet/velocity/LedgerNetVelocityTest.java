package net.ledgernet.velocity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.contains;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.velocitypowered.api.event.EventManager;
import com.velocitypowered.api.event.proxy.ProxyInitializeEvent;
import com.velocitypowered.api.event.proxy.ProxyShutdownEvent;
import com.velocitypowered.api.plugin.annotation.DataDirectory;
import com.velocitypowered.api.proxy.ProxyServer;
import com.velocitypowered.api.proxy.messages.ChannelIdentifier;
import com.velocitypowered.api.proxy.messages.ChannelRegistrar;
import com.velocitypowered.api.proxy.messages.MinecraftChannelIdentifier;
import com.velocitypowered.api.proxy.server.RegisteredServer;
import com.velocitypowered.api.proxy.server.ServerInfo;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import net.ledgernet.LedgerNetCore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.slf4j.Logger;

/** Drives the bootstrap as Velocity does: created by the proxy's injector, then the lifecycle events. */
class LedgerNetVelocityTest {
    @TempDir
    Path dataDirectory;

    private final ProxyServer proxy = mock(ProxyServer.class);
    private final ChannelRegistrar registrar = mock(ChannelRegistrar.class);
    private final EventManager events = mock(EventManager.class);
    private final Logger logger = mock(Logger.class);

    @BeforeEach
    void proxy() {
        when(proxy.getChannelRegistrar()).thenReturn(registrar);
        when(proxy.getEventManager()).thenReturn(events);
        // /lgn is registered on enable.
        com.velocitypowered.api.command.CommandManager commands = mock(com.velocitypowered.api.command.CommandManager.class,
                org.mockito.Mockito.RETURNS_DEEP_STUBS);
        when(proxy.getCommandManager()).thenReturn(commands);
        RegisteredServer survival = mock(RegisteredServer.class);
        when(survival.getServerInfo()).thenReturn(new ServerInfo("survival", new InetSocketAddress("127.0.0.1", 25566)));
        when(proxy.getAllServers()).thenReturn(List.of(survival));
    }

    private LedgerNetVelocity createAsVelocityDoes() {
        // What Velocity's VelocityPluginModule and plugin manager bind for every plugin.
        return Guice.createInjector(new AbstractModule() {
            @Override
            protected void configure() {
                bind(ProxyServer.class).toInstance(proxy);
                bind(Logger.class).toInstance(logger);
                bind(Path.class).annotatedWith(DataDirectory.class).toInstance(dataDirectory);
            }
        }).getInstance(LedgerNetVelocity.class);
    }

    @Test
    void initializeWritesTheDefaultConfigRegistersEveryLedgerChannelAndTheListener() {
        LedgerNetVelocity plugin = createAsVelocityDoes();
        plugin.onProxyInitialize(new ProxyInitializeEvent());

        assertTrue(Files.exists(dataDirectory.resolve("config.yml")));
        assertEquals(LedgerNetCore.State.ENABLED, plugin.core().state());
        ArgumentCaptor<ChannelIdentifier[]> channels = ArgumentCaptor.forClass(ChannelIdentifier[].class);
        verify(registrar).register(channels.capture());
        List<ChannelIdentifier> registered = List.of(channels.getValue());
        assertEquals(List.of("ledger:handshake", "ledger:inspect", "ledger:search", "ledger:rollback",
                "ledger:purge", "ledger:player", "ledger:action", "ledger:response"),
                registered.stream().map(ChannelIdentifier::getId).toList());
        assertThat(registered).allSatisfy(id -> assertThat(id).isInstanceOf(MinecraftChannelIdentifier.class));
        verify(events).register(eq(plugin), any(VelocityPluginMessageListener.class));
        // The first config lists no backend, and without LuckPerms every Velocity check says no: both are said.
        verify(logger).warn(contains("No backends are listed in"));
        verify(logger).warn(contains("LedgerNet uses Velocity's own permission check, which without a permission"
                + " plugin answers no to everyone"));

        plugin.onProxyShutdown(new ProxyShutdownEvent());
        assertEquals(LedgerNetCore.State.DISABLED, plugin.core().state());
    }

    @Test
    void aBrokenConfigDisablesLedgerNetWithTheReasonAndLeavesTheProxyAlone() throws Exception {
        Files.writeString(dataDirectory.resolve("config.yml"),
                "config-version: 1\nbackends:\n  survival:\n    jdbc-url: \"jdbc:oracle:thin:@x\"\n");
        LedgerNetVelocity plugin = createAsVelocityDoes();
        plugin.onProxyInitialize(new ProxyInitializeEvent());

        assertEquals(LedgerNetCore.State.DISABLED, plugin.core().state());
        assertThat(plugin.core().disabledReason()).get().asString()
                .contains("backends.survival.jdbc-url: 'jdbc:oracle:thin:@x' is not a supported JDBC URL");
        verify(logger).error(contains("LedgerNet is disabled until config.yml is fixed"));
        // Fail closed: Ledger's channels are intercepted anyway, and requests refused until it is fixed.
        verify(registrar).register(any(ChannelIdentifier[].class));
        verify(events).register(eq(plugin), any(VelocityPluginMessageListener.class));
        verify(proxy.getCommandManager()).register(any(), any(VelocityLgnCommand.class));

        // Fixed on disk, taken by /lgn reload: LedgerNet answers without a restart, on the same listener.
        Files.writeString(dataDirectory.resolve("config.yml"),
                "config-version: 1\nbackends:\n  survival:\n    jdbc-url: \"jdbc:sqlite:survival.sqlite\"\n");
        assertEquals(java.util.Optional.empty(), plugin.core().reload());
        assertEquals(LedgerNetCore.State.ENABLED, plugin.core().state());
        verify(registrar).register(any(ChannelIdentifier[].class));
        verify(events).register(eq(plugin), any(VelocityPluginMessageListener.class));
        plugin.core().reload();
        verify(events, times(1)).register(eq(plugin), any(VelocityPluginMessageListener.class));
        plugin.onProxyShutdown(new ProxyShutdownEvent());
    }

    @Test
    void theWebConsoleServesFromInitializeToShutdownWhenConfigYmlTurnsItOn() throws Exception {
        int port;
        try (java.net.ServerSocket free = new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            port = free.getLocalPort();
        }
        Files.writeString(dataDirectory.resolve("config.yml"),
                "config-version: 1\nweb:\n  enabled: true\n  port: " + port + "\n");
        LedgerNetVelocity plugin = createAsVelocityDoes();
        plugin.onProxyInitialize(new ProxyInitializeEvent());
        InetSocketAddress console = new InetSocketAddress("127.0.0.1", port);
        assertEquals(java.net.URI.create("http://127.0.0.1:" + port + "/"),
                plugin.web().console().orElseThrow().baseUrl());
        assertTrue(listening(console));
        verify(logger).info("Web console at http://127.0.0.1:" + port + "/ (staff get a login link with /lgn web).");

        plugin.onProxyShutdown(new ProxyShutdownEvent());
        assertTrue(plugin.web().console().isEmpty());
        assertThat(listening(console)).as("stopped with the plugin").isFalse();
    }

    private static boolean listening(InetSocketAddress address) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(address, 2000);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
