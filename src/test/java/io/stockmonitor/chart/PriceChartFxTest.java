package io.stockmonitor.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneOffset;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

import javafx.geometry.Bounds;
import javafx.geometry.VerticalDirection;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.paint.Color;
import javafx.stage.Stage;

import io.stockmonitor.indicators.Macd;
import io.stockmonitor.indicators.Rsi;
import io.stockmonitor.indicators.Sma;
import io.stockmonitor.indicators.VolumeAverage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real control in a real (headless) stage: data in, crosshair readout, wheel zoom, drag pan. */
@ExtendWith(ApplicationExtension.class)
class PriceChartFxTest {

    private static final long MINUTE = 60_000L;
    private static final long T0 = 1_763_800_000_000L - 1_763_800_000_000L % MINUTE;

    private PriceChart chart;

    private static <T> T fx(Callable<T> action) {
        return WaitForAsyncUtils.waitForAsyncFx(20_000, action);
    }

    @Start
    void start(Stage stage) {
        chart = new PriceChart();
        chart.setZone(ZoneOffset.UTC);
        chart.setIntervalMillis(MINUTE);
        Random random = new Random(1);
        double price = 100;
        for (int i = 0; i < 300; i++) {
            double open = price;
            double close = open + random.nextGaussian() * 0.3;
            chart.candles().upsert(T0 + i * MINUTE, open, Math.max(open, close) + 0.1, Math.min(open, close) - 0.1,
                    close, 1000 + i);
            price = close;
        }
        chart.setLastPrice(price);
        chart.setGaps(List.of(new ChartGap(T0 + 250 * MINUTE, T0 + 262 * MINUTE, "resync: too_old, 42 missed")));
        chart.markDirty();
        stage.setScene(new Scene(chart, 900, 500));
        stage.show();
    }

    @Test
    void crosshairShowsTheBarUnderTheMouse(FxRobot robot) {
        Bounds b = fx(() -> chart.localToScreen(chart.getLayoutBounds()));
        robot.moveTo(b.getMinX() + b.getWidth() * 0.5, b.getMinY() + b.getHeight() * 0.4);
        WaitForAsyncUtils.waitForFxEvents();

        String readout = fx(() -> chart.crosshairReadoutProperty().get());
        assertThat(readout).matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:00  O [\\d.]+  H [\\d.]+  L [\\d.]+  C [\\d.]+"
                + "  V [\\d.]+K?");

