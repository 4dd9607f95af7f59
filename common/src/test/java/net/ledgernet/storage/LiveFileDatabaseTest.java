package net.ledgernet.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import net.ledgernet.config.ConfigFile;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.sample.SampleNetworkGenerator;
import net.ledgernet.sample.SampleSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File databases while their Minecraft server runs. H2: another process holds the file (as the server
 * does), and LedgerNet says so instead of reporting a timeout or a missing database. Ledger-Databases'
 * H2 is readable by LedgerNet only while that server is stopped. SQLite (Ledger's default,
 * world/ledger.sqlite): read live while its server holds it open, from the same host.
 */
class LiveFileDatabaseTest {
    @TempDir
    Path dir;

    @Test
    void anH2FileHeldByAnotherProcessIsReportedAsInUse() throws Exception {
        Path base = dir.resolve("world").resolve("ledger.h2");
        Files.createDirectories(base.getParent());
        String url = "jdbc:h2:" + base + ";MODE=MySQL";
        try (Connection c = java.sql.DriverManager.getConnection(url)) {
            SampleNetworkGenerator.generate(c, SqlDialect.H2, SampleSpec.defaults(3).withSize(5, 50));
        }
        // The "Minecraft server": another JVM with H2, holding the database open.
        Path holder = dir.resolve("Hold.java");
        Files.writeString(holder, """
                public class Hold {
                    public static void main(String[] args) throws Exception {
                        try (java.sql.Connection c = java.sql.DriverManager.getConnection(args[0])) {
                            System.out.println("open");
                            System.out.flush();
                            System.in.read(); // until the test closes stdin
                        }
                    }
                }
                """);
        Path h2Jar = Path.of(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", h2Jar.toString(), holder.toString(), url)).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("open");

            Files.writeString(dir.resolve("config.yml"), """
                    config-version: 1
                    backends:
                      lobby:
                        jdbc-url: "jdbc:h2:world/ledger.h2;MODE=MySQL"
                    """);
            LedgerNetConfig config = new ConfigFile(dir).load();
            try (BackendDatabases databases = BackendDatabases.open(config.backends().values())) {
                SchemaReport report = SchemaProbe.probe(databases.get("lobby").orElseThrow());
                assertThat(report.error()).hasValueSatisfying(error -> assertThat(error).isEqualTo("database file "
                        + base.toAbsolutePath().normalize() + ".mv.db is in use by another process: H2 lets one process"
                        + " open a file, and a running Minecraft server holds its Ledger database (read it while that"
                        + " server is stopped, or move Ledger to MariaDB, MySQL or PostgreSQL)"));
            }
        } finally {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        // Once the server stops, the same file is read.
        LedgerNetConfig config = new ConfigFile(dir).load();
        try (BackendDatabases databases = BackendDatabases.open(config.backends().values())) {
            assertThat(SchemaProbe.probe(databases.get("lobby").orElseThrow()).complete()).isTrue();
        }
    }

    @Test
    void anSqliteFileOpenInItsServerIsReadLive() throws Exception {
        // Ledger's default: world/ledger.sqlite, which the running server keeps open and writes to.
        Path file = dir.resolve("world").resolve("ledger.sqlite");
        Files.createDirectories(file.getParent());
        String url = "jdbc:sqlite:" + file;
        try (Connection c = java.sql.DriverManager.getConnection(url)) {
            SampleNetworkGenerator.generate(c, SqlDialect.SQLITE, SampleSpec.defaults(4).withSize(5, 50));
        }
        Path holder = dir.resolve("Write.java");
        Files.writeString(holder, """
                public class Write {
                    public static void main(String[] args) throws Exception {
                        try (java.sql.Connection c = java.sql.DriverManager.getConnection(args[0]);
                             java.sql.Statement s = c.createStatement()) {
                            s.executeUpdate("INSERT INTO worlds (identifier) VALUES ('minecraft:held_open')");
                            System.out.println("open");
                            System.out.flush();
                            System.in.read();
                        }
                    }
                }
                """);
        Path sqliteJar = Path.of(org.sqlite.JDBC.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Process process = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", sqliteJar.toString(), holder.toString(), url)).redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("open");
            Files.writeString(dir.resolve("config.yml"), """
                    config-version: 1
                    backends:
                      survival:
                        jdbc-url: "jdbc:sqlite:world/ledger.sqlite"
                    """);
            LedgerNetConfig config = new ConfigFile(dir).load();
            try (BackendDatabases databases = BackendDatabases.open(config.backends().values())) {
                SchemaReport report = SchemaProbe.probe(databases.get("survival").orElseThrow());
                assertThat(report.error()).isEmpty();
                assertThat(report.complete()).isTrue();
                assertThat(report.newestActionId()).isEqualTo(50);
            }
        } finally {
            process.getOutputStream().close();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
