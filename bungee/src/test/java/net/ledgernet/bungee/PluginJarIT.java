package net.ledgernet.bungee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * The built plugin jar run as {@code java -jar}: it names itself, says where it goes, what it writes and
 * which CLI checks the config, and exits 0. Runs in the verify phase, on the shaded jar (the path comes
 * from the build as the system property pluginJar; before package, as in a -Dtest run of the test phase,
 * there is no jar yet and this test is not run).
 */
class PluginJarIT {
    @Test
    @EnabledIfSystemProperty(named = "pluginJar", matches = ".+")
    void javaDashJarSaysWhereTheJarGoes() throws Exception {
        Path jar = Path.of(System.getProperty("pluginJar"));
        assertThat(jar).as("the shaded plugin jar").exists();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-jar", jar.toString()))
                .redirectErrorStream(true).start();
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertEquals(0, process.exitValue(), output);
        assertThat(output).doesNotContain("Invalid or corrupt jarfile")
                .contains("for BungeeCord/Waterfall is a proxy plugin; it does not run on its own.")
                .contains("Copy this jar into the plugins/ folder of your BungeeCord/Waterfall proxy and restart the proxy.")
                .contains("LedgerNet writes plugins/LedgerNet/config.yml; list your backends'")
                .contains("log in plugins/LedgerNet/audit/, and never writes to a Ledger database")
                .contains("java -jar ledgernet-cli.jar doctor --dir plugins/LedgerNet");
    }

    @Test
    @EnabledIfSystemProperty(named = "pluginJar", matches = ".+")
    void theJarCarriesNoSampleGenerator() throws Exception {
        try (java.util.jar.JarFile jar = new java.util.jar.JarFile(System.getProperty("pluginJar"))) {
            assertThat(jar.stream().map(java.util.jar.JarEntry::getName))
                    .as("sample data and generators are not production code")
                    .noneMatch(name -> name.startsWith("net/ledgernet/sample/"))
                    .anyMatch(name -> name.startsWith("net/ledgernet/storage/"));
        }
    }

    @Test
    void theMainClassPrintsTheSameWithoutTheProxyOnTheClassPath() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream original = System.out;
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            InstallNoticeMain.main(new String[0]);
        } finally {
            System.setOut(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).startsWith("LedgerNet ")
                .contains("java -jar ledgernet-cli.jar doctor --dir plugins/LedgerNet\n");
    }
}
