package io.stockmonitor.chart;

import io.stockmonitor.indicators.BarColumns;
import io.stockmonitor.indicators.IndicatorSet;

/**
 * Candles (OHLCV bars) for the chart's candle mode, in parallel primitive arrays; a bar's time is its start
 * (epoch ms) and it covers one {@link PriceChart#setIntervalMillis(long) interval}.
 *
 * <p>Bounded: holds at most {@link #capacity()} bars and drops the oldest beyond it. Bar times must increase; a
 * bar with the same time as the last one replaces it ({@link #upsert}), an earlier one is ignored. Not thread-safe:
 * the chart-owned instance ({@link PriceChart#candles()}) is touched on the FX thread only. No allocation once the
 * storage has grown to its full size.
 *
 * <p>Kept beside the rows: a {@link MinMaxPyramid} of lows, highs and volumes (so merged columns cost the same at
 * any zoom), and the chart's {@link IndicatorSet}, told which rows changed or moved so it recomputes only those.
 */
public final class CandleSeries extends SlidingColumns implements BarColumns {

    private long[] time;
    private double[] open;
    private double[] high;
    private double[] low;
    private double[] close;
    private double[] volume;
    private final MinMaxPyramid pyramid = new MinMaxPyramid();
    private IndicatorSet indicators;
    private long writes;

    public CandleSeries(int capacity) {
        super(capacity);
        int n = storageLength();
        time = new long[n];
        open = new double[n];
        high = new double[n];
        low = new double[n];
        close = new double[n];
        volume = new double[n];
        pyramid.ensureStorage(n);
        pyramid.bind(time, low, high, volume);
    }

    /** The indicators computed over these bars (the chart's); they are told of every change from now on. */
    void attach(IndicatorSet set) {
        indicators = set;
        set.storageGrew(storageLength());
        set.rowsChanged(0);
    }

    /**
     * Adds a bar, or replaces the last bar when it has the same start time (the live bar being updated). A bar
     * older than the last one is ignored.
     */
    public void upsert(long timeMillis, double o, double h, double l, double c, double v) {
        int i;
        boolean append;
        if (size > 0 && timeMillis <= time[start + size - 1]) {
            if (timeMillis < time[start + size - 1]) {
                return;
            }
            i = start + size - 1;
            append = false;
        } else {
            prepareAppend();
            i = start + size;
            size++;
            append = true;
        }
        time[i] = timeMillis;
        open[i] = o;
        high[i] = h;
        low[i] = l;
        close[i] = c;
        volume[i] = v;
        if (append) {
            pyramid.appended(i);
        } else {
            pyramid.rewritten(i, start + size);
        }
        if (indicators != null) {
            indicators.rowsChanged(i);
        }
        writes++;
    }

    /**
     * Replaces the content with {@code count} bars copied from the given columns starting at {@code from}; keeps the
     * newest {@link #capacity()} of them. {@code volumes} may be null (volume 0). Times must increase. The bars that
     * did not change (a leading run equal to the bars held) keep their indicator values; indicators are recomputed
     * from the first bar that differs.
     */
    public void setAll(long[] times, double[] opens, double[] highs, double[] lows, double[] closes,
                       double[] volumes, int from, int count) {
        int skip = Math.max(0, count - capacity());
        int n = count - skip;
        int src = from + skip;
        int common = 0;
        int limit = Math.min(n, size);
        while (common < limit && sameBar(start + common, times, opens, highs, lows, closes, volumes, src + common)) {
            common++;
        }
        if (indicators != null && common > 0) {
            indicators.rowsMoved(start, common);
        }
        // The unchanged bars are copied too (they equal the source), so storage may be reallocated freely.
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
        pyramid.rebuild(n);
        if (indicators != null) {
            indicators.rowsChanged(common);
        }
        writes++;
    }

    private boolean sameBar(int i, long[] times, double[] opens, double[] highs, double[] lows, double[] closes,
                            double[] volumes, int j) {
        return time[i] == times[j] && open[i] == opens[j] && high[i] == highs[j] && low[i] == lows[j]
                && close[i] == closes[j] && volume[i] == (volumes == null ? 0.0 : volumes[j]);
    }

    /** Increments on every write (upsert or setAll); a reader compares it to see whether anything changed. */
    public long writes() {
        return writes;
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

    MinMaxPyramid pyramid() {
        return pyramid;
    }

    @Override
    public long[] timeColumn() {
        return time;
    }

    @Override
    public double[] openColumn() {
        return open;
    }

    @Override
    public double[] highColumn() {
        return high;
    }

    @Override
    public double[] lowColumn() {
        return low;
    }

    @Override
    public double[] closeColumn() {
        return close;
    }

    @Override
    public double[] volumeColumn() {
        return volume;
    }

    @Override
    void cleared() {
        if (indicators != null) {
            indicators.rowsChanged(0);
        }
        writes++;
    }

    @Override
    void resizeStorage(int newLength, int from, int count) {
        time = moved(time, newLength, from, count);
        open = moved(open, newLength, from, count);
        high = moved(high, newLength, from, count);
        low = moved(low, newLength, from, count);
        close = moved(close, newLength, from, count);
        volume = moved(volume, newLength, from, count);
        pyramid.ensureStorage(newLength);
        pyramid.bind(time, low, high, volume);
        pyramid.rebuild(count);
        if (indicators != null) {
            indicators.storageGrew(newLength);
            indicators.rowsMoved(from, count);
        }
    }
}
