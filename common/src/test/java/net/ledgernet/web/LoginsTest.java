package net.ledgernet.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import net.ledgernet.command.NetworkQueries;
import net.ledgernet.storage.FanOutCursor;
import net.ledgernet.storage.MergedPage;
import net.ledgernet.storage.MutableClock;
import org.junit.jupiter.api.Test;

/** The bounds that keep a flood of links or logins from exhausting memory. */
class LoginsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-03T12:00:00Z"));
    private final Logins logins = new Logins(clock, Duration.ofMinutes(30));
    private final WebViewer steve = WebViewer.player(UUID.randomUUID(), "Steve");

    @Test
    void tokensAreRandomUrlSafeAndCappedOldestFirst() {
        Set<String> seen = new HashSet<>();
        List<String> issued = new ArrayList<>();
        for (int i = 0; i < Logins.MAX_TOKENS + 10; i++) {
            String token = logins.issue(steve);
            assertThat(token).matches("[A-Za-z0-9_-]{43}");
            assertTrue(seen.add(token));
            issued.add(token);
        }
        assertEquals(Logins.MAX_TOKENS, logins.tokenCount());
        assertInstanceOf(Logins.Outcome.Expired.class, logins.consume(issued.get(0)), "the oldest went");
        assertInstanceOf(Logins.Outcome.LoggedIn.class, logins.consume(issued.get(issued.size() - 1)));
        // Expired tokens are dropped when the next one is issued.
        clock.advance(Logins.TOKEN_TTL);
        logins.issue(steve);
        assertEquals(1, logins.tokenCount());
    }

    @Test
    void sessionsAreCappedLeastRecentlyUsedFirst() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < Logins.MAX_SESSIONS; i++) {
            ids.add(((Logins.Outcome.LoggedIn) logins.consume(logins.issue(steve))).session().id);
        }
        assertTrue(logins.touch(ids.get(0)).isPresent()); // the first is now the most recently used
        String newest = ((Logins.Outcome.LoggedIn) logins.consume(logins.issue(steve))).session().id;
        assertEquals(Logins.MAX_SESSIONS, logins.sessionCount());
        assertTrue(logins.touch(ids.get(0)).isPresent());
        assertTrue(logins.touch(ids.get(1)).isEmpty(), "the least recently used went");
        assertTrue(logins.touch(newest).isPresent());
    }

    @Test
    void eachSessionKeepsAtMostItsPagesCursors() {
        Logins.Session session = ((Logins.Outcome.LoggedIn) logins.consume(logins.issue(steve))).session();
        List<String> cursors = new ArrayList<>();
        List<NetworkQueries.ActionPage> pages = new ArrayList<>();
        for (int i = 0; i < Logins.MAX_PAGES_PER_SESSION + 5; i++) {
            NetworkQueries.ActionPage page = new NetworkQueries.ActionPage("q", i + 1,
                    new NetworkQueries.Access("ledger.commands.search", "search"), List.of("s1"), List.of(), List.of(),
                    new MergedPage(List.of(), Map.of(), new FanOutCursor(8, Map.of())), List.of());
            String cursor = logins.newCursor();
            assertThat(cursor).matches("[A-Za-z0-9_-]{22}");
            cursors.add(session.remember(page, this, cursor));
            pages.add(page);
        }
        for (int i = 0; i < cursors.size(); i++) {
            assertEquals(i < 5 ? Optional.empty() : Optional.of(new Logins.Remembered(pages.get(i), this)),
                    session.page(cursors.get(i)));
        }
        assertTrue(session.page("../../etc").isEmpty());
    }
}
