package io.stockmonitor.market;

/**
 * The most recent ticks of one symbol, arrival order. A slot is 3 consecutive ints (12 bytes): the time as the
 * delta to the previous tick (rebuilt backwards from the newest one, because readers only ever walk back from the
 * newest tick), the scaled price, the size (a float's bits: crypto sizes are fractional). Timestamps are kept monotonic (a late tick is stamped with
 * the newest time seen) so that a tick-line chart never steps backwards. Single writer inside the symbol's
 * seqlock; readers tolerate torn state.
 */
final class TickRing {
    private static final int DELTA = 0;
    private static final int PRICE = 1;
    private static final int SIZE = 2;
    private static final int STRIDE = 3;

    final int capacity;
    private final int[] data;
    /** Ticks ever written. */
    private long count;
    /** Slot of the next tick ({@code count mod capacity}, kept to avoid a division per tick). */
    private int next;
    private long newestTs = Long.MIN_VALUE;

    TickRing(int capacity) {
        this.capacity = capacity;
        data = new int[capacity * STRIDE];
    }

    void add(long ts, int scaledPrice, double tickSize) {
        long t = count == 0 ? ts : Math.max(ts, newestTs);
        long delta = count == 0 ? 0 : t - newestTs;
        int b = next * STRIDE;
        // A delta beyond 24 days is clamped: only a tick that old would get a slightly wrong time.
        data[b + DELTA] = (int) Math.min(delta, Integer.MAX_VALUE);
        data[b + PRICE] = scaledPrice;
        data[b + SIZE] = Float.floatToRawIntBits((float) tickSize);
        newestTs = t;
        count++;
        next = next + 1 == capacity ? 0 : next + 1;
    }

    void rescale(long divisor) {
        int n = (int) Math.min(count, capacity);
        for (int s = 0; s < n; s++) {
            int b = s * STRIDE + PRICE;
            data[b] = (int) Math.floorDiv(data[b] + divisor / 2, divisor);
        }
    }

    /**
     * Copies the ticks numbered {@code cursor} and later (a tick's number counts every tick ever written, from 0),
     * oldest first; only those still in the ring, at most the newest {@code into.capacity()}. Tolerates a concurrent
     * write (the caller validates).
     */
    int readAfter(long cursor, TickBuffer into, long scale) {
        long c = count;
        long wanted = Math.max(0, c - Math.max(0, cursor));
        return read(c, wanted, Long.MIN_VALUE, into, scale);
    }

    int readInto(long fromTs, TickBuffer into, long scale) {
        long c = count;
        return read(c, c, fromTs, into, scale);
    }

    private int read(long c, long wanted, long fromTs, TickBuffer into, long scale) {
        long t = newestTs;
        double div = scale;
        int cap = into.capacity();
        long oldest = Math.max(0, c - capacity);
        int n = 0;
        int slot = c == 0 ? 0 : (int) ((c - 1) % capacity);
        for (long k = c - 1; k >= oldest && n < cap && n < wanted && t >= fromTs;
                k--, slot = slot == 0 ? capacity - 1 : slot - 1) {
            int b = slot * STRIDE;
            n++;
            into.set(cap - n, t, data[b + PRICE] / div, Float.intBitsToFloat(data[b + SIZE]));
            t -= data[b + DELTA];
        }
        into.finishFromEnd(n);
        into.endCount = c;
        into.firstNumber = c - n;
        return n;
    }
}
