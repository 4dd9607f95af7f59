package net.ledgernet.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.command.NetworkQueries;
import net.ledgernet.config.WebSettings;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;
import net.ledgernet.web.WebConsole;
import net.ledgernet.web.WebViewer;

/**
 * The web console's first page of a network search on the CLI demo network (issue 13: at most 300 ms).
 * Starts the real {@link WebConsole} over the demo's config.yml, logs in as the operator with a login
 * link, then times {@code GET /api/search?q=…} from sending the request to the arrival of the stream's
 * {@code "type":"page"} line, on loopback: the server's time plus a loopback round trip, so an upper
 * bound of the server time. Reports the median and p90 over the measured runs, after warm-up runs.
 *
 * <pre>
 * mvn -B -q -o package -DskipTests
 * java -jar cli/target/ledgernet-cli.jar demo --dir demo        # once: the demo network
 * java -cp benchmarks/target/benchmarks.jar net.ledgernet.benchmarks.WebSearchBenchmark demo
 * </pre>
 */
public final class WebSearchBenchmark {
    private static final int WARMUP = 20;
    private static final int RUNS = 50;
    private static final List<String> SEARCHES = List.of("action:block-break", "after:3d", "object:diamond_ore",
            "action:block-break backend:survival");

    private WebSearchBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "demo").toAbsolutePath();
        if (!Files.isRegularFile(dir.resolve("config.yml"))) {
            System.err.println(dir.resolve("config.yml") + " is missing: run java -jar cli/target/ledgernet-cli.jar demo --dir "
                    + dir + " first");
            System.exit(2);
        }
        List<String> searches = args.length > 1 ? List.of(args).subList(1, args.length) : SEARCHES;
        LedgerNetCore core = new LedgerNetCore(new QuietPlatform(dir));
        core.load();
        core.enable();
        if (core.state() != LedgerNetCore.State.ENABLED) {
            throw new IllegalStateException("core not enabled: " + core.disabledReason().orElse("?"));
        }
        WebSettings settings = new WebSettings(true, "127.0.0.1", 0, Optional.empty(), Duration.ofMinutes(30),
                10_000, 20_000);
        try (NetworkQueries queries = new NetworkQueries(core, Clock.systemUTC());
             WebConsole console = WebConsole.start(settings, core, queries,
                     viewer -> CompletableFuture.completedFuture(true), QuietPlatform.LOGGER, Clock.systemUTC())) {
            HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
            HttpResponse<Void> login = http.send(HttpRequest.newBuilder(console.loginLink(WebViewer.operator())).build(),
                    HttpResponse.BodyHandlers.discarding());
            String cookie = login.headers().firstValue("set-cookie").orElseThrow().split(";", 2)[0];
            System.out.printf("WebSearchBenchmark on %s (%s), load %s%n", dir, console.baseUrl(), loadAverage());
            for (String search : searches) {
                URI uri = console.baseUrl().resolve("/api/search?q=" + URLEncoder.encode(search, StandardCharsets.UTF_8));
                for (int i = 0; i < WARMUP; i++) {
                    firstPage(http, uri, cookie);
                }
                List<Double> millis = new ArrayList<>();
                int rows = 0;
                for (int i = 0; i < RUNS; i++) {
                    long start = System.nanoTime();
                    rows = firstPage(http, uri, cookie);
                    millis.add((System.nanoTime() - start) / 1e6);
                }
                Collections.sort(millis);
                System.out.printf("  %-40s median %6.1f ms  p90 %6.1f ms  min %6.1f  max %6.1f  (%d runs, %d warm-up; page line %d bytes)%n",
                        search, millis.get(RUNS / 2), millis.get(RUNS * 9 / 10), millis.get(0), millis.get(RUNS - 1),
                        RUNS, WARMUP, rows);
            }
            System.out.printf("load afterwards %s%n", loadAverage());
        } finally {
            core.disable();
        }
    }

    /** Sends the search and reads the stream up to its page line; returns that line's length. */
    private static int firstPage(HttpClient http, URI uri, String cookie) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(uri).header("Cookie", cookie).build(),
                HttpResponse.BodyHandlers.ofLines());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(uri + " answered " + response.statusCode());
        }
        try (Stream<String> lines = response.body()) {
            String page = lines.filter(line -> line.startsWith("{\"type\":\"page\"") || line.startsWith("{\"type\":\"error\""))
                    .findFirst().orElseThrow(() -> new IllegalStateException("no page line from " + uri));
            if (page.startsWith("{\"type\":\"error\"")) {
                throw new IllegalStateException(page);
            }
            return page.length();
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** The core's view of this measurement: reads everything, logs only errors. */
    private record QuietPlatform(Path dataDirectory) implements Platform {
        static final PluginLogger LOGGER = PluginLogger.errorsOnly(System.err);

        @Override
        public String name() {
            return "benchmark";
        }

        @Override
        public PluginLogger logger() {
            return LOGGER;
        }

        @Override
        public Set<String> serverNames() {
            return Set.of();
        }

        @Override
        public boolean hasPermission(UUID player, String node) {
            return true;
        }

        @Override
        public boolean keepsAuditLog() {
            return false;
        }
    }
}
