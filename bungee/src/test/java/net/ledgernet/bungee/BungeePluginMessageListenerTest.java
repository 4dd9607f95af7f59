package net.ledgernet.bungee;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;
import net.ledgernet.routing.PluginMessageRouter;
import net.md_5.bungee.api.config.ServerInfo;
import net.md_5.bungee.api.connection.Connection;
import net.md_5.bungee.api.connection.ProxiedPlayer;
import net.md_5.bungee.api.connection.Server;
import net.md_5.bungee.api.event.PluginMessageEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real BungeeCord PluginMessageEvents, with Mockito standing in for the player and the backend connection. */
class BungeePluginMessageListenerTest {
    @TempDir
    Path dataDirectory;

    private final ProxiedPlayer player = mock(ProxiedPlayer.class);
    private final Server backend = mock(Server.class);
    private LedgerNetCore core;
    private BungeePluginMessageListener listener;

    @BeforeEach
    void setUp() throws Exception {
        when(player.getName()).thenReturn("Steve");
        ServerInfo info = mock(ServerInfo.class);
        when(info.getName()).thenReturn("survival");
        when(backend.getInfo()).thenReturn(info);
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
        when(platform.name()).thenReturn("BungeeCord");
        core = new LedgerNetCore(platform, new PluginMessageRouter(logger));
        core.load();
        core.enable();
        listener = new BungeePluginMessageListener(core);
    }

    @AfterEach
    void tearDown() {
        core.disable();
    }

    private PluginMessageEvent deliver(Connection sender, Connection receiver, String tag, int size) {
        PluginMessageEvent event = new PluginMessageEvent(sender, receiver, tag, new byte[size]);
        listener.onPluginMessage(event);
        return event;
    }

    @Test
    void clientChannelsFromThePlayerPassThrough() {
        for (String tag : new String[] {"ledger:handshake", "ledger:search", "ledger:inspect", "ledger:rollback",
                "ledger:purge", "ledger:player"}) {
            assertFalse(deliver(player, backend, tag, 10).isCancelled(), tag);
        }
    }

    @Test
    void serverChannelsFromTheBackendPassThrough() {
        for (String tag : new String[] {"ledger:handshake", "ledger:action", "ledger:response", "ledger:player"}) {
            assertFalse(deliver(backend, player, tag, 10).isCancelled(), tag);
        }
    }

    @Test
    void wrongSideMessagesAreCancelled() {
        assertTrue(deliver(player, backend, "ledger:action", 10).isCancelled());
        assertTrue(deliver(backend, player, "ledger:purge", 10).isCancelled());
    }

    @Test
    void oversizedClientPayloadsAreCancelled() {
        assertFalse(deliver(player, backend, "ledger:search", 100).isCancelled());
        assertTrue(deliver(player, backend, "ledger:search", 101).isCancelled());
    }

    @Test
    void otherChannelsAndAlreadyCancelledMessagesAreNotTouched() {
        assertFalse(deliver(player, backend, "minecraft:brand", 10).isCancelled());
        PluginMessageEvent cancelledElsewhere = new PluginMessageEvent(player, backend, "ledger:search", new byte[1]);
        cancelledElsewhere.setCancelled(true);
        listener.onPluginMessage(cancelledElsewhere);
        assertTrue(cancelledElsewhere.isCancelled());
    }

    @Test
    void aDisabledLedgerNetPassesEverythingThrough() {
        core.disable();
        assertFalse(deliver(player, backend, "ledger:action", 10).isCancelled());
    }
}
