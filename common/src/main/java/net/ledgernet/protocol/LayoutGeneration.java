package net.ledgernet.protocol;

import java.util.Optional;

/**
 * Which C2S layouts a Ledger backend really decodes (ledger.md 1.4, 1.5). S2C layouts are the same in all.
 * The protocol number alone does not tell these apart: 1.3.0 to 1.3.23 all say 3.
 */
public enum LayoutGeneration {
    /** Ledger 1.2.0 to 1.3.1 and the 1.20.1 backport (1.3.18-backport, protocol 2): the documented layouts. */
    V2,
    /**
     * Ledger 1.3.2 to 1.3.4: {@code search} reads boolean + String and rolls back/restores, {@code rollback}
     * reads a String and purges, {@code purge} reads BlockPos + int and inspects.
     */
    V3_1_3_2,
    /**
     * Ledger 1.3.5 and later: {@code search} decodes as documented again (but an empty input now matches
     * everything instead of answering code 3); {@code rollback} still purges, {@code purge} still inspects.
     */
    V3_1_3_5;

    /**
     * The generation of a backend from its S2C handshake. Protocol 2 is always {@link #V2} (including the
     * backport, whose version string reads 1.3.18); protocol 3 is split by the Ledger version string.
     */
    public static Optional<LayoutGeneration> forBackend(int protocolVersion, String ledgerVersion) {
        if (protocolVersion == 2) {
            return Optional.of(V2);
        }
        if (protocolVersion != 3) {
            return Optional.empty();
        }
        int[] v = new int[3];
        int part = 0;
        int i = 0;
        int n = ledgerVersion.length();
        while (part < 3) {
            int start = i;
            while (i < n && ledgerVersion.charAt(i) >= '0' && ledgerVersion.charAt(i) <= '9' && i - start < 6) {
                v[part] = v[part] * 10 + ledgerVersion.charAt(i++) - '0';
            }
            if (i == start) {
                return Optional.empty();
            }
            part++;
            if (part < 3) {
                if (i >= n || ledgerVersion.charAt(i) != '.') {
                    return Optional.empty();
                }
                i++;
            }
        }
        if (v[0] != 1 || v[1] < 3) {
            return v[0] > 1 ? Optional.of(V3_1_3_5) : v[0] == 1 ? Optional.of(V2) : Optional.empty();
        }
        if (v[1] > 3 || v[2] >= 5) {
            return Optional.of(V3_1_3_5);
        }
        return Optional.of(v[2] >= 2 ? V3_1_3_2 : V2);
    }
}
