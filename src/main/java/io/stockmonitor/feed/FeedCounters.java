package io.stockmonitor.feed;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Locale;

/**
 * The counters of one feed client: written by its feed thread only, read by any thread (status bar, summary).
 *
 * <p>Single writer, so an increment is a plain read plus a release store (no atomic read-modify-write: as cheap as a
 * plain increment on the tick path); readers use acquire loads. Each counter has its own cache line, so the UI's
 * reads never share the writer's line.
 */
public final class FeedCounters implements FeedStats {
    /** What is counted. */
    public enum Counter {
        /** Trades (ticks) applied to the market model, refilled ones included. */
        TICKS_APPLIED,
        /** Trades seen twice (by seq or id) and dropped. */
        DUPLICATES_DROPPED,
        /** Holes in a stream (a seq or id jump, or a heartbeat naming a tick never received). */
        GAPS,
        /** Snapshots that replaced a symbol's state after a gap or a reconnect (protocol sources). */
        RESYNCS,
        /** Symbols the server resumed exactly after a reconnect or a resync request. */
        SYMBOLS_RESUMED,
        /** Connection attempts scheduled after a loss or a failed attempt. */
        RECONNECTS,
        /** Established connections that were lost (dropped, stalled, closed by the server). */
        CONNECTIONS_LOST,
        /** Frames or messages that could not be used. */
        BAD_FRAMES,
        /** Frames received, any kind. */
        MESSAGES_RECEIVED,
        /** Ticks ignored because the symbol was being resynced. */
        IGNORED_WHILE_RESYNCING,
        /** Gaps refilled and proven complete by the provider's ids. */
        GAPS_EXACT,
        /** Gaps refilled by time (completeness not provable). */
        GAPS_BY_TIME,
        /** Gaps whose trades are lost for good. */
        GAPS_LOST,
        /** Trades recovered from a provider's history. */
        TRADES_REFILLED,
        /** Trades known to be lost for good (where the ids tell how many). */
        TRADES_LOST,
        /** REST requests sent to the provider. */
        REST_REQUESTS,
        /** REST requests the provider refused for rate limits (HTTP 429, 418, or a "slow down" in the body). */
        REST_THROTTLED
    }

    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(long[].class);
    private static final int SPREAD = 8; // 8 longs: one 64-byte line per counter

    private final long[] values = new long[Counter.values().length * SPREAD];

    /** Feed thread only. */
    public void add(Counter counter) {
        add(counter, 1);
    }

    /** Feed thread only. */
    public void add(Counter counter, long delta) {
        int i = counter.ordinal() * SPREAD;
        SLOT.setRelease(values, i, (long) SLOT.get(values, i) + delta);
    }

    /** Any thread. */
    public long get(Counter counter) {
        return (long) SLOT.getAcquire(values, counter.ordinal() * SPREAD);
    }

    @Override
    public long ticksApplied() {
        return get(Counter.TICKS_APPLIED);
    }

    @Override
    public long duplicatesDropped() {
        return get(Counter.DUPLICATES_DROPPED);
    }

    @Override
    public long gaps() {
        return get(Counter.GAPS);
    }

    @Override
    public long resyncs() {
        return get(Counter.RESYNCS);
    }

    @Override
    public long symbolsResumed() {
        return get(Counter.SYMBOLS_RESUMED);
    }

    @Override
    public long reconnects() {
        return get(Counter.RECONNECTS);
    }

    @Override
    public long connectionsLost() {
        return get(Counter.CONNECTIONS_LOST);
    }

    @Override
    public long badFrames() {
        return get(Counter.BAD_FRAMES);
    }

    @Override
    public long messagesReceived() {
        return get(Counter.MESSAGES_RECEIVED);
    }

    @Override
    public long gapsExact() {
        return get(Counter.GAPS_EXACT);
    }

    @Override
    public long gapsByTime() {
        return get(Counter.GAPS_BY_TIME);
    }

    @Override
    public long gapsLost() {
        return get(Counter.GAPS_LOST);
    }

    @Override
    public long tradesRefilled() {
        return get(Counter.TRADES_REFILLED);
    }

    @Override
    public long tradesLost() {
        return get(Counter.TRADES_LOST);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("FeedCounters[");
        for (Counter c : Counter.values()) {
            sb.append(c.ordinal() == 0 ? "" : ", ").append(c.name().toLowerCase(Locale.ROOT)).append('=')
                    .append(get(c));
        }
        return sb.append(']').toString();
    }
}
