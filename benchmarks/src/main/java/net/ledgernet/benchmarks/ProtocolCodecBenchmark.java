package net.ledgernet.benchmarks;

import java.util.concurrent.TimeUnit;
import net.ledgernet.protocol.BlockPos;
import net.ledgernet.protocol.DecodeLimits;
import net.ledgernet.protocol.Identifier;
import net.ledgernet.protocol.LayoutGeneration;
import net.ledgernet.protocol.LedgerPacket;
import net.ledgernet.protocol.LedgerProtocol;
import net.ledgernet.protocol.PacketMap;
import net.ledgernet.protocol.PayloadReader;
import net.ledgernet.protocol.PayloadWriter;
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
 * What the proxy does per Ledger packet on the hot path: decode the payload, change it, encode it again into a
 * fresh byte[] (the plugin message it forwards). The reader and writer are per-connection and reused.
 *
 * <p>Run: {@code java -jar benchmarks/target/benchmarks.jar ProtocolCodecBenchmark -prof gc}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ProtocolCodecBenchmark {

    private static final PacketMap<LedgerPacket.S2C> S2C = PacketMap.s2c();
    private static final PacketMap<LedgerPacket.C2S> C2S = PacketMap.c2s(LayoutGeneration.V3_1_3_5);

    private final PayloadReader reader = new PayloadReader();
    private final PayloadWriter writer = new PayloadWriter(256);
    private final Identifier backendWorld = new Identifier("survival", "overworld");
    private byte[] action;
    private byte[] search;

    @Setup
    public void setup() {
        // A block break by a player, as Ledger sends it: 86 bytes (85 after the rewrite).
        action = LedgerProtocol.encode(new LedgerPacket.ActionS2C(new BlockPos(1234, 64, -5678), "block-break",
                Identifier.minecraft("overworld"), Identifier.minecraft("stone"), Identifier.minecraft("air"),
                "Steve", 1_700_000_000L, false, ""));
        // A Watson search: 55 bytes.
        search = LedgerProtocol.encode(new LedgerPacket.SearchC2S(
                "action:block-break source:Steve range:10 before:1d", 1));
    }

    /** (a) A ledger:action from a backend, shown in that backend's dimension namespace. */
    @Benchmark
    public byte[] actionWithDimensionChanged() {
        reader.reset(action, 0, action.length, DecodeLimits.MINECRAFT);
        LedgerPacket.ActionS2C decoded = (LedgerPacket.ActionS2C) S2C.decode("ledger:action", reader);
        writer.reset();
        LedgerProtocol.encode(decoded.withWorld(backendWorld), writer);
        return writer.toByteArray();
    }

    /** (b) A ledger:search from a client, decoded as a 1.3.5+ backend reads it, and forwarded. */
    @Benchmark
    public byte[] search() {
        reader.reset(search, 0, search.length, DecodeLimits.MINECRAFT);
        LedgerPacket.C2S decoded = C2S.decode("ledger:search", reader);
        writer.reset();
        LedgerProtocol.encode(decoded, writer);
        return writer.toByteArray();
    }
}
