package io.stockmonitor.fuzz;

import io.stockmonitor.source.TradeValues;

/** The bounds every trade a parser lets through must be within (named in {@link TradeValues}), as one check. */
public final class TradeBounds {
    private TradeBounds() {
    }

    /** Null when the trade's values are possible, else which one is not. */
    public static String violation(double price, double size, long timeMs, long nowMs) {
        if (!(price > 0) || price > TradeValues.MAX_PRICE) {
            return "price out of bounds: " + price;
        }
        if (!(size >= 0) || size > TradeValues.MAX_SIZE) {
            return "size out of bounds: " + size;
        }
        if (timeMs < TradeValues.EARLIEST_MS || timeMs > nowMs + TradeValues.MAX_AHEAD_MS) {
            return "time out of bounds: " + timeMs;
        }
        return null;
    }

    /** A quote side: absent (NaN), or finite and not negative. */
    public static boolean quoteSide(double value) {
        return Double.isNaN(value) || value >= 0 && value < Double.POSITIVE_INFINITY;
    }
}
