package net.ledgernet.bungee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Map;
import java.util.UUID;
import java.util.logging.Logger;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.protocol.Identifier;
import net.ledgernet.protocol.LayoutGeneration;
import net.ledgernet.protocol.LedgerPacket.HandshakeC2S;
import net.ledgernet.protocol.LedgerPacket.HandshakeS2C;
import net.ledgernet.protocol.LedgerPacket.PurgeC2S;
import net.ledgernet.protocol.LedgerPacket.ResponseS2C;
import net.ledgernet.protocol.LedgerPacket.SearchC2S;
import net.ledgernet.protocol.LedgerProtocol;
import net.ledgernet.protocol.PacketMap;
import net.md_5.bungee.api.ProxyServer;
import net.md_5.bungee.api.chat.BaseComponent;
import net.md_5.bungee.api.config.ServerInfo;
import net.md_5.bungee.api.connection.Connection;
import net.md_5.bungee.api.connection.ProxiedPlayer;
import net.md_5.bungee.api.connection.Server;
import net.md_5.bungee.api.event.PlayerDisconnectEvent;
import net.md_5.bungee.api.event.PluginMessageEvent;
import net.md_5.bungee.api.event.ServerSwitchEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/**
 * Real BungeeCord PluginMessageEvents and connection events, with Mockito standing in for the
 * proxy, the player and the backend connection; assertions on the bytes each side receives.
 */
class BungeePluginMessageListenerTest {
    @TempDir
    Path dataDirectory;

    private final UUID uuid = UUID.randomUUID();
    private final ProxyServer proxy = mock(ProxyServer.class);
    private final ProxiedPlayer player = mock(ProxiedPlayer.class);
    private final Server backend = mock(Server.class);
    private LedgerNetCore core;
    private BungeePluginMessageListener listener;

    @BeforeEach
    void setUp() throws Exception {
        when(player.getName()).thenReturn("Steve");
        when(player.getUniqueId()).thenReturn(uuid);
        when(player.hasPermission(anyString())).thenReturn(true);
        when(player.getServer()).thenReturn(backend);
        when(proxy.getPlayer(uuid)).thenReturn(player);
        when(proxy.getServers()).thenReturn(Map.of());
        ServerInfo info = mock(ServerInfo.class);
        when(info.getName()).thenReturn("survival");
        when(backend.getInfo()).thenReturn(info);
        Files.writeString(dataDirectory.resolve("config.yml"), """
                config-version: 1
                backends:
                  survival:
                    jdbc-url: "jdbc:sqlite:survival.sqlite"
                    ledger-version: "1.3.23"
                limits:
                  max-payload-bytes: 100
                """);
        core = new LedgerNetCore(new BungeePlatform(proxy, dataDirectory, Logger.getAnonymousLogger()));
        core.load();
        core.enable();
        listener = new BungeePluginMessageListener(core);
    }

    @AfterEach
    void tearDown() {
        core.disable();
    }

    private PluginMessageEvent deliver(Connection sender, Connection receiver, String tag, byte[] data) {
        PluginMessageEvent event = new PluginMessageEvent(sender, receiver, tag, data);
        listener.onPluginMessage(event);
        return event;
    }

