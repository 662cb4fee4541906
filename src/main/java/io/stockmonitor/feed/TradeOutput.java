package io.stockmonitor.feed;

import io.stockmonitor.market.FeedLatency;
import io.stockmonitor.market.GapKind;
import io.stockmonitor.market.MarketModel;
import java.util.function.Consumer;

/**
 * Where every source's accepted trades and settled gaps go, so all sources do it the same way: the market model,
 * the counters, the feed latency (live trades only: a replayed or refilled trade is history) and the record sink.
 * Feed thread only; {@link #trade} allocates nothing.
 */
public final class TradeOutput {
    private final MarketModel market;
    private final FeedCounters counters;
    private final FeedLatency latency;
    private final Consumer<FeedEvent> events;
    private TickSink sink;

    /** Normally made by a {@link ConnectionSupervisor}; benchmarks make their own. */
    public TradeOutput(MarketModel market, FeedCounters counters, FeedLatency latency, Consumer<FeedEvent> events) {
        this.market = market;
        this.counters = counters;
        this.latency = latency;
        this.events = events;
    }

    public void sink(TickSink newSink) {
        this.sink = newSink;
    }

    /**
     * A trade, in the symbol's order, exactly once.
     *
     * @param epoch the history the seq belongs to (a server epoch, or the provider's name)
     * @param bid   NaN when the trade carries no quote
     * @param live  false for a replayed or refilled trade: applied, but not measured as feed latency
     */
    public void trade(String symbol, String epoch, long seq, long ts, double price, double size, double bid,
                      double ask, boolean live) {
        long now = System.currentTimeMillis();
        market.applyTick(symbol, seq, ts, price, size, bid, ask, now, live);
        counters.add(FeedCounters.Counter.TICKS_APPLIED);
        if (live) {
            latency.recordTickDelay(now - ts);
        }
        TickSink s = sink;
        if (s != null) {
            s.onTick(symbol, epoch, seq, ts, price, size);
        }
    }

    /** A quote apart from trades; NaN keeps a side. */
    public void quote(String symbol, double bid, double ask) {
        market.applyQuote(symbol, bid, ask, System.currentTimeMillis());
    }

    /** Trades are missing after {@code fromTs} and being fetched: the symbol shows REFILLING. */
    public void refilling(String symbol, long fromTs) {
        counters.add(FeedCounters.Counter.GAPS);
        market.markRefilling(symbol, fromTs, System.currentTimeMillis());
    }

    /** The connection came back and nothing was missing for the symbol: its pending span ends as exact. */
    public void nothingMissed(String symbol) {
        market.settleGaps(symbol, GapKind.EXACT, 0, 0, System.currentTimeMillis());
    }

    /** A hole in the stream ended as {@code gap} says: model, counters and listeners (the record writes a line). */
    public void gap(FeedEvent.GapSettled gap) {
        settle(gap, System.currentTimeMillis());
    }

    /**
     * A hole the server's own upstream had (a relay's provider), told by the server: the span from {@code gap.fromTs}
     * to {@code gap.toTs} shows on the chart, settled at once as the server says it ended.
     */
    public void upstreamGap(FeedEvent.GapSettled gap) {
        counters.add(FeedCounters.Counter.GAPS);
        market.markRefilling(gap.symbol(), gap.fromTs(), gap.toTs());
        settle(gap, gap.toTs());
    }

    private void settle(FeedEvent.GapSettled gap, long atMs) {
        market.settleGaps(gap.symbol(), gap.kind(), gap.missed(), gap.refilled(), atMs);
        switch (gap.kind()) {
            case EXACT -> counters.add(FeedCounters.Counter.GAPS_EXACT);
            case BY_TIME -> counters.add(FeedCounters.Counter.GAPS_BY_TIME);
            case LOST -> counters.add(FeedCounters.Counter.GAPS_LOST);
            case PENDING -> throw new IllegalArgumentException("a settled gap cannot be pending: " + gap);
        }
        if (gap.refilled() > 0) {
            counters.add(FeedCounters.Counter.TRADES_REFILLED, gap.refilled());
        }
        if (gap.missed() > 0) {
            counters.add(FeedCounters.Counter.TRADES_LOST, gap.missed());
        }
        events.accept(gap);
    }
}
