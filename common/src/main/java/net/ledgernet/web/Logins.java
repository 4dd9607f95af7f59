package net.ledgernet.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Optional;
import java.util.regex.Pattern;
import net.ledgernet.command.NetworkQueries.ActionPage;

/**
 * Login tokens and sessions, in memory only. A token is single use and valid {@link #TOKEN_TTL};
 * a used one is remembered until it would have expired, so a reused link is told apart from an
 * old one. A session is bound to one viewer and ends after {@code idle} without a request. Both
 * are capped ({@link #MAX_TOKENS}, {@link #MAX_SESSIONS}): beyond the cap the oldest entry goes,
 * so no flood can exhaust memory. Time comes from the injected clock.
 */
final class Logins {
    static final Duration TOKEN_TTL = Duration.ofMinutes(5);
    static final int MAX_TOKENS = 1_000;
    static final int MAX_SESSIONS = 1_000;
    /** Search pages each session keeps cursors for (as {@code /lgn page} keeps 100). */
    static final int MAX_PAGES_PER_SESSION = 100;
    /** 32 random bytes in URL-safe base64 without padding. */
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    /** Cursor tokens: 16 random bytes. */
    private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]{22}");

    private final Clock clock;
    private final Duration idle;
    private final SecureRandom random = new SecureRandom();
    private final LinkedHashMap<String, Token> tokens = new LinkedHashMap<>();
    private final LinkedHashMap<String, Session> sessions = new LinkedHashMap<>(16, 0.75f, true);

    private static final class Token {
        final WebViewer viewer;
        final Instant expires;
        boolean used;

        Token(WebViewer viewer, Instant expires) {
            this.viewer = viewer;
            this.expires = expires;
        }
    }

    /** One logged-in browser: its viewer, when it was last seen, and the cursors of the pages it was shown. */
    static final class Session {
        final String id;
        final WebViewer viewer;
        private Instant seen;
        private final LinkedHashMap<String, Remembered> pages = new LinkedHashMap<>(16, 0.75f, true);

        Session(String id, WebViewer viewer, Instant seen) {
            this.id = id;
            this.viewer = viewer;
            this.seen = seen;
        }

        /**
         * Keeps a page for {@code /api/page} under a new random token (least recently used goes first),
         * with the runtime it was read on: its cursor is only good on that one.
         */
        synchronized String remember(ActionPage page, Object runtime, String token) {
            pages.put(token, new Remembered(page, runtime));
            Iterator<String> oldest = pages.keySet().iterator();
            while (pages.size() > MAX_PAGES_PER_SESSION) {
                oldest.next();
                oldest.remove();
            }
            return token;
        }

        synchronized Optional<Remembered> page(String token) {
            return CURSOR.matcher(token).matches() ? Optional.ofNullable(pages.get(token)) : Optional.empty();
        }
    }

    /** A page shown, and the runtime (the core's NetworkSearch) whose pools its cursor points into. */
    record Remembered(ActionPage page, Object runtime) {
    }

    /** What a login link turned out to be. */
    sealed interface Outcome {
        record LoggedIn(Session session) implements Outcome {
        }

        record AlreadyUsed() implements Outcome {
        }

        record Expired() implements Outcome {
        }
    }

    Logins(Clock clock, Duration idle) {
        this.clock = clock;
        this.idle = idle;
    }

    synchronized String issue(WebViewer viewer) {
        Instant now = clock.instant();
        tokens.values().removeIf(t -> !t.expires.isAfter(now));
        Iterator<String> oldest = tokens.keySet().iterator();
        while (tokens.size() >= MAX_TOKENS) {
            oldest.next();
            oldest.remove();
        }
        String token = random(32);
        tokens.put(token, new Token(viewer, now.plus(TOKEN_TTL)));
        return token;
    }

    /** Uses a login token: a new session for its viewer, or why not. Unknown tokens read as expired. */
    synchronized Outcome consume(String token) {
        Instant now = clock.instant();
        Token t = TOKEN.matcher(token).matches() ? tokens.get(token) : null;
        if (t == null || !t.expires.isAfter(now)) {
            return new Outcome.Expired();
        }
        if (t.used) {
            return new Outcome.AlreadyUsed();
        }
        t.used = true;
        sessions.values().removeIf(s -> expired(s, now));
        Iterator<String> oldest = sessions.keySet().iterator();
        while (sessions.size() >= MAX_SESSIONS) {
            oldest.next();
            oldest.remove();
        }
        Session session = new Session(random(32), t.viewer, now);
        sessions.put(session.id, session);
        return new Outcome.LoggedIn(session);
    }

    /** The live session with this id, marked as seen now; empty (and forgotten) once idle too long. */
    synchronized Optional<Session> touch(String id) {
        if (!TOKEN.matcher(id).matches()) {
            return Optional.empty();
        }
        Session session = sessions.get(id);
        if (session == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        if (expired(session, now)) {
            sessions.remove(id);
            return Optional.empty();
        }
        session.seen = now;
        return Optional.of(session);
    }

    synchronized void end(String id) {
        sessions.remove(id);
    }

    synchronized void clear() {
        tokens.clear();
        sessions.clear();
    }

    synchronized int sessionCount() {
        return sessions.size();
    }

    synchronized int tokenCount() {
        return tokens.size();
    }

    String newCursor() {
        return random(16);
    }

    private boolean expired(Session session, Instant now) {
        return !session.seen.plus(idle).isAfter(now);
    }

    private String random(int bytes) {
        byte[] raw = new byte[bytes];
        random.nextBytes(raw);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    }
}
