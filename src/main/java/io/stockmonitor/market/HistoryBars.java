package io.stockmonitor.market;

/**
 * Candles a source read from its provider's history (or our protocol's history request), oldest first, for
 * {@link MarketModel#applyHistory}. Columns, not objects: a page can hold thousands. {@code interval} is what the
 * bars are (a source without 5 s candles may answer a 5 s request with 1 s bars, which the model aggregates).
 */
public record HistoryBars(BarInterval interval, long[] times, double[] open, double[] high, double[] low,
                          double[] close, double[] volume, int count) {
    public HistoryBars {
        if (count < 0 || count > times.length || count > open.length || count > high.length || count > low.length
                || count > close.length || count > volume.length) {
            throw new IllegalArgumentException("count " + count + " beyond the columns");
        }
    }

    /** Empty columns of {@code capacity} to fill. */
    public static HistoryBars allocate(BarInterval interval, int capacity) {
        return new HistoryBars(interval, new long[capacity], new double[capacity], new double[capacity],
                new double[capacity], new double[capacity], new double[capacity], 0);
    }

    public HistoryBars withCount(int n) {
        return new HistoryBars(interval, times, open, high, low, close, volume, n);
    }

    /** Start time of the oldest bar, or {@link Long#MAX_VALUE} when empty. */
    public long oldest() {
        return count == 0 ? Long.MAX_VALUE : times[0];
    }
}
