package net.ledgernet.storage;

import java.util.Arrays;

/**
 * Ledger's {@code players.player_name} has no index on any dialect (ledger.md §2.2), and MariaDB's
 * case-insensitive collation would only make {@code player_name = ?} correct, not cheap: a name
 * lookup in SQL reads the whole table (about 0.1 s per name with 400k players). LedgerNet keeps its
 * own index instead: for each row, the 32-bit hash of the lower-case name next to the row id, sorted,
 * 8 bytes a player (4 MB for 500k). A lookup gives candidate ids in memory; the rows themselves are
 * then read by primary key, which every dialect indexes, and compared by name, so a hash collision or
 * a name changed since the index was built costs nothing but a discarded row.
 *
 * <p>Immutable; {@link Builder} makes one from rows read in id order.
 */
final class PlayerNameIndex {
    static final PlayerNameIndex EMPTY = new PlayerNameIndex(new long[0], 0);

    /** {@code (hash << 32) | id}, ascending: ids are positive ints, so all ids of one hash are contiguous. */
    private final long[] keys;
    private final int maxId;

    private PlayerNameIndex(long[] keys, int maxId) {
        this.keys = keys;
        this.maxId = maxId;
    }

    static int hash(String lowerCaseName) {
        return lowerCaseName.hashCode();
    }

    static long key(String lowerCaseName, int id) {
        return ((long) hash(lowerCaseName) << 32) | (id & 0xFFFFFFFFL);
    }

    /** The largest row id indexed (0 when empty). */
    int maxId() {
        return maxId;
    }

    int size() {
        return keys.length;
    }

    /** Ids of rows whose name may be {@code lowerCaseName}, at most {@code limit} of them, ascending. */
    int[] candidates(String lowerCaseName, int limit) {
        long first = (long) hash(lowerCaseName) << 32;
        int at = Arrays.binarySearch(keys, first);
        if (at < 0) {
            at = -at - 1;
        }
        int end = at;
        while (end < keys.length && (keys[end] >> 32) == (first >> 32) && end - at < limit) {
            end++;
        }
        int[] ids = new int[end - at];
        for (int i = at; i < end; i++) {
            ids[i - at] = (int) keys[i];
        }
        return ids;
    }

    /** This index with {@code more} (built from rows with ids above this one's) added. */
    PlayerNameIndex plus(PlayerNameIndex more) {
        if (more.keys.length == 0) {
            return this;
        }
        long[] merged = new long[keys.length + more.keys.length];
        int i = 0;
        int j = 0;
        int k = 0;
        while (i < keys.length && j < more.keys.length) {
            merged[k++] = keys[i] <= more.keys[j] ? keys[i++] : more.keys[j++];
        }
        while (i < keys.length) {
            merged[k++] = keys[i++];
        }
        while (j < more.keys.length) {
            merged[k++] = more.keys[j++];
        }
        return new PlayerNameIndex(merged, Math.max(maxId, more.maxId));
    }

    /** This index without the rows at or below {@code id} (they are in a newer full index). */
    PlayerNameIndex above(int id) {
        if (maxId <= id) {
            return EMPTY;
        }
        return new PlayerNameIndex(Arrays.stream(keys).filter(k -> (int) k > id).toArray(), maxId);
    }

    /** Collects rows (in any order) into an index. */
    static final class Builder {
        private long[] keys = new long[1024];
        private int size;
        private int maxId;

        void add(int id, String name) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, keys.length * 2);
            }
            keys[size++] = key(name.toLowerCase(java.util.Locale.ROOT), id);
            maxId = Math.max(maxId, id);
        }

        void addAll(Builder other) {
            if (size + other.size > keys.length) {
                keys = Arrays.copyOf(keys, Math.max(keys.length * 2, size + other.size));
            }
            System.arraycopy(other.keys, 0, keys, size, other.size);
            size += other.size;
            maxId = Math.max(maxId, other.maxId);
        }

        int maxId() {
            return maxId;
        }

        int size() {
            return size;
        }

        PlayerNameIndex build() {
            long[] sorted = Arrays.copyOf(keys, size);
            Arrays.sort(sorted);
            return new PlayerNameIndex(sorted, maxId);
        }
    }
}
