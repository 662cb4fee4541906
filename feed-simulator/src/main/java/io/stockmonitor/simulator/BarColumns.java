package io.stockmonitor.simulator;

import io.stockmonitor.protocol.Bars;

/**
 * Bars being gathered for a reply, in primitive columns (prices in currency units), filled newest first and handed out
 * oldest first. A history page is thousands of bars: one object per bar would be thousands of allocations.
 */
final class BarColumns {
    private final long intervalMs;
    private final long[] time;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private int count;

    BarColumns(long intervalMs, int capacity) {
        this.intervalMs = intervalMs;
        time = new long[capacity];
        open = new double[capacity];
        high = new double[capacity];
        low = new double[capacity];
        close = new double[capacity];
        volume = new double[capacity];
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
    void addOlder(long t, double o, double h, double l, double c, double v) {
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

    /** Appends the bars, oldest first, to {@code ring}. */
    void putOldestFirst(IntervalBars ring) {
        for (int i = count - 1; i >= 0; i--) {
            ring.put(time[i], open[i], high[i], low[i], close[i], volume[i]);
        }
    }

    /** The bars oldest first, for the wire (volumes in whole units, see {@link WireNumbers#volume}). */
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
            o[i] = open[from];
            h[i] = high[from];
            l[i] = low[from];
            c[i] = close[from];
            v[i] = WireNumbers.volume(volume[from]);
        }
        return new Bars(intervalMs, n, t, o, h, l, c, v);
    }
}
