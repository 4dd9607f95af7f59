package net.ledgernet.protocol;

import java.util.HexFormat;

/** Hex vectors as written in ledger.md: spaces and '|' field separators are ignored. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String hex) {
        return HexFormat.of().parseHex(hex.replaceAll("[\\s|]", ""));
    }

    static String of(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }
}
