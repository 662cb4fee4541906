package io.stockmonitor.market;

import java.util.Arrays;

/**
 * OHLCV bars of one interval in a time-indexed ring: bar index {@code k = floor(ts / intervalMs)} lives in slot
 * {@code k mod capacity}, so the start time is implicit (not stored) and the ring always holds the latest
 * {@code capacity} intervals. A slot is 5 consecutive ints (open, high, low, close, volume: 20 bytes), so that
 * updating a bar touches one cache line; prices are scaled ints (see {@link SymbolState}); the volume is a float's
 * bits (fractional sizes of crypto trades; exact for whole volumes up to 16,777,216, within 6e-8 beyond); an
 * interval without ticks has {@code open == EMPTY}. Written by the single writer inside the symbol's seqlock; readers copy
 * optimistically and must survive torn state (every index is reduced modulo the capacity, every loop is bounded).
 */
final class BarRing {
    static final int EMPTY = Integer.MIN_VALUE;
    static final long NONE = Long.MIN_VALUE;
    private static final int OPEN = 0;
    private static final int HIGH = 1;
    private static final int LOW = 2;
    private static final int CLOSE = 3;
    private static final int VOLUME = 4;
    private static final int STRIDE = 5;
    /**
     * Slots per page. Pages (80 KB) keep every array under G1's humongous threshold (half a region, 512 KB at the
     * smallest region size): one 576 KB array per symbol would each occupy a whole 1 MB region.
     */
    private static final int PAGE_SHIFT = 12;
    private static final int PAGE_MASK = (1 << PAGE_SHIFT) - 1;

    final long intervalMs;
    final int capacity;
    private final int[][] pages;
    /** Index of the newest bar, or {@link #NONE}. */
    private long lastIndex = NONE;
    // Writer-only cache of the newest bar, so that most ticks need no division: [currentStart, currentEnd).
    private long currentEnd = Long.MIN_VALUE;
    private int[] currentPage;
    private int currentBase;

    BarRing(long intervalMs, int capacity) {
        this.intervalMs = intervalMs;
        this.capacity = capacity;
        int pageCount = (capacity + PAGE_MASK) >>> PAGE_SHIFT;
        pages = new int[pageCount][];
        for (int i = 0; i < pageCount; i++) {
            pages[i] = new int[Math.min(PAGE_MASK + 1, capacity - (i << PAGE_SHIFT)) * STRIDE];
        }
        clear();
    }

    void clear() {
        for (int[] data : pages) {
            for (int b = 0; b < data.length; b += STRIDE) {
                data[b + OPEN] = EMPTY;
            }
        }
        lastIndex = NONE;
        currentEnd = Long.MIN_VALUE;
    }

    /** Start time of the newest bar, or {@link #NONE}. */
    long newestStart() {
        long last = lastIndex;
        return last == NONE ? NONE : last * intervalMs;
    }

    /**
     * Merges a tick ({@code o == h == l == c}) or a finer bar starting at {@code ts} into the bar holding {@code ts}.
     * A {@code ts} older than the newest bar goes into the newest bar: history is never rewritten, so a late tick
     * can only widen the current bar's range and add to its volume.
     */
    void add(long ts, int o, int h, int l, int c, double v) {
        if (ts < currentEnd) {
            int[] data = currentPage;
            int b = currentBase;
            if (h > data[b + HIGH]) {
                data[b + HIGH] = h;
            }
            if (l < data[b + LOW]) {
                data[b + LOW] = l;
            }
            data[b + CLOSE] = c;
            data[b + VOLUME] = Float.floatToRawIntBits(Float.intBitsToFloat(data[b + VOLUME]) + (float) v);
            return;
        }
        long idx = Math.floorDiv(ts, intervalMs);
        long last = lastIndex;
        if (last != NONE) {
            long end = Math.min(idx, last + 1 + capacity);
            for (long k = last + 1; k < end; k++) {
                int slot = slot(k);
                pages[slot >>> PAGE_SHIFT][(slot & PAGE_MASK) * STRIDE + OPEN] = EMPTY;
            }
        }
        int slot = slot(idx);
        int[] data = pages[slot >>> PAGE_SHIFT];
        int b = (slot & PAGE_MASK) * STRIDE;
        data[b + OPEN] = o;
        data[b + HIGH] = h;
        data[b + LOW] = l;
        data[b + CLOSE] = c;
        data[b + VOLUME] = Float.floatToRawIntBits((float) v);
        lastIndex = idx;
        currentEnd = (idx + 1) * intervalMs;
        currentPage = data;
        currentBase = b;
    }

    /**
     * Puts a bar from the provider's history in its slot, unless the slot is outside the ring's window or already
     * holds data (what was built from live trades wins). A bar newer than the newest becomes the newest, as
     * {@link #add} would make it. Returns whether it was stored.
     */
    boolean insertHistory(long ts, int o, int h, int l, int c, double v) {
        long idx = Math.floorDiv(ts, intervalMs);
        long last = lastIndex;
        if (last == NONE || idx > last) {
            add(idx * intervalMs, o, h, l, c, v);
            return true;
        }
        if (idx <= last - capacity) {
            return false;
        }
        int slot = slot(idx);
        int[] data = pages[slot >>> PAGE_SHIFT];
        int b = (slot & PAGE_MASK) * STRIDE;
        if (data[b + OPEN] != EMPTY) {
            return false;
        }
        data[b + OPEN] = o;
        data[b + HIGH] = h;
        data[b + LOW] = l;
        data[b + CLOSE] = c;
        data[b + VOLUME] = Float.floatToRawIntBits((float) v);
        return true;
    }

    /** Divides every stored price by {@code divisor} (rounding half up): the symbol switched to a coarser scale. */
    void rescale(long divisor) {
        for (int[] data : pages) {
            for (int b = 0; b < data.length; b += STRIDE) {
                if (data[b + OPEN] != EMPTY) {
                    for (int f = OPEN; f <= CLOSE; f++) {
                        data[b + f] = (int) Math.floorDiv(data[b + f] + divisor / 2, divisor);
                    }
                }
            }
        }
    }

    /**
     * Copies the newest bars starting at or after {@code fromTs} (at most {@code into.capacity()}) into {@code into},
     * oldest first, decoding prices with {@code scale}. Tolerates a concurrent write (the caller validates).
     */
    int readInto(long fromTs, BarBuffer into, long scale) {
        long last = lastIndex;
        if (last == NONE) {
            into.clear();
            return 0;
        }
        long first = last - capacity + 1;
        if (fromTs > first * intervalMs) {
            first = -Math.floorDiv(-fromTs, intervalMs);
        }
        double div = scale;
        int cap = into.capacity();
        int n = 0;
        int slot = slot(last);
        for (long k = last; k >= first && n < cap; k--, slot = slot == 0 ? capacity - 1 : slot - 1) {
            int[] data = pages[slot >>> PAGE_SHIFT];
            int b = (slot & PAGE_MASK) * STRIDE;
            int o = data[b + OPEN];
            if (o == EMPTY) {
                continue;
            }
            n++;
            into.set(cap - n, k * intervalMs, o / div, data[b + HIGH] / div, data[b + LOW] / div,
                    data[b + CLOSE] / div, Float.intBitsToFloat(data[b + VOLUME]));
        }
        into.finishFromEnd(n);
        return n;
    }

    private int slot(long index) {
        return (int) Math.floorMod(index, (long) capacity);
    }
}
