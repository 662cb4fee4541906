package io.stockmonitor.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BarAggregationTest {
    private static final long T0 = 1_700_000_100_000L; // a whole 5 minutes, so bar boundaries of every interval are at round offsets

    private final MarketModel model = new MarketModel(MarketLimits.defaults(), () -> T0);

    @Test
    void ticksAreBucketedByTheFloorOfTheirTimestamp() {
        model.addSymbol("AAPL");
        tick(1, T0 + 999, 10.00, 5);
        tick(2, T0 + 1_000, 10.50, 7);
        tick(3, T0 + 1_500, 9.75, 1);
        tick(4, T0 + 1_999, 10.25, 2);
        tick(5, T0 + 5_000, 11.00, 3);

        BarBuffer s1 = new BarBuffer(16);
        assertThat(model.readBars("AAPL", BarInterval.S1, Long.MIN_VALUE, s1)).isEqualTo(3);
        assertThat(s1.time(0)).isEqualTo(T0);
        assertBar(s1, 0, 10.00, 10.00, 10.00, 10.00, 5);
        assertThat(s1.time(1)).isEqualTo(T0 + 1_000);
        assertBar(s1, 1, 10.50, 10.50, 9.75, 10.25, 10);
        assertThat(s1.time(2)).isEqualTo(T0 + 5_000);

        BarBuffer s5 = new BarBuffer(16);
        assertThat(model.readBars("AAPL", BarInterval.S5, Long.MIN_VALUE, s5)).isEqualTo(2);
        assertThat(s5.time(0)).isEqualTo(T0);
        assertBar(s5, 0, 10.00, 10.50, 9.75, 10.25, 15);
        assertThat(s5.time(1)).isEqualTo(T0 + 5_000);
        assertBar(s5, 1, 11.00, 11.00, 11.00, 11.00, 3);
    }

    @Test
    void aLateTickUpdatesTheCurrentBarAndNeverRewritesHistory() {
        model.addSymbol("AAPL");
        tick(1, T0 + 100, 10.00, 1);
        tick(2, T0 + 2_100, 10.10, 1);
        tick(3, T0 + 150, 9.00, 4); // belongs to the first second, arrives late

        BarBuffer s1 = new BarBuffer(16);
        assertThat(model.readBars("AAPL", BarInterval.S1, Long.MIN_VALUE, s1)).isEqualTo(2);
        assertBar(s1, 0, 10.00, 10.00, 10.00, 10.00, 1);
        assertThat(s1.time(1)).isEqualTo(T0 + 2_000);
        assertBar(s1, 1, 10.10, 10.10, 9.00, 9.00, 5);

        TickBuffer ticks = new TickBuffer(8);
        assertThat(model.readTicks("AAPL", Long.MIN_VALUE, ticks)).isEqualTo(3);
        assertThat(ticks.time(2)).as("tick times stay monotonic").isEqualTo(T0 + 2_100);
        assertThat(ticks.price(2)).isEqualTo(9.00);
    }

    @Test
    void fromTsSelectsBarsStartingAtOrAfterItAndCapacityKeepsTheNewest() {
        model.addSymbol("AAPL");
        for (int i = 0; i < 10; i++) {
            tick(i + 1, T0 + i * 1_000L + 500, 10 + i, 1);
        }
        BarBuffer all = new BarBuffer(4);
        assertThat(model.readBars("AAPL", BarInterval.S1, Long.MIN_VALUE, all)).isEqualTo(4);
        assertThat(all.time(0)).isEqualTo(T0 + 6_000);
        assertThat(all.close(3)).isEqualTo(19.0);

        BarBuffer from = new BarBuffer(100);
        assertThat(model.readBars("AAPL", BarInterval.S1, T0 + 7_001, from)).isEqualTo(2);
        assertThat(from.time(0)).isEqualTo(T0 + 8_000);
        assertThat(model.readBars("AAPL", BarInterval.S1, T0 + 7_000, from)).isEqualTo(3);
    }

    /** Derived bars, kept incrementally, must equal an aggregation of the 1 s bars over a random stream. */
    @Test
    void derivedBarsEqualTheAggregationOfSecondBars() {
        long seed = 20261122L;
        // Small rings so that the 1 s window wraps many times during the stream.
        MarketModel small = new MarketModel(new MarketLimits(512, 900, 400, 16, 4, 15_000), () -> T0);
        small.addSymbol("X");
        SplittableRandom random = new SplittableRandom(seed);
        long ts = T0;
        double price = 100.00;
        for (int seq = 1; seq <= 8_000; seq++) {
            ts += random.nextInt(10) == 0 ? random.nextInt(20_000) : random.nextInt(700);
            long jitter = random.nextInt(20) == 0 ? -random.nextInt(3_000) : 0; // some out-of-order ticks
            price = Math.max(0.01, Math.round((price + (random.nextInt(41) - 20) / 100.0) * 100) / 100.0);
            small.applyTick("X", seq, ts + jitter, price, 1 + random.nextInt(500), price - 0.01, price + 0.01, ts);
        }
        BarBuffer seconds = new BarBuffer(1_000);
        int n = small.readBars("X", BarInterval.S1, Long.MIN_VALUE, seconds);
        assertThat(n).as("seed %d", seed).isGreaterThan(100);
        long windowStart = seconds.time(0);
        for (BarInterval interval : new BarInterval[] {BarInterval.S5, BarInterval.S15, BarInterval.M1,
                BarInterval.M5}) {
            BarBuffer derived = new BarBuffer(1_000);
            long firstFull = -Math.floorDiv(-windowStart, interval.millis()) * interval.millis();
            int m = small.readBars("X", interval, firstFull, derived);
            List<String> expected = aggregate(seconds, n, interval.millis(), firstFull);
            List<String> actual = new ArrayList<>();
            for (int i = 0; i < m; i++) {
                actual.add(describe(derived, i));
            }
            assertThat(actual).as("%s, seed %d", interval, seed).isNotEmpty().isEqualTo(expected);
        }
    }

    private static List<String> aggregate(BarBuffer s, int n, long intervalMs, long fromTs) {
        List<String> out = new ArrayList<>();
        long current = Long.MIN_VALUE;
        double o = 0;
        double h = 0;
        double l = 0;
        double c = 0;
        long v = 0;
        for (int i = 0; i < n; i++) {
            if (s.time(i) < fromTs) {
                continue;
            }
            long start = Math.floorDiv(s.time(i), intervalMs) * intervalMs;
            if (start != current) {
                if (current != Long.MIN_VALUE) {
                    out.add(String.format("%d %.4f %.4f %.4f %.4f %.0f", current, o, h, l, c, (double) v));
                }
                current = start;
                o = s.open(i);
                h = s.high(i);
                l = s.low(i);
                v = 0;
            }
            h = Math.max(h, s.high(i));
            l = Math.min(l, s.low(i));
            c = s.close(i);
            v += s.volume(i);
        }
        if (current != Long.MIN_VALUE) {
            out.add(String.format("%d %.4f %.4f %.4f %.4f %d", current, o, h, l, c, v));
        }
        return out;
    }

    private static String describe(BarBuffer b, int i) {
        return String.format("%d %.4f %.4f %.4f %.4f %.0f", b.time(i), b.open(i), b.high(i), b.low(i), b.close(i),
                b.volume(i));
    }

    private void tick(long seq, long ts, double price, long size) {
        model.applyTick("AAPL", seq, ts, price, size, price - 0.01, price + 0.01, ts);
    }

    private static void assertBar(BarBuffer b, int i, double o, double h, double l, double c, long v) {
        assertThat(new double[] {b.open(i), b.high(i), b.low(i), b.close(i)}).containsExactly(o, h, l, c);
        assertThat(b.volume(i)).isEqualTo(v);
    }
}
