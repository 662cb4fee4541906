package io.stockmonitor.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ViewportTest {

    private static final double MARGIN = Viewport.RIGHT_MARGIN_FRACTION;

    @Test
    void followingLiveKeepsTheLiveEdgeInViewAsDataArrives() {
        Viewport vp = new Viewport(60_000);
        vp.setDataRange(0, 100_000);
        assertThat(vp.end()).isCloseTo(100_000 + 60_000 * MARGIN, within(1e-6));

        vp.setDataRange(0, 130_000);

        assertThat(vp.end()).isCloseTo(130_000 + 60_000 * MARGIN, within(1e-6));
        assertThat(vp.span()).isEqualTo(60_000);
    }

    @Test
    void panningIntoThePastStopsFollowingAndTheViewStaysPut() {
        Viewport vp = new Viewport(60_000);
        vp.setDataRange(0, 100_000);

        vp.pan(-10_000);

        assertThat(vp.isFollowLive()).isFalse();
        double start = vp.start();
        vp.setDataRange(0, 200_000);
        assertThat(vp.start()).isEqualTo(start);

        vp.setFollowLive(true);
        assertThat(vp.end()).isCloseTo(200_000 + 60_000 * MARGIN, within(1e-6));
    }

    @Test
    void panningIsClampedAtBothEnds() {
        Viewport vp = new Viewport(60_000);
        vp.setDataRange(100_000, 500_000);
        vp.pan(-10_000_000);
        assertThat(vp.end()).as("keeps a sliver of data").isCloseTo(100_000 + 60_000 * Viewport.MIN_DATA_FRACTION,
                within(1e-6));

        vp.pan(10_000_000);
        assertThat(vp.end()).as("not beyond the live edge").isCloseTo(500_000 + 60_000 * MARGIN, within(1e-6));
        assertThat(vp.isFollowLive()).as("panning forward does not switch following on").isFalse();
    }

    @Test
    void zoomKeepsTheAnchorInPlace() {
        Viewport vp = new Viewport(100_000);
        vp.setDataRange(0, 1_000_000);
        vp.setFollowLive(false);
        vp.pan(-400_000);
        double anchor = vp.start() + 0.25 * vp.span();
        double anchorX = vp.timeToX(anchor, 800);

        vp.zoom(0.5, anchor);

        assertThat(vp.span()).isEqualTo(50_000);
        assertThat(vp.timeToX(anchor, 800)).isCloseTo(anchorX, within(1e-6));
        assertThat(vp.xToTime(anchorX, 800)).isCloseTo(anchor, within(1e-6));
    }

    @Test
    void zoomWhileFollowingKeepsTheLiveEdge() {
        Viewport vp = new Viewport(100_000);
        vp.setDataRange(0, 1_000_000);

        vp.zoom(2, 123);

        assertThat(vp.span()).isEqualTo(200_000);
        assertThat(vp.end()).isCloseTo(1_000_000 + 200_000 * MARGIN, within(1e-6));
        assertThat(vp.isFollowLive()).isTrue();
    }

    @Test
    void spanIsBounded() {
        Viewport vp = new Viewport(10_000);
        vp.zoom(1e-9, 0);
        assertThat(vp.span()).isEqualTo(ChartBounds.MIN_SPAN_MILLIS);
        vp.zoom(1e30, 0);
        assertThat(vp.span()).isEqualTo(ChartBounds.MAX_SPAN_MILLIS);
        assertThatThrownBy(() -> vp.zoom(0, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClockAheadOfTheDataMovesTheLiveEdgeSoAnOutageGrowsOnScreen() {
        Viewport v = new Viewport(60_000);
        v.setDataRange(0, 100_000);
        double endWithData = v.end();
        v.setClock(130_000);
        assertThat(v.end()).as("time went on without data").isGreaterThan(endWithData + 29_000);
        v.setClock(Double.NaN);
        assertThat(v.end()).isEqualTo(endWithData);
        v.setClock(50_000);
        assertThat(v.end()).as("a clock behind the data changes nothing").isEqualTo(endWithData);
    }

    @Test
    void aShortSeriesOpensFittedAndGrowsToTheDefaultSpan() {
        long bar = 60_000;
        Viewport vp = new Viewport(120 * bar);
        vp.setFitSpan(20 * bar, 120 * bar);
        vp.setDataRange(0, 60 * bar);
        // 60 bars fill the view (but for the margins), rather than half of a 120-bar axis.
        assertThat(vp.span()).isCloseTo(60 * bar / (1 - MARGIN - Viewport.FIT_LEFT_MARGIN_FRACTION), within(1e-6));
        assertThat(vp.start()).isLessThanOrEqualTo(0).isGreaterThan(-0.05 * vp.span());

        vp.setDataRange(0, 3 * bar);
        assertThat(vp.span()).as("a few bars are not a wall of candles").isEqualTo(20 * bar);

        vp.setDataRange(0, 500 * bar);
        assertThat(vp.span()).as("longer data: the default span").isEqualTo(120 * bar);
        assertThat(vp.end()).isCloseTo(500 * bar + 120 * bar * MARGIN, within(1e-6));
    }

    @Test
    void zoomingOrPanningEndsTheFitUntilTheDataIsCleared() {
        long bar = 1_000;
        Viewport vp = new Viewport(120 * bar);
        vp.setFitSpan(20 * bar, 120 * bar);
        vp.setDataRange(0, 40 * bar);
        vp.zoom(0.5, 40 * bar);
        double zoomed = vp.span();
        assertThat(vp.isFittingData()).isFalse();
        vp.setDataRange(0, 80 * bar);
        assertThat(vp.span()).isEqualTo(zoomed);

        vp.clearData();
        assertThat(vp.isFittingData()).isTrue();
        vp.setDataRange(1_000 * bar, 1_030 * bar);
        assertThat(vp.span()).isCloseTo(30 * bar / (1 - MARGIN - Viewport.FIT_LEFT_MARGIN_FRACTION), within(1e-6));
    }

    @Test
    void panningPastTheOldestDataStops() {
        Viewport vp = new Viewport(60_000);
        vp.setDataRange(1_000_000, 2_000_000);
        for (int i = 0; i < 100; i++) {
            vp.pan(-50_000);
        }
        // However far the drag goes, some data stays in view on the right.
        assertThat(vp.end()).isCloseTo(1_000_000 + 60_000 * 0.1, within(1e-6));
        vp.pan(10_000_000);
        assertThat(vp.end()).isCloseTo(2_000_000 + 60_000 * MARGIN, within(1e-6));
    }
}
