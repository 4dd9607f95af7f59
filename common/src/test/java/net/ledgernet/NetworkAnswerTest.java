package net.ledgernet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;
import net.ledgernet.protocol.BlockPos;
import net.ledgernet.protocol.Identifier;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.protocol.LedgerPacket;
import net.ledgernet.protocol.LedgerPacket.ActionS2C;
import net.ledgernet.protocol.LedgerPacket.InspectC2S;
import net.ledgernet.protocol.LedgerPacket.PlayerC2S;
import net.ledgernet.protocol.LedgerPacket.PlayerS2C;
import net.ledgernet.protocol.LedgerPacket.ResponseS2C;
import net.ledgernet.protocol.LedgerPacket.SearchC2S;
import net.ledgernet.protocol.LedgerProtocol;
import net.ledgernet.routing.MessageOrigin;
import net.ledgernet.routing.RecordingLink;
import net.ledgernet.storage.SqlDialect;
import net.ledgernet.sample.SampleData;
import net.ledgernet.sample.SampleNetwork;
import net.ledgernet.sample.SampleSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client mod's requests answered from two real SQLite Ledger databases, end to end through the
 * core: the packets on the wire, their order and their dimension ids, checked against the data the
 * sample generator wrote.
 */
class NetworkAnswerTest {
    @TempDir
    Path dir;

    private static final Instant END = Instant.parse("2026-11-01T00:00:00Z");
    private final SampleSpec survivalSpec = SampleSpec.defaults(11).withSize(40, 600).withTime(30, END, java.time.ZoneOffset.UTC);
    private final SampleSpec creativeSpec = SampleSpec.defaults(12).withSize(40, 600).withTime(30, END, java.time.ZoneOffset.UTC);
    private LedgerNetCore core;
    private final Platform platform = mock(Platform.class);

    @BeforeEach
    void setUp() throws Exception {
        SampleNetwork.createIfAbsent("survival", SqlDialect.SQLITE, dir.resolve("survival.sqlite"), survivalSpec);
        SampleNetwork.createIfAbsent("creative", SqlDialect.SQLITE, dir.resolve("creative.sqlite"), creativeSpec);
        Files.writeString(dir.resolve("config.yml"), """
                config-version: 1
                backends:
                  survival:
                    jdbc-url: "jdbc:sqlite:survival.sqlite"
                    ledger-version: "1.3.23"
                  creative:
                    jdbc-url: "jdbc:sqlite:creative.sqlite"
                    ledger-version: "1.3.3"
                limits:
                  page-size: 8
                  max-pages: 3
                object-tags:
                  "minecraft:diamond_ores": [minecraft:diamond_ore, minecraft:deepslate_diamond_ore]
                """);
        when(platform.name()).thenReturn("Test");
        when(platform.dataDirectory()).thenReturn(dir);
        when(platform.logger()).thenReturn(mock(PluginLogger.class));
        when(platform.serverNames()).thenReturn(Set.of("survival", "creative"));
        when(platform.hasPermission(any(UUID.class), anyString())).thenReturn(true);
        core = new LedgerNetCore(platform);
        core.load();
        core.enable();
    }

    @AfterEach
    void tearDown() {
        core.disable();
    }

    /** Sends a client packet and waits for LedgerNet's final response (2 or 3). */
    private List<RecordingLink.Sent> request(String backend, LedgerPacket.C2S packet) throws InterruptedException {
        return request(backend, backend, packet);
    }

