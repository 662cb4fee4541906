package io.stockmonitor.indicators;

/**
 * Exponential moving average of the close, {@code k = 2 / (period + 1)}, seeded with the first bar's close (as
 * ta4j does) and shown from bar {@code period} on (NaN before, while the seed still dominates).
 *
 * <p>Gaps: each existing bar is one step; a missing interval is not a step (the average does not decay over time
 * without bars).
 */
public final class Ema extends PeriodIndicator {
    private static final int OUT = 0;
    private static final int EMA = 1;

    public Ema(int period) {
        super(1, 1, period);
    }

    @Override
    public String label() {
        return "EMA " + period();
    }

    @Override
    public Placement placement() {
        return Placement.PRICE;
    }

    @Override
    protected int lookback() {
        return 1;
    }

    @Override
    protected void computeRows(BarColumns bars, int first, int from, int to) {
        ema(bars.closeColumn(), column(EMA), first, from, to, 2.0 / (period() + 1));
        double[] out = column(OUT);
        double[] ema = column(EMA);
        for (int i = from; i < to; i++) {
            out[i] = i - first >= period() - 1 ? ema[i] : Double.NaN;
        }
    }

    /** ta4j's recurrence: {@code e[i] = (x[i] - e[i-1]) * k + e[i-1]}, {@code e[first] = x[first]}. */
    static void ema(double[] x, double[] e, int first, int from, int to, double k) {
        for (int i = from; i < to; i++) {
            if (i == first) {
                e[i] = x[i];
            } else {
                double prev = e[i - 1];
                e[i] = (x[i] - prev) * k + prev;
            }
        }
    }
}
