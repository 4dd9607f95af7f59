package net.ledgernet.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import net.ledgernet.protocol.BlockPos;
import net.ledgernet.protocol.Identifier;
import net.ledgernet.protocol.LayoutGeneration;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.protocol.LedgerPacket.ActionS2C;
import net.ledgernet.protocol.LedgerPacket.PurgeC2S;
import net.ledgernet.protocol.LedgerPacket.ResponseS2C;
import net.ledgernet.protocol.LedgerPacket.RollbackC2S;
import net.ledgernet.protocol.LedgerPacket.SearchC2S;
import net.ledgernet.protocol.LedgerProtocol;
import net.ledgernet.protocol.PacketMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dimension ids crossing the proxy: world: terms (negated too), backend: terms, and action packets. */
class DimensionRoutingTest {
    @TempDir
    Path dir;

    private static final String BACKENDS = """
              survival:
                jdbc-url: "jdbc:sqlite:s.sqlite"
                ledger-version: "1.3.23"
              creative:
                jdbc-url: "jdbc:sqlite:c.sqlite"
                ledger-version: "1.2.10"
            """;

    private RouterFixture fixture(String extra) throws Exception {
        RouterFixture fixture = new RouterFixture(dir, BACKENDS, extra);
        fixture.grants.grantAll("survival");
        fixture.grants.grantAll("creative");
        return fixture;
    }

    private static String searchSent(RouteDecision decision) {
        RouteDecision.Rewrite rewrite = assertInstanceOf(RouteDecision.Rewrite.class, decision);
        return ((SearchC2S) PacketMap.c2s(LayoutGeneration.V3_1_3_5).decode("ledger:search", rewrite.payload())).input();
    }

    @Test
    void networkIdsOfTheCurrentBackendBecomeItsOwnIdsNegatedOrNot() throws Exception {
        RouterFixture fixture = fixture("");
        String sent = searchSent(fixture.fromPlayer("survival", LedgerChannel.SEARCH, LedgerProtocol.encode(
                new SearchC2S("world:survival:overworld world:!survival:mymod/sky action:block-break range:5", 1))));
        assertEquals("action:block-break world:minecraft:overworld world:!mymod:sky range:5", sent, "canonical order");
    }

    @Test
    void nativeIdsAndOtherTermsPassUnchanged() throws Exception {
        RouterFixture fixture = fixture("");
        byte[] bytes = LedgerProtocol.encode(new SearchC2S("world:minecraft:the_nether source:@fire range:5", 1));
        assertEquals(RouteDecision.FORWARD, fixture.fromPlayer("survival", LedgerChannel.SEARCH, bytes));
    }

    @Test
    void excludingAnotherBackendsWorldIsDroppedAndNamingItSearchesThatBackend() throws Exception {
        RouterFixture fixture = fixture("");
        assertEquals("action:block-break range:5", searchSent(fixture.fromPlayer("survival", LedgerChannel.SEARCH,
                LedgerProtocol.encode(new SearchC2S("world:!creative:overworld action:block-break range:5", 1)))));

        // Naming another server's world makes it a network search over that server, with its own ids.
        RouteDecision named = fixture.fromPlayer("survival", LedgerChannel.SEARCH,
                LedgerProtocol.encode(new SearchC2S("world:creative:overworld", 1)));
        RouteDecision.Fetch fetch = assertInstanceOf(RouteDecision.Fetch.class, named);
        NetworkRequest.Search search = (NetworkRequest.Search) fetch.request();
        assertEquals(java.util.Set.of("creative"), search.queries().keySet());
        assertEquals("world:minecraft:overworld", search.queries().get("creative").toLedgerString());
        fetch.permit().close();
        RouteDecision.Fetch all = assertInstanceOf(RouteDecision.Fetch.class, fixture.fromPlayer("survival",
                LedgerChannel.SEARCH, LedgerProtocol.encode(new SearchC2S("backend:* action:block-break", 1))));
        assertEquals(java.util.Set.of("survival", "creative"), ((NetworkRequest.Search) all.request()).queries().keySet());
        all.permit().close();
    }

    @Test
    void backendTermsNamingTheCurrentBackendAreTakenOut() throws Exception {
        RouterFixture fixture = fixture("");
        assertEquals("action:block-break range:5", searchSent(fixture.fromPlayer("survival", LedgerChannel.SEARCH,
                LedgerProtocol.encode(new SearchC2S("backend:survival action:block-break range:5", 1)))));
        RouteDecision.Refuse unknown = assertInstanceOf(RouteDecision.Refuse.class, fixture.fromPlayer("survival",
                LedgerChannel.SEARCH, LedgerProtocol.encode(new SearchC2S("backend:nowhere", 1))));
        assertThat(unknown.message()).get().asString().contains("Unknown server in backend:nowhere");
    }

