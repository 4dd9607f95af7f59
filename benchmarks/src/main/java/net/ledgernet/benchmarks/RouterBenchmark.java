package net.ledgernet.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import net.ledgernet.config.ConfigFile;
import net.ledgernet.config.InvalidConfigException;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.config.Limits;
import net.ledgernet.permission.PermissionPolicy;
import net.ledgernet.protocol.BlockPos;
import net.ledgernet.protocol.Identifier;
import net.ledgernet.protocol.LedgerChannel;
import net.ledgernet.protocol.LedgerPacket;
import net.ledgernet.protocol.LedgerProtocol;
import net.ledgernet.routing.LedgerRouter;
import net.ledgernet.routing.MessageOrigin;
import net.ledgernet.routing.PlayerLink;
import net.ledgernet.routing.PlayerRef;
import net.ledgernet.routing.RequestLimiter;
import net.ledgernet.routing.RouteDecision;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time the router spends deciding on one message, rewrite included: an S2C {@code ledger:action}
 * whose dimension becomes a network id, and a C2S {@code ledger:search} whose network world id
 * becomes the backend's own, with its page count clamped. Permissions answer from a set (as the
 * LuckPerms cache does once warm) and the rate limit never bites, so what is measured is the
 * router itself.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar RouterBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RouterBenchmark {
    private LedgerRouter router;
    /** The default configuration: the player's own backend keeps native ids, so actions are checked, not rewritten. */
    private LedgerRouter nativeRouter;
    private byte[] response;
    private PlayerLink link;
    private byte[] action;
    private byte[] search;
    private final Optional<String> survival = Optional.of("survival");

    @Setup
    public void setUp() throws IOException, InvalidConfigException {
        Path dir = Files.createTempDirectory("ledgernet-bench");
        Files.writeString(dir.resolve("config.yml"), """
                config-version: 1
                backends:
                  survival:
                    jdbc-url: "jdbc:sqlite:survival.sqlite"
                    ledger-version: "1.3.23"
                  creative:
                    jdbc-url: "jdbc:sqlite:creative.sqlite"
                    ledger-version: "1.3.23"
                dimensions:
                  keep-current-backend-native: false
                """);
        LedgerNetConfig config = new ConfigFile(dir).load();
        Limits unlimited = new Limits(5, 8, 1e12, Integer.MAX_VALUE, Integer.MAX_VALUE, 8, 32767, Duration.ofSeconds(3));
        router = new LedgerRouter(config, new GrantAll(), new RequestLimiter(unlimited, System::nanoTime));
        Files.writeString(dir.resolve("config.yml"), Files.readString(dir.resolve("config.yml"))
                .replace("keep-current-backend-native: false", "keep-current-backend-native: true"));
        nativeRouter = new LedgerRouter(new ConfigFile(dir).load(), new GrantAll(),
                new RequestLimiter(unlimited, System::nanoTime));
        response = LedgerProtocol.encode(new LedgerPacket.ResponseS2C(Identifier.parse("ledger:search"), 2));
        link = new BenchLink(new PlayerRef(UUID.randomUUID(), "Alex"));
        action = LedgerProtocol.encode(new LedgerPacket.ActionS2C(new BlockPos(120, 64, -340), "block-break",
                Identifier.parse("minecraft:overworld"), Identifier.parse("minecraft:stone"),
                Identifier.parse("minecraft:air"), "Steve", 1_763_683_200L, false, ""));
        search = LedgerProtocol.encode(new LedgerPacket.SearchC2S(
                "action:block-break source:Steve world:survival:overworld before:1d range:8", 20));
    }

    @Benchmark
    public RouteDecision actionFromBackend() {
        return router.route(MessageOrigin.BACKEND, link, survival, LedgerChannel.ACTION, action);
    }

    /** The forward path every backend action takes by default: decoded within limits, then passed on. */
    @Benchmark
    public RouteDecision actionFromBackendForwarded() {
        return nativeRouter.route(MessageOrigin.BACKEND, link, survival, LedgerChannel.ACTION, action);
    }

    @Benchmark
    public RouteDecision responseFromBackend() {
        return nativeRouter.route(MessageOrigin.BACKEND, link, survival, LedgerChannel.RESPONSE, response);
    }

    @Benchmark
    public RouteDecision searchFromClient() {
        return router.route(MessageOrigin.PLAYER, link, survival, LedgerChannel.SEARCH, search);
    }

    private static final class GrantAll implements PermissionPolicy {
        @Override
        public boolean has(UUID player, String backend, String node) {
            return true;
        }

        @Override
        public boolean hasOnProxy(UUID player, String node) {
            return true;
        }

        @Override
        public void forget(UUID player) {
        }

        @Override
        public String describe() {
            return "all granted";
        }

        @Override
        public void close() {
        }
    }

    private record BenchLink(PlayerRef player) implements PlayerLink {
        @Override
        public Optional<String> currentBackend() {
            return Optional.of("survival");
        }

        @Override
        public void sendToClient(LedgerChannel channel, byte[] payload) {
        }

        @Override
        public boolean sendToBackend(LedgerChannel channel, byte[] payload) {
            return true;
        }

        @Override
        public boolean canRunCommands() {
            return true;
        }

        @Override
        public void runCommand(String commandLine) {
        }

        @Override
        public void suggestCommand(String message, String commandLine) {
        }

        @Override
        public void tell(String message) {
        }
    }
}
