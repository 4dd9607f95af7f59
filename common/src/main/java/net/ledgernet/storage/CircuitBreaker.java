package net.ledgernet.storage;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Stops sending work to a backend that keeps failing, so a dead or hanging database costs a search
 * nothing instead of a full deadline, and lets it back in without a restart:
 * CLOSED → (threshold consecutive failures) → OPEN: fail fast → (cooldown) → HALF_OPEN: one
 * trial request; its success closes the breaker, its failure opens it for another cooldown.
 *
 * <p>Only the backend's own faults may be reported as failures ({@link BackendReader} decides which):
 * the breaker acts for everyone, so an outcome one requester caused (a refused or queued-out request,
 * an expensive query of their own) is reported with {@link #onNeutral()}, which counts for nothing.
 */
public final class CircuitBreaker {
    public enum State { CLOSED, OPEN, HALF_OPEN }

    private final int threshold;
    private final Duration cooldown;
    private final Clock clock;
    private State state = State.CLOSED;
    private int failures;
    private Instant openedAt = Instant.MIN;
    private boolean trialInFlight;

    public CircuitBreaker(int threshold, Duration cooldown, Clock clock) {
        if (threshold < 1) {
            throw new IllegalArgumentException("threshold must be at least 1");
        }
        this.threshold = threshold;
        this.cooldown = cooldown;
        this.clock = clock;
    }

    /** May a request go to the backend now? A true answer must be followed by exactly one report. */
    public synchronized boolean tryAcquire() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (clock.instant().isBefore(openedAt.plus(cooldown))) {
                    return false;
                }
                state = State.HALF_OPEN;
                trialInFlight = true;
                return true;
            default: // HALF_OPEN: only the one trial
                if (trialInFlight) {
                    return false;
                }
                trialInFlight = true;
                return true;
        }
    }

    public synchronized void onSuccess() {
        state = State.CLOSED;
        failures = 0;
        trialInFlight = false;
    }

    /**
     * An outcome that says nothing about the backend's health: the count stays, and a trial in flight
     * is given back so that the next request becomes the trial.
     */
    public synchronized void onNeutral() {
        trialInFlight = false;
    }

    public synchronized void onFailure() {
        failures++;
        trialInFlight = false;
        if (state == State.HALF_OPEN || failures >= threshold) {
            state = State.OPEN;
            openedAt = clock.instant();
        }
    }

    public synchronized State state() {
        return state;
    }

    /** When an open breaker lets the next trial through. */
    public synchronized Optional<Instant> retryAt() {
        return state == State.OPEN ? Optional.of(openedAt.plus(cooldown)) : Optional.empty();
    }

    @Override
    public synchronized String toString() {
        return "CircuitBreaker[" + state + ", " + failures + " consecutive failures]";
    }
}
