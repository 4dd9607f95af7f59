package net.ledgernet.routing;

import java.util.List;
import java.util.Optional;
import net.ledgernet.protocol.LayoutGeneration;

/**
 * What LedgerNet knows of one backend's Ledger: from config.yml, or learnt from the S2C handshake
 * the backend sent. The layout generation decides which client packets it decodes as sent.
 *
 * @param configuredVersion the ledger-version from config.yml, which wins over what is learnt
 */
public record BackendState(
        String backend,
        Optional<String> configuredVersion,
        Optional<Integer> learnedProtocol,
        Optional<String> learnedVersion,
        List<String> actionTypes) {

    public static BackendState configured(String backend, Optional<String> version) {
        return new BackendState(backend, version, Optional.empty(), Optional.empty(), List.of());
    }

    public BackendState learned(int protocol, String version, List<String> types) {
        return new BackendState(backend, configuredVersion, Optional.of(protocol), Optional.of(version), List.copyOf(types));
    }

    /** Which client layouts this backend decodes as sent; empty when its Ledger version is unknown. */
    public Optional<LayoutGeneration> generation() {
        if (configuredVersion.isPresent()) {
            String version = configuredVersion.get();
            return LayoutGeneration.forBackend(configuredProtocol(version), version);
        }
        if (learnedProtocol.isPresent() && learnedVersion.isPresent()) {
            return LayoutGeneration.forBackend(learnedProtocol.get(), learnedVersion.get());
        }
        return Optional.empty();
    }

    /** The Ledger version string, from config.yml or learnt. */
    public Optional<String> version() {
        return configuredVersion.or(() -> learnedVersion);
    }

    /**
     * Whether this Ledger reads {@code range:@global} (1.3.8 and later, and the 1.20.1 backport);
     * 1.2.x to 1.3.7 fail to parse it. False when the version is unknown.
     */
    public boolean knowsGlobalRange() {
        Optional<String> version = version();
        if (version.isEmpty()) {
            return false;
        }
        String v = version.get();
        if (v.contains("backport")) {
            return true;
        }
        if (configuredVersion.isEmpty() && learnedProtocol.orElse(3) == 2 && v.startsWith("1.3.")) {
            return true; // the backport announces itself as 1.3.18 with protocol 2
        }
        return !(v.startsWith("1.0.") || v.startsWith("1.1.") || v.startsWith("1.2.")
                || v.matches("1\\.3\\.[0-7](\\D.*)?"));
    }

    /** The Ledger protocol number to hand this backend, if known. */
    public Optional<Integer> protocol() {
        return configuredVersion.map(BackendState::configuredProtocol).or(() -> learnedProtocol);
    }

    /**
     * Ledger 1.2.x and the 1.20.1 backport (versioned 1.3.18-backport) speak protocol 2, the rest
     * protocol 3. The backport announces itself as "1.3.18" over the wire, but with protocol 2.
     */
    static int configuredProtocol(String version) {
        if (version.contains("backport") || version.startsWith("1.2.") || version.startsWith("1.1.")
                || version.startsWith("1.0.")) {
            return 2;
        }
        return 3;
    }
}
