package net.ledgernet.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import net.ledgernet.config.BackendConfig;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.storage.SqlDialect;
import net.ledgernet.sample.SampleNetwork;
import net.ledgernet.sample.SampleSpec;

/**
 * The demo: a sample Ledger database for every file-based backend in config.yml that has none yet.
 * Existing files are never touched, and database servers are left alone.
 */
final class DemoNetwork {
    private final PrintStream out;

    DemoNetwork(PrintStream out) {
        this.out = out;
    }

    void ensure(LedgerNetConfig config) throws IOException {
        for (BackendConfig backend : config.backends().values()) {
            SqlDialect dialect = backend.database().dialect();
            if (!dialect.embedded()) {
                continue;
            }
            Path base = backend.database().file().orElseThrow(); // file databases always have one
            // A seed per backend name: the same demo every time, different activity on each backend.
            SampleSpec defaults = SampleSpec.defaults(backend.name().hashCode());
            SampleSpec spec = defaults.withTime(defaults.days(), defaults.end(), backend.timeZone());
            try {
                long start = System.nanoTime();
                if (SampleNetwork.createIfAbsent(backend.name(), dialect, base, spec)) {
                    out.printf("Generated a sample %s Ledger database for %s (%d actions, %d players) in %d ms: %s%n",
                            dialect.displayName(), backend.name(), spec.actions(), spec.players(),
                            (System.nanoTime() - start) / 1_000_000, base);
                }
            } catch (SQLException e) {
                throw new IOException(backend.name() + ": " + e.getMessage(), e);
            }
        }
    }
}
