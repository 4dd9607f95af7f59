package net.ledgernet.search;

import java.util.Optional;

/**
 * The value rules shared by the parser (which reports a {@link SearchSyntaxException}) and the
 * value types' constructors (which throw {@link IllegalArgumentException}), so that every value a
 * {@link SearchQuery} can hold renders to a term the parser accepts again.
 *
 * <p>Each check returns the problem as text, or empty when the value is fine. All checks are ASCII
 * allow-lists: anything else (quotes, {@code ;}, {@code %}, {@code \}, NUL, any non-ASCII) is rejected,
 * so nothing downstream has to escape a value.
 */
final class Terms {
    static final String DEFAULT_NAMESPACE = "minecraft";
    /** Minecraft's own limit on player names; also the width of Ledger's {@code players.player_name}. */
    static final int MAX_PLAYER_NAME = 16;
    /** The proxy's server-name rule (config {@code backends}). */
    static final int MAX_BACKEND_NAME = 64;

    private Terms() {
    }

    /** Brigadier's unquoted word, which is what Ledger reads for {@code action:}. */
    static Optional<String> checkAction(String id) {
        if (id.isEmpty() || !all(id, Terms::isWordChar)) {
            return problem("Invalid action '" + display(id) + "': action ids use letters, digits and _ . + -");
        }
        return Optional.empty();
    }

    /** Java names are [A-Za-z0-9_]; . * - also occur (Floodgate prefixes, legacy accounts). */
    static Optional<String> checkPlayerName(String name) {
        if (name.isEmpty() || name.length() > MAX_PLAYER_NAME || !all(name, Terms::isPlayerChar)) {
            return problem("Invalid player name '" + display(name)
                    + "': 1 to 16 letters, digits or _ (also . * - for prefixed names); use @name for other sources");
        }
        return Optional.empty();
    }

    /** Ledger's source names: constants, entity-type paths, damage-type message ids (camelCase, dotted). */
    static Optional<String> checkSourceName(String name) {
        if (name.isEmpty() || !all(name, Terms::isSourceChar)) {
            return problem("Invalid source '@" + display(name) + "': source names use letters, digits and _ . - / :");
        }
        return Optional.empty();
    }

    static Optional<String> checkBackendName(String name) {
        if (name.isEmpty() || name.length() > MAX_BACKEND_NAME || !all(name, Terms::isBackendChar)) {
            return problem("Invalid backend name '" + display(name) + "': letters, digits and _ . -, at most 64, or *");
        }
        return Optional.empty();
    }

    /**
     * {@code namespace:path} or a bare path (namespace {@code minecraft}), as Minecraft's Identifier
     * parses it: an empty namespace is {@code minecraft} too ({@code :dirt}, which Ledger reads as
     * {@code minecraft:dirt}); an empty path is refused.
     *
     * @return the identifier with its namespace written out, or empty if it is not one
     */
    static Optional<String> normaliseIdentifier(String id) {
        int colon = id.indexOf(':');
        String namespace = colon <= 0 ? DEFAULT_NAMESPACE : id.substring(0, colon);
        String path = id.substring(colon + 1);
        if (path.isEmpty()
                || !all(namespace, c -> isIdentifierChar(c, false)) || !all(path, c -> isIdentifierChar(c, true))) {
            return Optional.empty();
        }
        return Optional.of(colon <= 0 ? DEFAULT_NAMESPACE + ":" + path : id);
    }

    static String identifierProblem(String what, String id) {
        return "Invalid " + what + " '" + display(id)
                + "': expected namespace:path in lower case (a-z 0-9 _ . -, and / in the path)";
    }

    /** Normalised identifier, or {@link IllegalArgumentException} for the value types' constructors. */
    static String requireIdentifier(String what, String id) {
        return normaliseIdentifier(id).orElseThrow(() -> new IllegalArgumentException(identifierProblem(what, id)));
    }

    static void require(Optional<String> problem) {
        if (problem.isPresent()) {
            throw new IllegalArgumentException(problem.get());
        }
    }

    /**
     * The text as it may be shown in chat or a log: printable ASCII as is, everything else as
     * {@code \}{@code uXXXX}, so that control, bidi and look-alike characters cannot disguise a term.
     */
    static String display(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '\\') {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static Optional<String> problem(String text) {
        return Optional.of(text);
    }

    private interface CharTest {
        boolean test(char c);
    }

    private static boolean all(String s, CharTest test) {
        for (int i = 0; i < s.length(); i++) {
            if (!test.test(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    private static boolean isWordChar(char c) {
        return isAlnum(c) || c == '_' || c == '-' || c == '.' || c == '+';
    }

    private static boolean isPlayerChar(char c) {
        return isAlnum(c) || c == '_' || c == '.' || c == '*' || c == '-';
    }

    private static boolean isSourceChar(char c) {
        return isAlnum(c) || c == '_' || c == '.' || c == '-' || c == '/' || c == ':';
    }

    private static boolean isBackendChar(char c) {
        return isAlnum(c) || c == '_' || c == '.' || c == '-';
    }

    private static boolean isIdentifierChar(char c, boolean path) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-'
                || (path && c == '/');
    }
}
