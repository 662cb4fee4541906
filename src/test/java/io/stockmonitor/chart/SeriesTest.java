package io.stockmonitor.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SeriesTest {

    @Test
    void tickSeriesKeepsTheNewestCapacityTicksInOrder() {
        TickSeries s = new TickSeries(3000);
        for (int i = 0; i < 10_000; i++) {
            s.append(i, i * 0.5, 1);
        }

        assertThat(s.size()).isEqualTo(3000);
        assertThat(s.time(0)).isEqualTo(7000);
        assertThat(s.time(2999)).isEqualTo(9999);
        assertThat(s.price(2999)).isEqualTo(4999.5);
        assertThat(s.to() - s.from()).isEqualTo(3000);
        assertThat(s.storageLength()).isLessThanOrEqualTo(6000);
        for (int i = s.from() + 1; i < s.to(); i++) {
            assertThat(s.timeArray()[i]).isEqualTo(s.timeArray()[i - 1] + 1);
        }
    }

    @Test
    void tickTimesNeverGoBackwards() {
        TickSeries s = new TickSeries(10);
        s.append(100, 1, 0);
        s.append(90, 2, 0);
        assertThat(s.time(1)).isEqualTo(100);
    }

    @Test
    void setAllKeepsTheNewestWhenGivenMoreThanCapacity() {
        TickSeries s = new TickSeries(4);
        long[] t = {1, 2, 3, 4, 5, 6};
        double[] p = {10, 20, 30, 40, 50, 60};
        s.setAll(t, p, null, 0, 6);
        assertThat(s.size()).isEqualTo(4);
        assertThat(s.time(0)).isEqualTo(3);
        assertThat(s.price(3)).isEqualTo(60);
        assertThat(s.volume(3)).isZero();
    }

    @Test
    void candleUpsertUpdatesTheLiveBarAndIgnoresOlderBars() {
        CandleSeries s = new CandleSeries(100);
        s.upsert(60_000, 1, 2, 0.5, 1.5, 10);
        s.upsert(120_000, 1.5, 1.6, 1.4, 1.55, 3);
        s.upsert(120_000, 1.5, 1.9, 1.4, 1.8, 7);
        s.upsert(60_000, 9, 9, 9, 9, 9);

        assertThat(s.size()).isEqualTo(2);
        assertThat(s.high(1)).isEqualTo(1.9);
        assertThat(s.close(1)).isEqualTo(1.8);
        assertThat(s.volume(1)).isEqualTo(7);
        assertThat(s.open(0)).isEqualTo(1);
    }
}
