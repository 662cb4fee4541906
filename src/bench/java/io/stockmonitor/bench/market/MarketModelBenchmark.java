package io.stockmonitor.bench.market;

import io.stockmonitor.market.BarBuffer;
import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.market.QuoteView;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Cost of the market model's hot paths with the product's limits and 200 symbols: applyTick round-robin over the
 * 200 symbols (the feed thread, per tick; the ~190 MB of state is far beyond the caches, so this is the cold
 * case; run with {@code -prof gc} for bytes per tick), applyTick on one symbol (warm case), readQuote (UI, per
 * symbol per frame) and a 10-minute read of 1 s bars (UI, per chart per frame).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class MarketModelBenchmark {
    private static final int SYMBOLS = 200;
    private static final int PRICES = 4_096;
    private static final long T0 = 1_700_000_100_000L;

    private MarketModel model;
    private String[] symbols;
    private final double[] prices = new double[PRICES];
    private final long[] sizes = new long[PRICES];
    private final QuoteView quote = new QuoteView();
    private final BarBuffer bars = new BarBuffer(600);
    private long n;
    private long ts;

    @Setup
    public void setUp() {
        model = new MarketModel(MarketLimits.defaults(), () -> ts);
        symbols = new String[SYMBOLS];
        for (int i = 0; i < SYMBOLS; i++) {
            symbols[i] = "SYM" + i;
            model.addSymbol(symbols[i]);
        }
        SplittableRandom random = new SplittableRandom(42);
        double p = 189.23;
        for (int i = 0; i < PRICES; i++) {
            p = Math.max(1, Math.round((p + (random.nextInt(21) - 10) / 100.0) * 100) / 100.0);
            prices[i] = p;
            sizes[i] = random.nextInt(10) == 0 ? 1 + random.nextInt(99) : 100 * (1 + random.nextInt(5));
        }
        ts = T0;
        // An hour of history so that the reads below copy real bars.
        for (int s = 0; s < 3_600 * 1_000; s++) {
            applyOne();
        }
    }

    private void applyOne() {
        long i = n++;
        int k = (int) (i & (PRICES - 1));
        // 200 symbols at 5 ticks/s each: the feed clock moves 1 ms per tick, so every bar interval rolls over.
        ts++;
        double price = prices[k];
        model.applyTick(symbols[(int) (i % SYMBOLS)], i, ts, price, sizes[k], price - 0.01, price + 0.01, ts);
    }

    @Benchmark
    public void applyTick() {
        applyOne();
    }

    /** One busy symbol: the model's own cost with its state in cache (applyTick above is cache-miss bound). */
    @Benchmark
    public void applyTickOneSymbol() {
        long i = n++;
        int k = (int) (i & (PRICES - 1));
        ts++;
        double price = prices[k];
        model.applyTick(symbols[0], i, ts, price, sizes[k], price - 0.01, price + 0.01, ts);
    }

    @Benchmark
    public double readQuote() {
        model.readQuote(symbols[(int) (n++ % SYMBOLS)], quote);
        return quote.last();
    }

    @Benchmark
    public int readTenMinutesOfSecondBars() {
        return model.readBars(symbols[(int) (n++ % SYMBOLS)], BarInterval.S1, ts - 600_000, bars);
    }
}
