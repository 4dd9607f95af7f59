package net.ledgernet.storage;

import java.util.List;
import java.util.Objects;

/**
 * A piece of SQL with {@code ?} placeholders and the values to bind to them, in order. Values are
 * only ever Integer, Boolean, or a time as {@link TimeCodec#encode} makes it: nothing a client typed
 * is part of {@link #sql()}.
 */
public record SqlFragment(String sql, List<Object> parameters) {
    public SqlFragment {
        Objects.requireNonNull(sql, "sql");
        parameters = List.copyOf(parameters); // values are never null: NULL is written as IS NULL, not bound
    }
}
