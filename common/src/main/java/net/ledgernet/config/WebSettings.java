package net.ledgernet.config;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * The staff web console ({@code web:} in config.yml).
 *
 * <p>config.yml bounds (checked by the parser): port 1 to 65535 (0, an ephemeral port, only through this
 * record, for tests), bind an IP literal or {@code localhost}, public-url an absolute http(s) URL of a host's
 * root, session-idle 1m to 24h, export-max-rows 1 to 1000000, chart-max-rows 100 to
 * 1000000.
 *
 * @param enabled       whether the proxies serve it (the CLI's {@code web} serves it regardless)
 * @param bind          the address Jetty listens on
 * @param port          the port it listens on
 * @param publicUrl     where browsers reach it, when an operator's reverse proxy stands in front (links use it;
 *                      https makes the session cookie Secure)
 * @param sessionIdle   a session ends after this long without a request
 * @param exportMaxRows most rows one export writes
 * @param chartMaxRows  newest matching actions counted per backend for the timeline and the map
 */
public record WebSettings(boolean enabled, String bind, int port, Optional<URI> publicUrl, Duration sessionIdle,
                          int exportMaxRows, int chartMaxRows) {
    public static final WebSettings DEFAULTS = new WebSettings(false, "127.0.0.1", 8130, Optional.empty(),
            Duration.ofMinutes(30), 10_000, 20_000);
}
