package net.ledgernet.routing;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.LongSupplier;
import net.ledgernet.config.Limits;

/**
 * Per-player token buckets and in-flight caps, plus a network-wide cap on fan-outs. Beyond them a
 * request is answered BUSY (code 4). Never blocks: every check is a try.
 */
public final class RequestLimiter {
    private final Limits limits;
    private final LongSupplier nanoClock;
    private final Map<UUID, Bucket> buckets = new ConcurrentHashMap<>();
    private final Semaphore fanOuts;

    public RequestLimiter(Limits limits, LongSupplier nanoClock) {
        this.limits = limits;
        this.nanoClock = nanoClock;
        this.fanOuts = new Semaphore(limits.maxFanOutsInFlight());
    }

    /** A request that was let through; close it when its work is done to free its in-flight slot. */
    public interface Permit extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Takes a token and an in-flight slot for the player, and a network-wide fan-out slot if the
     * request fans out. Empty if any of them is exhausted; then nothing is taken.
     */
    public Optional<Permit> tryAcquire(UUID player, boolean fanOut) {
        Bucket bucket = bucket(player);
        if (!bucket.tryTake(nanoClock.getAsLong())) {
            return Optional.empty();
        }
        if (fanOut && !fanOuts.tryAcquire()) {
            bucket.release();
            return Optional.empty();
        }
        return Optional.of(new Slots(bucket, fanOut));
    }

    /** A network-wide fan-out slot only: for the console, which has no bucket of its own. */
    public Optional<Permit> tryAcquireFanOut() {
        return fanOuts.tryAcquire() ? Optional.of(new Slots(null, true)) : Optional.empty();
    }

    /**
     * Takes only a token: for requests passed on to a backend, whose end the proxy does not see,
     * so they cannot hold an in-flight slot.
     */
    public boolean tryTakeToken(UUID player) {
        Bucket bucket = bucket(player);
        boolean taken = bucket.tryTake(nanoClock.getAsLong());
        if (taken) {
            bucket.release();
        }
        return taken;
    }

    private Bucket bucket(UUID player) {
        return buckets.computeIfAbsent(player, uuid -> new Bucket(limits.rateBurst(), nanoClock.getAsLong()));
    }

    /** The slots one permit holds: a player's in-flight slot (none for the console) and maybe a fan-out slot. */
    private final class Slots implements Permit {
        private final Bucket bucket;
        private final boolean fanOut;
        private boolean closed;

        Slots(Bucket bucket, boolean fanOut) {
            this.bucket = bucket;
            this.fanOut = fanOut;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                if (bucket != null) {
                    bucket.release();
                }
                if (fanOut) {
                    fanOuts.release();
                }
            }
        }
    }

    public void forget(UUID player) {
        buckets.remove(player);
    }

    private final class Bucket {
        private double tokens;
        private long lastRefill;
        private int inFlight;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.lastRefill = now;
        }

        synchronized boolean tryTake(long now) {
            tokens = Math.min(limits.rateBurst(), tokens + (now - lastRefill) / 1e9 * limits.ratePerSecond());
            lastRefill = now;
            if (tokens < 1 || inFlight >= limits.maxInFlightPerPlayer()) {
                return false;
            }
            tokens -= 1;
            inFlight++;
            return true;
        }

        synchronized void release() {
            inFlight--;
        }
    }
}
