package io.stockmonitor.bench.alerts;

import io.stockmonitor.alerts.AlertEngine;
import io.stockmonitor.alerts.AlertKind;
import io.stockmonitor.alerts.AlertRule;
import io.stockmonitor.alerts.IndicatorLines;
import io.stockmonitor.feed.FeedCounters;
import io.stockmonitor.feed.TradeOutput;
import io.stockmonitor.market.FeedLatency;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What alert evaluation adds to the feed thread per applied trade: 1,000 rules over 200 symbols (per symbol a price
 * level above and below, a day change % above and below, and a 2 % move within 5 minutes), trades at 20,000 a
 * second of trade time (100 per symbol per second, so every move window holds 5 minutes of seconds). One op is one
 * trade through the feed's real {@link TradeOutput} (market model, counters, latency): {@code output} without the
 * engine, {@code outputWithAlerts} with it; their difference is the added cost. {@code engineOnly} calls the
 * engine alone. Run with {@code -prof gc} for bytes per trade.
 *
 * <p>Levels sit about 0.3 % from each symbol's start and re-arm 0.05 % back, so the random walk crosses some of them
 * now and then (firings go to a counter, as primitives); the model's symbols have a previous close.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 2)
@Measurement(iterations = 6, time = 2)
@Fork(1)
public class AlertEvaluationBenchmark {
    static final int SYMBOLS = 200;
    static final int TRADES = 65_536;
    /** 20,000 trades per second of trade time: 50 microseconds apart. */
    static final long TRADE_SPACING_MICROS = 50;

    private String[] symbols;
    private int[] symbolOf;
    private double[] priceOf;
    private TradeOutput plain;
    private TradeOutput alerted;
    private AlertEngine engine;
    private long tsMicros;
    private long seq;
    private long fired;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom r = new SplittableRandom(20261122L);
        symbols = new String[SYMBOLS];
        double[] start = new double[SYMBOLS];
        for (int i = 0; i < SYMBOLS; i++) {
            symbols[i] = "SYM" + i;
            start[i] = 20 + r.nextDouble() * 400;
        }
        symbolOf = new int[TRADES];
        priceOf = new double[TRADES];
        double[] price = start.clone();
        for (int i = 0; i < TRADES; i++) {
            int s = r.nextInt(SYMBOLS);
            price[s] = Math.max(1, price[s] * (1 + (r.nextDouble() - 0.5) * 0.0008));
            symbolOf[i] = s;
            priceOf[i] = Math.round(price[s] * 100) / 100.0;
        }
        MarketModel plainMarket = market(start);
        MarketModel alertedMarket = market(start);
        plain = new TradeOutput(plainMarket, new FeedCounters(), new FeedLatency(), e -> { });
        alerted = new TradeOutput(alertedMarket, new FeedCounters(), new FeedLatency(), e -> { });
        List<AlertRule> rules = new ArrayList<>();
        long id = 0;
        for (int i = 0; i < SYMBOLS; i++) {
            String s = symbols[i];
            rules.add(AlertRule.price(++id, s, true, round(start[i] * 1.003), false, 0.05));
            rules.add(AlertRule.price(++id, s, false, round(start[i] * 0.997), false, 0.05));
            rules.add(AlertRule.of(++id, s, AlertKind.CHANGE_ABOVE, 1.3, 0, null, false, 0.05));
            rules.add(AlertRule.of(++id, s, AlertKind.CHANGE_BELOW, 0.7, 0, null, false, 0.05));
            rules.add(AlertRule.of(++id, s, AlertKind.MOVE_ANY, 2, 5, null, false, 0.5));
        }
        engine = new AlertEngine(alertedMarket, IndicatorLines.NONE,
                (rule, sq, ts, p, value, flags, at) -> fired++, System::currentTimeMillis);
        engine.setRules(rules);
        alerted.addListener(engine);
        tsMicros = System.currentTimeMillis() * 1000;
        // Six minutes of trade time, a trade a second per symbol: every move window reaches its full size here, so
        // the measured iterations see the steady state (a window grows only while its first minutes fill).
        for (int second = 0; second < 360; second++) {
            tsMicros += 1_000_000;
            for (int i = 0; i < SYMBOLS; i++) {
                alerted.trade(symbols[i], "bench", ++seq, tsMicros / 1000, start[i], 100, Double.NaN, Double.NaN,
                        true);
                plain.trade(symbols[i], "bench", seq, tsMicros / 1000, start[i], 100, Double.NaN, Double.NaN,
                        true);
            }
        }
    }

    private MarketModel market(double[] start) {
        MarketModel m = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
        for (int i = 0; i < SYMBOLS; i++) {
            m.addSymbol(symbols[i]);
            // A previous close 1 % below the start: the change rules sit near the walk.
            m.applyDayStats(symbols[i], Double.NaN, Double.NaN, Double.NaN, round(start[i] / 1.01), Double.NaN);
        }
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    /** The feed's output without alerts: model, counters, latency. */
    @Benchmark
    @OperationsPerInvocation(TRADES)
    public long output() {
        return run(plain);
    }

    /** The same with the alert engine listening: the difference is what alerts add per trade. */
    @Benchmark
    @OperationsPerInvocation(TRADES)
    public long outputWithAlerts() {
        return run(alerted) + fired;
    }

    /** The engine alone, on the same trades (the model is not written). */
    @Benchmark
    @OperationsPerInvocation(TRADES)
    public long engineOnly() {
        AlertEngine e = engine;
        for (int i = 0; i < TRADES; i++) {
            tsMicros += TRADE_SPACING_MICROS;
            e.onTrade(symbols[symbolOf[i]], "bench", ++seq, tsMicros / 1000, priceOf[i], 100, true);
        }
        return fired;
    }

    private long run(TradeOutput out) {
        for (int i = 0; i < TRADES; i++) {
            tsMicros += TRADE_SPACING_MICROS;
            out.trade(symbols[symbolOf[i]], "bench", ++seq, tsMicros / 1000, priceOf[i], 100, Double.NaN,
                    Double.NaN, true);
        }
        return seq;
    }
}
