package io.stockmonitor.source;

/**
 * What a provider may send as a trade or a quote before it reaches the market model: a price the model can hold
 * (positive, finite, at most {@link #MAX_PRICE}), a size that is finite and not negative, a time after the epoch.
 * Anything else is a forged or broken message: the session counts it as bad and drops it (the model would refuse it
 * with an exception on the feed thread).
 */
public final class TradeValues {
    /** The highest price the market model stores (prices are kept as integer cents). */
    public static final double MAX_PRICE = 21_474_836.47;

    private TradeValues() {
    }

    /** A trade price: positive, finite, at most {@link #MAX_PRICE}. */
    public static boolean price(double price) {
        return price > 0 && price <= MAX_PRICE;
    }

    /** A quote side: as {@link #price}, or 0 where the provider means "no bid" or "no ask". */
    public static boolean quoteSide(double price) {
        return price == 0 || price(price);
    }

    /** A size: finite and not negative (0 where a provider sends a price update without volume). */
    public static boolean size(double size) {
        return size >= 0 && size < Double.POSITIVE_INFINITY;
    }

    /** A quoted size as given when it is a plausible one (finite, not negative), else NaN: shown as unknown. */
    public static double sizeOrNaN(double size) {
        return size >= 0 && Double.isFinite(size) ? size : Double.NaN;
    }

    /** Why a trade cannot be applied, or null when it can; no allocation. */
    public static String problem(double price, double size, long timeMs) {
        if (!price(price)) {
            return "price out of range";
        }
        if (!size(size)) {
            return "size out of range";
        }
        if (timeMs <= 0) {
            return "time out of range";
        }
        return null;
    }
}
