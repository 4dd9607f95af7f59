package net.ledgernet.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import net.ledgernet.protocol.LayoutGeneration;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.protocol.LedgerPacket.HandshakeC2S;
import net.ledgernet.protocol.LedgerPacket.HandshakeS2C;
import net.ledgernet.protocol.LedgerProtocol;
import net.ledgernet.protocol.NbtRoot;
import net.ledgernet.protocol.PacketMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Handshakes across joins, server switches and disconnects. */
class HandshakeReplayTest {
    @TempDir
    Path dir;

    private RouterFixture fixture;

    @BeforeEach
    void setUp() throws Exception {
        fixture = new RouterFixture(dir, """
                  survival:
                    jdbc-url: "jdbc:sqlite:s.sqlite"
                  legacy:
                    jdbc-url: "jdbc:sqlite:l.sqlite"
                    legacy-nbt: true
                    ledger-version: "1.3.18-backport"
                  creative:
                    jdbc-url: "jdbc:sqlite:c.sqlite"
                """, "");
        for (String backend : List.of("survival", "legacy", "creative")) {
            fixture.grants.grantAll(backend);
        }
    }

    private static HandshakeC2S decode(byte[] bytes) {
        return (HandshakeC2S) PacketMap.c2s(LayoutGeneration.V2).decode("ledger:handshake", bytes);
    }

    @Test
    void theProxyAnswersTheClientAndReplaysItsHandshakeToTheBackend() {
        HandshakeC2S watson = new HandshakeC2S("watson", "1.20.6-1.3.0", 3);
        RouteDecision decision = fixture.fromPlayer("survival", LedgerChannel.HANDSHAKE, LedgerProtocol.encode(watson));

        RouteDecision.Rewrite rewrite = assertInstanceOf(RouteDecision.Rewrite.class, decision);
        HandshakeS2C answer = (HandshakeS2C) rewrite.replies().get(0);
        assertEquals(3, answer.protocolVersion(), "the client's own protocol number");
        assertThat(answer.ledgerVersion()).startsWith("LedgerNet ");
        assertThat(answer.actionTypes()).containsExactlyElementsOf(LedgerRouter.LEDGER_ACTION_TYPES);
        // survival's version is unknown: it gets the client's protocol, nameless NBT (MC 1.20.2+).
        HandshakeC2S replayed = decode(rewrite.payload());
        assertEquals(new HandshakeC2S("watson", "1.20.6-1.3.0", 3, NbtRoot.NAMELESS, watson.keyOrder()), replayed);
    }

    @Test
    void aBackendsHandshakeIsLearntNotPassedOnAndItsActionTypesAreAdvertised() {
        fixture.fromPlayer("survival", LedgerChannel.HANDSHAKE, LedgerProtocol.encode(new HandshakeC2S("watson", "1", 2)));
        RouteDecision reply = fixture.fromBackend("survival", LedgerChannel.HANDSHAKE,
                LedgerProtocol.encode(new HandshakeS2C(2, "1.2.10", List.of("block-break", "custom-thing"))));
        assertInstanceOf(RouteDecision.Consume.class, reply);
        assertEquals(Optional.of(LayoutGeneration.V2), fixture.router.generation("survival"));

        RouteDecision again = fixture.fromPlayer("survival", LedgerChannel.HANDSHAKE,
                LedgerProtocol.encode(new HandshakeC2S("watson", "1", 3)));
        RouteDecision.Rewrite rewrite = assertInstanceOf(RouteDecision.Rewrite.class, again);
        assertThat(((HandshakeS2C) rewrite.replies().get(0)).actionTypes()).endsWith("custom-thing");
        assertEquals(2, decode(rewrite.payload()).protocolVersion(),
                "a protocol-3 client is bridged to the protocol-2 backend instead of getting a mismatch");
    }

    @Test
    void everySwitchReplaysTheHandshakeInTheNewBackendsFormUntilThePlayerLeaves() {
        assertEquals(Optional.empty(), fixture.router.handshakeReplay(RouterFixture.ALEX, "creative"),
                "nothing to replay before the client handshakes");
        HandshakeC2S watson = new HandshakeC2S("watson", "0.9", 3);
        fixture.fromPlayer("survival", LedgerChannel.HANDSHAKE, LedgerProtocol.encode(watson));

        HandshakeC2S toLegacy = decode(fixture.router.handshakeReplay(RouterFixture.ALEX, "legacy").orElseThrow());
        assertEquals(NbtRoot.NAMED, toLegacy.root(), "Minecraft 1.20.1 reads a named root");
        assertEquals(2, toLegacy.protocolVersion(), "the 1.20.1 backport speaks protocol 2");

        HandshakeC2S toCreative = decode(fixture.router.handshakeReplay(RouterFixture.ALEX, "creative").orElseThrow());
        assertEquals(NbtRoot.NAMELESS, toCreative.root());
        assertEquals(3, toCreative.protocolVersion());
        assertEquals(watson.keyOrder(), toCreative.keyOrder());

        fixture.router.forget(RouterFixture.ALEX);
        assertEquals(Optional.empty(), fixture.router.handshakeReplay(RouterFixture.ALEX, "creative"));
    }

