package io.stockmonitor.chart;

/**
 * Round tick values for a price range: the step is 1, 2 or 5 × 10^k ("nice numbers"), chosen as the smallest such
 * step that yields at most {@code maxTicks} ticks inside the range.
 *
 * <p>Reusable: {@link #update} overwrites the previous result, so a chart computes its ticks every frame without
 * allocating. Tick values are computed as integer multiples of the step, never by repeated addition, so they do
 * not drift ({@code 0.30000000000000004}).
 */
public final class PriceAxisTicks {

    private static final double[] MANTISSAS = {1, 2, 5};

    private double step = 1;
    private long firstMultiple;
    private int count;
    private int decimals;

    /**
     * Computes ticks for {@code [min, max]}.
     *
     * @param maxTicks the most ticks wanted, typically the axis height divided by the minimum label spacing; at
     *                 least 2 is used, which guarantees at least one tick for any non-empty range
     */
    public void update(double min, double max, int maxTicks) {
        if (!(min <= max) || Double.isInfinite(min) || Double.isInfinite(max)) {
            count = 0;
            return;
        }
        int wanted = Math.max(2, maxTicks);
        double range = max - min;
        if (range == 0) {
            range = Math.max(Math.abs(min) * 1e-6, 1e-9);
        }
        // Any step below range/(wanted+1) puts more than `wanted` multiples into the range, so start there and
        // widen until the ticks fit: the result is the smallest nice step that fits.
        step = niceStepAtLeast(range / (wanted + 1));
        while (countFor(min, max, step) > wanted) {
            step = niceStepAtLeast(step * 1.000001);
        }
        firstMultiple = (long) Math.ceil(min / step - 1e-9);
        count = countFor(min, max, step);
        decimals = decimalsFor(step);
    }

    private static int countFor(double min, double max, double step) {
        long first = (long) Math.ceil(min / step - 1e-9);
        long last = (long) Math.floor(max / step + 1e-9);
        return (int) Math.max(0, last - first + 1);
    }

    /** The smallest 1/2/5 × 10^k that is ≥ {@code raw}. */
    public static double niceStepAtLeast(double raw) {
        if (!(raw > 0) || Double.isInfinite(raw)) {
            throw new IllegalArgumentException("raw step must be positive and finite: " + raw);
        }
        int exponent = (int) Math.floor(Math.log10(raw));
        for (int e = exponent - 1; e <= exponent + 1; e++) {
            double magnitude = Math.pow(10, e);
            for (double m : MANTISSAS) {
                double candidate = m * magnitude;
                if (candidate >= raw * (1 - 1e-12)) {
                    return candidate;
                }
            }
        }
        return 10 * Math.pow(10, exponent + 1);
    }

    /** Decimal places needed to print multiples of {@code step} exactly (0 for steps ≥ 1). */
    public static int decimalsFor(double step) {
        int d = (int) -Math.floor(Math.log10(step) + 1e-9);
        return Math.max(0, d);
    }

    public int count() {
        return count;
    }

    public double value(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("tick " + i + " of " + count);
        }
        return (firstMultiple + i) * step;
    }

    public double step() {
        return step;
    }

    /** Decimal places to print the tick values with. */
    public int decimals() {
        return decimals;
    }
}
