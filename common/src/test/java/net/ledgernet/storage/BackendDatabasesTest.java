package net.ledgernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import net.ledgernet.config.ConfigFile;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.sample.LedgerSchema;
import net.ledgernet.sample.SampleNetworkGenerator;
import net.ledgernet.sample.SampleSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Pools and schema discovery against real SQLite, H2, MariaDB and PostgreSQL databases. */
class BackendDatabasesTest {
    @TempDir
    Path dir;

    /** A config.yml reaching the test database the way an operator would write it. */
    private LedgerNetConfig configFor(TestDatabase... databases) throws Exception {
        StringBuilder yaml = new StringBuilder("""
                config-version: 1
                database-servers:
                  mariadb:
                    url: "jdbc:mariadb://127.0.0.1:3306/"
                    user: root
                    connection-timeout: 2s
                  postgres:
                    url: "jdbc:postgresql://127.0.0.1:5432/test"
                    user: postgres
                    connection-timeout: 2s
                backends:
                """);
        for (TestDatabase db : databases) {
            String backend = "b_" + db.name();
            switch (db.dialect()) {
                case MARIADB -> yaml.append("  ").append(backend).append(":\n    server: mariadb\n    database: ")
                        .append(db.name()).append('\n');
                case POSTGRESQL -> yaml.append("  ").append(backend).append(":\n    server: postgres\n    database: ")
                        .append(db.name()).append('\n');
                default -> yaml.append("  ").append(backend).append(":\n    jdbc-url: \"").append(db.jdbcUrl())
                        .append("\"\n    connection-timeout: 2s\n");
            }
        }
        Files.writeString(dir.resolve("config.yml"), yaml);
        return new ConfigFile(dir).load();
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void findsLedgersTablesWithTheirRealCasingAndTheTimeIndex(SqlDialect dialect) throws Exception {
        try (TestDatabase db = TestDatabase.create(dialect)) {
            try (Connection c = db.connect()) {
                SampleNetworkGenerator.generate(c, dialect, SampleSpec.defaults(3).withSize(20, 500));
            }
            try (BackendDatabases databases = BackendDatabases.open(configFor(db).backends().values())) {
                SchemaReport report = SchemaProbe.probe(databases.all().iterator().next());
                assertTrue(report.complete(), report.toString());
                assertEquals(List.of(), report.missing());
                assertEquals(LedgerSchema.storedTableName(dialect, "ActionIdentifiers"), report.tables().get("ActionIdentifiers"));
                assertTrue(report.timeIndex());
                assertTrue(report.columnIndexes());
                assertEquals("1.3.21+", report.ledgerSchema());
                assertEquals(500, report.newestActionId());
                assertThat(report.latencyMillis()).isPositive();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void reportsAMissingTimeIndexAndMissingTables(SqlDialect dialect) throws Exception {
        try (TestDatabase old = TestDatabase.create(dialect); TestDatabase empty = TestDatabase.create(dialect)) {
            try (Connection c = old.connect()) {
                SampleNetworkGenerator.generate(c, dialect, SampleSpec.defaults(4).withSize(5, 50).withTimeIndex(false));
            }
            try (Connection c = empty.connect(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE players (id INT)"); // something, but not Ledger
            }
            LedgerNetConfig config = configFor(old, empty);
            try (BackendDatabases databases = BackendDatabases.open(config.backends().values())) {
                SchemaReport oldReport = SchemaProbe.probe(databases.get("b_" + old.name()).orElseThrow());
                assertTrue(oldReport.complete());
                assertFalse(oldReport.timeIndex(), "a pre-1.3.21 database has no actions_time index");
                assertEquals("1.3.0-1.3.20", oldReport.ledgerSchema());

                SchemaReport emptyReport = SchemaProbe.probe(databases.get("b_" + empty.name()).orElseThrow());
                assertTrue(emptyReport.reachable());
                assertFalse(emptyReport.complete());
                assertEquals(List.of("actions", "ActionIdentifiers", "ObjectIdentifiers", "worlds", "sources"),
                        emptyReport.missing());
                if (dialect.mysqlLike() || dialect == SqlDialect.POSTGRESQL) {
                    assertEquals(1, databases.poolCount(), "backends on one server share one pool");
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void connectionsAreReadOnly(SqlDialect dialect) throws Exception {
        try (TestDatabase db = TestDatabase.create(dialect)) {
            try (Connection c = db.connect()) {
                SampleNetworkGenerator.generate(c, dialect, SampleSpec.defaults(5).withSize(5, 10));
            }
            try (BackendDatabases databases = BackendDatabases.open(configFor(db).backends().values())) {
                BackendDatabase database = databases.all().iterator().next();
                String table = database.qualify(SchemaProbe.probe(database).tables().get("worlds"));
                try (Connection c = database.connection(); Statement s = c.createStatement()) {
                    assertThrows(SQLException.class, () -> s.executeUpdate("DELETE FROM " + table));
                }
            }
            try (Connection c = db.connect(); Statement s = c.createStatement();
                 var rs = s.executeQuery("SELECT COUNT(*) FROM worlds")) {
                rs.next();
                assertThat(rs.getInt(1)).as("nothing was deleted").isPositive();
            }
        }
    }

    @Test
    void aDatabaseCreatedBeforeLedger130IsToldApartByItsIndexes() throws Exception {
        try (TestDatabase db = TestDatabase.create(SqlDialect.SQLITE)) {
            try (Connection c = db.connect(); Statement s = c.createStatement()) {
                SampleNetworkGenerator.generate(c, SqlDialect.SQLITE, SampleSpec.defaults(6).withSize(5, 10).withTimeIndex(false));
                for (String column : List.of("action_id", "object_id", "old_object_id", "source", "player_id")) {
                    s.execute("DROP INDEX actions_" + column);
                }
            }
            try (BackendDatabases databases = BackendDatabases.open(configFor(db).backends().values())) {
                SchemaReport report = SchemaProbe.probe(databases.all().iterator().next());
                assertTrue(report.complete());
                assertFalse(report.columnIndexes());
                assertEquals("before 1.3.0", report.ledgerSchema());
            }
        }
    }

    @Test
    void aMissingFileOrADownServerIsReportedNotThrown() throws Exception {
        Files.writeString(dir.resolve("config.yml"), """
                config-version: 1
                backends:
                  gone:
                    jdbc-url: "jdbc:sqlite:does-not-exist.sqlite"
                    connection-timeout: 500ms
                  down:
                    jdbc-url: "jdbc:mariadb://127.0.0.1:1/ledger"
                    user: root
                    connection-timeout: 500ms
                """);
        LedgerNetConfig config = new ConfigFile(dir).load();
        try (BackendDatabases databases = BackendDatabases.open(config.backends().values())) {
            SchemaReport gone = SchemaProbe.probe(databases.get("gone").orElseThrow());
            assertFalse(gone.reachable());
            assertThat(gone.error()).get().asString().contains("does-not-exist.sqlite");
            SchemaReport down = SchemaProbe.probe(databases.get("down").orElseThrow());
            assertFalse(down.reachable());
            assertThat(down.error()).get().asString().containsIgnoringCase("connect");
        }
        assertFalse(Files.exists(dir.resolve("does-not-exist.sqlite")), "a missing SQLite file is not created");
    }
}
