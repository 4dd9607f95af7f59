package net.ledgernet.storage;

/**
 * The order in which one backend's rows are read, newest first. Chosen per backend by the indexes its
 * database has, because Ledger only creates {@code actions_time} from 1.3.21 on (and adds it to an
 * existing database only with {@code updateSchema = true}): without it a time-ordered keyset read
 * sorts every match, while Ledger's own {@code id DESC} order is served by the primary key and by
 * every single-column index (they end in the row id).
 */
public enum PageOrder {
    /** {@code (time DESC, id DESC)}: exact time order; needs the {@code actions_time} index. */
    TIME,
    /**
     * {@code id DESC}: Ledger's own order (insertion order, which is queue order: close to, but not
     * exactly, time order). Used where there is no time index.
     */
    ID
}
