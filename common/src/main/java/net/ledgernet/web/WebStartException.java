package net.ledgernet.web;

/** The console could not start; the message says what to change (port in use, an address not of this machine). */
public final class WebStartException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public WebStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
