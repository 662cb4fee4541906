package io.stockmonitor.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** One writer, one reader, both bounded: the reader must never see a torn quote, bar or tick. */
class ConcurrentReadTest {
    private static final long T0 = 1_700_000_100_000L; // a whole 5 minutes
    private static final int TICKS = 400_000;

    @Test
    void readersNeverSeeTornState() throws Exception {
        MarketModel model = new MarketModel(new MarketLimits(2_048, 600, 300, 8, 4, 15_000), () -> T0);
        model.addSymbol("A");
        AtomicBoolean done = new AtomicBoolean();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 1; i <= TICKS; i++) {
                    double price = price(i);
                    model.applyTick("A", i, T0 + i, price, 1, price - spread(i), price + spread(i), T0 + i);
                }
            } finally {
                done.set(true);
            }
        });
        List<String> violations = new ArrayList<>();
        QuoteView q = new QuoteView();
        BarBuffer bars = new BarBuffer(600);
        TickBuffer ticks = new TickBuffer(2_048);
        long reads = 0;
        long lastSeq = 0;
        while (!done.get() && violations.isEmpty() && reads < 1_000_000) {
            reads++;
            model.readQuote("A", q);
            if (q.hasData()) {
                // Every field is a function of the seq: a copy mixing two writes cannot pass.
                if (q.last() != price(q.seq()) || q.bid() != q.last() - spread(q.seq())
                        || q.ask() != q.last() + spread(q.seq()) || q.lastUpdateMs() != T0 + q.seq() || q.seq() < lastSeq
                        || q.low() > q.last() || q.high() < q.last()) {
                    violations.add("quote " + q);
                }
                lastSeq = q.seq();
            }
            int n = model.readBars("A", BarInterval.S1, Long.MIN_VALUE, bars);
            for (int i = 0; i < n; i++) {
                if (bars.low(i) > Math.min(bars.open(i), bars.close(i))
                        || bars.high(i) < Math.max(bars.open(i), bars.close(i))
                        || (i > 0 && bars.time(i) <= bars.time(i - 1))) {
                    violations.add("bar " + i + " of " + n);
                    break;
                }
            }
            int m = model.readTicks("A", Long.MIN_VALUE, ticks);
            for (int i = 0; i < m; i++) {
                if (ticks.price(i) != price(ticks.time(i) - T0)) {
                    violations.add("tick " + i + " of " + m);
                    break;
                }
            }
        }
        writer.get(60, TimeUnit.SECONDS);
        assertThat(violations).isEmpty();
        assertThat(reads).isPositive();
        model.readQuote("A", q);
        assertThat(q.seq()).isEqualTo(TICKS);
    }

    private static double price(long seq) {
        return (5_000 + seq * 7_919 % 10_000) / 100.0; // a correctly rounded quotient: exactly what the model decodes
    }

    private static double spread(long seq) {
        return 0.01 * (1 + seq % 5);
    }
}
