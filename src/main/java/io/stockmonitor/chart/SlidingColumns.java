package io.stockmonitor.chart;

/**
 * Bookkeeping for a bounded, time-ordered series kept in parallel primitive arrays.
 *
 * <p>Live rows occupy {@code [start, start + size)} of storage that grows up to twice the capacity. Dropping the
 * oldest row only advances {@code start}; when the end of storage is reached the rows are moved back to index 0 in
 * one copy. With storage of twice the capacity that copy happens at most once per {@code capacity} appends, so an
 * append costs O(1) amortised and never allocates once storage is at full size.
 */
abstract class SlidingColumns {

    static final int INITIAL_STORAGE = 1024;

    private final int capacity;
    private int storage;
    int start;
    int size;
    /** Changes whenever rows move in storage or are replaced (not on appends): column reductions reuse on it. */
    private long structure;

    SlidingColumns(int capacity) {
        if (capacity < 1 || capacity > ChartBounds.MAX_SERIES_CAPACITY) {
            throw new IllegalArgumentException("capacity must be in [1, " + ChartBounds.MAX_SERIES_CAPACITY + "]: "
                    + capacity);
        }
        this.capacity = capacity;
        this.storage = Math.min(INITIAL_STORAGE, 2 * capacity);
    }

    /** The most rows kept; appending beyond it drops the oldest row. */
    public final int capacity() {
        return capacity;
    }

    /** Number of rows held. */
    public final int size() {
        return size;
    }

    public final boolean isEmpty() {
        return size == 0;
    }

    /** Removes every row; keeps the storage for reuse. */
    public final void clear() {
        start = 0;
        size = 0;
        structure++;
        cleared();
    }

    /** Hook: every row was removed. */
    void cleared() {
    }

    /** Storage index of the first row (for the chart's reducers, which work on raw arrays). */
    final int from() {
        return start;
    }

    /** Storage index one past the last row. */
    final int to() {
        return start + size;
    }

    final int storageLength() {
        return storage;
    }

    /** Makes room for one more row at {@code to()}, dropping the oldest row when the series is full. */
    final void prepareAppend() {
        if (size == capacity) {
            start++;
            size--;
        }
        if (start + size == storage) {
            int newStorage = storage < 2 * capacity ? Math.min(2 * storage, 2 * capacity) : storage;
            relocate(newStorage);
        }
    }

    /** Empties the series and makes sure {@code count} rows fit from index 0. */
    final void prepareBulk(int count) {
        start = 0;
        size = 0;
        structure++;
        if (count > storage) {
            int newStorage = Math.min(Math.max(count, 2 * storage), 2 * capacity);
            resizeStorage(newStorage, 0, 0);
            storage = newStorage;
        }
    }

    /** See {@link #structure}. */
    final long structure() {
        return structure;
    }

    private void relocate(int newStorage) {
        structure++;
        resizeStorage(newStorage, start, size);
        storage = newStorage;
        start = 0;
    }

    /**
     * Moves rows {@code [from, from + count)} to index 0 of storage of {@code newLength} rows (reallocating only if
     * the length changes).
     */
    abstract void resizeStorage(int newLength, int from, int count);

    static long[] moved(long[] a, int newLength, int from, int count) {
        long[] target = a.length == newLength ? a : new long[newLength];
        System.arraycopy(a, from, target, 0, count);
        return target;
    }

    static double[] moved(double[] a, int newLength, int from, int count) {
        double[] target = a.length == newLength ? a : new double[newLength];
        System.arraycopy(a, from, target, 0, count);
        return target;
    }

    final void checkIndex(int i) {
        if (i < 0 || i >= size) {
            throw new IndexOutOfBoundsException("index " + i + ", size " + size);
        }
    }
}
