package io.stockmonitor.alerts;

import io.stockmonitor.feed.FeedCounters;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.TradeOutput;
import io.stockmonitor.market.FeedLatency;
import io.stockmonitor.market.GapKind;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real feed output, market model and engine, driven by hand on the test's thread (the feed thread's stand-in),
 * with a clock the test moves. Firings are collected in order.
 */
final class AlertRig {
    static final long T0 = 1_800_000_000_000L;

    final AtomicLong clock = new AtomicLong(T0);
    final MarketModel market = new MarketModel(new MarketLimits(4_096, 600, 600, 16, 64, 15_000), clock::get);
    final List<FeedEvent> events = new ArrayList<>();
    final TradeOutput output = new TradeOutput(market, new FeedCounters(), new FeedLatency(), events::add,
            clock::get);
    final List<AlertFiring> fired = new ArrayList<>();
    final AlertEngine engine;
    private long seq;
    /** The next trade's time; trades advance it by {@link #step} and the clock with it. */
    long ts = T0;
    long step = 100;

    AlertRig(String... symbols) {
        this(IndicatorLines.NONE, symbols);
    }

    AlertRig(IndicatorLines lines, String... symbols) {
        for (String s : symbols) {
            market.addSymbol(s);
        }
        engine = new AlertEngine(market, lines, (rule, sq, t, price, value, flags, at) ->
                fired.add(new AlertFiring(rule, sq, t, price, value, flags, at)), clock::get);
        output.addListener(engine);
    }

    AlertRig rules(AlertRule... rules) {
        engine.setRules(List.of(rules));
        return this;
    }

    /** A live trade at the next time, received at once. */
    AlertRig trade(String symbol, double price) {
        return trade(symbol, price, true);
    }

    AlertRig trade(String symbol, double price, boolean live) {
        ts += step;
        clock.set(Math.max(clock.get(), ts));
        output.trade(symbol, "e", ++seq, ts, price, 100, Double.NaN, Double.NaN, live);
        return this;
    }

    /** Several live trades of one symbol. */
    AlertRig trades(String symbol, double... prices) {
        for (double p : prices) {
            trade(symbol, p);
        }
        return this;
    }

    AlertRig gap(String symbol, GapKind kind) {
        output.gap(new FeedEvent.GapSettled(symbol, kind, null, null, ts, ts, kind == GapKind.LOST ? 0 : 5,
                kind == GapKind.LOST ? -1 : 0));
        return this;
    }

    long lastSeq() {
        return seq;
    }

    /** The prices of the trades that fired, in order. */
    List<Double> firedPrices() {
        return fired.stream().map(AlertFiring::price).toList();
    }

    static AlertRule above(long id, String symbol, double level) {
        return AlertRule.price(id, symbol, true, level, true, 0);
    }

    static AlertRule below(long id, String symbol, double level) {
        return AlertRule.price(id, symbol, false, level, true, 0);
    }

    static AlertRule rearming(AlertRule r, double rearm) {
        return new AlertRule(r.id(), r.symbol(), r.kind(), r.level(), r.window(), r.line(), false, rearm, r.paused(),
                null);
    }
}
