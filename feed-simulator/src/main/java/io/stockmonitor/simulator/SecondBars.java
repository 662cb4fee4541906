package io.stockmonitor.simulator;

import io.stockmonitor.protocol.Bars;
import io.stockmonitor.protocol.Protocol;

/**
 * 1 s OHLCV bars of one symbol for the last {@link #CAPACITY} seconds, in primitive ring arrays (prices in cents).
 * Not thread-safe: the symbol's feed lock guards it.
 */
final class SecondBars {
    /** One hour of one-second bars: what a snapshot carries. */
    static final int CAPACITY = 3600;
    private static final long INTERVAL = Protocol.SNAPSHOT_BAR_INTERVAL_MS;

    private final long[] time = new long[CAPACITY];
    private final long[] open = new long[CAPACITY];
    private final long[] high = new long[CAPACITY];
    private final long[] low = new long[CAPACITY];
    private final long[] close = new long[CAPACITY];
    private final long[] volume = new long[CAPACITY];
    private int head; // slot of the newest bar
    private int count;

    void add(long tsMs, long priceCents, long size) {
        long barTime = tsMs - Math.floorMod(tsMs, INTERVAL);
        if (count > 0 && time[head] == barTime) {
            high[head] = Math.max(high[head], priceCents);
            low[head] = Math.min(low[head], priceCents);
            close[head] = priceCents;
            volume[head] += size;
            return;
        }
        if (count > 0 && barTime < time[head]) {
            // The wall clock stepped back: fold into the newest bar rather than break time order.
            high[head] = Math.max(high[head], priceCents);
            low[head] = Math.min(low[head], priceCents);
            close[head] = priceCents;
            volume[head] += size;
            return;
        }
        head = count == 0 ? 0 : (head + 1) % CAPACITY;
        count = Math.min(CAPACITY, count + 1);
        time[head] = barTime;
        open[head] = priceCents;
        high[head] = priceCents;
        low[head] = priceCents;
        close[head] = priceCents;
        volume[head] = size;
    }

    int size() {
        return count;
    }

    /** Bars no older than an hour before {@code nowMs}, oldest first, copied out for a snapshot. */
    Bars lastHour(long nowMs) {
        long cutoff = nowMs - CAPACITY * INTERVAL;
        long[] t = new long[count];
        double[] o = new double[count];
        double[] h = new double[count];
        double[] l = new double[count];
        double[] c = new double[count];
        long[] v = new long[count];
        int n = 0;
        for (int i = count - 1; i >= 0; i--) {
            int slot = Math.floorMod(head - i, CAPACITY);
            if (time[slot] < cutoff) {
                continue;
            }
            t[n] = time[slot];
            o[n] = open[slot] / 100.0;
            h[n] = high[slot] / 100.0;
            l[n] = low[slot] / 100.0;
            c[n] = close[slot] / 100.0;
            v[n] = volume[slot];
            n++;
        }
        return new Bars(INTERVAL, n, t, o, h, l, c, v);
    }
}
