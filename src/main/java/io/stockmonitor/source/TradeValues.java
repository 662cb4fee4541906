package io.stockmonitor.source;

/**
 * What a source may send as a trade or a quote before it reaches the market model: a price the model can hold
 * (positive, finite, at most {@link #MAX_PRICE}), a size that is not negative and at most {@link #MAX_SIZE}, a time
 * from {@link #EARLIEST_MS} to a day ahead of our clock.
 * Anything else is a forged or broken message: the session counts it as bad and drops it (the model would refuse it
 * with an exception on the feed thread). Every bound of a trade's values is named here, for every source.
 */
public final class TradeValues {
    /** The highest price the market model stores (prices are kept as integer cents). */
    public static final double MAX_PRICE = 21_474_836.47;
    /** No single trade is larger than this (shares, coins or contracts). */
    public static final long MAX_SIZE = 1_000_000_000_000L;
    /** No trade a source serves happened before 2000-01-01. */
    public static final long EARLIEST_MS = 946_684_800_000L;
    /** A trade time further ahead of our clock than this is not a time. */
    public static final long MAX_AHEAD_MS = 86_400_000L;

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

    /** A size: not negative and at most {@link #MAX_SIZE} (0 where a provider sends a price update without volume). */
    public static boolean size(double size) {
        return size >= 0 && size <= MAX_SIZE;
    }

    /** A quoted size as given when it is a plausible one (finite, not negative), else NaN: shown as unknown. */
    public static double sizeOrNaN(double size) {
        return size >= 0 && Double.isFinite(size) ? size : Double.NaN;
    }

    /**
     * A trade time: not before {@link #EARLIEST_MS} and at most {@link #MAX_AHEAD_MS} after {@code nowMs}. A time far
     * ahead would hold a symbol's newest bar there, and every later trade would land in it.
     */
    public static boolean time(long timeMs, long nowMs) {
        return timeMs >= EARLIEST_MS && timeMs <= nowMs + MAX_AHEAD_MS;
    }

    /** Why a trade cannot be applied at {@code nowMs}, or null when it can; no allocation. */
    public static String problem(double price, double size, long timeMs, long nowMs) {
        if (!price(price)) {
            return "price out of range";
        }
        if (!size(size)) {
            return "size out of range";
        }
        if (!time(timeMs, nowMs)) {
            return "time out of range";
        }
        return null;
    }
}
