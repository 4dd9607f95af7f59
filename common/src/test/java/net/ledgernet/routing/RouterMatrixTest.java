package net.ledgernet.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;
import net.ledgernet.protocol.BlockPos;
import net.ledgernet.protocol.Identifier;
import net.ledgernet.protocol.LayoutGeneration;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.protocol.LedgerDecodeException;
import net.ledgernet.protocol.LedgerPacket;
import net.ledgernet.protocol.LedgerPacket.ActionS2C;
import net.ledgernet.protocol.LedgerPacket.HandshakeC2S;
import net.ledgernet.protocol.LedgerPacket.HandshakeS2C;
import net.ledgernet.protocol.LedgerPacket.InspectC2S;
import net.ledgernet.protocol.LedgerPacket.PlayerC2S;
import net.ledgernet.protocol.LedgerPacket.PlayerS2C;
import net.ledgernet.protocol.LedgerPacket.PurgeC2S;
import net.ledgernet.protocol.LedgerPacket.ResponseS2C;
import net.ledgernet.protocol.LedgerPacket.RollbackC2S;
import net.ledgernet.protocol.LedgerPacket.SearchC2S;
import net.ledgernet.protocol.LedgerProtocol;
import net.ledgernet.protocol.Operation;
import net.ledgernet.protocol.PacketMap;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every channel × permission state × backend Ledger version × direction, with the expected
 * decision for each cell. Where bytes reach a backend, they are decoded the way that backend's
 * Ledger (every possible one, when the version is unknown) would decode them, and must mean what the
 * client asked for: in particular, no rollback or restore ever reaches a handler that purges.
 */
class RouterMatrixTest {
    @TempDir
    Path dir;

    /** Backend name -> its configured Ledger version (empty: learn it, i.e. unknown). */
    static final Map<String, Optional<String>> VERSIONS = Map.of(
            "v12", Optional.of("1.2.10"),
            "v130", Optional.of("1.3.1"),
            "v132", Optional.of("1.3.3"),
            "v135", Optional.of("1.3.23"),
            "unknown", Optional.empty());

    /** The generations a backend may really have: all three when its version is unknown. */
    static List<LayoutGeneration> possibleGenerations(String backend) {
        return switch (backend) {
            case "v12", "v130" -> List.of(LayoutGeneration.V2);
            case "v132" -> List.of(LayoutGeneration.V3_1_3_2);
            case "v135" -> List.of(LayoutGeneration.V3_1_3_5);
            default -> List.of(LayoutGeneration.values());
        };
    }

    enum Permission { ALL, NETWORKING_ONLY, NONE }

    enum Expect { FORWARD, REWRITE, PASS_ON, ANSWER, FETCH, REFUSE_NO_PERMISSION, REFUSE_ERROR, RUN_COMMAND, CONSUME, DROP }

    /** One client request per kind, as a client mod sends it (documented layouts). */
    record Request(String name, LedgerChannel channel, LedgerPacket packet, Operation intended) {
        byte[] bytes() {
            return LedgerProtocol.encode(packet);
        }
    }

    static final List<Request> CLIENT_REQUESTS = List.of(
            new Request("handshake", LedgerChannel.HANDSHAKE, new HandshakeC2S("watson", "1.0", 2), Operation.HANDSHAKE),
            new Request("inspect", LedgerChannel.INSPECT, new InspectC2S(new BlockPos(10, 64, -5), 50), Operation.INSPECT),
            new Request("search", LedgerChannel.SEARCH, new SearchC2S("action:block-break after:1d", 50), Operation.SEARCH),
            new Request("range search", LedgerChannel.SEARCH, new SearchC2S("action:block-break range:8", 50), Operation.SEARCH),
            new Request("empty search", LedgerChannel.SEARCH, new SearchC2S("", 1), Operation.SEARCH),
            new Request("rollback", LedgerChannel.ROLLBACK, new RollbackC2S(false, "source:Steve range:10 after:1h"),
                    Operation.ROLLBACK),
            new Request("restore", LedgerChannel.ROLLBACK, new RollbackC2S(true, "source:Steve range:10 after:1h"),
                    Operation.RESTORE),
            new Request("purge", LedgerChannel.PURGE, new PurgeC2S("before:90d"), Operation.PURGE),
            // Not specific enough for Ledger's own command, or empty once LedgerNet's terms are gone.
            new Request("empty rollback", LedgerChannel.ROLLBACK, new RollbackC2S(false, ""), Operation.ROLLBACK),
            new Request("emptied rollback", LedgerChannel.ROLLBACK, new RollbackC2S(false, "backend:!nowhere"), Operation.ROLLBACK),
            new Request("rollback without range", LedgerChannel.ROLLBACK, new RollbackC2S(false, "source:Steve after:1h"),
                    Operation.ROLLBACK),
            new Request("restore without source or time", LedgerChannel.ROLLBACK, new RollbackC2S(true, "range:5"),
                    Operation.RESTORE),
            new Request("empty purge", LedgerChannel.PURGE, new PurgeC2S(""), Operation.PURGE),
            new Request("emptied purge", LedgerChannel.PURGE, new PurgeC2S("backend:!nowhere"), Operation.PURGE),
            new Request("player", LedgerChannel.PLAYER, new PlayerC2S(List.of(UUID.fromString("8667ba71-b85a-4004-af54-457a9734eed7"))), Operation.PLAYER_LOOKUP));