    /**
     * @param sentFrom  the server the request was sent from
     * @param answeredOn the server the player is on by the time the answer is sent (a switch in between)
     */
    private List<RecordingLink.Sent> request(String sentFrom, String answeredOn, LedgerPacket.C2S packet)
            throws InterruptedException {
        String backend = sentFrom;
        RecordingLink link = new RecordingLink(UUID.randomUUID(), "Staff", answeredOn);
        assertTrue(Delivery.deliver(core, MessageOrigin.PLAYER, link, Optional.of(backend), packet.channel().id(),
                LedgerProtocol.encode(packet)), "answered by LedgerNet, not passed on");
        for (int i = 0; i < 200; i++) {
            synchronized (link) {
                if (link.sent.size() > 1 && link.sent.get(link.sent.size() - 1).channel() == LedgerChannel.RESPONSE) {
                    return List.copyOf(link.sent);
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no final response; sent so far: " + link.sent.size() + ", told: " + link.told);
    }

    private static ResponseS2C response(RecordingLink.Sent sent) {
        return (ResponseS2C) LedgerProtocol.decodeS2C(sent.channel().id(), sent.payload());
    }

    private static List<ActionS2C> actions(List<RecordingLink.Sent> sent) {
        return sent.stream().filter(s -> s.channel() == LedgerChannel.ACTION)
                .map(s -> (ActionS2C) LedgerProtocol.decodeS2C("ledger:action", s.payload())).toList();
    }

    /** The newest block-breaks of both backends, as the generator wrote them: the test's oracle. */
    private List<String> expectedNewestBreaks(int count) {
        record Tagged(String backend, SampleData.Action action) {
        }
        List<Tagged> all = new ArrayList<>();
        for (var entry : List.of(new Object[] {"survival", survivalSpec}, new Object[] {"creative", creativeSpec})) {
            SampleData data = SampleData.of((SampleSpec) entry[1]);
            for (int i = 0; i < data.actionCount(); i++) {
                if (data.action(i).type().equals("block-break")) {
                    all.add(new Tagged((String) entry[0], data.action(i)));
                }
            }
        }
        return all.stream()
                .sorted(Comparator.comparing((Tagged t) -> t.action().time()).reversed())
                .limit(count)
                .map(t -> t.action().time().getEpochSecond() + " " + t.action().x() + "," + t.action().y() + ","
                        + t.action().z())
                .toList();
    }

    @Test
    void aSearchAcrossServersIsAnsweredFromBothDatabasesNewestFirstWithNetworkIds() throws Exception {
        List<RecordingLink.Sent> sent = request("survival", new SearchC2S("backend:* action:block-break", 2));

        assertEquals(ResponseS2C.EXECUTING, response(sent.get(0)).code());
        assertEquals(Identifier.parse("ledger:search"), response(sent.get(0)).packetType());
        assertEquals(ResponseS2C.COMPLETED, response(sent.get(sent.size() - 1)).code());
        List<ActionS2C> actions = actions(sent);
        assertEquals(16, actions.size(), "2 pages of 8");
        assertThat(actions).allSatisfy(a -> assertEquals("block-break", a.actionType()));
        assertEquals(expectedNewestBreaks(16), actions.stream()
                .map(a -> a.epochSecond() + " " + a.pos().x() + "," + a.pos().y() + "," + a.pos().z()).toList());
        // The player stands on survival: its worlds keep their ids, creative's get network ids.
        assertThat(actions).allSatisfy(a -> assertThat(a.world().toString())
                .matches("minecraft:.*|mymod:.*|creative:.*"));
        assertThat(actions).anySatisfy(a -> assertThat(a.world().namespace()).isEqualTo("creative"));
    }

    @Test
    void aPermissionWithdrawnWhileASearchStreamsLeavesThatServerOutOfTheFurtherPages() throws Exception {
        // Without LuckPerms the proxy's own check cannot tell servers apart: take the node away entirely
        // once the search is under way; pages 2 and 3 must then not be fetched at all.
        java.util.concurrent.atomic.AtomicBoolean revoked = new java.util.concurrent.atomic.AtomicBoolean();
        when(platform.hasPermission(any(UUID.class), anyString())).thenAnswer(call -> !revoked.get());
        RecordingLink link = new RecordingLink(UUID.randomUUID(), "Staff", "survival");
        java.util.concurrent.CountDownLatch firstPage = new java.util.concurrent.CountDownLatch(1);
        RecordingLink gated = new RecordingLink(link.player().uuid(), "Staff", "survival") {
            @Override
            public void sendToClient(LedgerChannel channel, byte[] payload) {
                super.sendToClient(channel, payload);
                if (channel == LedgerChannel.ACTION) {
                    revoked.set(true); // withdrawn while the first page is being sent
                    firstPage.countDown();
                }
            }
        };
        assertTrue(Delivery.deliver(core, MessageOrigin.PLAYER, gated, Optional.of("survival"), "ledger:search",
                LedgerProtocol.encode(new SearchC2S("backend:* action:block-break", 3))));
        assertTrue(firstPage.await(10, java.util.concurrent.TimeUnit.SECONDS));
        for (int i = 0; i < 200 && !(gated.sent.size() > 1
                && gated.sent.get(gated.sent.size() - 1).channel() == LedgerChannel.RESPONSE); i++) {
            Thread.sleep(50);
        }
        assertEquals(8, actions(gated.sent).size(), "page 1 only: pages 2 and 3 were not fetched");
        assertThat(gated.told).anySatisfy(line -> assertThat(line)
                .contains("Left out of the further pages: creative, survival"));
    }

    @Test
    void aTypoInAClientModSearchIsAnsweredWithTheNearestKnownValue() throws Exception {
        RecordingLink link = new RecordingLink(UUID.randomUUID(), "Staff", "survival");
        assertTrue(Delivery.deliver(core, MessageOrigin.PLAYER, link, Optional.of("survival"), "ledger:search",
                LedgerProtocol.encode(new SearchC2S("action:block-brake backend:*", 1))));
        for (int i = 0; i < 200 && !(link.sent.size() > 1
                && link.sent.get(link.sent.size() - 1).channel() == LedgerChannel.RESPONSE); i++) {
            Thread.sleep(50);
        }
        assertEquals(ResponseS2C.COMPLETED, response(link.sent.get(link.sent.size() - 1)).code());
        assertThat(link.told).anySatisfy(line -> assertThat(line)
                .contains("unknown action block-brake — did you mean block-break?"));
    }

    @Test
    void anAnswerArrivingAfterAServerSwitchShowsTheOldServersWorldsWithNetworkIds() throws Exception {
        // Asked on survival, answered once the player is on creative: survival's rows must not keep
        // survival's native ids, which the client mod would draw in creative's world.
        List<RecordingLink.Sent> sent = request("survival", "creative", new SearchC2S("action:block-break", 2));
        assertEquals(ResponseS2C.COMPLETED, response(sent.get(sent.size() - 1)).code());
        List<ActionS2C> actions = actions(sent);
        assertEquals(16, actions.size());
        assertThat(actions).allSatisfy(a -> assertEquals("survival", a.world().namespace()));
    }

    @Test
    void aSearchForABackendThatMisreadsSearchPacketsIsAnsweredFromItsDatabase() throws Exception {
        List<RecordingLink.Sent> sent = request("creative", new SearchC2S("action:block-place", 1));
        assertEquals(ResponseS2C.COMPLETED, response(sent.get(sent.size() - 1)).code());
        List<ActionS2C> actions = actions(sent);
        assertEquals(8, actions.size());
        assertThat(actions).allSatisfy(a -> {
            assertEquals("block-place", a.actionType());
            // creative's own worlds keep their native ids for a player on creative.
            assertThat(a.world().namespace()).isIn("minecraft", "mymod");
        });
    }

    @Test
    void aTagListedInConfigIsAnsweredAndAnUnlistedOneIsRefusedWithTheReason() throws Exception {
        Set<String> ores = Set.of("minecraft:diamond_ore", "minecraft:deepslate_diamond_ore");
        long matching = 0;
        for (SampleSpec spec : List.of(survivalSpec, creativeSpec)) {
            SampleData data = SampleData.of(spec);
            for (int i = 0; i < data.actionCount(); i++) {
                if (ores.contains(data.action(i).object()) || ores.contains(data.action(i).oldObject())) {
                    matching++;
                }
            }
        }
        List<RecordingLink.Sent> sent = request("survival", new SearchC2S("object:#diamond_ores backend:*", 3));
        List<ActionS2C> actions = actions(sent);
        assertEquals(Math.min(matching, 24), actions.size());
        assertTrue(matching > 0, "the sample data has diamond ores");
        assertThat(actions).allSatisfy(a -> assertThat(Set.of(a.oldObject().toString(), a.newObject().toString()))
                .containsAnyElementsOf(ores));
        assertEquals(ResponseS2C.COMPLETED, response(sent.get(sent.size() - 1)).code());

        RecordingLink link = new RecordingLink(UUID.randomUUID(), "Staff", "survival");
        Delivery.deliver(core, MessageOrigin.PLAYER, link, Optional.of("survival"), "ledger:search",
                LedgerProtocol.encode(new SearchC2S("object:#minecraft:logs backend:*", 1)));
        for (int i = 0; i < 100 && link.told.isEmpty(); i++) {
            Thread.sleep(50);
        }
        assertThat(link.told).anySatisfy(told -> assertThat(told)
                .contains("the object tag #minecraft:logs is not listed under object-tags"));
    }

    @Test
    void anInspectReturnsEveryActionAtThatBlockInEveryWorld() throws Exception {
        SampleData data = SampleData.of(creativeSpec);
        SampleData.Action sample = data.action(data.actionCount() - 1);
        BlockPos pos = new BlockPos(sample.x(), sample.y(), sample.z());
        long atPos = java.util.stream.IntStream.range(0, data.actionCount()).mapToObj(data::action)
                .filter(a -> a.x() == pos.x() && a.y() == pos.y() && a.z() == pos.z()).count();

        List<RecordingLink.Sent> sent = request("creative", new InspectC2S(pos, 3));
        List<ActionS2C> actions = actions(sent);
        assertEquals(Math.min(atPos, 24), actions.size());
        assertThat(actions).allSatisfy(a -> assertEquals(pos, a.pos()));
        assertEquals(Identifier.parse("ledger:inspect"), response(sent.get(0)).packetType());
    }

    @Test
    void aPlayerLookupAnswersWithThePlayersNetworkProfile() throws Exception {
        SampleData.Player player = SampleData.of(survivalSpec).players().get(0);
        List<RecordingLink.Sent> sent = request("survival", new PlayerC2S(List.of(player.uuid(), UUID.randomUUID())));
        List<PlayerS2C> players = sent.stream().filter(s -> s.channel() == LedgerChannel.PLAYER)
                .map(s -> (PlayerS2C) LedgerProtocol.decodeS2C("ledger:player", s.payload())).toList();
        assertThat(players).singleElement().satisfies(p -> {
            assertEquals(player.uuid(), p.uuid());
            assertEquals(player.name(), p.name());
            assertThat(p.firstJoin()).isLessThanOrEqualTo(player.firstJoin().getEpochSecond());
        });
        assertEquals(ResponseS2C.COMPLETED, response(sent.get(sent.size() - 1)).code());
    }
}
