package io.stockmonitor.indicators;

/**
 * Simple moving average of one bar column over the last {@code period} bars: a compensated running sum per row,
 * plus the value entering the window minus the one leaving it, so a row costs O(1) whatever the period.
 *
 * <p>Gaps: the window is the last {@code period} bars that exist; a missing interval is skipped, not counted as
 * zero, so the window may span more time than {@code period} intervals.
 */
abstract class MovingAverage extends PeriodIndicator {
    private static final int OUT = 0;
    private static final int SUM = 1;
    private static final int COMP = 2;

    MovingAverage(int period) {
        super(1, 2, period);
    }

    /** The column averaged. */
    abstract double[] source(BarColumns bars);

    @Override
    protected final int lookback() {
        return period();
    }

    @Override
    protected final void computeRows(BarColumns bars, int first, int from, int to) {
        double[] x = source(bars);
        double[] out = column(OUT);
        double[] sum = column(SUM);
        double[] comp = column(COMP);
        int p = period();
        for (int i = from; i < to; i++) {
            if (i == first) {
                sum[i] = x[i];
                comp[i] = 0;
            } else {
                sum[i] = sum[i - 1];
                comp[i] = comp[i - 1];
                addCompensated(sum, comp, i, x[i]);
                if (i - p >= first) {
                    addCompensated(sum, comp, i, -x[i - p]);
                }
            }
            out[i] = i - first >= p - 1 ? (sum[i] + comp[i]) / p : Double.NaN;
        }
    }
}
