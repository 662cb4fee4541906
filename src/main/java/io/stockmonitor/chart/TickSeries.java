package io.stockmonitor.chart;

/**
 * Ticks for the chart's line mode: time (epoch ms), price and volume in parallel primitive arrays.
 *
 * <p>Bounded: holds at most {@link #capacity()} ticks and drops the oldest beyond it. Times must not decrease; an
 * earlier time than the last one is clamped to the last one so the series stays searchable. Not thread-safe: the
 * chart-owned instance ({@link PriceChart#ticks()}) is touched on the FX thread only. Appending does not allocate
 * once the storage has grown to its full size. A {@link MinMaxPyramid} over the prices and volumes is kept current
 * (O(levels) per appended tick), so a frame reduces any number of ticks from a few blocks per pixel column.
 */
public final class TickSeries extends SlidingColumns {

    private long[] time;
    private double[] price;
    private double[] volume;
    private final MinMaxPyramid pyramid = new MinMaxPyramid();

    public TickSeries(int capacity) {
        super(capacity);
        time = new long[storageLength()];
        price = new double[storageLength()];
        volume = new double[storageLength()];
        pyramid.ensureStorage(storageLength());
        pyramid.bind(time, price, price, volume);
    }

    /** Adds a tick at the end, dropping the oldest tick when full. */
    public void append(long timeMillis, double tickPrice, double tickVolume) {
        long t = size > 0 ? Math.max(timeMillis, time[start + size - 1]) : timeMillis;
        prepareAppend();
        int i = start + size;
        time[i] = t;
        price[i] = tickPrice;
        volume[i] = tickVolume;
        size++;
        pyramid.appended(i);
    }

    /**
     * Replaces the content with {@code count} ticks copied from the given columns starting at {@code from}; keeps
     * only the newest {@link #capacity()} of them. {@code volumes} may be null (volume 0).
     */
    public void setAll(long[] times, double[] prices, double[] volumes, int from, int count) {
        int skip = Math.max(0, count - capacity());
        int n = count - skip;
        prepareBulk(n);
        System.arraycopy(times, from + skip, time, 0, n);
        System.arraycopy(prices, from + skip, price, 0, n);
        if (volumes != null) {
            System.arraycopy(volumes, from + skip, volume, 0, n);
        } else {
            java.util.Arrays.fill(volume, 0, n, 0.0);
        }
        size = n;
        for (int i = 1; i < n; i++) {
            if (time[i] < time[i - 1]) {
                time[i] = time[i - 1];
            }
        }
        pyramid.rebuild(n);
    }

    public long time(int i) {
        checkIndex(i);
        return time[start + i];
    }

    public double price(int i) {
        checkIndex(i);
        return price[start + i];
    }

    public double volume(int i) {
        checkIndex(i);
        return volume[start + i];
    }

    long[] timeArray() {
        return time;
    }

    double[] priceArray() {
        return price;
    }

    double[] volumeArray() {
        return volume;
    }

    /**
     * Reduces the ticks into {@code columns} pixel columns of {@code msPerColumn} from {@code startMillis}, through
     * the pyramid: what a frame does (also for benchmarks).
     */
    public void reduce(ColumnReducer into, double startMillis, double msPerColumn, int columns) {
        into.reduceLine(time, price, volume, pyramid, from(), to(), startMillis, msPerColumn, columns);
    }

    MinMaxPyramid pyramid() {
        return pyramid;
    }

    @Override
    void resizeStorage(int newLength, int from, int count) {
        time = moved(time, newLength, from, count);
        price = moved(price, newLength, from, count);
        volume = moved(volume, newLength, from, count);
        pyramid.ensureStorage(newLength);
        pyramid.bind(time, price, price, volume);
        pyramid.rebuild(count);
    }
}
