package io.stockmonitor.indicators;

/** Parameter text for labels: {@code 2} rather than {@code 2.0}, {@code 2.5} as is. */
final class ChartNumbers {
    private ChartNumbers() {
    }

    static String trim(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }
}
