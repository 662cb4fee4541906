package io.stockmonitor.market;

/**
 * How far back a symbol's bars of one interval reach from the source's history, so a chart scrolled left knows
 * whether to ask for more.
 *
 * @param oldestMs  start of the oldest bar the history gave, or {@link Long#MAX_VALUE} before any
 * @param exhausted the source has no older bars (or keeps no history at all): scrolling further stops there
 * @param loading   a request is under way
 */
public record HistoryState(long oldestMs, boolean exhausted, boolean loading) {
    public static final HistoryState NONE = new HistoryState(Long.MAX_VALUE, false, false);
}
