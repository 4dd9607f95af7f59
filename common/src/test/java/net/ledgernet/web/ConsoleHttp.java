package net.ledgernet.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** A browser's requests to the console, over real HTTP, redirects not followed so 303s are seen. */
public final class ConsoleHttp {
    private static final HttpClient CLIENT = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(5)).build();

    private ConsoleHttp() {
    }

    public static HttpResponse<String> get(URI uri, Optional<String> cookie) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(20)).GET();
        cookie.ifPresent(c -> request.header("Cookie", c));
        try {
            return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static HttpResponse<String> get(URI uri) {
        return get(uri, Optional.empty());
    }

    /** Follows a login link as a browser would: the session cookie it sets ("name=value"). */
    public static String logIn(URI link) {
        HttpResponse<String> response = get(link);
        if (response.statusCode() != 303) {
            throw new AssertionError("login answered " + response.statusCode() + ": " + response.body());
        }
        String setCookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        return setCookie.substring(0, setCookie.indexOf(';'));
    }

    /** Whether anything listens at the console's address. */
    public static boolean listening(URI base) {
        try (java.net.Socket socket = new java.net.Socket()) {
            socket.connect(new java.net.InetSocketAddress(base.getHost(), base.getPort()), 2000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
