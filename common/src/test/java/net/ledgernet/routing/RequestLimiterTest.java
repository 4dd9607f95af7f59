package net.ledgernet.routing;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import net.ledgernet.config.Limits;
import org.junit.jupiter.api.Test;

class RequestLimiterTest {
    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final UUID alex = UUID.randomUUID();
    private final UUID steve = UUID.randomUUID();

    private RequestLimiter limiter(double perSecond, int burst, int inFlight, int fanOuts) {
        return new RequestLimiter(new Limits(5, 8, perSecond, burst, inFlight, fanOuts, 32767, Duration.ofSeconds(3)),
                now::get);
    }

    @Test
    void aBurstIsAllowedThenTheBucketRefillsAtTheConfiguredRate() {
        RequestLimiter limiter = limiter(2.0, 3, 10, 10);
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryTakeToken(alex), "burst request " + i);
        }
        assertFalse(limiter.tryTakeToken(alex), "bucket empty");
        assertTrue(limiter.tryTakeToken(steve), "buckets are per player");
        now.addAndGet(400_000_000L); // 0.4 s at 2/s = 0.8 tokens
        assertFalse(limiter.tryTakeToken(alex));
        now.addAndGet(100_000_000L); // 0.5 s in all = 1 token
        assertTrue(limiter.tryTakeToken(alex));
        now.addAndGet(60_000_000_000L); // a minute refills to the burst, not beyond
        for (int i = 0; i < 3; i++) {
            assertTrue(limiter.tryTakeToken(alex));
        }
        assertFalse(limiter.tryTakeToken(alex));
    }

    @Test
    void aPlayersInFlightCapHoldsUntilThePermitIsClosed() {
        RequestLimiter limiter = limiter(100, 100, 1, 10);
        Optional<RequestLimiter.Permit> first = limiter.tryAcquire(alex, false);
        assertTrue(first.isPresent());
        assertFalse(limiter.tryAcquire(alex, false).isPresent(), "one in flight at a time");
        first.get().close();
        first.get().close(); // closing twice frees one slot only
        Optional<RequestLimiter.Permit> second = limiter.tryAcquire(alex, false);
        assertTrue(second.isPresent());
        assertFalse(limiter.tryAcquire(alex, false).isPresent());
    }

    @Test
    void theNetworkWideFanOutCapIsSharedByAllPlayersAndRefusalTakesNothing() {
        RequestLimiter limiter = limiter(100, 100, 5, 1);
        Optional<RequestLimiter.Permit> alexSearch = limiter.tryAcquire(alex, true);
        assertTrue(alexSearch.isPresent());
        assertFalse(limiter.tryAcquire(steve, true).isPresent(), "the only fan-out slot is taken");
        assertTrue(limiter.tryAcquire(steve, false).isPresent(), "single-backend requests are not fan-outs");
        alexSearch.get().close();
        assertTrue(limiter.tryAcquire(steve, true).isPresent());
    }
}
