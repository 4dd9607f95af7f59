package net.ledgernet.protocol;

import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * One layout on one channel: reads the fields of a payload (the caller checks size and trailing bytes) and
 * writes them back. Reading throws only {@link LedgerDecodeException}; writing throws
 * {@link IllegalArgumentException} for values Minecraft would refuse to write.
 */
public final class PacketCodec<P extends LedgerPacket> {

    private final LedgerChannel channel;
    private final Class<P> type;
    private final Function<PayloadReader, P> reader;
    private final BiConsumer<P, PayloadWriter> writer;

    PacketCodec(LedgerChannel channel, Class<P> type, Function<PayloadReader, P> reader,
                BiConsumer<P, PayloadWriter> writer) {
        this.channel = Objects.requireNonNull(channel);
        this.type = Objects.requireNonNull(type);
        this.reader = Objects.requireNonNull(reader);
        this.writer = Objects.requireNonNull(writer);
    }

    public LedgerChannel channel() {
        return channel;
    }

    public Class<P> type() {
        return type;
    }

    /** Reads the fields; does not check for trailing bytes (see {@link PacketMap#decode}). */
    public P read(PayloadReader in) {
        return reader.apply(in);
    }

    public void write(P packet, PayloadWriter out) {
        writer.accept(packet, out);
    }

    @Override
    public String toString() {
        return channel.id() + " -> " + type.getSimpleName();
    }
}
