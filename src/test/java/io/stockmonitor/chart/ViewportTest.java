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
}
