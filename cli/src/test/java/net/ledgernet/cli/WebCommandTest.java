package net.ledgernet.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.ledgernet.web.ConsoleHttp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code web --dir DIR}: serves the console over the demo network for the operator until stopped. */
class WebCommandTest {
    static final Pattern LINK = Pattern.compile("\n  (http://127\\.0\\.0\\.1:(\\d+)/login/[A-Za-z0-9_-]+)\n");

    /** The demo network, generated once for every test here (it takes a while). */
    @TempDir
    static Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final CompletableFuture<Void> stop = new CompletableFuture<>();

    private LedgerNetCli cli() {
        return new LedgerNetCli(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false, 1000, stop);
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    @org.junit.jupiter.api.BeforeAll
    static void demoNetwork() {
        ByteArrayOutputStream demoErr = new ByteArrayOutputStream();
        assertEquals(ExitCode.OK, new LedgerNetCli(new PrintStream(new ByteArrayOutputStream(), true,
                StandardCharsets.UTF_8), new PrintStream(demoErr, true, StandardCharsets.UTF_8)).run(
                new String[] {"demo", "--dir", dir.toString()}), demoErr.toString(StandardCharsets.UTF_8));
    }

    /** The demo's config.yml with the console on {@code port}, and turned off (for the proxies only). */
    private void demo(int port) throws IOException {
        Path config = dir.resolve("config.yml");
        Files.writeString(config, Files.readString(config).replaceAll("port: \\d+", "port: " + port)
                .replace("enabled: true", "enabled: false"));
    }

    private String waitForOutput(String needle) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!out().contains(needle) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        return out();
    }

    @Test
    void servesTheConsoleWhateverEnabledSaysPrintsTheOperatorsLinkAndStopsCleanly() throws Exception {
        int port = freePort();
        demo(port);
        CompletableFuture<ExitCode> run = CompletableFuture.supplyAsync(() -> cli().run(
                new String[] {"web", "--dir", dir.toString()}));
        String printed = waitForOutput("Press Ctrl+C to stop.");
        assertThat(printed).startsWith("LedgerNet web console for " + dir.resolve("config.yml").toAbsolutePath()
                .normalize() + " at http://127.0.0.1:" + port + "/\n")
                .contains("Log in as the operator (one use, valid 5 minutes; run web again for a new link):\n")
                .endsWith("Press Ctrl+C to stop.\n");
        Matcher m = LINK.matcher(printed);
        assertThat(m.find()).as(printed).isTrue();
        URI link = URI.create(m.group(1));

        String cookie = ConsoleHttp.logIn(link);
        HttpResponse<String> me = ConsoleHttp.get(URI.create("http://127.0.0.1:" + port + "/api/me"), Optional.of(cookie));
        assertEquals(200, me.statusCode(), me.body());
        assertThat(me.body()).contains("\"name\":\"console\"").contains("\"player\":null")
                .contains("\"name\":\"survival\"").contains("\"name\":\"creative\"").contains("\"name\":\"lobby\"");
        assertEquals(403, ConsoleHttp.get(link).statusCode(), "single use");

        stop.complete(null);
        assertEquals(ExitCode.OK, run.get());
        assertFalse(ConsoleHttp.listening(URI.create("http://127.0.0.1:" + port + "/")));
    }

    @Test
    void aPortInUseIsBadInputWithTheFix() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            demo(taken.getLocalPort());
            assertEquals(ExitCode.BAD_INPUT, cli().run(new String[] {"web", "--dir", dir.toString()}));
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: the web console could not start: port "
                    + taken.getLocalPort() + " on 127.0.0.1 is in use: set web.port in config.yml");
            assertEquals("", out());
        }
    }

    @Test
    void noConfigIsBadInputAndWritesNothing() {
        Path missing = dir.resolve("nowhere");
        assertEquals(ExitCode.BAD_INPUT, cli().run(new String[] {"web", "--dir", missing.toString()}));
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("error: no config.yml in");
        assertFalse(Files.exists(missing));
    }
}
