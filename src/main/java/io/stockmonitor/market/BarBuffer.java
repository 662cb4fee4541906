package io.stockmonitor.market;

/**
 * Reusable OHLCV columns filled by {@link MarketModel#readBars}, oldest bar first. The capacity is fixed, so a
 * frame's read allocates nothing; the raw arrays are exposed for the chart renderer (valid up to {@link #size()}).
 */
public final class BarBuffer {
    private final long[] time;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private int size;
    long rewrites;

    public BarBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        time = new long[capacity];
        open = new double[capacity];
        high = new double[capacity];
        low = new double[capacity];
        close = new double[capacity];
        volume = new double[capacity];
    }

    public int capacity() {
        return time.length;
    }

    public int size() {
        return size;
    }

    /** Start time of bar {@code i} in epoch ms. */
    public long time(int i) {
        return time[check(i)];
    }

    public double open(int i) {
        return open[check(i)];
    }

    public double high(int i) {
        return high[check(i)];
    }

    public double low(int i) {
        return low[check(i)];
    }

    public double close(int i) {
        return close[check(i)];
    }

    public double volume(int i) {
        return volume[check(i)];
    }

    /**
     * The symbol's rewrite count when read: it moves when stored bars change other than the newest one (a snapshot's
     * rebuild, inserted history, a rescale), so a reader following new bars only must then read everything again.
     */
    public long rewrites() {
        return rewrites;
    }

    public long[] times() {
        return time;
    }

    public double[] opens() {
        return open;
    }

    public double[] highs() {
        return high;
    }

    public double[] lows() {
        return low;
    }

    public double[] closes() {
        return close;
    }

    public double[] volumes() {
        return volume;
    }

    void set(int i, long t, double o, double h, double l, double c, double v) {
        time[i] = t;
        open[i] = o;
        high[i] = h;
        low[i] = l;
        close[i] = c;
        volume[i] = v;
    }

    /** The reader fills from the end (newest first); this moves the {@code n} filled entries to the front. */
    void finishFromEnd(int n) {
        int from = time.length - n;
        if (from > 0) {
            System.arraycopy(time, from, time, 0, n);
            System.arraycopy(open, from, open, 0, n);
            System.arraycopy(high, from, high, 0, n);
            System.arraycopy(low, from, low, 0, n);
            System.arraycopy(close, from, close, 0, n);
            System.arraycopy(volume, from, volume, 0, n);
        }
        size = n;
    }

    void clear() {
        size = 0;
    }

    private int check(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException(i);
        }
        return i;
    }
}
