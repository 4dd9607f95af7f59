package net.ledgernet.bungee;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.UUID;
import java.util.logging.Logger;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.protocol.BlockPos;
import net.ledgernet.protocol.Identifier;
import net.ledgernet.protocol.LedgerPacket.ActionS2C;
import net.ledgernet.protocol.LedgerPacket.RollbackC2S;
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
import net.md_5.bungee.api.chat.ClickEvent;
import net.md_5.bungee.api.connection.PendingConnection;
import net.md_5.bungee.api.config.ServerInfo;
import net.md_5.bungee.api.connection.Connection;
import net.md_5.bungee.api.connection.ProxiedPlayer;
import net.md_5.bungee.api.connection.Server;
import net.md_5.bungee.api.event.PlayerDisconnectEvent;
import net.md_5.bungee.api.event.PluginMessageEvent;
import net.md_5.bungee.api.event.ServerConnectedEvent;
import net.md_5.bungee.api.event.ServerSwitchEvent;
import net.md_5.bungee.event.EventBus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/**
 * Real BungeeCord PluginMessageEvents, dispatched through BungeeCord's real EventBus (which logs a
 * listener's exception and leaves the event as it was), with Mockito standing in for the proxy, the
 * player and the backend connection. The player's {@code chat()} behaves as BungeeCord's
 * UserConnection does: it throws for a 1.19+ client. Assertions are on the bytes each side receives.
 */
class BungeePluginMessageListenerTest {
    /** Minecraft 1.21: BungeeCord cannot send chat or commands for this client. */
    static final int PROTOCOL_1_21 = 767;

    @TempDir
    Path dataDirectory;

    private final UUID uuid = UUID.randomUUID();
    private final ProxyServer proxy = mock(ProxyServer.class);
    private final ProxiedPlayer player = mock(ProxiedPlayer.class);
    private final Server backend = mock(Server.class);
    private final PendingConnection connection = mock(PendingConnection.class);
    private final List<LogRecord> busLog = new CopyOnWriteArrayList<>();
    private LedgerNetCore core;
    private BungeePluginMessageListener listener;
    /** BungeeCord's real event bus: it logs a listener's exception and goes on, as the proxy does. */
    private EventBus bus;

