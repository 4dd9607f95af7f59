package net.ledgernet.search;

import java.util.Objects;

/**
 * A search string LedgerNet refuses, with the term at fault. The message is safe to show in chat:
 * the term is quoted with anything outside printable ASCII escaped.
 */
public final class SearchSyntaxException extends Exception {
    /** What went wrong, for callers that react differently (e.g. translate, or count abuse). */
    public enum Kind {
        /** The whole input exceeds {@link SearchLimits#maxInputLength()}. */
        INPUT_TOO_LONG,
        TOO_MANY_TERMS,
        TERM_TOO_LONG,
        /** A term without {@code :}. */
        MISSING_COLON,
        /** A term starting with {@code :}. */
        MISSING_KEY,
        UNKNOWN_KEY,
        EMPTY_VALUE,
        NOT_NEGATABLE,
        /** A second {@code range}, {@code before}, {@code after} or {@code rolledback}. */
        DUPLICATE_KEY,
        TOO_MANY_VALUES,
        INVALID_VALUE,
        /** A number or duration beyond its limit, or a range below 1. */
        OUT_OF_RANGE,
        /** Terms that contradict each other ({@code backend:*} with {@code backend:x}, and the like). */
        CONFLICT
    }

    private final Kind kind;
    private final String reason;
    private final String term;
    private final int offset;

    /**
     * @param term   the offending term exactly as in the input (may be empty)
     * @param offset index of its first character in the input
     */
    public SearchSyntaxException(Kind kind, String reason, String term, int offset) {
        super(message(reason, term, offset), null, false, false);
        this.kind = Objects.requireNonNull(kind);
        this.reason = Objects.requireNonNull(reason);
        this.term = Objects.requireNonNull(term);
        this.offset = offset;
    }

    private static String message(String reason, String term, int offset) {
        return term.isEmpty()
                ? reason + " (at position " + offset + ")"
                : reason + " (in '" + Terms.display(term) + "' at position " + offset + ")";
    }

    public Kind kind() {
        return kind;
    }

    /** The reason alone, without the term. */
    public String reason() {
        return reason;
    }

    public String term() {
        return term;
    }

    /** Zero-based index of the term in the input. */
    public int offset() {
        return offset;
    }
}
