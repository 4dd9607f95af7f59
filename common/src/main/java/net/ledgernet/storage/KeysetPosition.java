package net.ledgernet.storage;

import java.util.Objects;

/**
 * A place in one backend's newest-first order: the {@code (time, id)} of the last row already
 * returned. {@code storedTime} is the column value as stored ({@link TimeCodec#readStored}), so the
 * next query compares against exactly what the database holds.
 */
public record KeysetPosition(String storedTime, long id) {
    public KeysetPosition {
        Objects.requireNonNull(storedTime, "storedTime");
    }
}
