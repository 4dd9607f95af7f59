package net.ledgernet.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import net.ledgernet.storage.SqlDialect;
import net.ledgernet.storage.TestDatabase;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Two backends that the database server would open as one database are rejected, whichever way
 * config.yml spells it: PostgreSQL's folding of an unquoted currentSchema, 127.1 / localhost / ::1 for
 * 127.0.0.1, a symlinked SQLite or H2 file, and backend names equal but for case. Where it matters the
 * real server shows that both spellings open the same place.
 */
class SameDatabaseTest {
    @TempDir
    Path dir;

    private List<String> problems(String yaml) throws IOException {
        Files.writeString(dir.resolve("config.yml"), "config-version: 1\n" + yaml);
        try {
            new ConfigFile(dir).load();
            return List.of();
        } catch (InvalidConfigException e) {
            return e.problems().stream().map(ConfigProblem::toString).toList();
        }
    }

    private static String scalar(String url, String sql) throws Exception {
        try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void anUnquotedCurrentSchemaIsFoldedAsPostgresqlFoldsIt() throws Exception {
        try (TestDatabase schema = TestDatabase.create(SqlDialect.POSTGRESQL)) {
            String upper = schema.name().toUpperCase(Locale.ROOT);
            // The server itself: currentSchema=UPPER opens the lower-case schema.
            assertEquals(schema.name(), scalar("jdbc:postgresql://127.0.0.1:5432/test?user=postgres&currentSchema="
                    + upper, "SELECT current_schema()"));

            String shared = """
                    database-servers:
                      pg:
                        url: "jdbc:postgresql://127.0.0.1:5432/test"
                    backends:
                      survival:
                        server: pg
                        database: %s
                      creative:
                        jdbc-url: "jdbc:postgresql://localhost/test?currentSchema=%s"
                    """;
            assertThat(problems(shared.formatted(schema.name(), upper))).singleElement().asString()
                    .startsWith("backends.creative: uses the same database as backend 'survival'"
                            + " (postgresql://this-machine:5432/test/" + schema.name() + ")");
            // Quoted, the name is kept as written: another schema (which the server would not find), not the same one.
            assertEquals(List.of(), problems(shared.formatted(schema.name(), "%22" + upper + "%22")));
        }
    }

    @Test
    void theLoopbackAddressIsOneServerHoweverItIsWritten() throws Exception {
        try (TestDatabase db = TestDatabase.create(SqlDialect.MARIADB)) {
            // The server itself: 127.1 reaches the same server and the same database as 127.0.0.1.
            assertEquals(db.name(), scalar("jdbc:mariadb://127.1:3306/" + db.name() + "?user=root", "SELECT DATABASE()"));
            for (String host : List.of("127.1", "localhost", "[::1]", "127.0.0.1", "LOCALHOST", "127.0.1")) {
                List<String> found = problems("""
                        database-servers:
                          main:
                            url: "jdbc:mariadb://127.0.0.1:3306/"
                        backends:
                          survival:
                            server: main
                            database: %s
                          creative:
                            jdbc-url: "jdbc:mariadb://%s:3306/%s"
                        """.formatted(db.name(), host, db.name().toUpperCase(Locale.ROOT)));
                assertThat(found).as(host).singleElement().asString().startsWith(
                        "backends.creative: uses the same database as backend 'survival' (mysql://this-machine:3306/"
                                + db.name() + ")");
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"127.1, this-machine", "127.0.0.1, this-machine", "127.255.0.7, this-machine", "localhost, this-machine",
            "[::1], this-machine", "[::ffff:127.0.0.1], this-machine", "0.0.0.0, this-machine",
            "10.1, 10.0.0.1", "10.65536, 10.1.0.0", "167772161, 10.0.0.1", "DB.Example, db.example",
            "256.1.1.1, 256.1.1.1"})
    void hostsAreComparedAsTheAddressTheyReach(String written, String canonical) {
        assertEquals(canonical, ConfigParser.canonicalHost(written));
    }

    @Test
    void differentServersAndPortsStayApart() throws IOException {
        assertEquals(List.of(), problems("""
                backends:
                  survival:
                    jdbc-url: "jdbc:mariadb://127.0.0.1:3306/ledger"
                  creative:
                    jdbc-url: "jdbc:mariadb://127.0.0.1:3307/ledger"
                  lobby:
                    jdbc-url: "jdbc:mariadb://10.0.0.9:3306/ledger"
                """));
    }

    @Test
    void aSymlinkedFileIsTheFileItPointsTo() throws Exception {
        Path data = Files.createDirectories(dir.resolve("world"));
        Files.writeString(data.resolve("ledger.sqlite"), "");
        Files.createSymbolicLink(dir.resolve("survival.sqlite"), data.resolve("ledger.sqlite"));
        Files.createSymbolicLink(dir.resolve("world-link"), data);
        assertThat(problems("""
                backends:
                  survival:
                    jdbc-url: "jdbc:sqlite:world/ledger.sqlite"
                  creative:
                    jdbc-url: "jdbc:sqlite:survival.sqlite"
                  lobby:
                    jdbc-url: "jdbc:sqlite:world-link/ledger.sqlite"
                """)).containsExactly(
                "backends.creative: uses the same database as backend 'survival' (file:" + data.toRealPath()
                        .resolve("ledger.sqlite") + "). Ledger has no server column or table prefix, so two backends"
                        + " in one database mix their worlds; give each its own database or schema",
                "backends.lobby: uses the same database as backend 'survival' (file:" + data.toRealPath()
                        .resolve("ledger.sqlite") + "). Ledger has no server column or table prefix, so two backends"
                        + " in one database mix their worlds; give each its own database or schema");

        Files.writeString(data.resolve("ledger.h2.mv.db"), "");
        Files.createSymbolicLink(dir.resolve("lobby.mv.db"), data.resolve("ledger.h2.mv.db"));
        assertThat(problems("""
                backends:
                  survival:
                    jdbc-url: "jdbc:h2:world/ledger.h2;MODE=MySQL"
                  lobby:
                    jdbc-url: "jdbc:h2:lobby;MODE=MySQL"
                """)).singleElement().asString().startsWith("backends.lobby: uses the same database as backend 'survival'");
    }

    @Test
    void backendNamesEqualButForCaseAreOneServer() throws IOException {
        assertThat(problems("""
                backends:
                  survival:
                    jdbc-url: "jdbc:sqlite:a.sqlite"
                  Survival:
                    jdbc-url: "jdbc:sqlite:b.sqlite"
                """)).contains("backends.Survival: 'Survival' and 'survival' differ only in case: the proxies match server"
                + " names ignoring case, and both would get the network dimension ids survival:...; list each server"
                + " once");
    }

    @Test
    void publicOnASharedPostgresqlServerExplainsLedgerDatabasesLayout() throws IOException {
        assertThat(problems("""
                database-servers:
                  pg:
                    url: "jdbc:postgresql://127.0.0.1:5432/ledger"
                backends:
                  survival:
                    server: pg
                    database: public
                """)).containsExactly("backends.survival.database: 'public' is the default schema of ledger on the"
                + " shared server, not this backend's own. On a shared PostgreSQL server, database: names a schema of"
                + " one database holding every backend. Ledger-Databases writes each Minecraft server into a database"
                + " of its own, in its public schema: for that layout give this backend its own URL instead of server"
                + " and database, e.g. jdbc-url: \"jdbc:postgresql://host:5432/survival\" (with user and password on"
                + " the backend)");
        // Ledger-Databases' layout as it should be written: one URL per backend, each its own database.
        assertEquals(List.of(), problems("""
                backends:
                  survival:
                    jdbc-url: "jdbc:postgresql://127.0.0.1:5432/survival"
                  creative:
                    jdbc-url: "jdbc:postgresql://127.0.0.1:5432/creative"
                """));
    }

    @Test
    void aDatabaseInASharedServersUrlIsOneProblemNotTwo() throws IOException {
        assertEquals(List.of("database-servers.main.url: a shared MariaDB server URL must not name a database ('ledger'):"
                + " each backend names its own with database:"), problems("""
                database-servers:
                  main:
                    url: "jdbc:mariadb://127.0.0.1:3306/ledger"
                backends:
                  survival:
                    server: main
                    database: ledger_survival
                """));
        // A server that is not listed at all is still named.
        assertEquals(List.of("backends.survival.server: unknown database server 'mian' (not listed under"
                + " database-servers)"), problems("""
                backends:
                  survival:
                    server: mian
                    database: ledger_survival
                """));
    }
}