    @BeforeEach
    void setUp() throws Exception {
        when(player.getName()).thenReturn("Steve");
        when(player.getUniqueId()).thenReturn(uuid);
        when(player.hasPermission(anyString())).thenReturn(true);
        when(player.getServer()).thenReturn(backend);
        when(player.getPendingConnection()).thenReturn(connection);
        when(connection.getVersion()).thenReturn(PROTOCOL_1_21);
        // As BungeeCord's UserConnection.chat: no server -> IllegalStateException; 1.19+ -> cannot spoof.
        doAnswer(invocation -> {
            if (player.getServer() == null) {
                throw new IllegalStateException("Not connected to server");
            }
            if (connection.getVersion() >= 759) {
                throw new UnsupportedOperationException("Cannot spoof chat on this client version!");
            }
            return null;
        }).when(player).chat(anyString());
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
        Logger busLogger = Logger.getAnonymousLogger();
        busLogger.setUseParentHandlers(false);
        busLogger.addHandler(new Handler() {
            @Override
            public void publish(LogRecord record) {
                busLog.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        });
        bus = new EventBus(busLogger);
        bus.register(listener);
    }

    @AfterEach
    void tearDown() {
        core.disable();
    }

    /** Through the real EventBus, as BungeeCord's UpstreamBridge/DownstreamBridge post it. */
    private PluginMessageEvent deliver(Connection sender, Connection receiver, String tag, byte[] data) {
        PluginMessageEvent event = new PluginMessageEvent(sender, receiver, tag, data);
        bus.post(event);
        return event;
    }

    /** What BungeeCord's EventBus logged as "Error dispatching event" (its only sign of a listener's exception). */
    private List<String> escaped() {
        return busLog.stream().filter(r -> r.getThrown() != null).map(r -> r.getMessage() + ": " + r.getThrown()).toList();
    }

    private ResponseS2C lastResponse() {
        ArgumentCaptor<byte[]> response = ArgumentCaptor.forClass(byte[].class);
        verify(player, atLeastOnce()).sendData(eq("ledger:response"), response.capture());
        return (ResponseS2C) LedgerProtocol.decodeS2C("ledger:response", response.getValue());
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
        // ServerSwitchEvent comes first for 1.20.2+ clients, while the new backend still configures:
        // the channels are announced to the client then, and nothing is sent to the backend yet.
        bus.post(new ServerSwitchEvent(player, backend.getInfo()));
        verify(player).sendData(eq("minecraft:register"), eq(
                "ledger:handshake\0ledger:inspect\0ledger:search\0ledger:rollback\0ledger:purge\0ledger:player\0ledger:action\0ledger:response"
                        .getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        verify(creative, never()).sendData(anyString(), any());
        // The backend's play-phase Login: now the handshake is replayed, to the connection the event names.
        bus.post(new ServerConnectedEvent(player, creative));
        ArgumentCaptor<byte[]> replay = ArgumentCaptor.forClass(byte[].class);
        verify(creative).sendData(eq("ledger:handshake"), replay.capture());
        assertEquals("watson", ((HandshakeC2S) PacketMap.c2s(LayoutGeneration.V2)
                .decode("ledger:handshake", replay.getValue())).modId());

        bus.post(new PlayerDisconnectEvent(player));
        Server lobby = mock(Server.class);
        ServerInfo lobbyInfo = mock(ServerInfo.class);
        when(lobbyInfo.getName()).thenReturn("lobby");
        when(lobby.getInfo()).thenReturn(lobbyInfo);
        bus.post(new ServerConnectedEvent(player, lobby));
        verify(lobby, never()).sendData(anyString(), any());
    }

    @Test
    void aPurgeForLedger135FromA121ClientIsNeitherForwardedNorSpoofedButOfferedAsAClick() {
        PluginMessageEvent event = deliver(player, backend, "ledger:purge", LedgerProtocol.encode(new PurgeC2S("before:90d")));
        assertTrue(event.isCancelled(), "the raw purge never reaches Ledger 1.3.23, which reads it as an inspect");
        verify(player, never()).chat(anyString());
        verify(backend, never()).sendData(anyString(), any());
        assertEquals(new ResponseS2C(Identifier.parse("ledger:purge"), ResponseS2C.ERROR), lastResponse());
        ArgumentCaptor<BaseComponent> told = ArgumentCaptor.forClass(BaseComponent.class);
        verify(player).sendMessage(told.capture());
        assertEquals(ClickEvent.Action.SUGGEST_COMMAND, told.getValue().getClickEvent().getAction());
        assertEquals("/lg purge before:90d", told.getValue().getClickEvent().getValue(), "the player's own string");
        assertTrue(told.getValue().toPlainText().contains("nothing ran"), told.getValue().toPlainText());
        assertEquals(List.of(), escaped(), "nothing escaped to the event bus");
    }

    @Test
    void aRollbackForLedger135FromA1165ClientRunsThePlayersOwnCommand() {
        when(connection.getVersion()).thenReturn(754);
        assertTrue(deliver(player, backend, "ledger:rollback",
                LedgerProtocol.encode(new RollbackC2S(false, "source:Steve after:1h range:10"))).isCancelled());
        verify(player).chat("/lg rollback source:Steve after:1h range:10");
        verify(backend, never()).sendData(anyString(), any());
    }

    @Test
    void aCommandThePlatformRefusesAfterAllEndsInCode3AndAClickNeverAForward() {
        when(connection.getVersion()).thenReturn(754);
        doThrow(new IllegalStateException("Not connected to server")).when(player).chat(anyString());
        assertTrue(deliver(player, backend, "ledger:rollback",
                LedgerProtocol.encode(new RollbackC2S(true, "source:Steve after:1h range:10"))).isCancelled());
        verify(backend, never()).sendData(anyString(), any());
        assertEquals(new ResponseS2C(Identifier.parse("ledger:rollback"), ResponseS2C.ERROR), lastResponse());
        ArgumentCaptor<BaseComponent> told = ArgumentCaptor.forClass(BaseComponent.class);
        verify(player).sendMessage(told.capture());
        assertEquals("/lg restore source:Steve after:1h range:10", told.getValue().getClickEvent().getValue());
    }

    @Test
    void anExceptionInsideThePlatformCallsIsADropNotAForward() {
        // The permission plugin throws while LedgerNet decides: the event bus would forward an uncancelled event.
        when(player.hasPermission(anyString())).thenThrow(new IllegalStateException("permission backend down"));
        PluginMessageEvent rollback = deliver(player, backend, "ledger:rollback",
                LedgerProtocol.encode(new RollbackC2S(false, "source:Steve after:1h range:10")));
        assertTrue(rollback.isCancelled());
        assertEquals(new ResponseS2C(Identifier.parse("ledger:rollback"), ResponseS2C.ERROR), lastResponse());
        verify(backend, never()).sendData(anyString(), any());

        // The backend connection itself throws before LedgerNet is even asked.
        when(backend.getInfo()).thenThrow(new IllegalStateException("connection closed"));
        assertTrue(deliver(backend, player, "ledger:action", new byte[0]).isCancelled());
        when(player.getServer()).thenThrow(new IllegalStateException("switching"));
        assertTrue(deliver(player, backend, "ledger:purge", LedgerProtocol.encode(new PurgeC2S("before:9d"))).isCancelled());
        verify(backend, never()).sendData(anyString(), any());
        assertEquals(List.of(), escaped(), "LedgerNet's listener never lets an exception reach the bus");
    }

    @Test
    void anEmptiedRollbackIsRefusedForEveryLedgerVersion() {
        for (String input : List.of("", "backend:survival", "backend:!lobby", "range:5", "source:Steve after:1h")) {
            PluginMessageEvent event = deliver(player, backend, "ledger:rollback",
                    LedgerProtocol.encode(new RollbackC2S(false, input)));
            assertTrue(event.isCancelled(), input);
        }
        verify(player, never()).chat(anyString());
        verify(backend, never()).sendData(anyString(), any());
        assertEquals(ResponseS2C.ERROR, lastResponse().code());
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
                LedgerProtocol.encode(new SearchC2S("action:block-break range:5", 1))).isCancelled());
        assertFalse(deliver(backend, player, "ledger:response",
                LedgerProtocol.encode(new ResponseS2C(Identifier.parse("ledger:search"), 2))).isCancelled());
        ActionS2C action = new ActionS2C(new BlockPos(1, 2, 3), "block-break", Identifier.parse("minecraft:overworld"),
                Identifier.parse("minecraft:stone"), Identifier.parse("minecraft:air"), "Steve", 1_700_000_000L, false, "");
        byte[] bytes = LedgerProtocol.encode(action);
        assertFalse(deliver(backend, player, "ledger:action", bytes).isCancelled());
        // Checked both ways: truncated or with a trailing byte, it never reaches the client mod.
        assertTrue(deliver(backend, player, "ledger:action", Arrays.copyOf(bytes, bytes.length - 1)).isCancelled());
        assertTrue(deliver(backend, player, "ledger:action", Arrays.copyOf(bytes, bytes.length + 1)).isCancelled());
        assertTrue(deliver(backend, player, "ledger:response", new byte[3]).isCancelled());
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
    void otherChannelsAndCancelledMessagesAreLeftAloneButADisabledLedgerNetRefusesEverything() {
        assertFalse(deliver(player, backend, "minecraft:brand", new byte[10]).isCancelled());
        PluginMessageEvent cancelledElsewhere = new PluginMessageEvent(player, backend, "ledger:search", new byte[1]);
        cancelledElsewhere.setCancelled(true);
        listener.onPluginMessage(cancelledElsewhere);
        verify(player, never()).sendData(anyString(), any());
        assertTrue(deliver(player, backend, "LEDGER:rollback", new byte[10]).isCancelled(), "any case of Ledger's namespace");
        core.disable();
        assertTrue(deliver(backend, player, "ledger:action", new byte[10]).isCancelled());
        assertTrue(deliver(player, backend, "ledger:search",
                LedgerProtocol.encode(new SearchC2S("action:block-break range:5", 1))).isCancelled());
        assertEquals(new ResponseS2C(Identifier.parse("ledger:search"), ResponseS2C.ERROR), lastResponse());
        verify(backend, never()).sendData(anyString(), any());
    }
}
