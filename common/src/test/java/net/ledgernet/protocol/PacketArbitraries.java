package net.ledgernet.protocol;

import java.util.List;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.ledgernet.protocol.LedgerPacket.ActionS2C;
import net.ledgernet.protocol.LedgerPacket.HandshakeC2S;
import net.ledgernet.protocol.LedgerPacket.HandshakeS2C;
import net.ledgernet.protocol.LedgerPacket.InspectC2S;
import net.ledgernet.protocol.LedgerPacket.MisreadInspect;
import net.ledgernet.protocol.LedgerPacket.MisreadPurge;
import net.ledgernet.protocol.LedgerPacket.MisreadRollback;
import net.ledgernet.protocol.LedgerPacket.PlayerC2S;
import net.ledgernet.protocol.LedgerPacket.PlayerS2C;
import net.ledgernet.protocol.LedgerPacket.PurgeC2S;
import net.ledgernet.protocol.LedgerPacket.ResponseS2C;
import net.ledgernet.protocol.LedgerPacket.RollbackC2S;
import net.ledgernet.protocol.LedgerPacket.SearchC2S;

/** Arbitrary valid packets, shared by the properties and the fuzz corpus. */
final class PacketArbitraries {

    private PacketArbitraries() {
    }

    /** Well-formed strings mixing 1-, 2-, 3- and 4-byte UTF-8 (no unpaired surrogates). */
    static Arbitrary<String> text() {
        Arbitrary<Integer> codePoint = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.integers().between(0, 0x7F)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x80, 0x7FF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x800, 0xFFFF)
                        .filter(c -> c < 0xD800 || c > 0xDFFF)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0x10000, 0x10FFFF)));
        return codePoint.list().ofMaxSize(40).map(cps -> {
            StringBuilder sb = new StringBuilder();
            cps.forEach(sb::appendCodePoint);
            return sb.toString();
        });
    }

    static Arbitrary<Identifier> identifiers() {
        Arbitrary<String> namespace = Arbitraries.oneOf(Arbitraries.of("minecraft", "ledger"),
                Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_.-").ofMinLength(1).ofMaxLength(12));
        Arbitrary<String> path = Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789_.-/")
                .ofMaxLength(24);
        return Combinators.combine(namespace, path).as(Identifier::new);
    }

    static Arbitrary<BlockPos> positions() {
        Arbitrary<Integer> xz = Arbitraries.integers().between(BlockPos.MIN_XZ, BlockPos.MAX_XZ);
        Arbitrary<Integer> y = Arbitraries.integers().between(BlockPos.MIN_Y, BlockPos.MAX_Y);
        return Combinators.combine(xz, y, xz).as(BlockPos::new);
    }

    static Arbitrary<UUID> uuids() {
        return Combinators.combine(Arbitraries.longs(), Arbitraries.longs()).as(UUID::new);
    }

    static Arbitrary<HandshakeC2S> handshakesC2S() {
        Arbitrary<List<HandshakeC2S.Key>> order = Arbitraries.shuffle(HandshakeC2S.Key.values());
        return Combinators.combine(text(), text(), Arbitraries.integers(), Arbitraries.of(NbtRoot.class), order)
                .as(HandshakeC2S::new);
    }

    static Arbitrary<? extends LedgerPacket.C2S> documentedC2S() {
        return Arbitraries.oneOf(
                handshakesC2S(),
                Combinators.combine(positions(), Arbitraries.integers()).as(InspectC2S::new),
                Combinators.combine(text(), Arbitraries.integers()).as(SearchC2S::new),
                Combinators.combine(Arbitraries.of(true, false), text()).as(RollbackC2S::new),
                text().map(PurgeC2S::new),
                uuids().list().ofMaxSize(20).map(PlayerC2S::new));
    }

    static Arbitrary<? extends LedgerPacket.Misread> misreadC2S() {
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.of(true, false), text()).as(MisreadRollback::new),
                text().map(MisreadPurge::new),
                Combinators.combine(positions(), Arbitraries.integers()).as(MisreadInspect::new));
    }

    static Arbitrary<? extends LedgerPacket.S2C> s2c() {
        Arbitrary<ActionS2C> action = Combinators.combine(
                        positions(), text(), identifiers(), identifiers(), identifiers(), text(), Arbitraries.longs(),
                        Arbitraries.of(true, false))
                .flatAs((pos, type, world, oldObject, newObject, source, time, rolledBack) -> text().map(
                        extra -> new ActionS2C(pos, type, world, oldObject, newObject, source, time, rolledBack,
                                extra)));
        return Arbitraries.oneOf(
                Combinators.combine(Arbitraries.integers(), text(), text().list().ofMaxSize(30))
                        .as(HandshakeS2C::new),
                action,
                Combinators.combine(identifiers(), Arbitraries.integers()).as(ResponseS2C::new),
                Combinators.combine(uuids(), text(), Arbitraries.longs(), Arbitraries.longs(), positions(),
                        identifiers()).as(PlayerS2C::new));
    }

    /** Any valid packet, each paired with a map that decodes its layout. */
    static Arbitrary<? extends LedgerPacket> all() {
        return Arbitraries.oneOf(documentedC2S(), misreadC2S(), s2c());
    }

    static PacketMap<?> mapFor(LedgerPacket p) {
        if (p instanceof LedgerPacket.S2C) {
            return PacketMap.s2c();
        }
        return PacketMap.c2s(p instanceof LedgerPacket.Misread ? LayoutGeneration.V3_1_3_2 : LayoutGeneration.V2);
    }
}
