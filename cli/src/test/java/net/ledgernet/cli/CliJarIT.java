package net.ledgernet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import net.ledgernet.platform.PluginJarContract;
import net.ledgernet.sample.SampleNetwork;
import net.ledgernet.sample.SampleSpec;
import net.ledgernet.storage.SqlDialect;
import net.ledgernet.web.ConsoleHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded CLI jar, run as {@code java -jar ledgernet-cli.jar web}: its relocated Jetty (the same
 * relocation as in the plugin jars, META-INF/services file included) serves the console. Runs in the
 * verify phase on the built jar (system property cliJar); without a jar (a -Dtest run) it is skipped.
 */
class CliJarIT {
    @TempDir
    Path dir;

    @Test
    @EnabledIfSystemProperty(named = "cliJar", matches = ".+")
    void jettyIsRelocatedWithItsServiceFile() throws Exception {
        PluginJarContract.assertJettyRelocated(Path.of(System.getProperty("cliJar")));
    }

    @Test
    @EnabledIfSystemProperty(named = "cliJar", matches = ".+")
    void javaDashJarWebServesTheConsoleUntilStopped() throws Exception {
        SampleNetwork.createIfAbsent("survival", SqlDialect.SQLITE, dir.resolve("survival.sqlite"),
                SampleSpec.defaults(7).withSize(10, 200).withTime(7, Instant.now().truncatedTo(ChronoUnit.DAYS),
                        ZoneOffset.UTC));
        int port = WebCommandTest.freePort();
        Files.writeString(dir.resolve("config.yml"), "config-version: 1\nbackends:\n  survival:\n    jdbc-url: \"jdbc:sqlite:"
                + dir.resolve("survival.sqlite") + "\"\nweb:\n  port: " + port + "\n");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(List.of(java.toString(), "-jar", System.getProperty("cliJar"), "web",
                "--dir", dir.toString())).redirectErrorStream(true).start();
        try {
            process.getOutputStream().close();
            BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder printed = new StringBuilder();
            CompletableFuture<String> ready = CompletableFuture.supplyAsync(() -> {
                try {
                    for (String line; (line = lines.readLine()) != null; ) {
                        printed.append(line).append('\n');
                        if (line.equals("Press Ctrl+C to stop.")) {
                            return printed.toString();
                        }
                    }
                    return printed.toString();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            String out = ready.get(120, TimeUnit.SECONDS);
            Matcher m = WebCommandTest.LINK.matcher(out);
            assertTrue(m.find(), out);
            URI link = URI.create(m.group(1));
            URI base = URI.create("http://127.0.0.1:" + port + "/");

            String cookie = ConsoleHttp.logIn(link);
            HttpResponse<String> me = ConsoleHttp.get(base.resolve("api/me"), Optional.of(cookie));
            assertEquals(200, me.statusCode(), me.body());
            assertThat(me.body()).contains("\"name\":\"console\"").contains("\"name\":\"survival\"");
            HttpResponse<String> page = ConsoleHttp.get(base);
            assertEquals(200, page.statusCode());
            assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
            assertEquals(403, ConsoleHttp.get(link).statusCode());

            process.destroy(); // SIGTERM, as a service manager stops it; Ctrl+C runs the same shutdown hook
            assertTrue(process.waitFor(30, TimeUnit.SECONDS));
            assertFalse(ConsoleHttp.listening(base), "the console stops with the process");
        } finally {
            process.destroyForcibly();
        }
    }
}
