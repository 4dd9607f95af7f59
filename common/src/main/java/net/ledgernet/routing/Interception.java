package net.ledgernet.routing;

/**
 * The core's answer for one intercepted {@code ledger:*} message, split the way the platform must
 * apply it: first whether the original message may pass (the platform sets its event result from
 * this, and nothing else), then the effects, which run only after the event result is set.
 *
 * <p>Every value except {@link #FORWARD} stops the original. The platform's default, whenever it
 * has no interception (an exception before one was made), is {@link #DROP}: nothing passes by
 * default. {@link #effects()} never throws; the core wraps them.
 */
public record Interception(boolean forwardsOriginal, Runnable effects) {
    private static final Runnable NOTHING = () -> { };

    /** Pass the original message on; nothing else happens. The only value that lets a message through. */
    public static final Interception FORWARD = new Interception(true, NOTHING);

    /** Stop the original; nothing else happens. */
    public static final Interception DROP = new Interception(false, NOTHING);

    /** Stop the original, then run {@code effects} (replies, rewritten messages, commands, database work). */
    public static Interception stop(Runnable effects) {
        return new Interception(false, effects);
    }

    /** Runs the effects; call only after the event result says whether the original passes. */
    public void act() {
        effects.run();
    }
}
