package net.ledgernet.protocol;

/**
 * A Minecraft identifier ({@code ResourceLocation}), validated exactly like Minecraft:
 * namespace {@code [a-z0-9_.-]+}, path {@code [a-z0-9_.\-/]*}.
 *
 * <p>Normalisation: like Minecraft, text without a colon (or with an empty namespace, {@code ":stone"})
 * means namespace {@code minecraft}, and the value is always written back as {@code namespace:path}.
 * Ledger writes {@code ResourceLocation.toString()}, which is always that full form, so everything Ledger
 * sends round-trips byte for byte; only a bare {@code stone} from elsewhere comes back as {@code minecraft:stone},
 * which is also what a vanilla peer would re-send.
 */
public record Identifier(String namespace, String path) {

    public static final String DEFAULT_NAMESPACE = "minecraft";

    public Identifier {
        // Minecraft accepts an empty namespace here but writes it as ":path", which reads back as minecraft:path;
        // refusing it keeps every Identifier's bytes round-trippable.
        if (namespace.isEmpty() || !validNamespace(namespace)) {
            throw new IllegalArgumentException("invalid identifier namespace: " + namespace);
        }
        if (!validPath(path)) {
            throw new IllegalArgumentException("invalid identifier path: " + path);
        }
    }

    /** Parses {@code namespace:path} or {@code path} the way Minecraft's {@code ResourceLocation.parse} does. */
    public static Identifier parse(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            return new Identifier(DEFAULT_NAMESPACE, text);
        }
        return new Identifier(colon == 0 ? DEFAULT_NAMESPACE : text.substring(0, colon), text.substring(colon + 1));
    }

    public static Identifier minecraft(String path) {
        return new Identifier(DEFAULT_NAMESPACE, path);
    }

    /** Character classes as in Minecraft's {@code ResourceLocation.validNamespaceChar / validPathChar}. */
    public static boolean isNamespaceChar(int c) {
        return c == '_' || c == '-' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.';
    }

    public static boolean isPathChar(int c) {
        return isNamespaceChar(c) || c == '/';
    }

    private static boolean validNamespace(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (!isNamespaceChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean validPath(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            if (!isPathChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Encoded length in bytes (identifiers are pure ASCII). */
    int encodedLength() {
        return namespace.length() + 1 + path.length();
    }

    @Override
    public String toString() {
        return namespace + ':' + path;
    }
}
