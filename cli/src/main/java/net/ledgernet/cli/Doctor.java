package net.ledgernet.cli;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    ExitCode run(LedgerNetConfig config) throws InterruptedException {
        Map<String, SchemaReport> reports = probeAll(config);
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"BACKEND", "DATABASE", "STATUS", "LATENCY", "ACTIONS", "TIME INDEX", "TIME ZONE", "SCHEMA"});
        boolean allGood = true;
        for (BackendConfig backend : config.backends().values()) {
            SchemaReport report = reports.get(backend.name());
            allGood &= report.complete();
            rows.add(new String[] {
                    backend.name(),
                    backend.database().dialect().displayName(),
                    status(report),
                    report.reachable() ? String.format(Locale.ROOT, "%.1f ms", report.latencyMillis()) : "-",
                    report.complete() ? "~" + report.newestActionId() : "-",
                    report.complete() ? (report.timeIndex() ? "yes" : "no (id order)") : "-",
                    backend.timeZone().getId(),
                    report.ledgerSchema()});
        }
        Table.print(out, rows);
        for (BackendConfig backend : config.backends().values()) {
            SchemaReport report = reports.get(backend.name());
            report.error().ifPresent(error -> out.println(backend.name() + ": " + error));
            if (report.reachable() && !report.missing().isEmpty()) {
                out.println(backend.name() + ": Ledger tables missing: " + String.join(", ", report.missing())
                        + " (is this the database Ledger writes to?)");
            }
            report.timeIndexAdvice().ifPresent(advice -> out.println(backend.name() + ": " + advice));
        }
        out.println(allGood
                ? "All " + config.backends().size() + " backends answered with a Ledger database."
                : "Some backends are not usable; LedgerNet leaves them out of searches until they are.");
        return allGood ? ExitCode.OK : ExitCode.BACKEND_UNREACHABLE;
    }

    private static Map<String, SchemaReport> probeAll(LedgerNetConfig config) throws InterruptedException {
        Map<String, SchemaReport> reports = new LinkedHashMap<>();
        ExecutorService executor = Executors.newFixedThreadPool(Math.min(8, config.backends().size()), runnable -> {
            Thread thread = new Thread(runnable, "LedgerNet-doctor");
            thread.setDaemon(true);
            return thread;
        });
        try (BackendDatabases databases = BackendDatabases.open(config.backends().values())) {
            Map<String, CompletableFuture<SchemaReport>> pending = new LinkedHashMap<>();
            for (BackendDatabase database : databases.all()) {
                pending.put(database.backend(), CompletableFuture.supplyAsync(() -> SchemaProbe.probe(database), executor));
            }
            for (BackendDatabase database : databases.all()) {
                // Connection timeout plus query timeout bounds every probe; a hung database cannot hang the CLI.
                long deadline = database.config().database().pool().connectionTimeout()
                        .plus(database.queryTimeout()).plusSeconds(2).toMillis();
                try {
                    reports.put(database.backend(), pending.get(database.backend()).get(deadline, TimeUnit.MILLISECONDS));
                } catch (TimeoutException e) {
                    reports.put(database.backend(), SchemaReport.unreachable("no answer within " + deadline + " ms"));
                } catch (ExecutionException e) {
                    reports.put(database.backend(), SchemaReport.unreachable(String.valueOf(e.getCause())));
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
