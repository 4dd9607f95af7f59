package net.ledgernet.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import net.ledgernet.config.BackendConfig;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.storage.BackendDatabase;
import net.ledgernet.storage.BackendDatabases;
import net.ledgernet.storage.SchemaProbe;
import net.ledgernet.storage.SchemaReport;

/** Connects to every backend's database at once and reports what it found, as a table. */
final class Doctor {
    private final PrintStream out;

    Doctor(PrintStream out) {
        this.out = out;
    }

    /** What doctor and status say about a config.yml that lists no backend yet (the plugin's first file). */
    static final String NO_BACKENDS = "No backends are listed in this config.yml yet, so there is no database to check:"
            + " list each server's Ledger database under backends: (the file has commented examples).";

    /** A probe and, for a usable database, the time of its newest action. */
    record Finding(SchemaReport report, Optional<Instant> newestAction) {
    }

    ExitCode run(LedgerNetConfig config) throws InterruptedException {
        if (config.backends().isEmpty()) {
            out.println(NO_BACKENDS);
            return ExitCode.BAD_INPUT;
        }
        Map<String, Finding> findings = probeAll(config);
        Instant now = Instant.now();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"BACKEND", "DATABASE", "STATUS", "LATENCY", "ACTIONS", "TIME INDEX", "TIME ZONE", "SCHEMA"});
        boolean allGood = true;
        boolean zonesRight = true;
        for (BackendConfig backend : config.backends().values()) {
            SchemaReport report = findings.get(backend.name()).report();
            Optional<Duration> ahead = ZoneCheck.ahead(findings.get(backend.name()).newestAction(), now);
            allGood &= report.complete();
            zonesRight &= ahead.isEmpty();
            rows.add(new String[] {
                    backend.name(),
                    backend.database().dialect().displayName(),
                    status(report),
                    report.reachable() ? String.format(Locale.ROOT, "%.1f ms", report.latencyMillis()) : "-",
                    report.complete() ? "~" + report.newestActionId() : "-",
                    report.complete() ? (report.timeIndex() ? "yes" : "no (id order)") : "-",
                    ZoneCheck.column(backend.timeZone(), ahead),
                    report.ledgerSchema()});
        }
        Table.print(out, rows);
        for (BackendConfig backend : config.backends().values()) {
            SchemaReport report = findings.get(backend.name()).report();
            report.error().ifPresent(error -> out.println(backend.name() + ": " + error));
            if (report.reachable() && !report.missing().isEmpty()) {
                out.println(backend.name() + ": Ledger tables missing: " + String.join(", ", report.missing())
                        + " (is this the database Ledger writes to?)");
            }
            ZoneCheck.ahead(findings.get(backend.name()).newestAction(), now)
                    .ifPresent(ahead -> out.println(ZoneCheck.line(backend.name(), backend.timeZone(), ahead)));
            report.timeIndexAdvice().ifPresent(advice -> out.println(backend.name() + ": " + advice));
        }
        if (!allGood) {
            out.println("Some backends are not usable; LedgerNet leaves them out of searches until they are.");
            return ExitCode.BACKEND_UNREACHABLE;
        }
        out.println("All " + config.backends().size() + " backends answered with a Ledger database"
                + (zonesRight ? "." : ", but a time-zone setting looks wrong: searches by time (after:, before:)"
                + " would be off by the difference."));
        return zonesRight ? ExitCode.OK : ExitCode.SUSPECT_SETTING;
    }

    private static Map<String, Finding> probeAll(LedgerNetConfig config) throws InterruptedException {
        Map<String, Finding> reports = new LinkedHashMap<>();
        ExecutorService executor = Executors.newFixedThreadPool(Math.min(8, config.backends().size()), runnable -> {
            Thread thread = new Thread(runnable, "LedgerNet-doctor");
            thread.setDaemon(true);
            return thread;
        });
        try (BackendDatabases databases = BackendDatabases.open(config.backends().values())) {
            Map<String, CompletableFuture<Finding>> pending = new LinkedHashMap<>();
            for (BackendDatabase database : databases.all()) {
                pending.put(database.backend(), CompletableFuture.supplyAsync(() -> {
                    SchemaReport report = SchemaProbe.probe(database);
                    return new Finding(report, report.complete() ? SchemaProbe.newestActionTime(database)
                            : Optional.empty());
                }, executor));
            }
            for (BackendDatabase database : databases.all()) {
                // Connection timeout plus query timeout bounds every probe; a hung database cannot hang the CLI.
                long deadline = database.config().database().pool().connectionTimeout()
                        .plus(database.queryTimeout().multipliedBy(2)).plusSeconds(2).toMillis();
                try {
                    reports.put(database.backend(), pending.get(database.backend()).get(deadline, TimeUnit.MILLISECONDS));
                } catch (TimeoutException e) {
                    reports.put(database.backend(), new Finding(SchemaReport.unreachable("no answer within "
                            + deadline + " ms"), Optional.empty()));
                } catch (ExecutionException e) {
                    reports.put(database.backend(), new Finding(SchemaReport.unreachable(String.valueOf(e.getCause())),
                            Optional.empty()));
                }
            }
        } finally {
            executor.shutdownNow();
        }
        return reports;
    }

    private static String status(SchemaReport report) {
        if (!report.reachable()) {
            return "UNREACHABLE";
        }
        return report.missing().isEmpty() ? "ok" : "NOT LEDGER";
    }
}
