package net.ledgernet.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import net.jqwik.api.Example;
import net.jqwik.api.RandomGenerator;
import net.jqwik.api.Tag;

/**
 * The long fuzz run ({@code mvn -P fuzz -pl common test}): for every C2S channel of every layout generation,
 * and every S2C channel, 1,000,000 payloads (40% random bytes, 60% mutated valid payloads of every layout that
 * channel has in any generation). Anything but a packet or a {@link LedgerDecodeException} fails the run.
 */
@Tag("fuzz")
class ProtocolFuzzTest {

    private static final int PER_CHANNEL = 1_000_000;

    /** A jqwik example (not a JUnit test) so that the packet generators can be driven by the run's seed. */
    @Example
    void everyChannelSurvivesAMillionHostilePayloads() {
        long started = System.nanoTime();
        long seed = Long.getLong("fuzz.seed", 20261121L);
        Map<LedgerChannel, List<byte[]>> corpus = corpusByChannel(new Random(seed));
        List<String> failures = new ArrayList<>();
        long total = 0;
        long decoded = 0;
        EnumMap<LedgerDecodeException.Reason, Long> reasons = new EnumMap<>(LedgerDecodeException.Reason.class);
        List<PacketMap<?>> maps = new ArrayList<>();
        for (LayoutGeneration g : LayoutGeneration.values()) {
            maps.add(PacketMap.c2s(g));
        }
        maps.add(PacketMap.s2c());
        for (PacketMap<?> map : maps) {
            for (PacketCodec<?> codec : map.codecs().values()) {
                String channel = codec.channel().id();
                String name = map.direction() + " " + map.generation().map(Enum::name).orElse("all") + " " + channel;
                Random r = new Random(seed ^ name.hashCode());
                List<byte[]> seeds = corpus.get(codec.channel());
                long ok = 0;
                for (int i = 0; i < PER_CHANNEL; i++) {
                    byte[] payload;
                    int kind = r.nextInt(100);
                    if (kind < 40) {
                        payload = Mutator.random(r, kind == 0 ? 40_000 : 96);
                    } else {
                        payload = Mutator.mutate(seeds.get(r.nextInt(seeds.size())), r);
                    }
                    try {
                        ProtocolPropertiesTest.decodeOrTypedError(map, channel, payload);
                        // decodeOrTypedError swallows the typed error; count outcomes separately.
                        map.decode(channel, payload);
                        ok++;
                    } catch (LedgerDecodeException e) {
                        reasons.merge(e.reason(), 1L, Long::sum);
                    } catch (Throwable t) {
                        if (failures.size() < 20) {
                            failures.add(map.direction() + " " + map.generation().map(Enum::name).orElse("")
                                    + " " + channel + " " + Hex.of(payload) + " -> " + t);
                        }
                    }
                }
                total += PER_CHANNEL;
                decoded += ok;
                System.out.printf("fuzz %-4s %-9s %-17s %,d payloads, %,d decoded, %,d rejected%n",
                        map.direction(), map.generation().map(Enum::name).orElse("all"), channel, PER_CHANNEL, ok,
                        PER_CHANNEL - ok);
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("fuzz total: %,d payloads (%,d decoded, %,d typed rejections), %d unexpected, %.1f s, seed %d%n",
                total, decoded, total - decoded, failures.size(), seconds, seed);
        System.out.println("fuzz rejections by reason: " + reasons.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", ")));
        failures.forEach(System.out::println);
        assertEquals(List.of(), failures);
    }

    /** Valid payloads of every layout each channel carries in any generation, plus edge payloads. */
    private static Map<LedgerChannel, List<byte[]>> corpusByChannel(Random random) {
        Map<LedgerChannel, List<byte[]>> corpus = new EnumMap<>(LedgerChannel.class);
        for (LedgerChannel channel : LedgerChannel.values()) {
            corpus.put(channel, new ArrayList<>());
        }
        // Generated from the run's seed, so a run is reproducible from the seed it prints.
        RandomGenerator<? extends LedgerPacket> packets = PacketArbitraries.all().generator(1000);
        for (int i = 0; i < 20_000; i++) {
            LedgerPacket p = packets.next(random).value();
            corpus.get(p.channel()).add(LedgerProtocol.encode(p));
        }
        // The spec's worked examples and hostile shapes the generators rarely hit.
        Map<LedgerChannel, String[]> extra = Map.of(
                LedgerChannel.HANDSHAKE, new String[] {
                        "0a 0000 08 0005 6d6f646964 0006 776174736f6e 08 0007 76657273696f6e 0003 312e30 "
                                + "03 0010 70726f746f636f6c5f76657273696f6e 00000003 00",
                        "0a 09 0001 61 0a 00000002 0a 0001 62 09 0001 63 03 00000001 00000005 00 00 00 00",
                        "0a 0b 0001 61 00000002 0000000100000002 0c 0001 62 00000001 0000000000000007 00",
                        "00"},
                LedgerChannel.PURGE, new String[] {"0b 6265666f72653a31303064"},
                LedgerChannel.ROLLBACK, new String[] {"01 00"});
        extra.forEach((channel, hexes) -> {
            for (String hex : hexes) {
                corpus.get(channel).add(Hex.bytes(hex));
            }
        });
        return corpus;
    }
}