    static final List<Request> BACKEND_MESSAGES = List.of(
            new Request("handshake", LedgerChannel.HANDSHAKE,
                    new HandshakeS2C(3, "1.3.23", List.of("block-break", "my-mod-action")), null),
            new Request("action", LedgerChannel.ACTION, new ActionS2C(new BlockPos(1, 2, 3), "block-break",
                    Identifier.parse("minecraft:overworld"), Identifier.parse("minecraft:stone"),
                    Identifier.parse("minecraft:air"), "Alex", 1_700_000_000L, false, ""), null),
            new Request("response", LedgerChannel.RESPONSE, new ResponseS2C(Identifier.parse("ledger:search"), 2), null),
            new Request("player", LedgerChannel.PLAYER, new PlayerS2C(UUID.fromString("8667ba71-b85a-4004-af54-457a9734eed7"), "Alex", 1, 2,
                    new BlockPos(0, 64, 0), Identifier.parse("minecraft:overworld")), null));

    static Expect expected(Request request, Permission permission, String backend, boolean fromPlayer) {
        boolean clientPacket = CLIENT_REQUESTS.contains(request);
        if (!fromPlayer) {
            if (!request.channel().serverToClient()) {
                return Expect.DROP; // a client channel from a backend, whatever the permissions
            }
            if (request.channel() == LedgerChannel.HANDSHAKE) {
                // A backend's handshake is learnt and not passed on; a client's handshake bytes are not one.
                return clientPacket ? Expect.DROP : Expect.CONSUME;
            }
            if (request.channel() == LedgerChannel.PLAYER) {
                return Expect.DROP; // only LedgerNet answers ledger:player: a backend sending one is not believed
            }
            // Every backend message is decoded within limits: client bytes on a backend channel are malformed.
            return clientPacket ? Expect.DROP : Expect.FORWARD; // actions (native ids kept), responses
        }
        if (!request.channel().clientToServer()) {
            return Expect.DROP;
        }
        if (!clientPacket) {
            // Backend packets sent by a client on a client channel do not decode as client packets.
            return request.channel() == LedgerChannel.HANDSHAKE ? Expect.DROP : Expect.REFUSE_ERROR;
        }
        if (permission == Permission.NONE) {
            return request.channel() == LedgerChannel.HANDSHAKE ? Expect.CONSUME : Expect.REFUSE_NO_PERMISSION;
        }
        if (request.channel() == LedgerChannel.HANDSHAKE) {
            return Expect.REWRITE; // answered by the proxy, replayed to the backend
        }
        if (permission == Permission.NETWORKING_ONLY) {
            return Expect.REFUSE_NO_PERMISSION;
        }
        List<LayoutGeneration> generations = possibleGenerations(backend);
        boolean known = generations.size() == 1;
        return switch (request.name()) {
            // Every backend here has a database: inspects are answered from it.
            case "inspect" -> Expect.FETCH;
            // Ledger streams every page of a forwarded search, so searches are answered from the databases.
            case "search", "empty search" -> Expect.FETCH;
            // range:N needs the player's position: passed on (pages 50 clamped to 5) only where Ledger
            // reads it as a search; Ledger 1.3.2-1.3.4 runs a search packet as a rollback.
            case "range search" -> known && generations.get(0) != LayoutGeneration.V3_1_3_2
                    ? Expect.REWRITE : Expect.REFUSE_ERROR;
            case "rollback", "restore", "purge" -> known && generations.get(0) == LayoutGeneration.V2
                    ? Expect.PASS_ON : Expect.RUN_COMMAND;
            case "empty rollback", "emptied rollback", "rollback without range", "restore without source or time",
                    "empty purge", "emptied purge" -> Expect.REFUSE_ERROR;
            case "player" -> Expect.FETCH; // no backend knows ledger:player; only the databases can answer
            default -> throw new AssertionError(request);
        };
    }