    @Test
    void aReloadKeepsTheClientsHandshakeAndWhatBackendsTold() {
        fixture.fromPlayer("survival", LedgerChannel.HANDSHAKE, LedgerProtocol.encode(new HandshakeC2S("watson", "1", 3)));
        fixture.fromBackend("survival", LedgerChannel.HANDSHAKE,
                LedgerProtocol.encode(new HandshakeS2C(2, "1.2.10", List.of("block-break"))));
        LedgerRouter reloaded = new LedgerRouter(fixture.config, fixture.grants,
                new RequestLimiter(fixture.config.limits(), System::nanoTime));
        assertEquals(Optional.empty(), reloaded.generation("survival"), "a new router knows nothing by itself");
        reloaded.carryOver(fixture.router);
        assertEquals(Optional.of(LayoutGeneration.V2), reloaded.generation("survival"));
        assertEquals("watson", decode(reloaded.handshakeReplay(RouterFixture.ALEX, "creative").orElseThrow()).modId());
    }

    @Test
    void aMismatchedClientIsToldWhyAndNothingReachesTheBackend() {
        RouteDecision decision = fixture.fromPlayer("survival", LedgerChannel.HANDSHAKE,
                LedgerProtocol.encode(new HandshakeC2S("oldmod", "0.1", 1)));
        RouteDecision.Answer answer = assertInstanceOf(RouteDecision.Answer.class, decision);
        assertTrue(answer.packets().isEmpty(), "like Ledger: no handshake on a mismatch");
        assertThat(answer.chat()).get().asString().contains("protocol 1").contains("protocols 2 and 3");
        assertEquals(Optional.empty(), fixture.router.handshakeReplay(RouterFixture.ALEX, "creative"));
    }

    @Test
    void aHandshakeWithoutNetworkingPermissionIsIgnoredSilently() {
        RouterFixture.Grants none = fixture.grants;
        none.granted.clear();
        assertInstanceOf(RouteDecision.Consume.class, fixture.fromPlayer("survival", LedgerChannel.HANDSHAKE,
                LedgerProtocol.encode(new HandshakeC2S("watson", "1", 3))));
        assertEquals(Optional.empty(), fixture.router.handshakeReplay(RouterFixture.ALEX, "creative"));
    }

    @Test
    void repeatedHandshakesAreAnsweredEachTimeButReachTheBackendOnce() {
        byte[] handshake = LedgerProtocol.encode(new HandshakeC2S("watson", "1", 3));
        RouteDecision.Rewrite first = assertInstanceOf(RouteDecision.Rewrite.class,
                fixture.fromPlayer("survival", LedgerChannel.HANDSHAKE, handshake));
        RouteDecision.Answer second = assertInstanceOf(RouteDecision.Answer.class,
                fixture.fromPlayer("survival", LedgerChannel.HANDSHAKE, handshake));
        assertEquals(first.replies(), second.packets(), "the client gets the same answer");
    }

    @Test
    void watsonsOwnHandshakeRightAfterTheReplayOfASwitchIsNotSentTwice() {
        byte[] handshake = LedgerProtocol.encode(new HandshakeC2S("watson", "1", 3));
        fixture.fromPlayer("survival", LedgerChannel.HANDSHAKE, handshake);
        assertTrue(fixture.router.handshakeReplay(RouterFixture.ALEX, "creative").isPresent());
        // Watson 1.20.6+ handshakes again when the new world loads: creative already has it.
        assertInstanceOf(RouteDecision.Answer.class, fixture.fromPlayer("creative", LedgerChannel.HANDSHAKE, handshake));
        // A different handshake (another mod version) still goes through.
        assertInstanceOf(RouteDecision.Rewrite.class, fixture.fromPlayer("creative", LedgerChannel.HANDSHAKE,
                LedgerProtocol.encode(new HandshakeC2S("watson", "2", 3))));
    }

    @Test
    void aBackendOfUnknownProtocolGetsProtocol3FirstAndProtocol2AsTheFallback() {
        fixture.fromPlayer("survival", LedgerChannel.HANDSHAKE, LedgerProtocol.encode(new HandshakeC2S("watson", "1", 2)));
        byte[] replay = fixture.router.handshakeReplay(RouterFixture.ALEX, "creative").orElseThrow();
        assertEquals(3, decode(replay).protocolVersion(), "Ledger 1.3's number first, whatever the client speaks");
        assertEquals(2, decode(fixture.router.handshakeFallback(RouterFixture.ALEX, "creative").orElseThrow()).protocolVersion());
        // Once creative answers, it is known: no fallback, and its own number from then on.
        fixture.fromBackend("creative", LedgerChannel.HANDSHAKE, LedgerProtocol.encode(new HandshakeS2C(2, "1.2.10", List.of())));
        assertEquals(Optional.empty(), fixture.router.handshakeFallback(RouterFixture.ALEX, "creative"));
        assertEquals(2, decode(fixture.router.handshakeReplay(RouterFixture.ALEX, "creative").orElseThrow()).protocolVersion());
    }
}
