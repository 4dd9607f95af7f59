package net.ledgernet.platform;

import net.ledgernet.LedgerNetVersion;

/**
 * What a plugin jar prints when it is run with {@code java -jar} instead of being installed: where it
 * goes, what it writes, and the CLI that checks a configuration. Plain text, no platform class, so the
 * jar's main class runs without the proxy on the class path.
 */
public final class InstallNotice {
    private InstallNotice() {
    }

    /**
     * @param proxy      the proxy's name, e.g. Velocity
     * @param dataFolder the plugin's folder as the proxy names it, e.g. plugins/ledgernet
     */
    public static String text(String proxy, String dataFolder) {
        return """
                LedgerNet %1$s for %2$s is a proxy plugin; it does not run on its own.

                Install it:
                  1. Copy this jar into the plugins/ folder of your %2$s proxy and restart the proxy.
                  2. On its first start LedgerNet writes %3$s/config.yml; list your backends'
                     Ledger databases there, then run /lgn reload on the proxy. It also keeps its audit
                     log in %3$s/audit/, and never writes to a Ledger database.
                  3. To check that config.yml and connect to every backend's database from a terminal,
                     run the LedgerNet CLI jar (ledgernet-cli.jar) from the proxy's folder:
                       java -jar ledgernet-cli.jar doctor --dir %3$s
                """.formatted(LedgerNetVersion.get(), proxy, dataFolder);
    }
}
