package io.stockmonitor.chart;

/** Number formatting for axis labels and the readout: fixed decimals, locale-independent, no format parsing. */
public final class ChartText {

    private static final long[] POW10 = {
        1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L, 10_000_000L, 100_000_000L, 1_000_000_000L
    };

    private ChartText() {
    }

    /** {@code value} with exactly {@code decimals} decimals (0–9), rounded half up; e.g. {@code 101.50}. */
    public static String price(double value, int decimals) {
        if (!Double.isFinite(value)) {
            return "-";
        }
        int d = Math.max(0, Math.min(decimals, POW10.length - 1));
        double scaled = Math.abs(value) * POW10[d];
        if (scaled >= Long.MAX_VALUE / 2.0) {
            return String.valueOf(value);
        }
        long units = Math.round(scaled);
        StringBuilder sb = new StringBuilder(20);
        if (value < 0 && units != 0) {
            sb.append('-');
        }
        sb.append(units / POW10[d]);
        if (d > 0) {
            sb.append('.');
            String frac = Long.toString(units % POW10[d]);
            for (int i = frac.length(); i < d; i++) {
                sb.append('0');
            }
            sb.append(frac);
        }
        return sb.toString();
    }

    /** Compact volume: {@code 950}, {@code 12.3K}, {@code 4.5M}, {@code 1.2B}. */
    public static String volume(double value) {
        double v = Math.abs(value);
        String sign = value < 0 ? "-" : "";
        if (v < 1_000) {
            return sign + price(v, v == Math.rint(v) ? 0 : 2);
        }
        if (v < 1_000_000) {
            return sign + price(v / 1_000, 1) + "K";
        }
        if (v < 1_000_000_000) {
            return sign + price(v / 1_000_000, 1) + "M";
        }
        return sign + price(v / 1_000_000_000, 1) + "B";
    }
}