    @Test
    void theHandshakeIsAnsweredByTheProxyAndReplayedOnEverySwitch() {
        assertTrue(deliver(player, backend, "ledger:handshake",
                LedgerProtocol.encode(new HandshakeC2S("watson", "1.0", 2))).isCancelled());
        ArgumentCaptor<byte[]> toClient = ArgumentCaptor.forClass(byte[].class);
        verify(player).sendData(eq("ledger:handshake"), toClient.capture());
        assertEquals(2, ((HandshakeS2C) LedgerProtocol.decodeS2C("ledger:handshake", toClient.getValue())).protocolVersion());
        verify(backend).sendData(eq("ledger:handshake"), any());

        Server creative = mock(Server.class);
        ServerInfo creativeInfo = mock(ServerInfo.class);
        when(creativeInfo.getName()).thenReturn("creative");
        when(creative.getInfo()).thenReturn(creativeInfo);
        when(player.getServer()).thenReturn(creative);
        listener.onServerSwitch(new ServerSwitchEvent(player, backend.getInfo()));
        ArgumentCaptor<byte[]> replay = ArgumentCaptor.forClass(byte[].class);
        verify(creative).sendData(eq("ledger:handshake"), replay.capture());
        assertEquals("watson", ((HandshakeC2S) PacketMap.c2s(LayoutGeneration.V2)
                .decode("ledger:handshake", replay.getValue())).modId());

        listener.onDisconnect(new PlayerDisconnectEvent(player));
        Server lobby = mock(Server.class);
        ServerInfo lobbyInfo = mock(ServerInfo.class);
        when(lobbyInfo.getName()).thenReturn("lobby");
        when(lobby.getInfo()).thenReturn(lobbyInfo);
        when(player.getServer()).thenReturn(lobby);
        listener.onServerSwitch(new ServerSwitchEvent(player, creativeInfo));
        verify(lobby, never()).sendData(anyString(), any());
    }

    @Test
    void aPurgeForLedger135RunsThePlayersOwnCommand() {
        assertTrue(deliver(player, backend, "ledger:purge", LedgerProtocol.encode(new PurgeC2S("before:90d"))).isCancelled());
        verify(player).chat("/lg purge before:90d");
        verify(player).sendMessage(any(BaseComponent.class));
        verify(backend, never()).sendData(anyString(), any());
    }

    @Test
    void aRequestWithoutPermissionIsAnsweredWithCode0AndNotForwarded() {
        when(player.hasPermission("ledger.commands.search")).thenReturn(false);
        assertTrue(deliver(player, backend, "ledger:search",
                LedgerProtocol.encode(new SearchC2S("action:block-break", 1))).isCancelled());
        ArgumentCaptor<byte[]> response = ArgumentCaptor.forClass(byte[].class);
        verify(player).sendData(eq("ledger:response"), response.capture());
        assertEquals(new ResponseS2C(Identifier.parse("ledger:search"), ResponseS2C.NO_PERMISSION),
                LedgerProtocol.decodeS2C("ledger:response", response.getValue()));
        verify(backend, never()).sendData(anyString(), any());
    }

    @Test
    void allowedMessagesPassThroughInBothDirections() {
        assertFalse(deliver(player, backend, "ledger:search",
                LedgerProtocol.encode(new SearchC2S("action:block-break", 1))).isCancelled());
        assertFalse(deliver(backend, player, "ledger:response",
                LedgerProtocol.encode(new ResponseS2C(Identifier.parse("ledger:search"), 2))).isCancelled());
    }

    @Test
    void wrongSideOversizedAndMalformedMessagesAreCancelled() {
        assertTrue(deliver(player, backend, "ledger:action", new byte[10]).isCancelled());
        assertTrue(deliver(backend, player, "ledger:purge", new byte[10]).isCancelled());
        assertTrue(deliver(player, backend, "ledger:search", new byte[101]).isCancelled());
        assertTrue(deliver(player, backend, "ledger:inspect", new byte[3]).isCancelled());
        verify(backend, never()).sendData(anyString(), any());
    }

    @Test
    void otherChannelsCancelledMessagesAndADisabledLedgerNetAreLeftAlone() {
        assertFalse(deliver(player, backend, "minecraft:brand", new byte[10]).isCancelled());
        PluginMessageEvent cancelledElsewhere = new PluginMessageEvent(player, backend, "ledger:search", new byte[1]);
        cancelledElsewhere.setCancelled(true);
        listener.onPluginMessage(cancelledElsewhere);
        verify(player, never()).sendData(anyString(), any());
        core.disable();
        assertFalse(deliver(player, backend, "ledger:action", new byte[10]).isCancelled());
    }
}
