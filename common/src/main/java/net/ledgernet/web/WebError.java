package net.ledgernet.web;

/**
 * A refusal answered as {"kind":..,"message":..} with its status (before a stream started), or as
 * an error line inside one.
 */
final class WebError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    final int status;
    final String kind;

    WebError(int status, String kind, String message) {
        super(message, null, false, false);
        this.status = status;
        this.kind = kind;
    }

    static WebError badInput(String message) {
        return new WebError(400, "BAD_INPUT", message);
    }

    static WebError notFound(String message) {
        return new WebError(404, "NOT_FOUND", message);
    }
}
