package net.ledgernet.velocity;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.velocitypowered.api.event.connection.DisconnectEvent;
import com.velocitypowered.api.event.connection.PluginMessageEvent;
import com.velocitypowered.api.event.player.ServerPostConnectEvent;
import com.velocitypowered.api.event.player.configuration.PlayerEnteredConfigurationEvent;
import com.velocitypowered.api.proxy.Player;
import com.velocitypowered.api.proxy.ProxyServer;
import com.velocitypowered.api.proxy.ServerConnection;
import com.velocitypowered.api.proxy.messages.ChannelIdentifier;
import com.velocitypowered.api.proxy.messages.ChannelMessageSink;
import com.velocitypowered.api.proxy.messages.ChannelMessageSource;
import com.velocitypowered.api.proxy.messages.MinecraftChannelIdentifier;
import com.velocitypowered.api.proxy.server.ServerInfo;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import net.kyori.adventure.text.Component;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.protocol.Identifier;
import net.ledgernet.protocol.LayoutGeneration;
import net.ledgernet.protocol.LedgerPacket.HandshakeC2S;
import net.ledgernet.protocol.LedgerPacket.HandshakeS2C;
import net.ledgernet.protocol.LedgerPacket.ResponseS2C;
import net.ledgernet.protocol.LedgerPacket.PurgeC2S;
import net.ledgernet.protocol.LedgerPacket.RollbackC2S;
import net.ledgernet.protocol.LedgerPacket.SearchC2S;
import net.ledgernet.protocol.LedgerProtocol;
import net.ledgernet.protocol.PacketMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.slf4j.Logger;

/**
 * Real Velocity PluginMessageEvents and connection events (their result semantics as the API defines
 * them), fired as Velocity's event manager does, with Mockito standing in for the proxy, the player
 * and the backend connection; assertions on the bytes each side receives.
 */
class VelocityPluginMessageListenerTest {
    @TempDir
    Path dataDirectory;

    private final UUID uuid = UUID.randomUUID();
    private final ProxyServer proxy = mock(ProxyServer.class);
    private final Player player = mock(Player.class);
    private final ServerConnection backend = mock(ServerConnection.class);
    private LedgerNetCore core;
    private VelocityPluginMessageListener listener;

    @BeforeEach
    void setUp() throws Exception {
        when(player.getUsername()).thenReturn("Alex");
        when(player.getUniqueId()).thenReturn(uuid);
        when(player.hasPermission(anyString())).thenReturn(true);
        when(player.getCurrentServer()).thenReturn(Optional.of(backend));
        when(proxy.getPlayer(uuid)).thenReturn(Optional.of(player));
        when(backend.getServerInfo()).thenReturn(new ServerInfo("survival", new InetSocketAddress("127.0.0.1", 25566)));
        when(backend.getPlayer()).thenReturn(player);
        when(backend.sendPluginMessage(any(), any())).thenReturn(true);
        Files.writeString(dataDirectory.resolve("config.yml"), """
                config-version: 1
                backends:
                  survival:
                    jdbc-url: "jdbc:sqlite:survival.sqlite"
                    ledger-version: "1.3.23"
                limits:
                  max-payload-bytes: 100
                """);
        core = new LedgerNetCore(new VelocityPlatform(proxy, mock(Logger.class), dataDirectory));
        core.load();
        core.enable();
        listener = new VelocityPluginMessageListener(core);
    }

    @AfterEach
    void tearDown() {
        core.disable();
    }

    /** Listener throwables, as Velocity's event manager would log them before forwarding an allowed event. */
    private final List<Throwable> escaped = new ArrayList<>();

    /**
     * As Velocity's VelocityEventManager fires the event: a throwable from the handler is logged and
     * the event completes with whatever result it had then; an "allowed" result is then forwarded.
     */
    private PluginMessageEvent deliver(ChannelMessageSource source, ChannelMessageSink target, String channel, byte[] data) {
        PluginMessageEvent event = new PluginMessageEvent(source, target, MinecraftChannelIdentifier.from(channel), data);
        try {
            listener.onPluginMessage(event);
        } catch (Throwable t) {
            escaped.add(t);
        }
        return event;
    }

    private ResponseS2C lastResponse() {
        ArgumentCaptor<byte[]> response = ArgumentCaptor.forClass(byte[].class);
        verify(player, atLeastOnce()).sendPluginMessage(eq(id("ledger:response")), response.capture());
        return (ResponseS2C) LedgerProtocol.decodeS2C("ledger:response", response.getValue());
    }