    @Test
    void rollbacksArriveWithLocalIdsAndNeverOnAnotherBackend() throws Exception {
        RouterFixture fixture = fixture("");
        // creative runs Ledger 1.2.10: the packet is forwarded, with its dimension rewritten.
        RouteDecision.Rewrite rewrite = assertInstanceOf(RouteDecision.Rewrite.class, fixture.fromPlayer("creative",
                LedgerChannel.ROLLBACK, LedgerProtocol.encode(new RollbackC2S(true, "world:creative:the_end range:5 after:2h"))));
        assertEquals(new RollbackC2S(true, "world:minecraft:the_end range:5 after:2h"),
                PacketMap.c2s(LayoutGeneration.V2).decode("ledger:rollback", rewrite.payload()));
        // survival runs Ledger 1.3.23: the player's own command, with local ids.
        RouteDecision.RunCommand command = assertInstanceOf(RouteDecision.RunCommand.class, fixture.fromPlayer("survival",
                LedgerChannel.PURGE, LedgerProtocol.encode(new PurgeC2S("world:survival:overworld before:30d"))));
        assertEquals("/lg purge world:minecraft:overworld before:4w2d", command.commandLine());
        // A rollback that names another backend's world is refused, never sent anywhere.
        RouteDecision.Refuse refuse = assertInstanceOf(RouteDecision.Refuse.class, fixture.fromPlayer("survival",
                LedgerChannel.ROLLBACK, LedgerProtocol.encode(new RollbackC2S(false, "world:creative:overworld after:1h range:@global"))));
        assertThat(refuse.message()).get().asString().contains("runs only on the server you are on");
        // With range: (which needs the player's position) it is refused as well, for that reason.
        RouteDecision.Refuse ranged = assertInstanceOf(RouteDecision.Refuse.class, fixture.fromPlayer("survival",
                LedgerChannel.ROLLBACK, LedgerProtocol.encode(new RollbackC2S(false, "world:creative:overworld range:5"))));
        assertThat(ranged.message()).get().asString().contains("range: only works on the server you are on");
    }

    @Test
    void aRollbackThatChatCannotCarryIsRefused() throws Exception {
        RouterFixture fixture = fixture("");
        RouteDecision.Refuse refuse = assertInstanceOf(RouteDecision.Refuse.class, fixture.fromPlayer("survival",
                LedgerChannel.ROLLBACK, LedgerProtocol.encode(new RollbackC2S(false, "source:\u00a7cSteve range:5"))));
        // Minecraft kicks a player whose chat holds a section sign; the parser never lets one through.
        assertThat(refuse.message()).get().asString().contains("Invalid player name");
        RouteDecision.Refuse tooLong = assertInstanceOf(RouteDecision.Refuse.class, fixture.fromPlayer("survival",
                LedgerChannel.ROLLBACK, LedgerProtocol.encode(new RollbackC2S(false, "range:5" + java.util.stream.IntStream.range(0, 30)
                        .mapToObj(i -> " source:Steve" + i).collect(java.util.stream.Collectors.joining())))));
        assertThat(tooLong.message()).get().asString().contains("too long to run as a command");
    }

    @Test
    void actionsKeepNativeIdsForTheCurrentBackendOrShowNetworkIdsWhenConfigured() throws Exception {
        byte[] action = LedgerProtocol.encode(new ActionS2C(new BlockPos(1, 64, 1), "block-break",
                Identifier.parse("mymod:sky"), Identifier.parse("minecraft:stone"), Identifier.parse("minecraft:air"),
                "Alex", 1_700_000_000L, false, ""));
        assertEquals(RouteDecision.FORWARD, fixture("").fromBackend("survival", LedgerChannel.ACTION, action));

        RouterFixture namespaced = fixture("dimensions:\n  keep-current-backend-native: false\n");
        RouteDecision.Rewrite rewrite = assertInstanceOf(RouteDecision.Rewrite.class,
                namespaced.fromBackend("survival", LedgerChannel.ACTION, action));
        ActionS2C sent = (ActionS2C) LedgerProtocol.decodeS2C("ledger:action", rewrite.payload());
        assertEquals(Identifier.parse("survival:mymod/sky"), sent.world());
        assertEquals(Identifier.parse("minecraft:stone"), sent.oldObject(), "only the dimension changes");
    }
}
