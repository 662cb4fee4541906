package io.stockmonitor.ui;

import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.HistoryState;
import io.stockmonitor.market.MarketModel;

/**
 * Asks the feed for the shown symbol's bars at the shown interval when the model has none from the source's history
 * yet: a protocol v2 snapshot carries no bars, so without this a chart would start empty. One page per symbol and
 * interval, asked again only after {@link #RETRY_MS} when an answer brought nothing (not connected yet, rate
 * limited). Scrolling further back is the chart's to ask. FX thread.
 */
final class ChartHistoryLoader {
    /** How long a request that brought nothing waits before it is asked again. */
    static final long RETRY_MS = 5_000;

    private String askedSymbol;
    private BarInterval askedInterval;
    private long askedAtMs;

    void frame(FeedPort port, MarketModel market, String symbol, BarInterval interval, long nowMs) {
        if (port == null || symbol == null || symbol.isEmpty() || interval == null) {
            return;
        }
        HistoryState h = market.historyState(symbol, interval);
        if (h.loading() || h.exhausted() || h.oldestMs() != Long.MAX_VALUE) {
            return;
        }
        boolean same = symbol.equals(askedSymbol) && interval == askedInterval;
        if (same && nowMs - askedAtMs < RETRY_MS) {
            return;
        }
        askedSymbol = symbol;
        askedInterval = interval;
        askedAtMs = nowMs;
        // Before the end of the bar being built now: that bar too, as far as the source has it.
        port.requestHistory(symbol, interval, interval.millis() * (Math.floorDiv(nowMs, interval.millis()) + 1));
    }
}
