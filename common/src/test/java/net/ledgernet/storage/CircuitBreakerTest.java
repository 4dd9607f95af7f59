package net.ledgernet.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import net.ledgernet.storage.CircuitBreaker.State;
import org.junit.jupiter.api.Test;

class CircuitBreakerTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2025-01-01T00:00:00Z"));
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        breaker.onFailure();
        breaker.onFailure();
        breaker.onSuccess(); // resets the count
        breaker.onFailure();
        breaker.onFailure();
        assertEquals(State.CLOSED, breaker.state());
        breaker.onFailure();
        assertEquals(State.OPEN, breaker.state());
        assertFalse(breaker.tryAcquire(), "fails fast while open");
        assertEquals(Instant.parse("2025-01-01T00:00:30Z"), breaker.retryAt().orElseThrow());
    }

    @Test
    void halfOpenLetsExactlyOneTrialThroughAndItsOutcomeDecides() {
        for (int i = 0; i < 3; i++) {
            breaker.onFailure();
        }
        clock.advance(Duration.ofSeconds(29));
        assertFalse(breaker.tryAcquire());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(breaker.tryAcquire(), "the trial");
        assertEquals(State.HALF_OPEN, breaker.state());
        assertFalse(breaker.tryAcquire(), "only one trial at a time");
        breaker.onFailure();
        assertEquals(State.OPEN, breaker.state(), "a failed trial opens it again for a full cooldown");
        clock.advance(Duration.ofSeconds(10));
        assertFalse(breaker.tryAcquire());
        clock.advance(Duration.ofSeconds(20));
        assertTrue(breaker.tryAcquire());
        breaker.onSuccess();
        assertEquals(State.CLOSED, breaker.state());
        assertTrue(breaker.tryAcquire());
        assertTrue(breaker.tryAcquire());
    }
}
