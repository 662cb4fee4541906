package io.stockmonitor.market;

/** Reusable tick columns filled by {@link MarketModel#readTicks}, oldest first; fixed capacity, no per-read garbage. */
public final class TickBuffer {
    private final long[] time;
    private final double[] price;
    private final double[] size;
    private int count;
    long rewrites;
    long endCount;
    long firstNumber;

    public TickBuffer(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        time = new long[capacity];
        price = new double[capacity];
        size = new double[capacity];
    }

    public int capacity() {
        return time.length;
    }

    /** Number of ticks held (not to be confused with {@link #size(int)}, a tick's traded size). */
    public int size() {
        return count;
    }

    public long time(int i) {
        return time[check(i)];
    }

    public double price(int i) {
        return price[check(i)];
    }

    /** Traded size (volume) of tick {@code i}. */
    public double size(int i) {
        return size[check(i)];
    }

    /** The symbol's rewrite count when read (see {@link MarketModel#readTicksAfter}); changes mean: read again whole. */
    public long rewrites() {
        return rewrites;
    }

    /**
     * Ticks the symbol had ever received when read: the cursor for the next {@link MarketModel#readTicksAfter}; the
     * difference between two reads is how many arrived in between (a tape appends exactly those).
     */
    public long endCount() {
        return endCount;
    }

    /** Number (since the symbol's first tick, from 0) of the first tick held; {@code endCount - size} . */
    public long firstNumber() {
        return firstNumber;
    }

    public long[] times() {
        return time;
    }

    public double[] prices() {
        return price;
    }

    public double[] sizes() {
        return size;
    }

    void set(int i, long t, double p, double s) {
        time[i] = t;
        price[i] = p;
        size[i] = s;
    }

    void finishFromEnd(int n) {
        int from = time.length - n;
        if (from > 0) {
            System.arraycopy(time, from, time, 0, n);
            System.arraycopy(price, from, price, 0, n);
            System.arraycopy(size, from, size, 0, n);
        }
        count = n;
    }

    void clear() {
        count = 0;
    }

    private int check(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException(i);
        }
        return i;
    }
}
