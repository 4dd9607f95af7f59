package net.ledgernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.config.ConfigFile;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;
import net.ledgernet.search.SearchQuery;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A database that cannot be used is reported with its real cause, never as a timeout: wrong password or
 * user, unknown database, a port nobody listens on (MariaDB and PostgreSQL, real servers), a missing
 * SQLite or H2 file, and a database missing on a shared server that answers. The same text reaches the
 * schema probe (doctor, /lgn status), the startup check in the log, and a search's "left out" line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConnectionFailuresTest {
    @TempDir
    static Path dir;
    private static int closedPort;
    private static LedgerNetConfig config;
    private static BackendDatabases databases;
    /** A real, empty MariaDB database: the shared server answers, the backend's own database is missing. */
    private static TestDatabase maria;

    /** backend -> the message every report must carry. */
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    @BeforeAll
    static void open() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort(); // free again once closed: nothing listens there
        }
        maria = TestDatabase.create(SqlDialect.MARIADB);
        Files.writeString(dir.resolve("config.yml"), """
                config-version: 1
                database-servers:
                  maria:
                    url: "jdbc:mariadb://127.0.0.1:3306/"
                    user: root
                    connection-timeout: 1s
                  maria-wrong-password:
                    url: "jdbc:mariadb://127.0.0.1:3306/"
                    user: root
                    password: "not-the-password"
                    connection-timeout: 1s
                  pg:
                    url: "jdbc:postgresql://127.0.0.1:5432/test"
                    user: postgres
                    connection-timeout: 1s
                backends:
                  maria-password:
                    server: maria-wrong-password
                    database: %1$s
                  maria-user:
                    jdbc-url: "jdbc:mariadb://127.0.0.1:3306/ledgernet_user_db"
                    user: ledgernet_no_such_user
                    password: "x"
                    connection-timeout: 1s
                  maria-unknown-db:
                    jdbc-url: "jdbc:mariadb://127.0.0.1:3306/ledgernet_no_such_db"
                    user: root
                    connection-timeout: 1s
                  maria-closed:
                    jdbc-url: "jdbc:mariadb://127.0.0.1:%2$d/ledger"
                    user: root
                    connection-timeout: 1s
                  maria-missing-namespace:
                    server: maria
                    database: ledgernet_no_such_db2
                  pg-user:
                    jdbc-url: "jdbc:postgresql://127.0.0.1:5432/test"
                    user: ledgernet_no_such_role
                    connection-timeout: 1s
                  pg-unknown-db:
                    jdbc-url: "jdbc:postgresql://127.0.0.1:5432/ledgernet_no_such_db"
                    user: postgres
                    connection-timeout: 1s
                  pg-closed:
                    jdbc-url: "jdbc:postgresql://127.0.0.1:%2$d/ledger"
                    connection-timeout: 1s
                  pg-missing-schema:
                    server: pg
                    database: ledgernet_no_such_schema
                  sqlite-missing:
                    jdbc-url: "jdbc:sqlite:missing/survival.sqlite"
                  h2-missing:
                    jdbc-url: "jdbc:h2:missing/lobby;MODE=MySQL"
                """.formatted(maria.name(), closedPort));
        config = new ConfigFile(dir).load();
        databases = BackendDatabases.open(config.backends().values());
        String base = dir.toAbsolutePath().normalize().toString();
        EXPECTED.put("maria-password", "access denied by 127.0.0.1:3306 for user 'root': wrong user or password?"
                + " The server says: Access denied for user 'root'@");
        EXPECTED.put("maria-user", "access denied by 127.0.0.1:3306 for user 'ledgernet_no_such_user': wrong user or"
                + " password? The server says: Access denied for user 'ledgernet_no_such_user'@");
        EXPECTED.put("maria-unknown-db", "unknown database 'ledgernet_no_such_db' on 127.0.0.1:3306: create it, or"
                + " correct its name in config.yml");
        EXPECTED.put("maria-closed", "connection refused by 127.0.0.1:" + closedPort
                + ": is the database server running and listening there?");
        EXPECTED.put("maria-missing-namespace", "unknown database 'ledgernet_no_such_db2' on 127.0.0.1:3306: create it,"
                + " or correct backends.maria-missing-namespace.database");
        EXPECTED.put("pg-user", "access denied by 127.0.0.1:5432 for user 'ledgernet_no_such_role': wrong user or"
                + " password, or no pg_hba.conf entry for this host? The server says: FATAL: role");
        EXPECTED.put("pg-unknown-db", "unknown database 'ledgernet_no_such_db' on 127.0.0.1:5432: create it, or"
                + " correct its name in config.yml");
        EXPECTED.put("pg-closed", "connection refused by 127.0.0.1:" + closedPort
                + ": is the database server running and listening there?");
        EXPECTED.put("pg-missing-schema", "unknown schema 'ledgernet_no_such_schema' in database test on"
                + " 127.0.0.1:5432: create it, or correct backends.pg-missing-schema.database");
        EXPECTED.put("sqlite-missing", "database file " + base + "/missing/survival.sqlite does not exist");
        EXPECTED.put("h2-missing", "database file " + base + "/missing/lobby.mv.db does not exist");
    }

    @AfterAll
    static void close() {
        databases.close();
        maria.close();
    }

    @Test
    void theSchemaProbeOfDoctorAndStatusNamesTheCause() {
        for (BackendDatabase database : databases.all()) {
            SchemaReport report = SchemaProbe.probe(database);
            assertFalse(report.reachable(), database.backend());
            assertThat(report.error()).as(database.backend()).hasValueSatisfying(error -> assertThat(error)
                    .startsWith(EXPECTED.get(database.backend()))
                    .doesNotContain("no answer within", "timed out", "Ledger tables missing", "(conn="));
        }
    }

    @Test
    void aSearchLeavesEachOutWithTheCauseNotATimeout() {
        try (ActionFanOut fanOut = ActionFanOut.open(databases, FanOutSettings.defaults(config.limits()))) {
            NetworkSearch search = new NetworkSearch(config, fanOut, java.time.Clock.systemUTC());
            Map<String, SearchQuery> all = new LinkedHashMap<>();
            config.backends().keySet().forEach(b -> all.put(b, SearchQuery.ALL));
            MergedPage page = search.search(all, 8).orTimeout(30, TimeUnit.SECONDS).join();
            assertEquals(config.backends().keySet(), page.missing().keySet());
            page.missing().forEach((backend, failure) -> {
                assertEquals(BackendFailure.Reason.ERROR, failure.reason(), backend + ": " + failure);
                assertThat(failure.summary()).as(backend).startsWith(EXPECTED.get(backend));
            });
        }
    }

    @Test
    void aRequestThatGivesUpWhileStillConnectingReportsTheLastCauseKnown() throws Exception {
        BackendDatabase database = databases.get("maria-password").orElseThrow();
        try (BackendReader reader = new BackendReader(database, FanOutSettings.defaults(config.limits()))) {
            // A deadline shorter than the connection timeout: the first request can only say it had no connection...
            Throwable first = failure(reader.call((c, r) -> 1, Duration.ofMillis(300)));
            assertThat(((BackendUnavailableException) first).failure().toString())
                    .isIn("TIMEOUT: no connection within 300 ms", "ERROR: " + database.recentConnectionFailure(
                            Duration.ofMinutes(1)).orElse("-"));
            // ...once the pool has given up on it, the cause is known and reported instead of a timeout.
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (database.recentConnectionFailure(Duration.ofMinutes(1)).isEmpty() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            BackendFailure second = ((BackendUnavailableException) failure(reader.call((c, r) -> 1,
                    Duration.ofMillis(300)))).failure();
            assertEquals(BackendFailure.Reason.ERROR, second.reason());
            assertThat(second.detail()).startsWith(EXPECTED.get("maria-password"));
        }
    }

    private static Throwable failure(java.util.concurrent.CompletableFuture<?> future) {
        try {
            future.orTimeout(30, TimeUnit.SECONDS).join();
            throw new AssertionError("expected a failure");
        } catch (CompletionException e) {
            return e.getCause();
        }
    }

    @Test
    void theStartupCheckLogsTheCause() throws Exception {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        LedgerNetCore core = new LedgerNetCore(new RecordingPlatform(dir, log));
        core.load();
        core.enable();
        try {
            long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (log.stream().filter(l -> l.contains("database unreachable")).count() < EXPECTED.size()
                    && System.nanoTime() < until) {
                Thread.sleep(100);
            }
            for (BackendConfigName backend : BackendConfigName.of(config)) {
                assertThat(log).as(backend.name()).anySatisfy(line -> assertThat(line)
                        .startsWith("WARN Backend " + backend.name() + " (" + backend.dialect() + "): database"
                                + " unreachable: " + EXPECTED.get(backend.name())));
            }
        } finally {
            core.disable();
        }
    }

    private record BackendConfigName(String name, String dialect) {
        static List<BackendConfigName> of(LedgerNetConfig config) {
            return config.backends().values().stream().map(b -> new BackendConfigName(b.name(),
                    b.database().dialect().displayName())).toList();
        }
    }

    /** A platform whose log is a list of "LEVEL message" lines. */
    private record RecordingPlatform(Path dataDirectory, List<String> log) implements Platform {
        @Override
        public String name() {
            return "Test";
        }

        @Override
        public PluginLogger logger() {
            return new PluginLogger() {
                @Override
                public void info(String message) {
                    log.add("INFO " + message);
                }

                @Override
                public void warn(String message) {
                    log.add("WARN " + message);
                }

                @Override
                public void warn(String message, Throwable cause) {
                    log.add("WARN " + message);
                }

                @Override
                public void error(String message) {
                    log.add("ERROR " + message);
                }

                @Override
                public void error(String message, Throwable cause) {
                    log.add("ERROR " + message);
                }
            };
        }

        @Override
        public Set<String> serverNames() {
            return Set.of();
        }

        @Override
        public boolean hasPermission(UUID player, String node) {
            return false;
        }
    }
}
