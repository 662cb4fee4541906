package io.stockmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The sliding low/high against a brute-force scan, through growth, quiet stretches and late trades. */
class MoveWindowTest {

    @Test
    void lowAndHighEqualABruteForceScanOfTheLastNMinutes() {
        for (long seed = 1; seed <= 20; seed++) {
            SplittableRandom r = new SplittableRandom(seed);
            int minutes = 1 + r.nextInt(3);
            MoveWindow w = new MoveWindow(minutes);
            List<long[]> seconds = new ArrayList<>();
            List<Double> prices = new ArrayList<>();
            long ts = 1_800_000_000_000L;
            long newestSecond = Long.MIN_VALUE;
            for (int i = 0; i < 20_000; i++) {
                // Bursts within a second, quiet stretches of minutes, and now and then a late trade.
                int kind = r.nextInt(100);
                long step = kind < 60 ? r.nextInt(50) : kind < 97 ? r.nextInt(3_000) : r.nextInt(400_000);
                long t = kind == 99 ? ts - r.nextInt(10_000) : (ts += step);
                double p = 50 + r.nextDouble() * 100;
                w.add(t, p);
                long s = Math.max(Math.floorDiv(t, 1000L), newestSecond);
                newestSecond = s;
                seconds.add(new long[] {s});
                prices.add(p);
                double lo = Double.POSITIVE_INFINITY;
                double hi = Double.NEGATIVE_INFINITY;
                for (int j = seconds.size() - 1; j >= 0 && seconds.get(j)[0] >= s - minutes * 60L; j--) {
                    lo = Math.min(lo, prices.get(j));
                    hi = Math.max(hi, prices.get(j));
                }
                assertThat(w.low()).as("seed %d trade %d", seed, i).isEqualTo(lo);
                assertThat(w.high()).as("seed %d trade %d", seed, i).isEqualTo(hi);
                if (seconds.size() > 5_000) {
                    // Keep the scan short: older entries are far outside the window.
                    seconds.subList(0, 2_000).clear();
                    prices.subList(0, 2_000).clear();
                }
            }
            assertThat(w.capacity()).isLessThanOrEqualTo(Integer.highestOneBit(minutes * 60) << 1);
        }
    }

    @Test
    void aQuietSymbolsWindowStaysSmall() {
        MoveWindow w = new MoveWindow(AlertLimits.MAX_MOVE_MINUTES);
        for (int i = 0; i < 10_000; i++) {
            w.add(1_800_000_000_000L + i * 120_000L, 100 + i % 7);
        }
        assertThat(w.capacity()).isEqualTo(AlertLimits.MOVE_WINDOW_INITIAL_BUCKETS);
    }
}