        robot.moveTo(b.getMinX() - 20, b.getMinY() - 20);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> chart.crosshairReadoutProperty().get())).isEmpty();
    }

    @Test
    void thePointerTimeIsPublishedAndAnotherChartsTimeShowsAsALine(FxRobot robot) {
        Bounds b = fx(() -> chart.localToScreen(chart.getLayoutBounds()));
        robot.moveTo(b.getMinX() + b.getWidth() * 0.5, b.getMinY() + b.getHeight() * 0.4);
        WaitForAsyncUtils.waitForFxEvents();
        long hovered = fx(() -> chart.hoveredTimeProperty().get());
        // The middle of the chart is right of the plot's middle (the price axis takes the chart's right side).
        double middle = fx(() -> chart.getVisibleStartMillis() + chart.getVisibleSpanMillis() / 2);
        assertThat((double) hovered).isBetween(middle, fx(chart::getVisibleEndMillis));
        robot.moveTo(b.getMinX() - 20, b.getMinY() - 20);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> chart.hoveredTimeProperty().get())).isEqualTo(PriceChart.NO_TIME);

        javafx.scene.Node overlay = fx(() -> chart.getChildrenUnmodifiable().get(1));
        assertThat(fx(overlay::isVisible)).isFalse();
        fx(() -> {
            chart.showLinkedCrosshair(hovered);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(overlay::isVisible)).as("a line without the pointer").isTrue();
        assertThat(fx(() -> chart.crosshairReadoutProperty().get())).isEmpty();
        assertThat(fx(chart::getLinkedCrosshairTime)).isEqualTo(hovered);
        fx(() -> {
            chart.clearLinkedCrosshair();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(overlay::isVisible)).isFalse();
    }

    @Test
    void wheelZoomsAndDragPanTurnsFollowLiveOff(FxRobot robot) {
        double spanBefore = fx(() -> chart.getVisibleSpanMillis());
        Bounds b = fx(() -> chart.localToScreen(chart.getLayoutBounds()));
        robot.moveTo(b.getMinX() + b.getWidth() * 0.4, b.getMinY() + b.getHeight() * 0.4);

        robot.scroll(2, VerticalDirection.UP);
        WaitForAsyncUtils.waitForFxEvents();
        double spanAfter = fx(() -> chart.getVisibleSpanMillis());
        assertThat(spanAfter).isNotEqualTo(spanBefore);
        assertThat(fx(() -> chart.isFollowLive())).isTrue();

        robot.drag(MouseButton.PRIMARY).dropBy(200, 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> chart.isFollowLive())).isFalse();
        assertThat(fx(() -> chart.getVisibleEndMillis())).isLessThan(T0 + 300 * MINUTE);

        fx(() -> { chart.setFollowLive(true); return null; });
        assertThat(fx(() -> chart.getVisibleEndMillis())).isGreaterThanOrEqualTo(T0 + 300 * MINUTE);
    }

    @Test
    void keyboardZoomStepsAndPixelsFollowTheCss(FxRobot robot) {
        double before = fx(() -> chart.getVisibleSpanMillis());
        fx(() -> { chart.zoomIn(); return null; });
        assertThat(fx(() -> chart.getVisibleSpanMillis())).isLessThan(before);
        fx(() -> { chart.zoomOut(); return null; });
        assertThat(fx(() -> chart.getVisibleSpanMillis())).isEqualTo(before, org.assertj.core.api
                .Assertions.within(1e-6));

        robot.clickOn(chart).type(KeyCode.MINUS);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> chart.getVisibleSpanMillis())).as("minus key zooms out").isGreaterThan(before * 1.2);

        fx(() -> { chart.setStyle("-sm-chart-background: #123456;"); return null; });
        WaitForAsyncUtils.waitForFxEvents();
        Color corner = fx(() -> chart.snapshot(null, null).getPixelReader().getColor(2, 2));
        assertThat(corner).isEqualTo(Color.web("#123456"));

        fx(() -> { chart.setMode(ChartMode.TICK_LINE); return null; });
        fx(() -> {
            for (int i = 0; i < 5000; i++) {
                chart.ticks().append(T0 + i * 20L, 100 + Math.sin(i / 50.0), 10);
            }
            chart.markDirty();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents(5);
        Bounds b = fx(() -> chart.localToScreen(chart.getLayoutBounds()));
        robot.moveTo(b.getMinX() + b.getWidth() * 0.6, b.getMinY() + b.getHeight() * 0.4);
        WaitForAsyncUtils.waitForFxEvents();
        org.awaitility.Awaitility.await().atMost(20, TimeUnit.SECONDS).until(
                () -> fx(() -> chart.crosshairReadoutProperty().get()).contains("  P "));
    }

    @Test
    void anEmptyChartSaysNoDataYetInsteadOfInventingAxes(FxRobot robot) {
        fx(() -> {
            chart.clear();
            chart.markDirty();
            chart.layout();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> chart.showsNoData())).isTrue();
        Bounds b = fx(() -> chart.localToScreen(chart.getLayoutBounds()));
        robot.moveTo(b.getMinX() + b.getWidth() * 0.5, b.getMinY() + b.getHeight() * 0.4);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> chart.crosshairReadoutProperty().get())).as("no readout of nothing").isEmpty();
    }

    @Test
    void indicatorsGetTheirPanesAndTheReadoutShowsTheirValues(FxRobot robot) {
        Rsi rsi = fx(() -> chart.indicators().add(new Rsi(14)));
        fx(() -> {
            chart.indicators().add(new Sma(20));
            chart.indicators().add(new Macd());
            chart.indicators().add(new VolumeAverage(20));
            chart.layout();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> chart.layoutOfPanes().subPaneCount())).isEqualTo(2);

        Bounds b = fx(() -> chart.localToScreen(chart.getLayoutBounds()));
        double priceY = fx(() -> (chart.layoutOfPanes().priceTop() + chart.layoutOfPanes().priceBottom()) / 2);
        robot.moveTo(b.getMinX() + b.getWidth() * 0.5, b.getMinY() + priceY);
        WaitForAsyncUtils.waitForFxEvents();
        String readout = fx(() -> chart.crosshairReadoutProperty().get());
        assertThat(readout).matches(".*  V [\\d.]+K?  ·  RSI 14 [\\d.]+  SMA 20 [\\d.]+  MACD 12 26 9 -?[\\d.]+ / -?[\\d.]+"
                + " / -?[\\d.]+  Vol MA 20 [\\d.]+K?");

        fx(() -> {
            rsi.setPeriod(7);
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.moveBy(3, 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> chart.crosshairReadoutProperty().get())).contains("RSI 7 ");

        fx(() -> {
            chart.indicators().remove(rsi);
            chart.layout();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(fx(() -> chart.layoutOfPanes().subPaneCount())).isEqualTo(1);
        fx(() -> {
            chart.indicators().clear();
            return null;
        });
    }

    @Test
    void reachingTheOldestBarAsksForOlderOnceUntilOlderBarsCome(FxRobot robot) {
        List<Long> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        fx(() -> {
            chart.setOnNeedOlder(asked::add);
            chart.setOlderDataAvailable(true);
            chart.layout();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(asked).as("the live edge is far from the oldest bar").isEmpty();

        fx(() -> {
            chart.setFollowLive(false);
            for (int i = 0; i < 40; i++) {
                chart.zoomOut();
            }
            chart.layout();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(asked).containsExactly(T0);
        fx(() -> {
            chart.markDirty();
            chart.layout();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(asked).as("not again for the same oldest bar").containsExactly(T0);

        fx(() -> {
            // The answer: older bars, the series read again whole.
            int n = chart.candles().size();
            long[] t = new long[n + 50];
            double[] o = new double[n + 50];
            double[] h = new double[n + 50];
            double[] l = new double[n + 50];
            double[] c = new double[n + 50];
            double[] v = new double[n + 50];
            for (int i = 0; i < n + 50; i++) {
                int k = i - 50;
                t[i] = T0 + k * MINUTE;
                o[i] = k < 0 ? 100 : chart.candles().open(k);
                h[i] = k < 0 ? 101 : chart.candles().high(k);
                l[i] = k < 0 ? 99 : chart.candles().low(k);
                c[i] = k < 0 ? 100.5 : chart.candles().close(k);
                v[i] = 10;
            }
            chart.setCandles(t, o, h, l, c, v, 0, n + 50);
            chart.layout();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        org.awaitility.Awaitility.await().atMost(20, TimeUnit.SECONDS).until(() -> asked.size() == 2);
        assertThat(asked.get(1)).isEqualTo(T0 - 50 * MINUTE);

        fx(() -> {
            chart.setOlderDataAvailable(false);
            chart.setOnNeedOlder(null);
            chart.setFollowLive(true);
            return null;
        });
    }

    @Test
    void draggingTheLineAboveASubPaneResizesIt(FxRobot robot) {
        fx(() -> {
            chart.indicators().add(new Rsi(14));
            chart.layout();
            return null;
        });
        WaitForAsyncUtils.waitForFxEvents();
        double before = fx(() -> chart.layoutOfPanes().subPaneBottom(0) - chart.layoutOfPanes().subPaneTop(0));
        double separator = fx(() -> chart.layoutOfPanes().subPaneTop(0) - ChartLayout.PANE_GAP / 2);
        Bounds b = fx(() -> chart.localToScreen(chart.getLayoutBounds()));
        robot.moveTo(b.getMinX() + b.getWidth() * 0.3, b.getMinY() + separator);
        robot.press(MouseButton.PRIMARY).moveBy(0, -40).release(MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        double after = fx(() -> chart.layoutOfPanes().subPaneBottom(0) - chart.layoutOfPanes().subPaneTop(0));
        // The edge keeps its distance to the pointer: no jump by the few pixels between the grab and the line.
        assertThat(after).isCloseTo(before + 40, org.assertj.core.api.Assertions.within(1.0));
        assertThat(fx(() -> chart.isFollowLive())).as("no pan").isTrue();
        fx(() -> {
            chart.indicators().clear();
            return null;
        });
    }
}
