package net.ledgernet.web;

import java.net.BindException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.command.NetworkQueries;
import net.ledgernet.config.WebSettings;
import net.ledgernet.platform.PluginLogger;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * The staff web console: Jetty on its own small pool of daemon threads ({@code LedgerNet-web-N}),
 * never on a proxy thread, serving the page and the JSON API of {@link ConsoleHandler}. Login is by
 * single-use links ({@link #loginLink}); sessions live in memory and end with {@link #close}.
 */
public final class WebConsole implements AutoCloseable {
    /** Threads Jetty may use: one acceptor, one selector, and requests (which may wait on databases). */
    static final int MAX_THREADS = 16;
    private static final int MIN_THREADS = 2;
    /** Open connections at once; beyond it Jetty stops accepting until one closes. */
    static final int MAX_CONNECTIONS = 128;

    private final WebSettings settings;
    private final Server server;
    private final Logins logins;
    private final URI base;
    private final int port;
    private volatile boolean closed;

    private WebConsole(WebSettings settings, Server server, Logins logins, URI base, int port) {
        this.settings = settings;
        this.server = server;
        this.logins = logins;
        this.base = base;
        this.port = port;
    }

    /** Binds and starts serving; throws WebStartException (unchecked, message names the fix: port in use, bad bind). */
    public static WebConsole start(WebSettings settings, LedgerNetCore core, NetworkQueries queries,
                                   WebAccess access, PluginLogger logger, Clock clock) {
        AtomicInteger n = new AtomicInteger();
        QueuedThreadPool pool = new QueuedThreadPool(MAX_THREADS, MIN_THREADS, 60_000, 0, null, null, r -> {
                    Thread t = new Thread(r, "LedgerNet-web-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.setName("LedgerNet-web");
        pool.setDaemon(true);
        // Jetty's timer thread too is ours: named, and a daemon (the CLI exits when its work is done).
        Server server = new Server(pool, new ScheduledExecutorScheduler("LedgerNet-web-timer", true), null);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(settings.bind());
        connector.setPort(settings.port());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, server));
        Logins logins = new Logins(clock, settings.sessionIdle());
        ConsoleHandler handler = new ConsoleHandler(settings, core, queries, access, logger, clock, logins);
        server.setHandler(handler);
        server.setErrorHandler(new SecuredErrors());
        server.setStopAtShutdown(false);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw new WebStartException(startFailure(settings, e), e);
        }
        URI base = settings.publicUrl().map(WebConsole::withSlash).orElseGet(() ->
                URI.create("http://" + host(settings.bind()) + ":" + connector.getLocalPort() + "/"));
        handler.base(base);
        return new WebConsole(settings, server, logins, base, connector.getLocalPort());
    }

    /** A single-use login link for this viewer, valid 5 minutes: <base>/login/<token>. */
    public URI loginLink(WebViewer viewer) {
        if (closed) {
            throw new IllegalStateException("the web console is stopped");
        }
        return base.resolve("login/" + logins.issue(viewer));
    }

    /** public-url when set, else http://<bind>:<actual port>/ (port 0 in tests = ephemeral; report the real one). */
    public URI baseUrl() {
        return base;
    }

    public WebSettings settings() {
        return settings;
    }

    /** Stops Jetty and forgets every session and token. Idempotent. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        logins.clear();
        stopQuietly(server);
    }

    /** The port bound (the real one when settings ask for 0). */
    int port() {
        return port;
    }

    /** How many sessions are open, for tests. */
    int sessionCount() {
        return logins.sessionCount();
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // stopping: nothing left to serve
        }
    }

    private static String startFailure(WebSettings settings, Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && !(cause instanceof BindException)) {
            cause = cause.getCause();
        }
        String where = settings.bind() + ":" + settings.port();
        String message = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
        if (cause instanceof BindException && message.contains("in use")) {
            return "port " + settings.port() + " on " + settings.bind() + " is in use: set web.port in config.yml";
        }
        return "cannot listen on " + where + " (" + cause + "): set web.bind in config.yml to an address of this"
                + " machine (127.0.0.1 by default)";
    }

    private static String host(String bind) {
        return bind.contains(":") && !bind.startsWith("[") ? "[" + bind + "]" : bind;
    }

    private static URI withSlash(URI uri) {
        return uri.toString().endsWith("/") ? uri : URI.create(uri + "/");
    }

    /** Jetty's own error answers (bad request lines, ambiguous paths) carry the same headers as ours. */
    private static final class SecuredErrors extends ErrorHandler {
        SecuredErrors() {
            setShowStacks(false);
            setShowCauses(false);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            ConsoleHandler.secure(response.getHeaders());
            return super.handle(request, response, callback);
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            ConsoleHandler.secure(fields);
            return super.badMessageError(status, reason, fields);
        }
    }
}
