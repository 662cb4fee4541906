package io.stockmonitor.market;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Counters of the feed, written by the single feed thread and read by any thread (UI, headless summary).
 *
 * <p>{@link #increment}/{@link #add} are single-writer: a plain read plus a release store, no atomic
 * read-modify-write, so they cost no more than a plain increment on the tick path; two threads incrementing the
 * same counter concurrently could lose counts. A counter that several threads may bump (e.g. bad frames seen by
 * different connection callbacks) uses {@link #incrementShared}. {@link #get} reads with acquire semantics.
 */
public final class FeedCounters {
    /** What is counted. */
    public enum Counter {
        TICKS_APPLIED, DUPLICATES_DROPPED, GAPS, RESYNCS, SNAPSHOTS, RECONNECTS, RESUMES, BAD_FRAMES
    }

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int SPREAD = 8; // one 64-byte line per counter: the UI's reads don't share the writer's line

    private final long[] values = new long[Counter.values().length * SPREAD];

    public void increment(Counter counter) {
        add(counter, 1);
    }

    public void add(Counter counter, long delta) {
        int i = counter.ordinal() * SPREAD;
        SLOT.setRelease(values, i, (long) SLOT.get(values, i) + delta);
    }

    /** Atomic increment, safe from any number of threads. */
    public void incrementShared(Counter counter) {
        SLOT.getAndAdd(values, counter.ordinal() * SPREAD, 1L);
    }

    public long get(Counter counter) {
        return (long) SLOT.getAcquire(values, counter.ordinal() * SPREAD);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FeedCounters[");
        for (Counter c : Counter.values()) {
            sb.append(c.ordinal() == 0 ? "" : ", ").append(c.name().toLowerCase(java.util.Locale.ROOT)).append('=')
                    .append(get(c));
        }
        return sb.append(']').toString();
    }
}