    private static ChannelIdentifier id(String channel) {
        return MinecraftChannelIdentifier.from(channel);
    }

    @Test
    void theHandshakeIsAnsweredByTheProxyAndReplayedToTheBackend() {
        byte[] handshake = LedgerProtocol.encode(new HandshakeC2S("watson", "1.0", 3));
        assertFalse(deliver(player, backend, "ledger:handshake", handshake).getResult().isAllowed());

        ArgumentCaptor<byte[]> toClient = ArgumentCaptor.forClass(byte[].class);
        verify(player).sendPluginMessage(eq(id("ledger:handshake")), toClient.capture());
        HandshakeS2C answer = (HandshakeS2C) LedgerProtocol.decodeS2C("ledger:handshake", toClient.getValue());
        assertEquals(3, answer.protocolVersion());
        ArgumentCaptor<byte[]> toBackend = ArgumentCaptor.forClass(byte[].class);
        verify(backend).sendPluginMessage(eq(id("ledger:handshake")), toBackend.capture());
        assertEquals("watson", ((HandshakeC2S) PacketMap.c2s(LayoutGeneration.V2)
                .decode("ledger:handshake", toBackend.getValue())).modId());
    }

    @Test
    void aSwitchReplaysTheHandshakeAndLeavingForgetsIt() {
        deliver(player, backend, "ledger:handshake", LedgerProtocol.encode(new HandshakeC2S("watson", "1.0", 3)));
        ServerConnection creative = mock(ServerConnection.class);
        when(creative.getServerInfo()).thenReturn(new ServerInfo("creative", new InetSocketAddress("127.0.0.1", 25567)));
        when(player.getCurrentServer()).thenReturn(Optional.of(creative));
        listener.onServerPostConnect(new ServerPostConnectEvent(player, null));
        verify(creative).sendPluginMessage(eq(id("ledger:handshake")), any());

        listener.onDisconnect(new DisconnectEvent(player, DisconnectEvent.LoginStatus.SUCCESSFUL_LOGIN));
        ServerConnection lobby = mock(ServerConnection.class);
        when(lobby.getServerInfo()).thenReturn(new ServerInfo("lobby", new InetSocketAddress("127.0.0.1", 25568)));
        when(player.getCurrentServer()).thenReturn(Optional.of(lobby));
        listener.onServerPostConnect(new ServerPostConnectEvent(player, null));
        verify(lobby, never()).sendPluginMessage(any(), any());
    }

    @Test
    void aRollbackForLedger135RunsThePlayersOwnCommandAndNoPacketReachesTheBackend() {
        byte[] rollback = LedgerProtocol.encode(new RollbackC2S(false, "source:Steve range:10 after:1h"));
        assertFalse(deliver(player, backend, "ledger:rollback", rollback).getResult().isAllowed());
        verify(player).spoofChatInput("/lg rollback source:Steve range:10 after:1h");
        verify(player).sendMessage(any(Component.class));
        verify(backend, never()).sendPluginMessage(any(), any());
    }

