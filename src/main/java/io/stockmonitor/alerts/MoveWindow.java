package io.stockmonitor.alerts;

/**
 * The lowest and highest price of the last N minutes, to the second, in amortised constant time and without
 * allocation once grown: one bucket (low, high) per second that had a trade, in a ring, and two monotonic queues of
 * bucket positions (falling highs, rising lows) whose fronts are the window's high and low. A late trade counts in
 * the newest second (time never steps back), as in the market model's tick ring.
 */
final class MoveWindow {
    private final long spanSeconds;
    private final int maxCapacity;
    private long[] second;
    private double[] low;
    private double[] high;
    private int mask;
    private int head;
    private int count;
    private int[] highs;
    private int highsHead;
    private int highsCount;
    private int[] lows;
    private int lowsHead;
    private int lowsCount;

    MoveWindow(int minutes) {
        spanSeconds = minutes * 60L;
        // Seconds s - span .. s: span + 1 buckets at most, rounded up to a power of two for masking.
        maxCapacity = Integer.highestOneBit((int) spanSeconds) << 1;
        allocate(Math.min(maxCapacity, AlertLimits.MOVE_WINDOW_INITIAL_BUCKETS));
    }

    private void allocate(int capacity) {
        second = new long[capacity];
        low = new double[capacity];
        high = new double[capacity];
        highs = new int[capacity];
        lows = new int[capacity];
        mask = capacity - 1;
    }

    boolean isEmpty() {
        return count == 0;
    }

    /** The window's low; NaN when empty. */
    double low() {
        return count == 0 ? Double.NaN : low[lows[lowsHead]];
    }

    /** The window's high; NaN when empty. */
    double high() {
        return count == 0 ? Double.NaN : high[highs[highsHead]];
    }

    /** Buckets allocated (tests: a quiet symbol's window stays small). */
    int capacity() {
        return mask + 1;
    }

    void add(long tsMs, double price) {
        long s = Math.floorDiv(tsMs, 1000L);
        if (count > 0) {
            s = Math.max(s, second[(head + count - 1) & mask]);
        }
        long oldestKept = s - spanSeconds;
        while (count > 0 && second[head] < oldestKept) {
            if (highsCount > 0 && highs[highsHead] == head) {
                highsHead = (highsHead + 1) & mask;
                highsCount--;
            }
            if (lowsCount > 0 && lows[lowsHead] == head) {
                lowsHead = (lowsHead + 1) & mask;
                lowsCount--;
            }
            head = (head + 1) & mask;
            count--;
        }
        int tail;
        if (count > 0 && second[(head + count - 1) & mask] == s) {
            tail = (head + count - 1) & mask;
            low[tail] = Math.min(low[tail], price);
            high[tail] = Math.max(high[tail], price);
            // The newest bucket is always the last entry of both queues: take it out, put it back below.
            highsCount--;
            lowsCount--;
        } else {
            if (count == mask + 1) {
                if (mask + 1 < maxCapacity) {
                    grow();
                } else {
                    dropOldest();
                }
            }
            tail = (head + count) & mask;
            second[tail] = s;
            low[tail] = price;
            high[tail] = price;
            count++;
        }
        while (highsCount > 0 && high[highs[(highsHead + highsCount - 1) & mask]] <= high[tail]) {
            highsCount--;
        }
        highs[(highsHead + highsCount) & mask] = tail;
        highsCount++;
        while (lowsCount > 0 && low[lows[(lowsHead + lowsCount - 1) & mask]] >= low[tail]) {
            lowsCount--;
        }
        lows[(lowsHead + lowsCount) & mask] = tail;
        lowsCount++;
    }

    /** Cannot happen once expired buckets are gone (the capacity exceeds the span); kept as a safe fallback. */
    private void dropOldest() {
        if (highsCount > 0 && highs[highsHead] == head) {
            highsHead = (highsHead + 1) & mask;
            highsCount--;
        }
        if (lowsCount > 0 && lows[lowsHead] == head) {
            lowsHead = (lowsHead + 1) & mask;
            lowsCount--;
        }
        head = (head + 1) & mask;
        count--;
    }

    /** Doubles the ring (rare: only while a busy symbol fills its first minutes), laid out from position 0. */
    private void grow() {
        long[] oldSecond = second;
        double[] oldLow = low;
        double[] oldHigh = high;
        int[] oldHighs = highs;
        int[] oldLows = lows;
        int oldMask = mask;
        int oldHead = head;
        allocate((mask + 1) * 2);
        for (int i = 0; i < count; i++) {
            int from = (oldHead + i) & oldMask;
            second[i] = oldSecond[from];
            low[i] = oldLow[from];
            high[i] = oldHigh[from];
        }
        for (int i = 0; i < highsCount; i++) {
            highs[i] = (oldHighs[(highsHead + i) & oldMask] - oldHead) & oldMask;
        }
        for (int i = 0; i < lowsCount; i++) {
            lows[i] = (oldLows[(lowsHead + i) & oldMask] - oldHead) & oldMask;
        }
        head = 0;
        highsHead = 0;
        lowsHead = 0;
    }
}
