package net.ledgernet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Instant;
import java.time.ZoneId;
import net.ledgernet.storage.SqlDialect;
import net.ledgernet.storage.TestDatabase;
import net.ledgernet.sample.SampleNetwork;
import net.ledgernet.sample.SampleNetworkGenerator;
import net.ledgernet.sample.SampleSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI end to end: real config files, real databases, the text an operator reads and the exit code. */
class LedgerNetCliTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private ExitCode run(String... args) {
        return new LedgerNetCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)).run(args);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void demoGeneratesTheEmbeddedNetworkOnceAndChecksIt() throws Exception {
        assertEquals(ExitCode.OK, run("demo", "--dir", dir.toString()), err());
        assertTrue(Files.exists(dir.resolve("config.yml")));
        assertTrue(Files.exists(dir.resolve("sample-network/survival.sqlite")));
        assertTrue(Files.exists(dir.resolve("sample-network/lobby.mv.db")));
        assertThat(out())
                .contains("Generated a sample SQLite Ledger database for survival (20000 actions, 200 players)")
                .contains("Generated a sample H2 Ledger database for lobby")
                .containsPattern("survival +SQLite +ok +[0-9.]+ ms +~20000 +yes +UTC")
                .containsPattern("lobby +H2 +ok +[0-9.]+ ms +~20000 +yes +UTC")
                .contains("All 3 backends answered with a Ledger database.")
                .contains("A network-wide search (java -jar ledgernet-cli.jar search " + LedgerNetCli.DEMO_SEARCH)
                .contains("Page 1 of " + LedgerNetCli.DEMO_SEARCH + " on survival, creative, lobby")
                .containsPattern("\n\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d +\\d+[smhd] ago +(survival|creative|lobby)"
                        + " +\\S+ +block-break ")
                .contains("More: --page 2")
                .endsWith("\nThe same network in a browser, the staff web console: java -jar ledgernet-cli.jar web --dir "
                        + dir + "\n");

        long size = Files.size(dir.resolve("sample-network/survival.sqlite"));
        out.reset();
        assertEquals(ExitCode.OK, run("demo", "--dir", dir.toString()), err());
        assertThat(out()).doesNotContain("Generated").contains("All 3 backends answered");
        assertEquals(size, Files.size(dir.resolve("sample-network/survival.sqlite")), "an existing network is reused");
    }

    @Test
    void doctorChecksABackendOnARealMariaDbServer() throws Exception {
        try (TestDatabase db = TestDatabase.create(SqlDialect.MARIADB)) {
            try (Connection c = db.connect()) {
                SampleNetworkGenerator.generate(c, SqlDialect.MARIADB, SampleSpec.defaults(9).withSize(30, 1234));
            }
            Files.writeString(dir.resolve("config.yml"), """
                    config-version: 1
                    database-servers:
                      main:
                        url: "jdbc:mariadb://127.0.0.1:3306/"
                        user: root
                    backends:
                      survival:
                        server: main
                        database: %s
                    """.formatted(db.name()));
            assertEquals(ExitCode.OK, run("doctor", "--dir", dir.toString()), err());
            assertThat(out()).containsPattern("survival +MariaDB +ok +[0-9.]+ ms +~1234 +yes +UTC")
                    .contains("All 1 backends answered");
        }
    }

    @Test
    void doctorGivesTheTimeIndexStatementForADatabaseWithoutIt() throws Exception {
        try (TestDatabase db = TestDatabase.create(SqlDialect.MARIADB)) {
            try (Connection c = db.connect()) {
                SampleNetworkGenerator.generate(c, SqlDialect.MARIADB,
                        SampleSpec.defaults(9).withSize(30, 321).withTimeIndex(false));
            }
            Files.writeString(dir.resolve("config.yml"), """
                    config-version: 1
                    database-servers:
                      main:
                        url: "jdbc:mariadb://127.0.0.1:3306/"
                        user: root
                    backends:
                      survival:
                        server: main
                        database: %s
                    """.formatted(db.name()));
            assertEquals(ExitCode.OK, run("doctor", "--dir", dir.toString()), err());
            assertThat(out()).containsPattern("survival +MariaDB +ok +[0-9.]+ ms +~321 +no \\(id order\\) +UTC +1.3.0-1.3.20")
                    .contains("survival: no actions_time index (Ledger before 1.3.21, or 1.3.22+ with updateSchema off):"
                            + " LedgerNet pages this backend in Ledger's id order and merges it with the others by time.")
                    .contains("Create it with: CREATE INDEX IF NOT EXISTS actions_time ON `" + db.name()
                            + "`.`actions` (`time`); (or set [database] updateSchema = true in ledger.toml")
                    .contains("All 1 backends answered");
        }
    }

    @Test
    void anUnreachableBackendGivesExitCode3AndSaysWhy() throws Exception {
        Files.writeString(dir.resolve("config.yml"), """
                config-version: 1
                backends:
                  survival:
                    jdbc-url: "jdbc:mariadb://127.0.0.1:1/ledger"
                    user: root
                    connection-timeout: 500ms
                  creative:
                    jdbc-url: "jdbc:sqlite:missing.sqlite"
                """);
        assertEquals(ExitCode.BACKEND_UNREACHABLE, run("doctor", "--dir", dir.toString()));
        assertThat(out())
                .containsPattern("survival +MariaDB +UNREACHABLE")
                .containsPattern("creative +SQLite +UNREACHABLE")
                .contains("creative: database file " + dir.toAbsolutePath().normalize().resolve("missing.sqlite") + " does not exist")
                .contains("survival: connection refused by 127.0.0.1:1: is the database server running and listening there?");
    }

    @Test
    void doctorFlagsATimeZoneThatPutsTheNewestActionInTheFutureAsStatusDoes() throws Exception {
        // Written in UTC+14 wall-clock time up to now, configured as UTC: the newest action lies 14 hours ahead.
        Path db = dir.resolve("kiritimati.sqlite");
        SampleSpec spec = SampleSpec.defaults(5).withSize(10, 200)
                .withTime(5, Instant.now(), ZoneId.of("Pacific/Kiritimati"));
        SampleNetwork.createIfAbsent("survival", SqlDialect.SQLITE, db, spec);
        // How far ahead depends on when the newest sample action fell (the sample is quiet at local night).
        Instant newestReadAsUtc = ZoneSkew.newestReadAsUtc(spec);
        Files.writeString(dir.resolve("config.yml"), """
                config-version: 1
                backends:
                  survival:
                    jdbc-url: "jdbc:sqlite:kiritimati.sqlite"
                    time-zone: UTC
                """);
        assertEquals(ExitCode.SUSPECT_SETTING, run("doctor", "--dir", dir.toString()), err());
        assertThat(out()).containsPattern("survival +SQLite +ok +[0-9.]+ ms +~200 +yes +UTC \\(WRONG\\?\\) +1\\.3\\.21\\+")
                .containsPattern("survival: the newest action is [0-9]+ minutes in the future: time-zone UTC is probably"
                        + " not the zone the Minecraft server runs in \\(set backends.survival.time-zone to it\\)")
                .contains("All 1 backends answered with a Ledger database, but a time-zone setting looks wrong: searches"
                        + " by time (after:, before:) would be off by the difference.");
        ZoneSkew.assertMinutesAhead(out(), newestReadAsUtc);
        out.reset();
        assertEquals(ExitCode.SUSPECT_SETTING, run("status", "--dir", dir.toString()), "status: the same check, the same exit");
        assertThat(out()).containsPattern("survival +SQLite +ok .+ +UTC \\(WRONG\\?\\) +closed")
                .containsPattern("survival: the newest action is [0-9]+ minutes in the future");
        ZoneSkew.assertMinutesAhead(out(), newestReadAsUtc);

        // The right zone: no flag, exit 0.
        Files.writeString(dir.resolve("config.yml"), Files.readString(dir.resolve("config.yml"))
                .replace("time-zone: UTC", "time-zone: Pacific/Kiritimati"));
        out.reset();
        assertEquals(ExitCode.OK, run("doctor", "--dir", dir.toString()), err());
        assertThat(out()).containsPattern("survival +SQLite +ok .+ Pacific/Kiritimati +1\\.3\\.21\\+")
                .doesNotContain("WRONG").contains("All 1 backends answered with a Ledger database.");
    }

    @Test
    void aBrokenConfigGivesExitCode2WithEveryProblem() throws Exception {
        Files.writeString(dir.resolve("config.yml"), "config-version: 1\nbackends:\n  a:\n    jdbc-url: x\ncommand:\n  name: lg\n");
        assertEquals(ExitCode.BAD_INPUT, run("doctor", "--dir", dir.toString()));
        assertThat(err()).contains("has 2 problems").contains("backends.a.jdbc-url").contains("command.name");
    }

    @Test
    void badCommandLinesGiveExitCode2AndUsage() {
        assertEquals(ExitCode.BAD_INPUT, run());
        assertEquals(ExitCode.BAD_INPUT, run("frobnicate"));
        assertEquals(ExitCode.BAD_INPUT, run("doctor", "--dir"));
        assertEquals(ExitCode.BAD_INPUT, run("doctor", "--verbose"));
        assertThat(err()).contains("unknown command frobnicate").contains("Usage: java -jar ledgernet-cli.jar");
        assertEquals(ExitCode.OK, run("help"));
        assertThat(out()).contains("Exit codes: 0 ok, 1 no results, 2 bad input")
                .contains("4 every database answered but a setting looks wrong (time-zone)");
    }
}
