package net.ledgernet.storage;

import java.util.Objects;

/**
 * A place in one backend's newest-first stream: the {@code (time, id)} of the last row already
 * returned, and the order the stream is read in. {@code storedTime} is the column value as stored
 * ({@link TimeCodec#readStored}), so the next query compares against exactly what the database holds.
 * In {@link PageOrder#ID} order only {@code id} bounds the next page; the time still serves the merge.
 */
public record KeysetPosition(String storedTime, long id, PageOrder order) {
    public KeysetPosition {
        Objects.requireNonNull(storedTime, "storedTime");
        Objects.requireNonNull(order, "order");
    }

    /** A position in {@link PageOrder#TIME} order. */
    public KeysetPosition(String storedTime, long id) {
        this(storedTime, id, PageOrder.TIME);
    }
}
