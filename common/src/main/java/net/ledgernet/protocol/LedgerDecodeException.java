package net.ledgernet.protocol;

/**
 * The only exception a decode may throw: hostile or broken input, never a bug report.
 * Stackless, because hostile peers can make us throw at line rate and the trace would say nothing
 * the {@link Reason} and message do not.
 */
public final class LedgerDecodeException extends RuntimeException {

    /** Why a payload was rejected. */
    public enum Reason {
        /** The payload exceeds the direction's size limit; nothing was read. */
        PAYLOAD_TOO_LARGE,
        /** No codec for this channel in this packet map. */
        UNKNOWN_CHANNEL,
        /** A field (or a list count's minimum size) runs past the end of the payload. */
        TRUNCATED,
        /** Bytes left over after the last field. */
        TRAILING_BYTES,
        /** VarInt longer than 5 bytes, not minimally encoded, or wider than 32 bits. */
        BAD_VARINT,
        /** A length or count prefix is negative. */
        NEGATIVE_LENGTH,
        /** A string exceeds its limit in bytes or UTF-16 units. */
        STRING_TOO_LONG,
        /** Not well-formed (modified) UTF-8. */
        MALFORMED_UTF8,
        /** Not a Minecraft identifier. */
        INVALID_IDENTIFIER,
        /** A documented-layout boolean byte other than 0 or 1. */
        INVALID_BOOLEAN,
        /** A list count above {@link DecodeLimits#maxListEntries()}. */
        COUNT_OUT_OF_RANGE,
        /** A lone TAG_End where NBT is required (Ledger answers this with "no mod info"). */
        NBT_ABSENT,
        /** NBT that is structurally invalid (bad tag type, negative length, typeless non-empty list...). */
        NBT_MALFORMED,
        /** NBT nested deeper than {@link DecodeLimits#maxNbtDepth()}. */
        NBT_TOO_DEEP,
        /** NBT larger than {@link DecodeLimits#maxNbtBytes()}. */
        NBT_TOO_LARGE,
        /** A required handshake key is missing. */
        NBT_MISSING_KEY,
        /** A handshake key appears twice. */
        NBT_DUPLICATE_KEY,
        /** A handshake key has the wrong tag type. */
        NBT_WRONG_TYPE
    }

    private final Reason reason;

    public LedgerDecodeException(Reason reason, String message) {
        super(reason + ": " + message, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
