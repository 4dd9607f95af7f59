package net.ledgernet.storage;

import java.util.Objects;

/** Why a backend is missing from a result: shown to staff next to a partial answer. */
public record BackendFailure(Reason reason, String detail) {
    public enum Reason {
        /** It did not answer within the fan-out deadline. */
        TIMEOUT,
        /** The query or the connection failed. */
        ERROR,
        /** Recent failures opened its circuit breaker: not asked at all. */
        BREAKER_OPEN,
        /** Its executor's queue is full: too much already in flight for it. */
        BUSY,
        /** No such backend (or it has no database configured). */
        UNKNOWN_BACKEND
    }

    public BackendFailure {
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(detail, "detail");
    }

    /**
     * Why the backend is missing, for a "left out" line in chat or a terminal: the real cause for an error
     * (access denied, connection refused by host:port, ...) and the deadline for a timeout.
     */
    public String summary() {
        return switch (reason) {
            case TIMEOUT, ERROR -> detail;
            case BREAKER_OPEN -> "down, retrying soon";
            case BUSY -> "busy";
            case UNKNOWN_BACKEND -> "no database";
        };
    }

    @Override
    public String toString() {
        return reason + ": " + detail;
    }
}
