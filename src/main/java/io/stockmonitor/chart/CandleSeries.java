package io.stockmonitor.chart;

/**
 * Candles (OHLCV bars) for the chart's candle mode, in parallel primitive arrays; a bar's time is its start
 * (epoch ms) and it covers one {@link PriceChart#setIntervalMillis(long) interval}.
 *
 * <p>Bounded: holds at most {@link #capacity()} bars and drops the oldest beyond it. Bar times must increase; a
 * bar with the same time as the last one replaces it ({@link #upsert}), an earlier one is ignored. Not thread-safe:
 * the chart-owned instance ({@link PriceChart#candles()}) is touched on the FX thread only. No allocation once the
 * storage has grown to its full size.
 */
public final class CandleSeries extends SlidingColumns {

    private long[] time;
    private double[] open;
    private double[] high;
    private double[] low;
    private double[] close;
    private double[] volume;

    public CandleSeries(int capacity) {
        super(capacity);
        int n = storageLength();
        time = new long[n];
        open = new double[n];
        high = new double[n];
        low = new double[n];
        close = new double[n];
        volume = new double[n];
    }

    /**
     * Adds a bar, or replaces the last bar when it has the same start time (the live bar being updated). A bar
     * older than the last one is ignored.
     */
    public void upsert(long timeMillis, double o, double h, double l, double c, double v) {
        int i;
        if (size > 0 && timeMillis <= time[start + size - 1]) {
            if (timeMillis < time[start + size - 1]) {
                return;
            }
            i = start + size - 1;
        } else {
            prepareAppend();
            i = start + size;
            size++;
        }
        time[i] = timeMillis;
        open[i] = o;
        high[i] = h;
        low[i] = l;
        close[i] = c;
        volume[i] = v;
    }

    /**
     * Replaces the content with {@code count} bars copied from the given columns starting at {@code from}; keeps the
     * newest {@link #capacity()} of them. {@code volumes} may be null (volume 0). Times must increase.
     */
    public void setAll(long[] times, double[] opens, double[] highs, double[] lows, double[] closes,
                       double[] volumes, int from, int count) {
        int skip = Math.max(0, count - capacity());
        int n = count - skip;
        int src = from + skip;
        prepareBulk(n);
        System.arraycopy(times, src, time, 0, n);
        System.arraycopy(opens, src, open, 0, n);
        System.arraycopy(highs, src, high, 0, n);
        System.arraycopy(lows, src, low, 0, n);
        System.arraycopy(closes, src, close, 0, n);
        if (volumes != null) {
            System.arraycopy(volumes, src, volume, 0, n);
        } else {
            java.util.Arrays.fill(volume, 0, n, 0.0);
        }
        size = n;
    }

    public long time(int i) {
        checkIndex(i);
        return time[start + i];
    }

    public double open(int i) {
        checkIndex(i);
        return open[start + i];
    }

    public double high(int i) {
        checkIndex(i);
        return high[start + i];
    }

    public double low(int i) {
        checkIndex(i);
        return low[start + i];
    }

    public double close(int i) {
        checkIndex(i);
        return close[start + i];
    }

    public double volume(int i) {
        checkIndex(i);
        return volume[start + i];
    }

    long[] timeArray() {
        return time;
    }

    double[] openArray() {
        return open;
    }

    double[] highArray() {
        return high;
    }

    double[] lowArray() {
        return low;
    }

    double[] closeArray() {
        return close;
    }

    double[] volumeArray() {
        return volume;
    }

    @Override
    void resizeStorage(int newLength, int from, int count) {
        time = moved(time, newLength, from, count);
        open = moved(open, newLength, from, count);
        high = moved(high, newLength, from, count);
        low = moved(low, newLength, from, count);
        close = moved(close, newLength, from, count);
        volume = moved(volume, newLength, from, count);
    }
}
