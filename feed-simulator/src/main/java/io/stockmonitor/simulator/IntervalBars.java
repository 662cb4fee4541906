package io.stockmonitor.simulator;

/**
 * OHLCV bars of one symbol at one interval, built from its live ticks, for the last {@code capacity} bars, in
 * primitive ring arrays (prices in cents). Remembers the newest bar it ever evicted, so a history reply knows
 * whether the live bars still reach back to the epoch's start or a span in between is gone. Not thread-safe: the
 * symbol's feed lock guards it.
 */
class IntervalBars {
    private final long interval;
    private final int capacity;
    private final long[] time;
    private final double[] open;
    private final double[] high;
    private final double[] low;
    private final double[] close;
    private final double[] volume;
    private int head; // slot of the newest bar
    private int count;
    private long newestEvicted = Long.MIN_VALUE;

    IntervalBars(long intervalMs, int capacity) {
        this.interval = intervalMs;
        this.capacity = capacity;
        time = new long[capacity];
        open = new double[capacity];
        high = new double[capacity];
        low = new double[capacity];
        close = new double[capacity];
        volume = new double[capacity];
    }

    final long intervalMs() {
        return interval;
    }

    final int size() {
        return count;
    }

    /** Start of the newest bar this ring dropped to make room; {@link Long#MIN_VALUE} while it dropped none. */
    final long newestEvicted() {
        return newestEvicted;
    }

    /** A trade: it updates the bar of its interval, or starts the next one. */
    final void add(long tsMs, double price, double size) {
        long barTime = tsMs - Math.floorMod(tsMs, interval);
        if (count > 0 && barTime <= time[head]) {
            // The same bar; or the wall clock stepped back: fold into the newest bar rather than break time order.
            high[head] = Math.max(high[head], price);
            low[head] = Math.min(low[head], price);
            close[head] = price;
            volume[head] += size;
            return;
        }
        put(barTime, price, price, price, price, size);
    }

    /** A whole bar newer than every bar held (a derived bar before the first trade). */
    final void put(long barTime, double o, double h, double l, double c, double v) {
        if (count == capacity) {
            newestEvicted = time[(head + 1) % capacity];
        }
        head = count == 0 ? 0 : (head + 1) % capacity;
        count = Math.min(capacity, count + 1);
        time[head] = barTime;
        open[head] = o;
        high[head] = h;
        low[head] = l;
        close[head] = c;
        volume[head] = v;
    }

    /**
     * Copies into {@code out}, newest first, the bars that start before {@code beforeMs} and at or after
     * {@code fromMs}, until {@code out} is full.
     */
    final void copyNewestFirst(long fromMs, long beforeMs, BarColumns out) {
        for (int i = 0; i < count && !out.full(); i++) {
            int slot = Math.floorMod(head - i, capacity);
            long t = time[slot];
            if (t < fromMs) {
                return;
            }
            if (t < beforeMs) {
                out.addOlder(t, open[slot], high[slot], low[slot], close[slot], volume[slot]);
            }
        }
    }

    /** Start of the oldest bar held; {@link Long#MAX_VALUE} when empty. */
    final long oldestStart() {
        return count == 0 ? Long.MAX_VALUE : time[Math.floorMod(head - count + 1, capacity)];
    }

    // Column access for SecondBars' snapshot copy, newest = age 0.
    final long timeAt(int age) {
        return time[Math.floorMod(head - age, capacity)];
    }

    final double openAt(int age) {
        return open[Math.floorMod(head - age, capacity)];
    }

    final double highAt(int age) {
        return high[Math.floorMod(head - age, capacity)];
    }

    final double lowAt(int age) {
        return low[Math.floorMod(head - age, capacity)];
    }

    final double closeAt(int age) {
        return close[Math.floorMod(head - age, capacity)];
    }

    final double volumeAt(int age) {
        return volume[Math.floorMod(head - age, capacity)];
    }
}
