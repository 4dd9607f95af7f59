package net.ledgernet.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.mockito.Mockito.mock;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.command.NetworkQueries;
import net.ledgernet.command.StaffNetwork;
import net.ledgernet.config.WebSettings;
import net.ledgernet.platform.Platform;
import net.ledgernet.platform.PluginLogger;
import net.ledgernet.storage.MutableClock;

/**
 * A real core on the three-backend SQLite staff network (plus what the config adds), a real web
 * console on an ephemeral port, and a real HTTP client that keeps no cookies (tests send them).
 */
final class WebNetwork implements AutoCloseable {
    /** Limits loose enough that only the rate-limit test meets them. */
    static final String FAST_LIMITS = "limits:\n  rate-limit:\n    per-second: 1000\n    burst: 1000\n"
            + "  max-in-flight-per-player: 4\n";
    static final WebSettings SETTINGS = new WebSettings(true, "127.0.0.1", 0, Optional.empty(),
            Duration.ofMinutes(30), 10_000, 20_000);

    final LedgerNetCore core;
    final NetworkQueries queries;
    final WebConsole web;
    /** Moved by hand: sessions and tokens expire without sleeping. */
    final MutableClock clock = new MutableClock(Instant.now());
    final AtomicBoolean mayUse = new AtomicBoolean(true);
    final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    WebNetwork(Path dir, String config, WebSettings settings) {
        StaffNetwork.write(dir, config);
        Platform platform = StaffNetwork.platform(dir);
        core = new LedgerNetCore(platform);
        core.load();
        core.enable();
        assertEquals(LedgerNetCore.State.ENABLED, core.state(), () -> core.disabledReason().orElse(""));
        queries = new NetworkQueries(core, Clock.systemUTC());
        try {
            web = WebConsole.start(settings, core, queries, viewer -> CompletableFuture.completedFuture(mayUse.get()),
                    mock(PluginLogger.class), clock);
        } catch (RuntimeException e) {
            queries.close();
            core.disable();
            throw e;
        }
    }

    WebNetwork(Path dir) {
        this(dir, StaffNetwork.config("", FAST_LIMITS), SETTINGS);
    }

    /** Opens a fresh login link; the session cookie's value. */
    String login(WebViewer viewer) {
        HttpResponse<String> response = get(web.loginLink(viewer).getRawPath(), null);
        assertEquals(303, response.statusCode(), response::body);
        return cookieValue(response.headers().firstValue("Set-Cookie").orElseThrow());
    }

    static String cookieValue(String setCookie) {
        Matcher m = Pattern.compile("^ledgernet_session=([^;]*);").matcher(setCookie);
        if (!m.find()) {
            throw new AssertionError("not our cookie: " + setCookie);
        }
        return m.group(1);
    }

    HttpResponse<String> get(String pathAndQuery, String session) {
        return send(request(pathAndQuery, session).GET().build());
    }

    HttpResponse<String> post(String path, String session, String... headers) {
        HttpRequest.Builder builder = request(path, session).POST(HttpRequest.BodyPublishers.noBody());
        for (int i = 0; i < headers.length; i += 2) {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder.build());
    }

    HttpRequest.Builder request(String pathAndQuery, String session) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port() + pathAndQuery))
                .timeout(Duration.ofSeconds(60));
        if (session != null) {
            builder.header("Cookie", "ledgernet_session=" + session);
        }
        return builder;
    }

    int port() {
        return web.port();
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** GET that must answer 200 JSON. */
    Map<String, Object> json(String pathAndQuery, String session) {
        HttpResponse<String> response = get(pathAndQuery, session);
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("application/json", response.headers().firstValue("Content-Type").orElseThrow());
        return JsonRead.object(response.body());
    }

    /** GET of an NDJSON stream that must answer 200: its objects in order. */
    List<Map<String, Object>> ndjson(String pathAndQuery, String session) {
        HttpResponse<String> response = get(pathAndQuery, session);
        assertEquals(200, response.statusCode(), response::body);
        assertEquals("application/x-ndjson;charset=utf-8",
                response.headers().firstValue("Content-Type").orElseThrow().replace(" ", ""));
        return Arrays.stream(response.body().split("\n")).map(JsonRead::object).toList();
    }

    static String q(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        web.close();
        queries.close();
        core.disable();
    }
}
