package net.ledgernet.web;

import java.net.URI;
import java.time.Clock;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.command.NetworkQueries;
import net.ledgernet.config.WebSettings;
import net.ledgernet.platform.PluginLogger;

/** STUB (wiring) until web-server's WebConsole lands: the contract's signatures only. */
public final class WebConsole implements AutoCloseable {
    /** How long a login link is valid (single use). */
    public static final java.time.Duration LOGIN_LINK_VALIDITY = java.time.Duration.ofMinutes(5);

    public static WebConsole start(WebSettings settings, LedgerNetCore core, NetworkQueries queries,
                                   WebAccess access, PluginLogger logger, Clock clock) {
        throw new WebStartException("stub", null);
    }

    public URI loginLink(WebViewer viewer) {
        throw new UnsupportedOperationException();
    }

    public URI baseUrl() {
        throw new UnsupportedOperationException();
    }

    public WebSettings settings() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void close() {
    }
}
