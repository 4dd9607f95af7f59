package net.ledgernet.search;

/**
 * A {@code range:} value. {@code SearchQuery.range()} is empty when the search has none, which
 * Ledger treats like {@code @global} for searches but refuses for rollback and restore.
 */
public sealed interface Range permits Range.Radius, Range.Global {
    Global GLOBAL = new Global();

    /** The value as written after {@code range:}. */
    String term();

    static Range radius(int blocks) {
        return new Radius(blocks);
    }

    /**
     * A cube around the searching player's block position, {@code blocks - 1} each way, which Ledger
     * also limits to the player's current dimension. Needs the player's position: see the package
     * documentation for where LedgerNet can answer it.
     */
    record Radius(int blocks) implements Range {
        public Radius {
            if (blocks < 1) {
                throw new IllegalArgumentException("range must be at least 1, got " + blocks);
            }
        }

        @Override
        public String term() {
            return Integer.toString(blocks);
        }
    }

    /** {@code @global}: no coordinate filter; the confirmation Ledger wants for large rollbacks. */
    record Global() implements Range {
        @Override
        public String term() {
            return "@global";
        }
    }
}
