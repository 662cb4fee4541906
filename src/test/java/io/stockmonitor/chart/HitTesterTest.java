package io.stockmonitor.chart;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HitTesterTest {

    private static final long[] BARS = {1000, 2000, 3000, 5000};

    @Test
    void barAtFindsTheBarHoldingTheTimeAndNothingOutside() {
        assertThat(HitTester.barAt(BARS, 0, 4, 999, 1000)).isEqualTo(-1);
        assertThat(HitTester.barAt(BARS, 0, 4, 1000, 1000)).isZero();
        assertThat(HitTester.barAt(BARS, 0, 4, 1999.9, 1000)).isZero();
        assertThat(HitTester.barAt(BARS, 0, 4, 2000, 1000)).isEqualTo(1);
        assertThat(HitTester.barAt(BARS, 0, 4, 3999, 1000)).isEqualTo(2);
        assertThat(HitTester.barAt(BARS, 0, 4, 4000, 1000)).as("hole between bars").isEqualTo(-1);
        assertThat(HitTester.barAt(BARS, 0, 4, 5999, 1000)).isEqualTo(3);
        assertThat(HitTester.barAt(BARS, 0, 4, 6000, 1000)).as("after the last bar").isEqualTo(-1);
        assertThat(HitTester.barAt(BARS, 0, 0, 1500, 1000)).as("empty").isEqualTo(-1);
    }

    @Test
    void searchesOnlyTheGivenRange() {
        assertThat(HitTester.barAt(BARS, 1, 3, 1500, 1000)).isEqualTo(-1);
        assertThat(HitTester.barAt(BARS, 1, 3, 5500, 1000)).isEqualTo(-1);
        assertThat(HitTester.floorIndex(BARS, 1, 3, 1500)).isZero();
        assertThat(HitTester.floorIndex(BARS, 1, 3, 9999)).isEqualTo(2);
    }

    @Test
    void floorIndexWithEqualTimesTakesTheLast() {
        long[] ticks = {10, 20, 20, 20, 30};
        assertThat(HitTester.floorIndex(ticks, 0, 5, 20)).isEqualTo(3);
        assertThat(HitTester.floorIndex(ticks, 0, 5, 9)).isEqualTo(-1);
        assertThat(HitTester.floorIndex(ticks, 0, 5, 30)).isEqualTo(4);
    }

    @Test
    void nearestIndexPicksTheCloserNeighbourWithinReach() {
        long[] ticks = {10, 20, 40};
        assertThat(HitTester.nearestIndex(ticks, 0, 3, 14, 100)).isZero();
        assertThat(HitTester.nearestIndex(ticks, 0, 3, 15, 100)).as("tie goes earlier").isZero();
        assertThat(HitTester.nearestIndex(ticks, 0, 3, 16, 100)).isEqualTo(1);
        assertThat(HitTester.nearestIndex(ticks, 0, 3, 0, 100)).isZero();
        assertThat(HitTester.nearestIndex(ticks, 0, 3, 99, 100)).isEqualTo(2);
        assertThat(HitTester.nearestIndex(ticks, 0, 3, 99, 5)).as("too far").isEqualTo(-1);
        assertThat(HitTester.nearestIndex(ticks, 0, 0, 10, 100)).isEqualTo(-1);
    }
}
