package net.ledgernet.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Function;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.command.NetworkQueries;
import net.ledgernet.config.LedgerNetConfig;
import net.ledgernet.config.WebSettings;
import net.ledgernet.platform.PluginLogger;

/**
 * The proxy's web console over LedgerNet's lifetime, one for both proxies: started after the core is
 * enabled when {@code web.enabled}, restarted by a reload only when the {@code web:} settings changed
 * (otherwise its sessions survive the reload), closed with the plugin. A console that cannot start (a port
 * in use) is logged with the fix and leaves the rest of LedgerNet running; {@code /lgn web} says why.
 */
public final class WebConsoleHost implements AutoCloseable {
    /** How long a login link stays valid (it is also single use), for the messages that hand one out. */
    public static final java.time.Duration LOGIN_LINK_VALIDITY = Logins.TOKEN_TTL;

    private final Function<WebSettings, WebConsole> starter;
    private final PluginLogger logger;
    /** How the operator reloads and staff get links, for messages: /lgn reload, /lgn web. */
    private final String reloadCommand;
    private final String linkCommand;
    /** Read without the lock by /lgn web; written under it. */
    private volatile WebConsole console;
    /** The settings last applied; null before the core first ran. */
    private volatile WebSettings wanted;
    /** Why the wanted console is not running. */
    private volatile String failure;
    private boolean closed;

    /**
     * @param command the proxy command's name (command.name, e.g. lgn), for messages
     */
    public WebConsoleHost(LedgerNetCore core, NetworkQueries queries, WebAccess access, PluginLogger logger,
                          Clock clock, String command) {
        this.starter = settings -> WebConsole.start(settings, core, queries, access, logger, clock);
        this.logger = logger;
        this.reloadCommand = "/" + command + " reload";
        this.linkCommand = "/" + command + " web";
        core.onReload(config -> apply(config.web()));
    }

    /** After {@code core.enable()}: serves the console if LedgerNet runs and config.yml turns it on. */
    public void start(LedgerNetCore core) {
        if (core.state() == LedgerNetCore.State.ENABLED) {
            core.config().map(LedgerNetConfig::web).ifPresent(this::apply);
        }
    }

    /**
     * Brings the console in line with {@code settings}: on, off, or restarted on the new ones. The same
     * settings as the running console's change nothing, so its sessions and login links stay valid.
     */
    public synchronized void apply(WebSettings settings) {
        if (closed) {
            return;
        }
        WebConsole running = console;
        if (running != null && settings.equals(wanted)) {
            return;
        }
        wanted = settings;
        failure = null;
        if (running != null) {
            console = null;
            running.close(); // staff log in again; the port is free for the new console
            logger.info("Web console stopped" + (settings.enabled() ? " to restart on the new web: settings." : "."));
        }
        if (!settings.enabled()) {
            return;
        }
        exposureWarning(settings).ifPresent(logger::warn);
        try {
            WebConsole started = starter.apply(settings);
            console = started;
            logger.info("Web console at " + started.baseUrl() + " (staff get a login link with "
                    + linkCommand + ").");
        } catch (WebStartException e) {
            failure = e.getMessage();
            logger.error("The web console could not start: " + e.getMessage() + ", then run " + reloadCommand
                    + ". LedgerNet runs on without the console.");
        } catch (RuntimeException | LinkageError e) {
            failure = e.toString();
            logger.error("The web console could not start: " + e + ". LedgerNet runs on without the console.", e);
        }
    }

    /** The running console, if any. */
    public Optional<WebConsole> console() {
        return Optional.ofNullable(console);
    }

    /** Why there is no console to log in to, in words for staff; empty while it runs. */
    public Optional<String> unavailable() {
        if (console != null) {
            return Optional.empty();
        }
        WebSettings settings = wanted;
        if (settings == null || !settings.enabled()) {
            return Optional.of("The web console is off: set web.enabled: true in config.yml and run "
                    + reloadCommand + ".");
        }
        String why = failure;
        return Optional.of(why == null ? "The web console is not running; the proxy log says why."
                : "The web console is not running: " + why + ", then run " + reloadCommand + ".");
    }

    /**
     * What an operator must hear when the console listens beyond this machine: its cookies and links then
     * travel in clear text unless TLS stands in front. Empty on loopback, or with an https public-url.
     */
    public static Optional<String> exposureWarning(WebSettings settings) {
        boolean https = settings.publicUrl().map(u -> "https".equals(u.getScheme())).orElse(false);
        if (https || loopback(settings.bind())) {
            return Optional.empty();
        }
        return Optional.of("web.bind is " + settings.bind() + ": the web console is reachable from other machines"
                + " over plain HTTP, so login links and session cookies cross the network readable. Put a reverse"
                + " proxy with HTTPS in front of it and set web.public-url to its https:// address, or bind 127.0.0.1.");
    }

    private static boolean loopback(String bind) {
        try {
            // bind is an IP literal or localhost (config.yml allows nothing else): no DNS lookup.
            return InetAddress.getByName(bind).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Stops the console for good (plugin disable). Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        WebConsole running = console;
        console = null;
        if (running != null) {
            running.close();
        }
    }
}
