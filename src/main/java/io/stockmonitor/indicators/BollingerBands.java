package io.stockmonitor.indicators;

/**
 * Bollinger Bands on the close: the middle band is the {@code period}-bar SMA, the upper and lower bands are
 * {@code k} population standard deviations above and below it (ta4j's definition). NaN for the first
 * {@code period - 1} bars.
 *
 * <p>O(1) per row: compensated running sums of {@code x - ref} and {@code (x - ref)^2}, where {@code ref} is the
 * first bar's close, so the variance is taken from numbers near zero rather than as the small difference of two
 * large sums.
 *
 * <p>Gaps: the window is the last {@code period} bars that exist (missing intervals are not zero bars).
 */
public final class BollingerBands extends PeriodIndicator {
    /** Output lines. */
    public static final int UPPER = 0;
    public static final int MIDDLE = 1;
    public static final int LOWER = 2;
    private static final int SUM = 3;
    private static final int SUM_COMP = 4;
    private static final int SQ = 5;
    private static final int SQ_COMP = 6;
    private static final int REF = 7;

    private double width;

    public BollingerBands(int period, double k) {
        super(3, 5, period);
        this.width = checkWidth(k);
    }

    /** Band width in standard deviations. */
    public double k() {
        return width;
    }

    /** Sets the width, in (0, {@link IndicatorBounds#MAX_BAND_WIDTH}]; recomputes everything. */
    public void setK(double k) {
        checkWidth(k);
        if (k != width) {
            width = k;
            invalidate();
        }
    }

    private static double checkWidth(double k) {
        if (!(k > 0 && k <= IndicatorBounds.MAX_BAND_WIDTH)) {
            throw new IllegalArgumentException("k must be in (0, " + IndicatorBounds.MAX_BAND_WIDTH + "]: " + k);
        }
        return k;
    }

    @Override
    public String label() {
        return "BB " + period() + " " + ChartNumbers.trim(width);
    }

    @Override
    public String lineName(int line) {
        return switch (line) {
            case UPPER -> "BB upper";
            case MIDDLE -> "BB mid";
            default -> "BB lower";
        };
    }

    @Override
    public Placement placement() {
        return Placement.PRICE;
    }

    @Override
    protected int lookback() {
        return period();
    }

    @Override
    protected void computeRows(BarColumns bars, int first, int from, int to) {
        double[] x = bars.closeColumn();
        double[] upper = column(UPPER);
        double[] middle = column(MIDDLE);
        double[] lower = column(LOWER);
        double[] sum = column(SUM);
        double[] sumComp = column(SUM_COMP);
        double[] sq = column(SQ);
        double[] sqComp = column(SQ_COMP);
        double[] ref = column(REF);
        int p = period();
        for (int i = from; i < to; i++) {
            if (i == first) {
                ref[i] = x[i];
                sum[i] = 0;
                sumComp[i] = 0;
                sq[i] = 0;
                sqComp[i] = 0;
            } else {
                double r = ref[i - 1];
                ref[i] = r;
                sum[i] = sum[i - 1];
                sumComp[i] = sumComp[i - 1];
                sq[i] = sq[i - 1];
                sqComp[i] = sqComp[i - 1];
                double d = x[i] - r;
                addCompensated(sum, sumComp, i, d);
                addCompensated(sq, sqComp, i, d * d);
                if (i - p >= first) {
                    double out = x[i - p] - r;
                    addCompensated(sum, sumComp, i, -out);
                    addCompensated(sq, sqComp, i, -out * out);
                }
            }
            if (i - first >= p - 1) {
                double meanDev = (sum[i] + sumComp[i]) / p;
                double variance = Math.max(0, (sq[i] + sqComp[i]) / p - meanDev * meanDev);
                double mid = ref[i] + meanDev;
                double band = width * Math.sqrt(variance);
                middle[i] = mid;
                upper[i] = mid + band;
                lower[i] = mid - band;
            } else {
                middle[i] = Double.NaN;
                upper[i] = Double.NaN;
                lower[i] = Double.NaN;
            }
        }
    }
}
