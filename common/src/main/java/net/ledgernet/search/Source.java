package net.ledgernet.search;

import java.util.Locale;

/**
 * A {@code source:} value. Ledger resolves the two kinds against different columns: a player name
 * through the {@code players} table to {@code actions.player_id}, an {@code @}-source through the
 * {@code sources} table to {@code actions.source}.
 */
public sealed interface Source extends Comparable<Source> permits Source.Player, Source.Named {

    /** The value as written after {@code source:} (without negation). */
    String term();

    /** What orders and identifies the value: {@link #term()}, but a player's name in lower case. */
    default String sortKey() {
        return term();
    }

    @Override
    default int compareTo(Source other) {
        return sortKey().compareTo(other.sortKey());
    }

    static Source player(String name) {
        return new Player(name);
    }

    static Source named(String name) {
        return new Named(name);
    }

    /**
     * A player, by name. Minecraft names are case-insensitive, so two spellings are one player
     * ({@link #name()} is the lower-cased name, and equality, order and storage use it: storage
     * compares {@code LOWER(player_name) = ?}). The name is rendered as written, though: Ledger
     * 1.2.x compares the name string itself, case-sensitively on SQLite and H2, and staff see their
     * own spelling in the command LedgerNet runs for them.
     */
    final class Player implements Source {
        private final String name;
        private final String written;

        public Player(String written) {
            Terms.require(Terms.checkPlayerName(written));
            this.written = written;
            this.name = written.toLowerCase(Locale.ROOT);
        }

        /** The name in lower case: what identifies the player. */
        public String name() {
            return name;
        }

        @Override
        public String term() {
            return written;
        }

        @Override
        public String sortKey() {
            return name;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Player player && player.name.equals(name);
        }

        @Override
        public int hashCode() {
            return name.hashCode();
        }

        @Override
        public String toString() {
            return "Player[" + written + "]";
        }
    }

    /**
     * A non-player source ({@code @fire}, {@code @creeper}, {@code @lava}), without the {@code @}.
     * Case is kept: Ledger stores damage-type ids such as {@code inFire} as they are.
     */
    record Named(String name) implements Source {
        public Named {
            Terms.require(Terms.checkSourceName(name));
        }

        @Override
        public String term() {
            return "@" + name;
        }
    }
}