    @Test
    void ledgerChannelsAreAnnouncedWhileTheClientConfigures() {
        listener.onEnteredConfiguration(new PlayerEnteredConfigurationEvent(player, backend));
        verify(player).sendPluginMessage(eq(id("minecraft:register")), eq(("ledger:handshake\0ledger:inspect\0ledger:search"
                + "\0ledger:rollback\0ledger:purge\0ledger:player\0ledger:action\0ledger:response")
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        verify(backend, never()).sendPluginMessage(any(), any());
    }

    @Test
    void aThrowableAnywhereIsADropAndARefusalNeverAForward() {
        // Velocity's spoofChatInput throws when the player is between servers: nothing ran, the player is told.
        doThrow(new IllegalStateException("Not connected to server!")).when(player).spoofChatInput(anyString());
        byte[] rollback = LedgerProtocol.encode(new RollbackC2S(false, "source:Steve range:10 after:1h"));
        assertFalse(deliver(player, backend, "ledger:rollback", rollback).getResult().isAllowed());
        assertEquals(new ResponseS2C(Identifier.parse("ledger:rollback"), ResponseS2C.ERROR), lastResponse());
        // A permission provider that throws while LedgerNet decides.
        when(player.hasPermission(anyString())).thenThrow(new IllegalStateException("permission provider down"));
        assertFalse(deliver(player, backend, "ledger:purge", LedgerProtocol.encode(new PurgeC2S("before:9d")))
                .getResult().isAllowed());
        // The backend connection throws before LedgerNet is even asked.
        when(backend.getServerInfo()).thenThrow(new IllegalStateException("gone"));
        assertFalse(deliver(backend, player, "ledger:action", new byte[1]).getResult().isAllowed());
        verify(backend, never()).sendPluginMessage(any(), any());
        assertEquals(List.of(), escaped, "nothing escapes to Velocity's event manager");
    }

    @Test
    void emptiedAndUnspecificRollbacksAreRefusedAndNothingRuns() {
        for (String input : List.of("", "backend:survival", "world:!creative:overworld", "range:5", "after:1h")) {
            assertFalse(deliver(player, backend, "ledger:rollback",
                    LedgerProtocol.encode(new RollbackC2S(false, input))).getResult().isAllowed(), input);
        }
        verify(player, never()).spoofChatInput(anyString());
        verify(backend, never()).sendPluginMessage(any(), any());
        assertEquals(ResponseS2C.ERROR, lastResponse().code());
    }

    @Test
    void aRequestWithoutPermissionIsAnsweredWithCode0AndNotForwarded() {
        when(player.hasPermission("ledger.commands.search")).thenReturn(false);
        byte[] search = LedgerProtocol.encode(new SearchC2S("action:block-break", 1));
        assertFalse(deliver(player, backend, "ledger:search", search).getResult().isAllowed());
        ArgumentCaptor<byte[]> response = ArgumentCaptor.forClass(byte[].class);
        verify(player).sendPluginMessage(eq(id("ledger:response")), response.capture());
        assertEquals(new ResponseS2C(Identifier.parse("ledger:search"), ResponseS2C.NO_PERMISSION),
                LedgerProtocol.decodeS2C("ledger:response", response.getValue()));
        verify(backend, never()).sendPluginMessage(any(), any());
    }

    @Test
    void anAllowedRangeSearchForAKnownSafeBackendIsForwardedUnchanged() {
        byte[] search = LedgerProtocol.encode(new SearchC2S("action:block-break range:5", 1));
        assertTrue(deliver(player, backend, "ledger:search", search).getResult().isAllowed());
        verify(player, never()).sendPluginMessage(any(), any());
    }

    @Test
    void serverChannelsFromTheBackendAreForwardedAndItsHandshakeIsKept() {
        byte[] response = LedgerProtocol.encode(new ResponseS2C(Identifier.parse("ledger:search"), 2));
        assertTrue(deliver(backend, player, "ledger:response", response).getResult().isAllowed());
        byte[] handshake = LedgerProtocol.encode(new HandshakeS2C(3, "1.3.23", List.of("block-break")));
        assertFalse(deliver(backend, player, "ledger:handshake", handshake).getResult().isAllowed(),
                "the client already has LedgerNet's handshake");
    }

    @Test
    void wrongSideOversizedAndMalformedMessagesAreStopped() {
        assertFalse(deliver(player, backend, "ledger:action", new byte[10]).getResult().isAllowed());
        assertFalse(deliver(backend, player, "ledger:search", new byte[10]).getResult().isAllowed());
        assertFalse(deliver(player, backend, "ledger:search", new byte[101]).getResult().isAllowed());
        assertFalse(deliver(player, backend, "ledger:inspect", new byte[3]).getResult().isAllowed());
        verify(backend, never()).sendPluginMessage(any(), any());
    }

    @Test
    void otherChannelsAreNotTouchedButADisabledLedgerNetStopsEverything() {
        assertTrue(deliver(player, backend, "minecraft:brand", new byte[10]).getResult().isAllowed());
        core.disable();
        assertFalse(deliver(backend, player, "ledger:action", new byte[10]).getResult().isAllowed());
        assertFalse(deliver(player, backend, "ledger:search",
                LedgerProtocol.encode(new SearchC2S("action:block-break range:5", 1))).getResult().isAllowed());
        assertEquals(new ResponseS2C(Identifier.parse("ledger:search"), ResponseS2C.ERROR), lastResponse());
        verify(backend, never()).sendPluginMessage(any(), any());
    }
}
