package net.ledgernet.storage;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Each backend's share of a connection pool that several backends use (one database server). A
 * backend may always take its first connection; it may take another only while that leaves one free
 * for every other backend of the pool that holds none. A backend whose queries hang (a locked table,
 * a stalled database) keeps its connections until their deadline, and without this would soon hold
 * the whole pool, so that its neighbours' searches waited for a connection instead of answering.
 * With it they keep at least one connection each (given a pool at least as large as its number of
 * backends), and a backend alone at work may still use all but those reserves.
 *
 * <p>Tracks only connections handed out through {@link BackendDatabase#connection}; thread-safe.
 */
final class PoolShares {
    private final int size;
    private final Map<String, Integer> held = new HashMap<>();
    private int total;

    PoolShares(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("pool size must be at least 1");
        }
        this.size = size;
    }

    synchronized void register(String backend) {
        held.putIfAbsent(backend, 0);
    }

    /** Waits up to {@code timeoutNanos} for a share; false when none came. */
    boolean acquire(String backend, long timeoutNanos) throws InterruptedException {
        long end = System.nanoTime() + timeoutNanos;
        synchronized (this) {
            while (!mayTake(backend)) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
            held.merge(backend, 1, Integer::sum);
            total++;
            return true;
        }
    }

    synchronized void release(String backend) {
        Integer mine = held.get(backend);
        if (mine == null || mine == 0) {
            throw new IllegalStateException("release without acquire for " + backend);
        }
        held.put(backend, mine - 1);
        total--;
        notifyAll();
    }

    /** Connections {@code backend} holds now. */
    synchronized int held(String backend) {
        return held.getOrDefault(backend, 0);
    }

    synchronized int size() {
        return size;
    }

    private boolean mayTake(String backend) {
        if (total >= size) {
            return false;
        }
        if (held.getOrDefault(backend, 0) == 0) {
            return true;
        }
        int idleOthers = 0;
        for (Map.Entry<String, Integer> e : held.entrySet()) {
            if (e.getValue() == 0 && !e.getKey().equals(backend)) {
                idleOthers++;
            }
        }
        return size - total - 1 >= idleOthers;
    }
}
