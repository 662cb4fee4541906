package io.stockmonitor.feed;

/**
 * Sees every applied trade and every settled gap of every source, on the feed thread, in the order the model took
 * them (after the market model and the record's {@link TickSink}): alert evaluation plugs in here. Must be quick and
 * must not allocate per trade; must not keep references to anything but the primitive values and the symbol.
 */
public interface TradeListener {
    /**
     * A trade, in the symbol's order, exactly once (duplicates were dropped upstream and never arrive here).
     *
     * @param live false for a trade replayed by a resume or refilled from the provider's history
     */
    void onTrade(String symbol, String epoch, long seq, long ts, double price, double size, boolean live);

    /** A hole in the symbol's stream ended as {@code gap} says; comes after the trades that refilled it. */
    default void onGap(FeedEvent.GapSettled gap) {
    }
}
