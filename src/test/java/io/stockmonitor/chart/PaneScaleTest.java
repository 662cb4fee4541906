package io.stockmonitor.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class PaneScaleTest {

    private final PaneScale scale = new PaneScale();

    @Test
    void fitPadsTheRangeAndMapsBothWays() {
        scale.setPixels(100, 300);
        scale.fit(10, 20, Double.NaN);
        assertThat(scale.min()).isCloseTo(10 - 10 * PaneScale.PAD_FRACTION, within(1e-12));
        assertThat(scale.max()).isCloseTo(20 + 10 * PaneScale.PAD_FRACTION, within(1e-12));
        assertThat(scale.y(scale.max())).isCloseTo(100, within(1e-9));
        assertThat(scale.y(scale.min())).isCloseTo(300, within(1e-9));
        for (double v = 5; v < 25; v += 0.7) {
            assertThat(scale.value(scale.y(v))).isCloseTo(v, within(1e-9));
        }
        assertThat(scale.y(20)).isLessThan(scale.y(10));
    }

    @Test
    void aFlatOrEmptyRangeStillHasAHeight() {
        scale.setPixels(0, 100);
        scale.fit(100, 100, Double.NaN);
        assertThat(scale.max() - scale.min()).isGreaterThan(0);
        assertThat(scale.y(100)).isCloseTo(50, within(1e-9));

        scale.fit(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 42);
        assertThat(scale.min()).isLessThan(42);
        assertThat(scale.max()).isGreaterThan(42);

        scale.fit(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN);
        assertThat(scale.max()).isGreaterThan(scale.min());
    }

    @Test
    void volumesGrowFromZeroAndHistogramsStraddleIt() {
        scale.setPixels(0, 100);
        scale.fitFromZero(500);
        assertThat(scale.min()).isZero();
        assertThat(scale.y(0)).isEqualTo(100);
        assertThat(scale.y(500)).isGreaterThan(0);
        scale.fitFromZero(0);
        assertThat(scale.max()).isEqualTo(1);

        scale.fitAroundZero(0.5, 2);
        assertThat(scale.min()).isLessThan(0);
        scale.set(0, 100);
        assertThat(scale.y(70)).isCloseTo(30, within(1e-9));
    }
}
