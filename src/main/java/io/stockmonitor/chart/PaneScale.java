package io.stockmonitor.chart;

/**
 * A pane's vertical scale: values in {@code [min, max]} map linearly onto pixels {@code [bottom, top]}. Plain
 * numbers, unit-tested; reused every frame.
 *
 * <p>{@link #fit} pads the range so the extremes do not touch the pane's edges and widens a flat range (a price
 * that did not move) to a visible one; {@link #fitFromZero} is for volumes and histograms that grow from a base.
 */
public final class PaneScale {

    /** Empty space above and below the values, as a fraction of their range. */
    public static final double PAD_FRACTION = 0.06;

    private double top;
    private double bottom;
    private double min = 0;
    private double max = 1;

    /** Sets the pane's pixel extent. */
    public void setPixels(double topPx, double bottomPx) {
        top = topPx;
        bottom = bottomPx;
    }

    /**
     * Fits the scale to values in {@code [lo, hi]}, padded by {@link #PAD_FRACTION}; a flat range becomes ±0.1 % (at
     * least ±0.005) around it; no values at all ({@code lo > hi}) keep {@code fallback} ± that.
     */
    public void fit(double lo, double hi, double fallback) {
        if (!(lo <= hi) || Double.isInfinite(lo) || Double.isInfinite(hi)) {
            double f = Double.isFinite(fallback) ? fallback : 0;
            lo = f;
            hi = f;
        }
        double range = hi - lo;
        if (range <= 0) {
            range = Math.max(Math.abs(hi) * 0.002, 0.01);
            lo -= range / 2;
            hi += range / 2;
        }
        double pad = range * PAD_FRACTION;
        min = lo - pad;
        max = hi + pad;
    }

    /** Exactly {@code [lo, hi]}, no padding (a fixed scale such as RSI's 0–100). */
    public void set(double lo, double hi) {
        min = lo;
        max = hi > lo ? hi : lo + 1;
    }

    /** {@code [0, hi]} with headroom above; for volumes. A range with no positive value is {@code [0, 1]}. */
    public void fitFromZero(double hi) {
        min = 0;
        max = hi > 0 ? hi * (1 + PAD_FRACTION) : 1;
    }

    /** {@code [lo, hi]} stretched to include 0, padded; for histograms around zero. */
    public void fitAroundZero(double lo, double hi) {
        fit(Math.min(0, lo), Math.max(0, hi), 0);
    }

    public double y(double value) {
        return bottom - (value - min) / (max - min) * (bottom - top);
    }

    public double value(double y) {
        return min + (bottom - y) / (bottom - top) * (max - min);
    }

    public double min() {
        return min;
    }

    public double max() {
        return max;
    }

    public double top() {
        return top;
    }

    public double bottom() {
        return bottom;
    }

    public double height() {
        return bottom - top;
    }
}
