package io.stockmonitor.simulator;

import io.stockmonitor.protocol.Bars;
import io.stockmonitor.protocol.Protocol;

/**
 * 1 s OHLCV bars of one symbol for the last {@link #CAPACITY} seconds (prices in currency units): what a v1 snapshot carries.
 * Not thread-safe: the symbol's feed lock guards it.
 */
final class SecondBars extends IntervalBars {
    /** One hour of one-second bars: what a snapshot carries. */
    static final int CAPACITY = 3600;
    private static final long INTERVAL = Protocol.SNAPSHOT_BAR_INTERVAL_MS;

    SecondBars() {
        super(INTERVAL, CAPACITY);
    }

    /** Bars no older than an hour before {@code nowMs}, oldest first, copied out for a snapshot. */
    Bars lastHour(long nowMs) {
        long cutoff = nowMs - CAPACITY * INTERVAL;
        int count = size();
        long[] t = new long[count];
        double[] o = new double[count];
        double[] h = new double[count];
        double[] l = new double[count];
        double[] c = new double[count];
        long[] v = new long[count];
        int n = 0;
        for (int age = count - 1; age >= 0; age--) {
            if (timeAt(age) < cutoff) {
                continue;
            }
            t[n] = timeAt(age);
            o[n] = openAt(age);
            h[n] = highAt(age);
            l[n] = lowAt(age);
            c[n] = closeAt(age);
            v[n] = WireNumbers.volume(volumeAt(age));
            n++;
        }
        return new Bars(INTERVAL, n, t, o, h, l, c, v);
    }
}
