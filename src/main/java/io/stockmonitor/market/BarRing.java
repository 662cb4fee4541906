package io.stockmonitor.market;

import java.util.Arrays;

/**
 * OHLCV bars of one interval in a time-indexed ring: bar index {@code k = floor(ts / intervalMs)} lives in slot
 * {@code k mod capacity}, so the start time is implicit (not stored) and the ring always holds the latest
 * {@code capacity} intervals. Prices are scaled ints (see {@link SymbolState}); an empty interval has
 * {@code open == EMPTY}. 20 bytes per slot. Written by the single writer inside the symbol's seqlock; readers copy
 * optimistically and must survive torn state (every index is reduced modulo the capacity, every loop is bounded).
 */
final class BarRing {
    static final int EMPTY = Integer.MIN_VALUE;
    static final long NONE = Long.MIN_VALUE;

    final long intervalMs;
    final int capacity;
    private final int[] open;
    private final int[] high;
    private final int[] low;
    private final int[] close;
    private final int[] volume;
    /** Index of the newest bar, or {@link #NONE}. */
    private long lastIndex = NONE;

    BarRing(long intervalMs, int capacity) {
        this.intervalMs = intervalMs;
        this.capacity = capacity;
        open = new int[capacity];
        high = new int[capacity];
        low = new int[capacity];
        close = new int[capacity];
        volume = new int[capacity];
        Arrays.fill(open, EMPTY);
    }

    void clear() {
        Arrays.fill(open, EMPTY);
        lastIndex = NONE;
    }

    /** Start time of the newest bar, or {@link #NONE}. */
    long newestStart() {
        long last = lastIndex;
        return last == NONE ? NONE : last * intervalMs;
    }

    /**
     * Merges a tick ({@code o == h == l == c}) or a finer bar starting at {@code ts} into the bar holding {@code ts}.
     * A {@code ts} older than the newest bar goes into the newest bar: history is never rewritten, so a late tick
     * can only widen the current bar's range and add to its volume.
     */
    void add(long ts, int o, int h, int l, int c, long v) {
        long idx = Math.floorDiv(ts, intervalMs);
        long last = lastIndex;
        if (last == NONE || idx > last) {
            if (last != NONE) {
                long end = Math.min(idx, last + 1 + capacity);
                for (long k = last + 1; k < end; k++) {
                    open[slot(k)] = EMPTY;
                }
            }
            int s = slot(idx);
            open[s] = o;
            high[s] = h;
            low[s] = l;
            close[s] = c;
            volume[s] = saturate(v);
            lastIndex = idx;
        } else {
            int s = slot(last);
            if (h > high[s]) {
                high[s] = h;
            }
            if (l < low[s]) {
                low[s] = l;
            }
            close[s] = c;
            volume[s] = saturate(volume[s] + v);
        }
    }

    /** Divides every stored price by {@code divisor} (rounding half up): the symbol switched to a coarser scale. */
    void rescale(int divisor) {
        for (int s = 0; s < capacity; s++) {
            if (open[s] != EMPTY) {
                open[s] = div(open[s], divisor);
                high[s] = div(high[s], divisor);
                low[s] = div(low[s], divisor);
                close[s] = div(close[s], divisor);
            }
        }
    }

    /**
     * Copies the newest bars starting at or after {@code fromTs} (at most {@code into.capacity()}) into {@code into},
     * oldest first, decoding prices with {@code scale}. Tolerates a concurrent write (the caller validates).
     */
    int readInto(long fromTs, BarBuffer into, int scale) {
        long last = lastIndex;
        if (last == NONE) {
            into.clear();
            return 0;
        }
        long first = last - capacity + 1;
        if (fromTs > first * intervalMs) {
            first = -Math.floorDiv(-fromTs, intervalMs);
        }
        double div = scale;
        int cap = into.capacity();
        int n = 0;
        for (long k = last; k >= first && n < cap; k--) {
            int s = slot(k);
            int o = open[s];
            if (o == EMPTY) {
                continue;
            }
            n++;
            into.set(cap - n, k * intervalMs, o / div, high[s] / div, low[s] / div, close[s] / div,
                    volume[s] & 0xFFFF_FFFFL);
        }
        into.finishFromEnd(n);
        return n;
    }

    private int slot(long index) {
        return (int) Math.floorMod(index, (long) capacity);
    }

    private static int saturate(long v) {
        return v >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(0, v);
    }

    private static int div(int v, int divisor) {
        return (int) Math.floorDiv(v + (long) divisor / 2, divisor);
    }
}
