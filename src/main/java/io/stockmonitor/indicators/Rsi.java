package io.stockmonitor.indicators;

/**
 * Relative Strength Index with Wilder's smoothing ({@code k = 1 / period}) of gains and losses from one close to the
 * next, as ta4j computes it (both averages start at 0 on the first bar); 0–100 in a pane of its own with the 30 and
 * 70 levels. NaN for the first {@code period} bars. When both averages are 0 the RSI is 0; with no losses, 100.
 *
 * <p>Gaps: the change is from the previous bar that exists, whatever time lies between (a gap's move counts as one
 * bar's move).
 */
public final class Rsi extends PeriodIndicator {
    private static final int OUT = 0;
    private static final int GAIN = 1;
    private static final int LOSS = 2;
    private static final double[] LEVELS = {30, 70};

    public Rsi(int period) {
        super(1, 2, period);
    }

    @Override
    public String label() {
        return "RSI " + period();
    }

    @Override
    public Placement placement() {
        return Placement.PANE;
    }

    @Override
    public int levelCount() {
        return LEVELS.length;
    }

    @Override
    public double level(int k) {
        return LEVELS[k];
    }

    @Override
    public double fixedMin() {
        return 0;
    }

    @Override
    public double fixedMax() {
        return 100;
    }

    @Override
    protected int lookback() {
        return 1;
    }

    @Override
    protected void computeRows(BarColumns bars, int first, int from, int to) {
        double[] c = bars.closeColumn();
        double[] out = column(OUT);
        double[] gain = column(GAIN);
        double[] loss = column(LOSS);
        double k = 1.0 / period();
        for (int i = from; i < to; i++) {
            if (i == first) {
                gain[i] = 0;
                loss[i] = 0;
            } else {
                double d = c[i] - c[i - 1];
                double g = d > 0 ? d : 0;
                double l = d < 0 ? -d : 0;
                double pg = gain[i - 1];
                double pl = loss[i - 1];
                gain[i] = (g - pg) * k + pg;
                loss[i] = (l - pl) * k + pl;
            }
            if (i - first < period()) {
                out[i] = Double.NaN;
            } else if (loss[i] == 0) {
                out[i] = gain[i] == 0 ? 0 : 100;
            } else {
                out[i] = 100 - 100 / (1 + gain[i] / loss[i]);
            }
        }
    }
}
