package io.stockmonitor.feed;

import java.math.BigDecimal;

/**
 * Writes numbers into JSON text the way a reader expects to see prices and sizes: never in exponent form (a size of
 * 0.00012 BTC is {@code 0.00012}, not {@code 1.2E-4}), whole sizes without a fraction ({@code 100}). The common
 * cases append straight into the builder; only numbers a plain {@code append(double)} would print with an exponent
 * take the (allocating) exact route.
 */
final class JsonNumbers {
    /** Doubles in this range print without an exponent through {@link StringBuilder#append(double)}. */
    private static final double PLAIN_MIN = 1e-3;
    private static final double PLAIN_MAX = 1e7;
    private static final double EXACT_LONG = 9.007199254740992E15; // 2^53

    private JsonNumbers() {
    }

    /** A price: as Java prints a double ({@code 189.23}, {@code 100.0}), without an exponent. */
    static void appendDecimal(StringBuilder sb, double value) {
        double abs = Math.abs(value);
        if (abs == 0 || (abs >= PLAIN_MIN && abs < PLAIN_MAX) || Double.isNaN(value) || Double.isInfinite(value)) {
            sb.append(value);
        } else {
            sb.append(BigDecimal.valueOf(value).toPlainString());
        }
    }

    /** A size: whole numbers without a fraction ({@code 100}), others as {@link #appendDecimal}. */
    static void appendQuantity(StringBuilder sb, double value) {
        if (value == Math.rint(value) && Math.abs(value) < EXACT_LONG) {
            sb.append((long) value);
        } else {
            appendDecimal(sb, value);
        }
    }
}
