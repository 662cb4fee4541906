package io.stockmonitor.source;

/**
 * Live trades held while a span is refilled by time: a bounded FIFO of primitives (no object per trade), in arrival
 * order. Feed thread only.
 */
final class TimedTradeBuffer {
    private final int capacity;
    private long[] ids = new long[64];
    private long[] times = new long[64];
    private double[] prices = new double[64];
    private double[] sizes = new double[64];
    private int head;
    private int size;

    TimedTradeBuffer(int capacity) {
        this.capacity = capacity;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** False when full (the caller gives the refill up). */
    boolean add(long id, long timeNanos, double price, double quantity) {
        if (size == capacity) {
            return false;
        }
        if (size == ids.length) {
            grow();
        }
        int i = (head + size) % ids.length;
        ids[i] = id;
        times[i] = timeNanos;
        prices[i] = price;
        sizes[i] = quantity;
        size++;
        return true;
    }

    /**
     * True when a trade {@code id} at {@code timeNanos} is held. Looks from the oldest held trade up to that time
     * only: the held trades come in time order, and the caller has applied the earlier ones.
     */
    boolean holds(long id, long timeNanos) {
        for (int k = 0; k < size; k++) {
            int i = (head + k) % ids.length;
            if (times[i] > timeNanos) {
                return false;
            }
            if (ids[i] == id && times[i] == timeNanos) {
                return true;
            }
        }
        return false;
    }

    long firstId() {
        return ids[head];
    }

    long firstNanos() {
        return times[head];
    }

    double firstPrice() {
        return prices[head];
    }

    double firstSize() {
        return sizes[head];
    }

    void drop() {
        head = (head + 1) % ids.length;
        size--;
    }

    void clear() {
        head = 0;
        size = 0;
    }

    private void grow() {
        int n = Math.min(capacity, ids.length * 2);
        long[] newIds = new long[n];
        long[] newTimes = new long[n];
        double[] newPrices = new double[n];
        double[] newSizes = new double[n];
        for (int k = 0; k < size; k++) {
            int i = (head + k) % ids.length;
            newIds[k] = ids[i];
            newTimes[k] = times[i];
            newPrices[k] = prices[i];
            newSizes[k] = sizes[i];
        }
        ids = newIds;
        times = newTimes;
        prices = newPrices;
        sizes = newSizes;
        head = 0;
    }
}
