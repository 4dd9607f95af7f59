package net.ledgernet.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import net.ledgernet.storage.BackendFailure.Reason;
import net.ledgernet.storage.CircuitBreaker.State;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 11 item 6: a backend's circuit breaker acts for every user, so only the backend's own faults
 * may open it (OutageTest: a dead or hanging database does). What one user's requests cause, a full
 * queue or queries too expensive for the deadline, is refused to them and leaves the backend in
 * everyone else's searches.
 */
class BreakerFairnessTest {

    static Stream<SqlDialect> servers() {
        return Stream.of(SqlDialect.MARIADB, SqlDialect.POSTGRESQL);
    }

    @ParameterizedTest
    @MethodSource("net.ledgernet.storage.TestDatabase#dialects")
    void refusalsForAFullQueueDoNotOpenTheBreaker(SqlDialect dialect) throws Exception {
        // One thread and one queue slot: the third request at once is refused as BUSY.
        FanOutSettings settings = new FanOutSettings(Duration.ofSeconds(10), 1, 1, 3, Duration.ofSeconds(30),
                Duration.ofMinutes(5), Duration.ofSeconds(10), 256, java.time.Clock.systemUTC());
        try (TestNetwork net = TestNetwork.create(dialect, List.of(TestNetwork.spec(61, 10, 200)));
             ActionFanOut fanOut = ActionFanOut.open(net.databases(), settings)) {
            BackendReader reader = fanOut.reader("alpha").orElseThrow();
            CountDownLatch running = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            CompletableFuture<Integer> hog = reader.call((c, r) -> {
                running.countDown();
                await(release);
                return 1;
            });
            assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
            CompletableFuture<Integer> queued = reader.call((c, r) -> 2);

            List<Reason> refused = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                CompletionException e = assertThrows(CompletionException.class, () -> reader.call((c, r) -> 3).join());
                refused.add(((BackendUnavailableException) e.getCause()).failure().reason());
            }
            assertEquals(Collections.nCopies(10, Reason.BUSY), refused, "the requests beyond the queue are refused");
            assertEquals(State.CLOSED, reader.breaker().state(), "a full queue is load, not a fault of the backend");

            release.countDown();
            assertEquals(1, hog.join());
            assertEquals(2, queued.join());
            MergedPage page = fanOut.firstPage(Map.of("alpha", ActionFilter.ALL), 5).join();
            assertThat(page.missing()).isEmpty();
            assertEquals(net.expected(r -> true).subList(0, 5), page.rows(), "and everyone else's searches go on");
        }
    }

    @ParameterizedTest
    @MethodSource("servers")
    void queriesTooExpensiveForTheDeadlineDoNotOpenTheBreakerOfAHealthyBackend(SqlDialect dialect) throws Exception {
        Duration deadline = Duration.ofMillis(600);
        // A request whose own query costs more than the deadline allows (here: it sleeps).
        String expensive = dialect == SqlDialect.MARIADB ? "SELECT SLEEP(3)" : "SELECT pg_sleep(3)";
        try (TestNetwork net = TestNetwork.create(dialect, List.of(TestNetwork.spec(62, 10, 200)));
             ActionFanOut fanOut = ActionFanOut.open(net.databases(), TestNetwork.settings(deadline))) {
            BackendReader reader = fanOut.reader("alpha").orElseThrow();
            for (int i = 0; i < 5; i++) {
                CompletionException e = assertThrows(CompletionException.class, () -> reader.call((c, r) -> {
                    try (Statement st = c.createStatement()) {
                        st.execute(expensive);
                    }
                    return 0;
                }).join());
                assertEquals(Reason.TIMEOUT, ((BackendUnavailableException) e.getCause()).failure().reason(),
                        "request " + (i + 1) + " runs (and times out) instead of failing fast");
            }
            // Each timeout asked a probe (a cheap query of bounded cost); the backend answers it.
            long start = System.nanoTime();
            while (reader.probesInFlight() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(5)) {
                Thread.sleep(10);
            }
            assertThat(reader.probes()).isPositive();
            assertEquals(State.CLOSED, reader.breaker().state());

            MergedPage page = fanOut.firstPage(Map.of("alpha", ActionFilter.ALL), 5).join();
            assertThat(page.missing()).as("another user's search").isEmpty();
            assertEquals(net.expected(r -> true).subList(0, 5), page.rows());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
