package io.stockmonitor.simulator;

import io.stockmonitor.protocol.Bars;

/**
 * Bars being gathered for a reply, in primitive columns (prices in cents), filled newest first and handed out
 * oldest first. A history page is thousands of bars: one object per bar would be thousands of allocations.
 */
final class BarColumns {
    private final long intervalMs;
    private final long[] time;
    private final long[] open;
    private final long[] high;
    private final long[] low;
    private final long[] close;
    private final long[] volume;
    private int count;

    BarColumns(long intervalMs, int capacity) {
        this.intervalMs = intervalMs;
        time = new long[capacity];
        open = new long[capacity];
        high = new long[capacity];
        low = new long[capacity];
        close = new long[capacity];
        volume = new long[capacity];
    }

    int count() {
        return count;
    }

    boolean full() {
        return count == time.length;
    }

    int room() {
        return time.length - count;
    }

    /** Adds a bar older than every bar added so far. */
    void addOlder(long t, long o, long h, long l, long c, long v) {
        time[count] = t;
        open[count] = o;
        high[count] = h;
        low[count] = l;
        close[count] = c;
        volume[count] = v;
        count++;
    }

    /** Start of the oldest bar added; {@link Long#MAX_VALUE} when none. */
    long oldest() {
        return count == 0 ? Long.MAX_VALUE : time[count - 1];
    }

    /** Appends the bars, oldest first, to {@code ring} (cents as they are). */
    void putOldestFirst(IntervalBars ring) {
        for (int i = count - 1; i >= 0; i--) {
            ring.put(time[i], open[i], high[i], low[i], close[i], volume[i]);
        }
    }

    /** The bars oldest first, prices in currency units (two decimals), for the wire. */
    Bars toBars() {
        int n = count;
        long[] t = new long[n];
        double[] o = new double[n];
        double[] h = new double[n];
        double[] l = new double[n];
        double[] c = new double[n];
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            int from = n - 1 - i;
            t[i] = time[from];
            o[i] = open[from] / 100.0;
            h[i] = high[from] / 100.0;
            l[i] = low[from] / 100.0;
            c[i] = close[from] / 100.0;
            v[i] = volume[from];
        }
        return new Bars(intervalMs, n, t, o, h, l, c, v);
    }
}
