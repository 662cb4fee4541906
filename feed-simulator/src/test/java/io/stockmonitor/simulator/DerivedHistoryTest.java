package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.protocol.Bars;
import io.stockmonitor.protocol.HistoryInterval;
import org.junit.jupiter.api.Test;

class DerivedHistoryTest {
    private static final SymbolSpec AAPL = new SymbolSpec("AAPL", 189_50, 0.25, 1.0);
    private static final long START = 1_795_338_123_456L;
    private static final long DAY = HistoryInterval.D1.millis();

    private static DerivedHistory history(long seed, int days) {
        return new DerivedHistory(AAPL, seed, 0, START, AAPL.startCents(), 5.0, days);
    }

    private static Bars newest(DerivedHistory h, HistoryInterval interval, long before, int limit) {
        BarColumns out = new BarColumns(interval.millis(), limit);
        h.copyNewestFirst(interval, before, out);
        return out.toBars();
    }

    @Test
    void theLastDerivedSecondClosesAtTheEpochsFirstPrice() {
        DerivedHistory h = history(7, 30);
        Bars seconds = newest(h, HistoryInterval.S1, Long.MAX_VALUE, 3);
        assertThat(seconds.time(2)).isEqualTo(START - START % 1000 - 1000);
        assertThat(seconds.close(2)).isEqualTo(189.50);
        assertThat(h.closeBeforeAnchorCents()).isEqualTo(189_50);
    }

    @Test
    void everyIntervalIsTheAggregateOfTheNextFinerOne() {
        DerivedHistory h = history(11, 10);
        long before = h.end(HistoryInterval.D1) - 3 * DAY;
        for (HistoryInterval coarse : HistoryInterval.values()) {
            HistoryInterval fine = coarse.finer();
            if (fine == null) {
                continue;
            }
            Bars c = newest(h, coarse, before, 2);
            int per = (int) (coarse.millis() / fine.millis());
            Bars f = newest(h, fine, before, 2 * per);
            for (int bar = 0; bar < 2; bar++) {
                int from = bar * per;
                double high = Double.NEGATIVE_INFINITY;
                double low = Double.POSITIVE_INFINITY;
                long volume = 0;
                for (int i = from; i < from + per; i++) {
                    high = Math.max(high, f.high(i));
                    low = Math.min(low, f.low(i));
                    volume += f.volume(i);
                    assertThat(f.time(i)).isEqualTo(c.time(bar) + (i - from) * fine.millis());
                }
                assertThat(f.open(from)).as("%s open", coarse).isEqualTo(c.open(bar));
                assertThat(f.close(from + per - 1)).as("%s close", coarse).isEqualTo(c.close(bar));
                assertThat(high).as("%s high", coarse).isEqualTo(c.high(bar));
                assertThat(low).as("%s low", coarse).isEqualTo(c.low(bar));
                assertThat(volume).as("%s volume", coarse).isEqualTo(c.volume(bar));
            }
        }
    }

    @Test
    void barsAreWellFormedAndContinuous() {
        Bars hours = newest(history(3, 60), HistoryInterval.H1, Long.MAX_VALUE, 1000);
        assertThat(hours.size()).isEqualTo(1000);
        for (int i = 0; i < hours.size(); i++) {
            assertThat(hours.high(i)).isGreaterThanOrEqualTo(Math.max(hours.open(i), hours.close(i)));
            assertThat(hours.low(i)).isLessThanOrEqualTo(Math.min(hours.open(i), hours.close(i)));
            assertThat(hours.low(i)).isPositive();
            assertThat(hours.volume(i)).isPositive();
            if (i > 0) {
                assertThat(hours.time(i)).isEqualTo(hours.time(i - 1) + HistoryInterval.H1.millis());
                assertThat(hours.open(i)).isEqualTo(hours.close(i - 1));
            }
        }
    }

    @Test
    void theHistoryReachesBackItsDaysAndNoFurther() {
        DerivedHistory h = history(5, 20);
        long hours = h.barsBefore(HistoryInterval.H1, Long.MAX_VALUE);
        assertThat(hours).isEqualTo((h.end(HistoryInterval.H1) - h.horizonMs()) / HistoryInterval.H1.millis());
        assertThat(hours).isBetween(20L * 24, 21L * 24);
        Bars all = newest(h, HistoryInterval.H1, Long.MAX_VALUE, 5000);
        assertThat(all.size()).isEqualTo((int) hours);
        assertThat(all.time(0)).isEqualTo(h.horizonMs());
        assertThat(h.barsBefore(HistoryInterval.H1, all.time(0))).isZero();
        assertThat(newest(h, HistoryInterval.D1, Long.MAX_VALUE, 5000).size()).isEqualTo(20);
    }

    @Test
    void theSameSeedGivesTheSameHistoryAndAnotherSeedAnother() {
        Bars a = newest(history(42, 30), HistoryInterval.M5, Long.MAX_VALUE, 2000);
        Bars b = newest(history(42, 30), HistoryInterval.M5, Long.MAX_VALUE, 2000);
        Bars c = newest(history(43, 30), HistoryInterval.M5, Long.MAX_VALUE, 2000);
        assertThat(a).isEqualTo(b);
        assertThat(a).isNotEqualTo(c);
    }

    @Test
    void thePartialBarIsTheDerivedPartOfTheBarThatHoldsTheStart() {
        DerivedHistory h = history(9, 10);
        long[] hour = h.partialBar(HistoryInterval.H1);
        assertThat(hour[0]).isEqualTo(h.end(HistoryInterval.H1));
        long anchor = h.anchorMs();
        int seconds = (int) ((anchor - hour[0]) / 1000);
        Bars s = newest(h, HistoryInterval.S1, anchor, seconds);
        assertThat(s.time(0)).isEqualTo(hour[0]);
        long high = 0;
        long low = Long.MAX_VALUE;
        long volume = 0;
        for (int i = 0; i < s.size(); i++) {
            high = Math.max(high, Math.round(s.high(i) * 100));
            low = Math.min(low, Math.round(s.low(i) * 100));
            volume += s.volume(i);
        }
        assertThat(hour[1]).isEqualTo(Math.round(s.open(0) * 100));
        assertThat(hour[2]).isEqualTo(high);
        assertThat(hour[3]).isEqualTo(low);
        assertThat(hour[4]).isEqualTo(189_50);
        assertThat(hour[5]).isEqualTo(volume);
    }
}
