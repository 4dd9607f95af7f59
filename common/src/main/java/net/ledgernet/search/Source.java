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

    @Override
    default int compareTo(Source other) {
        return term().compareTo(other.term());
    }

    static Source player(String name) {
        return new Player(name);
    }

    static Source named(String name) {
        return new Named(name);
    }

    /**
     * A player, by name. Minecraft names are case-insensitive, so the name is kept in lower case;
     * storage must compare it case-insensitively ({@code LOWER(player_name) = ?}), and Ledger's own
     * name cache does the same when the rendered string is forwarded.
     */
    record Player(String name) implements Source {
        public Player {
            Terms.require(Terms.checkPlayerName(name));
            name = name.toLowerCase(Locale.ROOT);
        }

        @Override
        public String term() {
            return name;
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
