package net.ledgernet.velocity;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import com.velocitypowered.api.event.connection.PluginMessageEvent;
import com.velocitypowered.api.proxy.Player;
import com.velocitypowered.api.proxy.ServerConnection;
import com.velocitypowered.api.proxy.messages.ChannelMessageSink;
import com.velocitypowered.api.proxy.messages.ChannelMessageSource;
import com.velocitypowered.api.proxy.messages.MinecraftChannelIdentifier;
import com.velocitypowered.api.proxy.server.ServerInfo;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;
import net.ledgernet.routing.PluginMessageRouter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real Velocity PluginMessageEvents, with Mockito standing in for the player and the backend connection. */
class VelocityPluginMessageListenerTest {
    @TempDir
    Path dataDirectory;

    private final Player player = mock(Player.class);
    private final ServerConnection backend = mock(ServerConnection.class);
    private LedgerNetCore core;
    private VelocityPluginMessageListener listener;

    @BeforeEach
    void setUp() throws Exception {
        when(player.getUsername()).thenReturn("Alex");
        when(backend.getServerInfo()).thenReturn(new ServerInfo("survival", new InetSocketAddress("127.0.0.1", 25566)));
        when(backend.getPlayer()).thenReturn(player);
        Files.writeString(dataDirectory.resolve("config.yml"), """
                config-version: 1
                backends:
                  survival:
                    jdbc-url: "jdbc:sqlite:survival.sqlite"
                limits:
                  max-payload-bytes: 100
                """);
        PluginLogger logger = mock(PluginLogger.class);
        Platform platform = mock(Platform.class);
        when(platform.dataDirectory()).thenReturn(dataDirectory);
        when(platform.logger()).thenReturn(logger);
        when(platform.serverNames()).thenReturn(Set.of("survival"));
        when(platform.name()).thenReturn("Velocity");
        core = new LedgerNetCore(platform, new PluginMessageRouter(logger));
        core.load();
        core.enable();
        listener = new VelocityPluginMessageListener(core);
    }

    @AfterEach
    void tearDown() {
        core.disable();
    }

    private PluginMessageEvent deliver(ChannelMessageSource source, ChannelMessageSink target, String channel, int size) {
        PluginMessageEvent event = new PluginMessageEvent(source, target, MinecraftChannelIdentifier.from(channel),
                new byte[size]);
        listener.onPluginMessage(event);
        return event;
    }

    @Test
    void clientChannelsFromThePlayerAreForwarded() {
        for (String channel : new String[] {"ledger:handshake", "ledger:search", "ledger:inspect", "ledger:rollback",
                "ledger:purge", "ledger:player"}) {
            assertTrue(deliver(player, backend, channel, 10).getResult().isAllowed(), channel);
        }
    }

    @Test
    void serverChannelsFromTheBackendAreForwarded() {
        for (String channel : new String[] {"ledger:handshake", "ledger:action", "ledger:response", "ledger:player"}) {
            assertTrue(deliver(backend, player, channel, 10).getResult().isAllowed(), channel);
        }
    }

    @Test
    void aPlayerSendingServerChannelsIsDropped() {
        assertFalse(deliver(player, backend, "ledger:action", 10).getResult().isAllowed());
        assertFalse(deliver(player, backend, "ledger:response", 10).getResult().isAllowed());
    }

    @Test
    void aBackendSendingClientChannelsIsDropped() {
        assertFalse(deliver(backend, player, "ledger:search", 10).getResult().isAllowed());
        assertFalse(deliver(backend, player, "ledger:rollback", 10).getResult().isAllowed());
    }

    @Test
    void oversizedClientPayloadsAreDropped() {
        assertTrue(deliver(player, backend, "ledger:search", 100).getResult().isAllowed());
        assertFalse(deliver(player, backend, "ledger:search", 101).getResult().isAllowed());
    }

    @Test
    void otherChannelsAreNotTouched() {
        assertTrue(deliver(player, backend, "minecraft:brand", 10).getResult().isAllowed());
        assertTrue(deliver(backend, player, "fabric:registry/sync", 10).getResult().isAllowed());
    }

    @Test
    void aDisabledLedgerNetPassesEverythingThrough() {
        core.disable();
        assertTrue(deliver(player, backend, "ledger:action", 10).getResult().isAllowed());
    }
}
