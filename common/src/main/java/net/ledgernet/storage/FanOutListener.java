package net.ledgernet.storage;

import java.util.List;

/**
 * Told how a running search goes, backend by backend, as it happens (the web console shows each
 * backend's state live). Called from storage threads; implementations must be quick, thread-safe
 * and must not throw (what they throw is ignored).
 */
public interface FanOutListener {
    /** Tells nothing: what every caller that does not watch passes. */
    FanOutListener NONE = new FanOutListener() {
    };

    /** These backends are about to be asked (the ones the asker may read that still have rows). */
    default void asking(List<String> backends) {
    }

    /** This backend's part of the page arrived. */
    default void answered(String backend) {
    }

    /** This backend is left out of the page, and why. */
    default void failed(String backend, BackendFailure failure) {
    }

    /** Calls {@code event}, ignoring what a listener throws: watching a search never breaks it. */
    static void tell(Runnable event) {
        try {
            event.run();
        } catch (RuntimeException ignored) {
            // a listener's fault is not the search's
        }
    }
}