    @TestFactory
    Stream<DynamicTest> everyCell() throws Exception {
        StringBuilder backends = new StringBuilder();
        VERSIONS.forEach((name, version) -> backends.append("  ").append(name).append(":\n    jdbc-url: \"jdbc:sqlite:")
                .append(name).append(".sqlite\"\n    ledger-version: \"").append(version.orElse("auto")).append("\"\n"));
        List<DynamicTest> cells = new ArrayList<>();
        for (Permission permission : Permission.values()) {
            for (String backend : VERSIONS.keySet()) {
                for (boolean fromPlayer : new boolean[] {true, false}) {
                    List<Request> requests = new ArrayList<>(CLIENT_REQUESTS);
                    requests.addAll(BACKEND_MESSAGES);
                    for (Request request : requests) {
                        String name = (fromPlayer ? "player sends " : "backend sends ") + request.name() + " ("
                                + request.channel().id() + ") to/from " + backend + ", permissions " + permission;
                        cells.add(DynamicTest.dynamicTest(name, () -> {
                            RouterFixture fixture = new RouterFixture(dir, backends.toString(), "");
                            if (permission == Permission.ALL) {
                                fixture.grants.grantAll(backend);
                            } else if (permission == Permission.NETWORKING_ONLY) {
                                fixture.grants.grant(backend, "ledger.networking");
                            }
                            // Messages of the wrong direction are still sent as their bytes.
                            byte[] bytes = request.bytes();
                            RouteDecision decision = fromPlayer
                                    ? fixture.fromPlayer(backend, request.channel(), bytes)
                                    : fixture.fromBackend(backend, request.channel(), bytes);
                            check(expected(request, permission, backend, fromPlayer), decision, request, backend,
                                    fromPlayer, bytes);
                        }));
                    }
                }
            }
        }
        return cells.stream();
    }

    private static void check(Expect expect, RouteDecision decision, Request request, String backend,
                              boolean fromPlayer, byte[] original) {
        // The safety property first, independent of the expected decision for the cell.
        if (fromPlayer && CLIENT_REQUESTS.contains(request)) {
            reachesTheBackendAsIntended(decision, request, backend, original);
        }
        switch (expect) {
            case FORWARD -> assertEquals(RouteDecision.FORWARD, decision);
            case REWRITE -> assertInstanceOf(RouteDecision.Rewrite.class, decision);
            case PASS_ON -> assertThat(decision).isInstanceOfAny(RouteDecision.Forward.class, RouteDecision.Rewrite.class);
            case ANSWER -> assertInstanceOf(RouteDecision.Answer.class, decision);
            case FETCH -> {
                RouteDecision.Fetch fetch = assertInstanceOf(RouteDecision.Fetch.class, decision);
                assertEquals(request.channel(), fetch.responseType(), "answered on the channel the client used");
                fetch.permit().close();
            }
            case CONSUME -> assertInstanceOf(RouteDecision.Consume.class, decision);
            case DROP -> assertInstanceOf(RouteDecision.Drop.class, decision);
            case RUN_COMMAND -> assertInstanceOf(RouteDecision.RunCommand.class, decision);
            case REFUSE_NO_PERMISSION, REFUSE_ERROR -> {
                RouteDecision.Refuse refuse = assertInstanceOf(RouteDecision.Refuse.class, decision);
                assertEquals(expect == Expect.REFUSE_NO_PERMISSION ? ResponseS2C.NO_PERMISSION : ResponseS2C.ERROR,
                        refuse.response().code());
                assertEquals("ledger:" + request.channel().path(), refuse.response().packetType().toString(),
                        "a refusal answers on the channel the client used");
            }
        }
    }

    /** The property this whole issue is about: what reaches a backend does there what the client asked for. */
    private static void reachesTheBackendAsIntended(RouteDecision decision, Request request, String backend,
                                                    byte[] original) {
        byte[] sent = decision instanceof RouteDecision.Forward ? original
                : decision instanceof RouteDecision.Rewrite rewrite ? rewrite.payload() : null;
        if (sent != null && request.intended() != Operation.HANDSHAKE) {
            for (LayoutGeneration generation : possibleGenerations(backend)) {
                LedgerPacket.C2S decoded;
                try {
                    decoded = PacketMap.c2s(generation).decode(request.channel().id(), sent);
                } catch (LedgerDecodeException e) {
                    throw new AssertionError(backend + " (" + generation + ") could not decode what it was sent", e);
                }
                assertEquals(request.intended(), decoded.operation(),
                        backend + " (" + generation + ") would run " + decoded + " for a " + request.name());
                String input = decoded instanceof RollbackC2S rollback ? rollback.input()
                        : decoded instanceof PurgeC2S purge ? purge.input() : null;
                if (input != null) {
                    assertThat(parse(input)).as("a destructive request that reaches a backend is never empty: '" + input + "'")
                            .isNotEqualTo(net.ledgernet.search.SearchQuery.ALL);
                }
            }
        }
        if (decision instanceof RouteDecision.RunCommand command) {
            String verb = switch (request.intended()) {
                case ROLLBACK -> "rollback";
                case RESTORE -> "restore";
                case PURGE -> "purge";
                default -> throw new AssertionError("only rollback, restore and purge become commands");
            };
            assertThat(command.commandLine()).startsWith("/lg " + verb + " ");
        }
        if (decision instanceof RouteDecision.Rewrite rewrite) {
            assertEquals(request.channel(), rewrite.channel(), "a rewrite stays on the channel the client used");
        }
    }

    private static net.ledgernet.search.SearchQuery parse(String input) {
        try {
            return net.ledgernet.search.SearchParser.parse(input, net.ledgernet.search.SearchLimits.DEFAULTS);
        } catch (net.ledgernet.search.SearchSyntaxException e) {
            throw new AssertionError("a backend was sent a string LedgerNet cannot parse: '" + input + "'", e);
        }
    }
}
