package net.ledgernet.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A progress line on stderr for work that takes longer than {@code after}: on a terminal, one line
 * rewritten in place with the elapsed time and erased at the end; otherwise one plain line, so logs
 * of scripts stay readable. stdout is left alone for the results.
 */
final class Progress implements AutoCloseable {
    private final PrintStream err;
    private final boolean terminal;
    private final long afterMillis;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "LedgerNet-progress");
        t.setDaemon(true);
        return t;
    });

    Progress(PrintStream err, boolean terminal, long afterMillis) {
        this.err = err;
        this.terminal = terminal;
        this.afterMillis = afterMillis;
    }

    PrintStream err() {
        return err;
    }

    /** One running task; closing it stops and erases its line. */
    interface Line extends AutoCloseable {
        @Override
        void close();
    }

    Line start(String label) {
        long start = System.nanoTime();
        Object lock = new Object();
        boolean[] shown = {false};
        Runnable tick = () -> {
            synchronized (lock) {
                double seconds = (System.nanoTime() - start) / 1e9;
                if (terminal) {
                    err.print(String.format(Locale.ROOT, "\r%s... %.1f s ", label, seconds));
                    err.flush();
                } else if (!shown[0]) {
                    err.println(label + "... (still running after " + afterMillis / 1000.0 + " s)");
                }
                shown[0] = true;
            }
        };
        ScheduledFuture<?> task = timer.scheduleAtFixedRate(tick, afterMillis, 200, TimeUnit.MILLISECONDS);
        return () -> {
            task.cancel(false);
            synchronized (lock) {
                if (shown[0] && terminal) {
                    err.print("\r" + " ".repeat(label.length() + 16) + "\r");
                    err.flush();
                }
            }
        };
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
