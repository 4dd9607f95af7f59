package net.ledgernet.storage;

/** A backend call that did not produce an answer, carrying the {@link BackendFailure} to report. */
public final class BackendUnavailableException extends RuntimeException {
    private final transient BackendFailure failure;

    public BackendUnavailableException(BackendFailure failure, Throwable cause) {
        super(failure.toString(), cause, false, false);
        this.failure = failure;
    }

    public BackendFailure failure() {
        return failure;
    }
}
