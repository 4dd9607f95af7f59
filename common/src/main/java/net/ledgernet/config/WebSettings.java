package net.ledgernet.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code web:} section of config.yml: the staff web console.
 *
 * @param enabled       whether the proxy serves the console
 * @param bind          the address to listen on (loopback by default: put a TLS reverse proxy in front to publish it)
 * @param port          the TCP port; 0 picks a free one (tests)
 * @param publicUrl     the URL staff open when the console sits behind a reverse proxy; login links use it
 * @param sessionIdle   a session ends after this long without a request
 * @param exportMaxRows most rows one export writes
 * @param chartMaxRows  most matching actions per backend a timeline or map counts (the newest ones)
 */
public record WebSettings(boolean enabled, String bind, int port, Optional<URI> publicUrl, Duration sessionIdle,
                          int exportMaxRows, int chartMaxRows) {
    public static final WebSettings DEFAULTS = new WebSettings(false, "127.0.0.1", 8130, Optional.empty(),
            Duration.ofMinutes(30), 10_000, 20_000);

    public WebSettings {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(sessionIdle, "sessionIdle");
        if (port < 0 || port > 65535 || exportMaxRows < 1 || chartMaxRows < 1 || sessionIdle.isNegative()
                || sessionIdle.isZero()) {
            throw new IllegalArgumentException("web settings out of range");
        }
    }
}
