package net.ledgernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import net.ledgernet.config.PoolSettings;
import net.ledgernet.storage.BackendFailure.Reason;
import net.ledgernet.storage.CircuitBreaker.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A backend that is down (closed port), one that hangs (a relay that stops forwarding bytes without
 * closing), and its recovery, on the two server databases. The healthy backend's rows always arrive,
 * complete and in order, and no page waits much longer than the deadline.
 */
class OutageTest {
    private static final Duration DEADLINE = Duration.ofMillis(700);
    /** Scheduling slack on a shared 2-core machine. */
    private static final long SLACK_MS = 600;

    static Stream<SqlDialect> servers() {
        return Stream.of(SqlDialect.MARIADB, SqlDialect.POSTGRESQL);
    }

    @ParameterizedTest
    @MethodSource("servers")
    void deadAndHangingBackendsAreReportedAndRecoverWithoutRestart(SqlDialect dialect) throws Exception {
        int port = dialect == SqlDialect.MARIADB ? 3306 : 5432;
        try (TestNetwork net = TestNetwork.create(dialect, List.of(TestNetwork.spec(31, 20, 300),
                TestNetwork.spec(32, 20, 300)));
             TcpRelay relay = new TcpRelay("127.0.0.1", port)) {
            TestNetwork.Member alpha = net.member("alpha");
            TestNetwork.Member bravo = net.member("bravo");
            String relayed = bravo.db().jdbcUrl().replace(":" + port + "/", ":" + relay.port() + "/");
            String closedPort = alpha.db().jdbcUrl().replace(":" + port + "/", ":1/");
            ZoneId utc = ZoneId.of("UTC");
            MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
            FanOutSettings settings = TestNetwork.settings(DEADLINE).withBreaker(2, Duration.ofSeconds(30))
                    .withClock(clock);
            try (BackendDatabases dbs = BackendDatabases.open(List.of(alpha.config(),
                    TestNetwork.config("bravo", dialect, relayed, utc),
                    TestNetwork.config("dead", dialect, closedPort, utc,
                            new PoolSettings(1, Duration.ofMillis(250), Duration.ofSeconds(1)))));
                 ActionFanOut fanOut = ActionFanOut.open(dbs, settings)) {
                Map<String, ActionFilter> all = Map.of("alpha", ActionFilter.ALL, "bravo", ActionFilter.ALL,
                        "dead", ActionFilter.ALL);
                List<ActionRow> alphaOnly = net.expected(r -> r.backend().equals("alpha"));
                List<ActionRow> alphaAndBravo = net.expected(r -> true);

                MergedPage page = timed(fanOut, all);
                assertEquals(alphaAndBravo.subList(0, 20), page.rows(), "the dead backend costs the others nothing");
                assertThat(page.missing()).containsOnlyKeys("dead");
                assertThat(page.missing().get("dead").reason()).isIn(Reason.ERROR, Reason.TIMEOUT);

                relay.stall(true);
                for (int i = 0; i < 2; i++) {
                    page = timed(fanOut, all);
                    assertEquals(alphaOnly.subList(0, 20), page.rows(), "a hanging backend is left out, not waited for");
                    assertEquals(Reason.TIMEOUT, page.missing().get("bravo").reason());
                }
                // A timed-out query counts once the probe (a cheap query of its own) failed as well.
                awaitOpen(fanOut.reader("bravo").orElseThrow());
                awaitOpen(fanOut.reader("dead").orElseThrow());

                long start = System.nanoTime();
                page = fanOut.firstPage(all, 20).join();
                assertThat(millisSince(start)).as("open breakers fail fast").isLessThan(DEADLINE.toMillis() / 2);
                assertEquals(Reason.BREAKER_OPEN, page.missing().get("bravo").reason());
                assertEquals(Reason.BREAKER_OPEN, page.missing().get("dead").reason());
                assertEquals(alphaOnly.subList(0, 20), page.rows());

                relay.stall(false);
                assertEquals(Reason.BREAKER_OPEN, timed(fanOut, all).missing().get("bravo").reason(),
                        "still cooling down");
                clock.advance(Duration.ofSeconds(30));
                page = timed(fanOut, all);
                assertEquals(alphaAndBravo.subList(0, 20), page.rows(), "the trial query brought bravo back");
                assertThat(page.missing()).containsOnlyKeys("dead");
                assertEquals(State.CLOSED, fanOut.reader("bravo").orElseThrow().breaker().state());
                assertEquals(State.OPEN, fanOut.reader("dead").orElseThrow().breaker().state(),
                        "the dead backend's trial failed: open for another cooldown");
                assertEquals(alphaAndBravo, TestNetwork.all(fanOut, Map.of("alpha", ActionFilter.ALL,
                        "bravo", ActionFilter.ALL), 50), "and pages through completely again");
            }
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void aQueryHangingPastTheDeadlineIsAbortedSoItsThreadIsFreeAgain(SqlDialect dialect) throws Exception {
        int port = dialect == SqlDialect.MARIADB ? 3306 : 5432;
        try (TestNetwork net = TestNetwork.create(dialect, List.of(TestNetwork.spec(33, 20, 100)));
             TcpRelay relay = new TcpRelay("127.0.0.1", port)) {
            TestNetwork.Member alpha = net.member("alpha");
            String relayed = alpha.db().jdbcUrl().replace(":" + port + "/", ":" + relay.port() + "/");
            // One connection, one thread, and a socket timeout far beyond the deadline (query timeout + 5 s).
            Duration connectTimeout = Duration.ofSeconds(1);
            try (BackendDatabases dbs = BackendDatabases.open(List.of(TestNetwork.config("alpha", dialect, relayed,
                    ZoneId.of("UTC"), new PoolSettings(1, connectTimeout, Duration.ofSeconds(30)))));
                 ActionFanOut fanOut = ActionFanOut.open(dbs, TestNetwork.settings(DEADLINE))) {
                BackendReader reader = fanOut.reader("alpha").orElseThrow();
                Map<String, ActionFilter> all = Map.of("alpha", ActionFilter.ALL);
                assertThat(timed(fanOut, all).rows()).hasSize(20);

                relay.stall(true);
                assertEquals(Reason.TIMEOUT, timed(fanOut, all).missing().get("alpha").reason());
                long start = System.nanoTime();
                while (reader.busyThreads() > 0 && millisSince(start) < 10_000) {
                    Thread.sleep(20);
                }
                assertEquals(0, reader.busyThreads(), "the hung query was aborted, not left waiting 35 s");
                // Freed at the deadline plus one second of grace, at the latest (the abort can be quicker).
                assertThat(millisSince(start)).isLessThan(1000 + 2 * SLACK_MS);
            }
        }
    }

    /** The breaker opens within the probe's deadline of the last timeout, not for seconds more. */
    private static void awaitOpen(BackendReader reader) throws InterruptedException {
        long start = System.nanoTime();
        while (reader.breaker().state() != State.OPEN && millisSince(start) < DEADLINE.toMillis() + 3 * SLACK_MS) {
            Thread.sleep(10);
        }
        assertEquals(State.OPEN, reader.breaker().state(), reader.backend());
    }

    private static MergedPage timed(ActionFanOut fanOut, Map<String, ActionFilter> filters) {
        long start = System.nanoTime();
        MergedPage page = fanOut.firstPage(filters, 20).join();
        assertThat(millisSince(start)).as("a page never waits much beyond the deadline")
                .isLessThan(DEADLINE.toMillis() + SLACK_MS);
        return page;
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
