package io.stockmonitor.market;

/**
 * The most recent ticks of one symbol, arrival order. 12 bytes per tick: the timestamp is stored as the (int)
 * delta to the previous tick and rebuilt backwards from the newest one, because readers only ever walk back from
 * the newest tick. Timestamps are kept monotonic (a late tick is stamped with the newest time seen) so that a
 * tick-line chart never steps backwards. Single writer inside the symbol's seqlock; readers tolerate torn state.
 */
final class TickRing {
    final int capacity;
    private final int[] deltaMs;
    private final int[] price;
    private final int[] size;
    /** Ticks ever written (the newest is at {@code (count - 1) mod capacity}). */
    private long count;
    private long newestTs = Long.MIN_VALUE;

    TickRing(int capacity) {
        this.capacity = capacity;
        deltaMs = new int[capacity];
        price = new int[capacity];
        size = new int[capacity];
    }

    long newestTs() {
        return newestTs;
    }

    void add(long ts, int scaledPrice, long tickSize) {
        long t = count == 0 ? ts : Math.max(ts, newestTs);
        long delta = count == 0 ? 0 : t - newestTs;
        int s = (int) (count % capacity);
        // A delta beyond 24 days is clamped: only ticks that old would get a slightly wrong time.
        deltaMs[s] = (int) Math.min(delta, Integer.MAX_VALUE);
        price[s] = scaledPrice;
        size[s] = tickSize >= Integer.MAX_VALUE ? Integer.MAX_VALUE : (int) Math.max(0, tickSize);
        newestTs = t;
        count++;
    }

    void rescale(int divisor) {
        int n = (int) Math.min(count, capacity);
        for (int s = 0; s < n; s++) {
            price[s] = (int) Math.floorDiv(price[s] + (long) divisor / 2, divisor);
        }
    }

    int readInto(long fromTs, TickBuffer into, int scale) {
        long c = count;
        long t = newestTs;
        double div = scale;
        int cap = into.capacity();
        long oldest = Math.max(0, c - capacity);
        int n = 0;
        for (long k = c - 1; k >= oldest && n < cap && t >= fromTs; k--) {
            int s = (int) (k % capacity);
            n++;
            into.set(cap - n, t, price[s] / div, size[s] & 0xFFFF_FFFFL);
            t -= deltaMs[s];
        }
        into.finishFromEnd(n);
        return n;
    }
}
