package io.stockmonitor.feed;

import io.stockmonitor.market.FeedLatency;
import io.stockmonitor.market.GapKind;
import io.stockmonitor.market.MarketModel;
import java.util.Arrays;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Where every source's accepted trades and settled gaps go, so all sources do it the same way: the market model,
 * the counters, the feed latency (live trades only: a replayed or refilled trade is history), the record sink, then
 * the {@link TradeListener}s in the order they were added (alerts). Feed thread only; {@link #trade} allocates
 * nothing.
 */
public final class TradeOutput {
    private final MarketModel market;
    private final FeedCounters counters;
    private final FeedLatency latency;
    private final Consumer<FeedEvent> events;
    private final LongSupplier clockMs;
    private TickSink sink;
    /** Copied on change (rare), walked by index per trade: no iterator, no lock. */
    private TradeListener[] listeners = new TradeListener[0];

    /** Normally made by a {@link ConnectionSupervisor}; benchmarks make their own. */
    public TradeOutput(MarketModel market, FeedCounters counters, FeedLatency latency, Consumer<FeedEvent> events) {
        this(market, counters, latency, events, System::currentTimeMillis);
    }

    /** With the clock that stamps receive times (tests move it by hand). */
    public TradeOutput(MarketModel market, FeedCounters counters, FeedLatency latency, Consumer<FeedEvent> events,
                       LongSupplier clockMs) {
        this.market = market;
        this.counters = counters;
        this.latency = latency;
        this.events = events;
        this.clockMs = clockMs;
    }

    public void sink(TickSink newSink) {
        this.sink = newSink;
    }

    /** Adds a listener after the ones already there (feed thread). */
    public void addListener(TradeListener listener) {
        TradeListener[] next = Arrays.copyOf(listeners, listeners.length + 1);
        next[listeners.length] = listener;
        listeners = next;
    }

    /** Removes a listener; no-op when absent (feed thread). */
    public void removeListener(TradeListener listener) {
        TradeListener[] now = listeners;
        for (int i = 0; i < now.length; i++) {
            if (now[i] == listener) {
                TradeListener[] next = new TradeListener[now.length - 1];
                System.arraycopy(now, 0, next, 0, i);
                System.arraycopy(now, i + 1, next, i, now.length - i - 1);
                listeners = next;
                return;
            }
        }
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
        long now = clockMs.getAsLong();
        market.applyTick(symbol, seq, ts, price, size, bid, ask, now, live);
        counters.add(FeedCounters.Counter.TICKS_APPLIED);
        if (live) {
            latency.recordTickDelay(now - ts);
        }
        TickSink s = sink;
        if (s != null) {
            s.onTick(symbol, epoch, seq, ts, price, size);
        }
        TradeListener[] ls = listeners;
        for (int i = 0; i < ls.length; i++) {
            ls[i].onTrade(symbol, epoch, seq, ts, price, size, live);
        }
    }

    /** A quote apart from trades; NaN keeps a side. */
    public void quote(String symbol, double bid, double ask) {
        market.applyQuote(symbol, bid, ask, clockMs.getAsLong());
    }

    /** A quote with the sizes at the bid and ask (NaN where the source gives none). */
    public void quote(String symbol, double bid, double ask, double bidSize, double askSize) {
        market.applyQuote(symbol, bid, ask, bidSize, askSize, clockMs.getAsLong());
    }

    /** Trades are missing after {@code fromTs} and being fetched: the symbol shows REFILLING. */
    public void refilling(String symbol, long fromTs) {
        counters.add(FeedCounters.Counter.GAPS);
        market.markRefilling(symbol, fromTs, clockMs.getAsLong());
    }

    /** The connection came back and nothing was missing for the symbol: its pending span ends as exact. */
    public void nothingMissed(String symbol) {
        market.settleGaps(symbol, GapKind.EXACT, 0, 0, clockMs.getAsLong());
    }

    /** A hole in the stream ended as {@code gap} says: model, counters and listeners (the record writes a line). */
    public void gap(FeedEvent.GapSettled gap) {
        settle(gap, clockMs.getAsLong());
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
        TradeListener[] ls = listeners;
        for (int i = 0; i < ls.length; i++) {
            ls[i].onGap(gap);
        }
    }
}
