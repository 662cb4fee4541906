package io.stockmonitor.indicators;

import java.util.Arrays;

/**
 * A bar series for the tests that behaves like the chart's: rows in {@code [first, end)} of storage twice its
 * capacity, the oldest dropped when full, rows moved to index 0 when the end of storage is reached, the live bar
 * updated in place, and a resync that replaces everything and reports the first row that differs. It tells an
 * {@link IndicatorSet} about each of these, as the chart's series do.
 */
final class TestBars implements BarColumns {
    final int capacity;
    final IndicatorSet set;
    long[] time;
    double[] open;
    double[] high;
    double[] low;
    double[] close;
    double[] volume;
    int first;
    int end;
    int moves;

    TestBars(int capacity, IndicatorSet set) {
        this.capacity = capacity;
        this.set = set;
        int n = 2 * capacity;
        time = new long[n];
        open = new double[n];
        high = new double[n];
        low = new double[n];
        close = new double[n];
        volume = new double[n];
        set.storageGrew(n);
    }

    int size() {
        return end - first;
    }

    void append(long t, double o, double h, double l, double c, double v) {
        if (size() == capacity) {
            first++;
        }
        if (end == time.length) {
            int n = size();
            for (Object col : new Object[] {time, open, high, low, close, volume}) {
                System.arraycopy(col, first, col, 0, n);
            }
            set.rowsMoved(first, n);
            first = 0;
            end = n;
            moves++;
        }
        set(end, t, o, h, l, c, v);
        end++;
        set.rowsChanged(end - 1);
    }

    void updateLast(double h, double l, double c, double v) {
        int i = end - 1;
        high[i] = h;
        low[i] = l;
        close[i] = c;
        volume[i] = v;
        set.rowsChanged(i);
    }

    /** Replaces every row with {@code other}'s rows; reports the first that differs. */
    void replaceAll(Series other) {
        int n = Math.min(other.n, capacity);
        int src = other.n - n;
        int common = 0;
        while (common < Math.min(n, size()) && equalRow(first + common, other, src + common)) {
            common++;
        }
        int oldFirst = first;
        if (common > 0) {
            set.rowsMoved(oldFirst, common);
        }
        first = 0;
        end = n;
        for (int k = 0; k < n; k++) {
            set(k, other.time[src + k], other.open[src + k], other.high[src + k], other.low[src + k],
                    other.close[src + k], other.volume[src + k]);
        }
        set.rowsChanged(common);
    }

    private boolean equalRow(int i, Series s, int j) {
        return time[i] == s.time[j] && open[i] == s.open[j] && high[i] == s.high[j] && low[i] == s.low[j]
                && close[i] == s.close[j] && volume[i] == s.volume[j];
    }

    private void set(int i, long t, double o, double h, double l, double c, double v) {
        time[i] = t;
        open[i] = o;
        high[i] = h;
        low[i] = l;
        close[i] = c;
        volume[i] = v;
    }

    void update() {
        set.update(this, first, end);
    }

    @Override
    public long[] timeColumn() {
        return time;
    }

    @Override
    public double[] openColumn() {
        return open;
    }

    @Override
    public double[] highColumn() {
        return high;
    }

    @Override
    public double[] lowColumn() {
        return low;
    }

    @Override
    public double[] closeColumn() {
        return close;
    }

    @Override
    public double[] volumeColumn() {
        return volume;
    }

    /** A finished random series (the reference input). */
    static final class Series implements BarColumns {
        final int n;
        final long[] time;
        final double[] open;
        final double[] high;
        final double[] low;
        final double[] close;
        final double[] volume;

        Series(int n) {
            this.n = n;
            time = new long[n];
            open = new double[n];
            high = new double[n];
            low = new double[n];
            close = new double[n];
            volume = new double[n];
        }

        /**
         * {@code n} one-minute bars from a random walk, with gaps: about 3 % of intervals missing one to a few
         * bars, and a few long gaps (hours, across the UTC day) — so about a week of bars with several sessions.
         */
        static Series random(int n, long seed, long t0, long intervalMs) {
            java.util.Random r = new java.util.Random(seed);
            Series s = new Series(n);
            double p = 50 + r.nextDouble() * 200;
            long t = t0;
            for (int i = 0; i < n; i++) {
                double o = p;
                double c = Math.max(0.01, o * (1 + r.nextGaussian() * 0.002));
                double h = Math.max(o, c) * (1 + Math.abs(r.nextGaussian()) * 0.001);
                double l = Math.min(o, c) * (1 - Math.abs(r.nextGaussian()) * 0.001);
                s.time[i] = t;
                s.open[i] = o;
                s.high[i] = h;
                s.low[i] = l;
                s.close[i] = c;
                s.volume[i] = r.nextInt(20) == 0 ? 0 : 1 + r.nextInt(5000) * r.nextDouble();
                p = c;
                long step = 1;
                if (r.nextInt(33) == 0) {
                    step += 1 + r.nextInt(5);
                }
                if (r.nextInt(1500) == 0) {
                    step += 60 + r.nextInt(600);
                }
                t += step * intervalMs;
            }
            return s;
        }

        Series copy() {
            Series c = new Series(n);
            System.arraycopy(time, 0, c.time, 0, n);
            System.arraycopy(open, 0, c.open, 0, n);
            System.arraycopy(high, 0, c.high, 0, n);
            System.arraycopy(low, 0, c.low, 0, n);
            System.arraycopy(close, 0, c.close, 0, n);
            System.arraycopy(volume, 0, c.volume, 0, n);
            return c;
        }

        Series tail(int from) {
            Series c = new Series(n - from);
            System.arraycopy(time, from, c.time, 0, c.n);
            System.arraycopy(open, from, c.open, 0, c.n);
            System.arraycopy(high, from, c.high, 0, c.n);
            System.arraycopy(low, from, c.low, 0, c.n);
            System.arraycopy(close, from, c.close, 0, c.n);
            System.arraycopy(volume, from, c.volume, 0, c.n);
            return c;
        }

        @Override
        public long[] timeColumn() {
            return time;
        }

        @Override
        public double[] openColumn() {
            return open;
        }

        @Override
        public double[] highColumn() {
            return high;
        }

        @Override
        public double[] lowColumn() {
            return low;
        }

        @Override
        public double[] closeColumn() {
            return close;
        }

        @Override
        public double[] volumeColumn() {
            return volume;
        }

        @Override
        public String toString() {
            return "Series[" + n + ", " + Arrays.toString(Arrays.copyOf(close, Math.min(3, n))) + "...]";
        }
    }
}
