package net.ledgernet.routing;

import java.util.concurrent.atomic.AtomicLong;
import net.ledgernet.platform.PluginLogger;

/**
 * Warnings caused by clients: a modified client can trigger them as fast as it likes, so at most
 * one line per interval is written, with a count of the ones left out.
 */
public final class ThrottledLog {
    private final PluginLogger logger;
    private final long intervalNanos;
    private final AtomicLong lastLog;
    private final AtomicLong suppressed = new AtomicLong();

    public ThrottledLog(PluginLogger logger, long intervalNanos) {
        this.logger = logger;
        this.intervalNanos = intervalNanos;
        this.lastLog = new AtomicLong(System.nanoTime() - intervalNanos);
    }

    public void warn(String message) {
        warn(message, null);
    }

    /** Like {@link #warn(String)}, with the cause's stack trace when the line is written. */
    public void warn(String message, Throwable cause) {
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= intervalNanos && lastLog.compareAndSet(last, now)) {
            long skipped = suppressed.getAndSet(0);
            String line = message + (skipped > 0 ? " (and " + skipped + " more not logged)" : "");
            if (cause == null) {
                logger.warn(line);
            } else {
                logger.warn(line, cause);
            }
        } else {
            suppressed.incrementAndGet();
        }
    }
}
