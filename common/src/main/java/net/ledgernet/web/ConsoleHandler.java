package net.ledgernet.web;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import net.ledgernet.LedgerNetCore;
import net.ledgernet.command.NetworkQueries;
import net.ledgernet.command.NetworkQueries.QueryException;
import net.ledgernet.config.WebSettings;
import net.ledgernet.platform.PluginLogger;
import net.ledgernet.routing.RequestLimiter;
import org.eclipse.jetty.http.HttpCookie;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * Every request of the console: security headers first, then the route. {@code /api/*} needs a
 * live session and passes {@link WebAccess#mayUse} on every request (a revocation counts on the
 * next one); endpoints that read databases take a {@link RequestLimiter.Permit} as {@code /lgn} does.
 * Runs on the console's own Jetty threads and may block them (never a proxy thread).
 */
final class ConsoleHandler extends Handler.Abstract {
    static final String COOKIE = "ledgernet_session";
    static final String CSP = "default-src 'self'; img-src 'self' data:; frame-ancestors 'none'; base-uri 'none';"
            + " form-action 'self'";
    /** How long a request may wait on the permission source. */
    private static final Duration ACCESS_WAIT = Duration.ofSeconds(5);
    private static final Pattern LOGIN_PATH = Pattern.compile("/login/([A-Za-z0-9_-]{1,100})");

    private final WebSettings settings;
    private final LedgerNetCore core;
    private final WebAccess access;
    private final PluginLogger logger;
    private final Logins logins;
    private final StaticFiles files = new StaticFiles();
    private final Endpoints endpoints;
    private volatile URI base;

    ConsoleHandler(WebSettings settings, LedgerNetCore core, NetworkQueries queries, WebAccess access,
                   PluginLogger logger, Clock clock, Logins logins) {
        this.settings = settings;
        this.core = core;
        this.access = access;
        this.logger = logger;
        this.logins = logins;
        this.endpoints = new Endpoints(settings, core, queries, logins, clock);
    }

    /** The console's own URL, known once the port is bound. */
    void base(URI base) {
        this.base = base;
    }

    /** The headers every answer carries, Jetty's own error pages included. */
    static void secure(HttpFields.Mutable headers) {
        headers.put("Content-Security-Policy", CSP);
        headers.put("X-Frame-Options", "DENY");
        headers.put("X-Content-Type-Options", "nosniff");
        headers.put("Referrer-Policy", "no-referrer");
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        secure(response.getHeaders());
        String path = Request.getPathInContext(request);
        String method = request.getMethod();
        boolean data = path.startsWith("/api/") || path.startsWith("/login/") || path.equals("/logout");
        if (data) {
            response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        }
        try {
            if (path.equals("/") || path.equals("/index.html")) {
                allow(method, "GET");
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
                serveFile(response, "index.html");
            } else if (path.startsWith("/static/")) {
                allow(method, "GET");
                response.getHeaders().put(HttpHeader.CACHE_CONTROL, "max-age=300");
                serveFile(response, path.substring("/static/".length()));
            } else if (path.startsWith("/login/")) {
                allow(method, "GET");
                login(path, response);
            } else if (path.equals("/logout")) {
                allow(method, "POST");
                logout(request, response);
            } else if (path.startsWith("/api/")) {
                allow(method, "GET");
                api(path.substring("/api/".length()), request, response);
            } else {
                throw WebError.notFound("No such page.");
            }
            callback.succeeded();
        } catch (WebError e) {
            refuse(response, callback, e);
        } catch (Stream.ClientGone e) {
            callback.failed(e.getCause());
        } catch (RuntimeException e) {
            logger.warn("The web console failed on " + method + " " + path + ": " + e, e);
            refuse(response, callback, new WebError(500, "UNAVAILABLE",
                    "That failed (" + e.getClass().getSimpleName() + "); the proxy log has the details."));
        }
        return true;
    }

    private static void allow(String method, String allowed) {
        if (!method.equals(allowed)) {
            throw new WebError(405, "BAD_INPUT", "Use " + allowed + " here.");
        }
    }

    private void serveFile(Response response, String name) {
        StaticFiles.File file = files.get(name).orElseThrow(() -> WebError.notFound("No such file."));
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, file.contentType());
        Stream.send(response, file.bytes());
    }

    // ---------------------------------------------------------------- login and logout

    private void login(String path, Response response) {
        var matcher = LOGIN_PATH.matcher(path);
        Logins.Outcome outcome = matcher.matches() ? logins.consume(matcher.group(1)) : new Logins.Outcome.Expired();
        if (outcome instanceof Logins.Outcome.LoggedIn in) {
            response.setStatus(303);
            response.getHeaders().put(HttpHeader.SET_COOKIE, cookie(in.session().id, false));
            response.getHeaders().put(HttpHeader.LOCATION, home());
            Stream.send(response, new byte[0]);
            return;
        }
        String message = outcome instanceof Logins.Outcome.AlreadyUsed
                ? "This login link was already used. Run /lgn web in game for a new one."
                : "This login link has expired (links are valid for 5 minutes and work once). Run /lgn web in game"
                + " for a new one.";
        response.setStatus(403);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/html; charset=utf-8");
        // The page's own style sheet (app.css styles these classes); no script.
        Stream.send(response, ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<link rel=\"stylesheet\" href=\"/static/app.css\"><title>LedgerNet · login link</title></head>"
                + "<body><header class=\"top\"><span class=\"brand\">LedgerNet</span></header><main>"
                + "<section class=\"login\" id=\"login-refused\"><h1>Login link refused</h1><p>" + message
                + "</p></section></main></body></html>\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Where a login lands: the console's root, under public-url's path when there is one. */
    private String home() {
        String path = settings.publicUrl().map(URI::getRawPath).filter(p -> !p.isEmpty()).orElse("/");
        return path.endsWith("/") ? path : path + "/";
    }

    private String cookie(String value, boolean clear) {
        boolean secure = settings.publicUrl().map(u -> "https".equalsIgnoreCase(u.getScheme())).orElse(false);
        return COOKIE + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "")
                + (clear ? "; Max-Age=0" : "");
    }

    private void logout(Request request, Response response) {
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null && !origin.equalsIgnoreCase(origin(base))) {
            throw new WebError(403, "NO_PERMISSION", "Log out from the console's own page.");
        }
        sessionId(request).ifPresent(logins::end);
        response.setStatus(204);
        response.getHeaders().put(HttpHeader.SET_COOKIE, cookie("", true));
        Stream.send(response, new byte[0]);
    }

    /** scheme://host[:port] as a browser sends it in Origin. */
    static String origin(URI uri) {
        int port = uri.getPort();
        boolean defaultPort = port == -1 || ("http".equalsIgnoreCase(uri.getScheme()) && port == 80)
                || ("https".equalsIgnoreCase(uri.getScheme()) && port == 443);
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost() + (defaultPort ? "" : ":" + port);
    }

    private static Optional<String> sessionId(Request request) {
        List<HttpCookie> cookies = Request.getCookies(request);
        return cookies.stream().filter(c -> COOKIE.equals(c.getName())).map(HttpCookie::getValue).findFirst();
    }

    // ---------------------------------------------------------------- API

    /** Endpoints that read the databases, and so take a permit. */
    private static final Set<String> READS_DATABASES = Set.of("search", "page", "timeline", "map", "player",
            "inspect", "export");

    private void api(String endpoint, Request request, Response response) {
        Logins.Session session = sessionId(request).flatMap(logins::touch).orElseThrow(() -> new WebError(401,
                "NOT_LOGGED_IN", "Not logged in: run /lgn web in game for a login link."));
        if (!mayUse(session.viewer)) {
            // The session stays: access given back counts on the next request.
            throw new WebError(403, "NO_PERMISSION", "You may not use the web console (ledgernet.command.web).");
        }
        Fields params = Request.extractQueryParameters(request, StandardCharsets.UTF_8);
        if (!READS_DATABASES.contains(endpoint)) {
            switch (endpoint) {
                case "me" -> endpoints.me(session, response);
                case "complete" -> endpoints.complete(session, params, response);
                default -> throw WebError.notFound("No such API endpoint.");
            }
            return;
        }
        if (core.state() != LedgerNetCore.State.ENABLED) {
            throw new WebError(503, "UNAVAILABLE", "LedgerNet is not running (see the proxy log).");
        }
        try (RequestLimiter.Permit permit = permit(session.viewer)) {
            switch (endpoint) {
                case "search" -> endpoints.search(session, params, response);
                case "page" -> endpoints.page(session, params, response);
                case "timeline" -> endpoints.timeline(session, params, response);
                case "map" -> endpoints.map(session, params, response);
                case "player" -> endpoints.player(session, params, response);
                case "inspect" -> endpoints.inspect(session, params, response);
                case "export" -> endpoints.export(session, params, response);
                default -> throw WebError.notFound("No such API endpoint.");
            }
        }
    }

    /** The live check, bounded in time; anything but a plain yes refuses. */
    private boolean mayUse(WebViewer viewer) {
        if (viewer.player().isEmpty()) {
            return true;
        }
        try {
            return Boolean.TRUE.equals(access.mayUse(viewer).get(ACCESS_WAIT.toMillis(), TimeUnit.MILLISECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            logger.warn("Checking web console access for " + viewer.name() + " failed: " + e);
            return false;
        }
    }

    /** Same limits as /lgn: a player's bucket and in-flight slot plus a fan-out slot; the operator a fan-out slot. */
    private RequestLimiter.Permit permit(WebViewer viewer) {
        RequestLimiter limiter = core.requestLimiter().orElseThrow(() -> new WebError(503, "UNAVAILABLE",
                "LedgerNet is not running (see the proxy log)."));
        return viewer.player().map(uuid -> limiter.tryAcquire(uuid, true)).orElseGet(limiter::tryAcquireFanOut)
                .orElseThrow(() -> new WebError(429, "RATE_LIMITED",
                        "Too many requests right now (see limits: in config.yml); try again in a moment."));
    }

    private void refuse(Response response, Callback callback, WebError error) {
        if (response.isCommitted()) {
            callback.failed(error);
            return;
        }
        try {
            response.setStatus(error.status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
            Content.Sink.write(response, true, Json.write(JsonViews.object("kind", error.kind, "message",
                    error.getMessage())) + "\n", callback);
        } catch (RuntimeException e) {
            callback.failed(e);
        }
    }

    /** A query's failure as the API answers it. */
    static WebError refusal(Throwable error) {
        Throwable cause = error;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof WebError web) {
            return web;
        }
        if (cause instanceof QueryException q) {
            return switch (q.kind()) {
                // "search" was refused on every server; "inspect on creative" names its one server.
                case NO_PERMISSION -> new WebError(403, "NO_PERMISSION", "You may not " + q.getMessage()
                        + (q.getMessage().contains(" on ") ? "." : " on any server here."));
                case BAD_INPUT -> WebError.badInput(q.getMessage());
                case UNAVAILABLE -> new WebError(503, "UNAVAILABLE", q.getMessage());
            };
        }
        if (cause instanceof TimeoutException) {
            return new WebError(503, "UNAVAILABLE", "The databases did not answer in time; try again shortly.");
        }
        return new WebError(500, "UNAVAILABLE", "That failed (" + cause.getClass().getSimpleName()
                + "); the proxy log has the details.");
    }

    /** Waits for a query on this (console) thread, bounded. */
    static <T> T await(CompletableFuture<T> future, Duration bound) {
        try {
            return future.get(bound.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new WebError(503, "UNAVAILABLE", "The console is stopping.");
        } catch (ExecutionException | TimeoutException e) {
            throw refusal(e);
        }
    }

    /** Writes a whole body, blocking. */
    static final class Stream {
        private Stream() {
        }

        /** The browser went away mid-answer: nothing more to tell it. */
        static final class ClientGone extends RuntimeException {
            private static final long serialVersionUID = 1L;

            ClientGone(IOException cause) {
                super(cause);
            }
        }

        static void send(Response response, byte[] bytes) {
            try (OutputStream out = Content.Sink.asOutputStream(response)) {
                out.write(bytes);
            } catch (IOException e) {
                throw new ClientGone(e);
            }
        }
    }
}
