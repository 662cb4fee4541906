package io.stockmonitor.chart;

import io.stockmonitor.indicators.Indicator;
import io.stockmonitor.indicators.IndicatorSet;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Paint;
import javafx.scene.text.TextAlignment;

/**
 * Puts a frame together for a {@link PriceChart}: lays the panes out ({@link ChartLayout}), reduces the data in view
 * to pixel columns ({@link ColumnReducer} over the series' {@link MinMaxPyramid}), fits the pane scales
 * ({@link PaneScale}), then lets one painter per kind of drawing draw: gaps ({@link GapPainter}), grid and axes
 * ({@link AxisPainter}), candles or the tick line ({@link CandlePainter}, {@link TickLinePainter}), indicators and
 * their legends ({@link IndicatorLayer}); and the crosshair on the overlay canvas, so moving the mouse redraws only
 * the overlay. A new pane or indicator adds a painter, not a branch here.
 *
 * <p>Dense data is drawn as pixel-aligned rectangles (one per column: its min-max span), not as stroked paths: on the
 * software pipeline an anti-aliased stroke costs in proportion to the scanlines its segments cross, so a
 * 2,000-segment zig-zag path took ~60x longer to render than the whole rest of the chart. The canvas is covered by an
 * opaque fill at the start of every frame, which also discards the previous frame's buffered commands.
 */
final class ChartRenderer {

    /** Below this many pixels per bar, candles are merged per pixel column. */
    static final double MIN_PX_PER_BAR = 3;
    /** What an empty chart says instead of axes. */
    static final String NO_DATA = "No data yet";
    static final double LEGEND_PAD = 6;
    static final double LEGEND_GAP = 14;
    /** The view's left edge this close to the oldest bar (fraction of the span) asks for older bars. */
    static final double NEED_OLDER_MARGIN = 0.02;

    /** What the tick line shows: indicators are computed from bars. */
    private static final IndicatorSet NO_INDICATORS = new IndicatorSet();

    private final PriceChart chart;
    private final PaintContext ctx;
    private final ColumnReducer reducer = new ColumnReducer();
    private final AxisPainter axes = new AxisPainter();
    private final IndicatorLayer indicators = new IndicatorLayer();
    private final StringBuilder legendText = new StringBuilder(128);
    private boolean noData;
    private boolean drawn;
    private int subPanes;
    private int from;
    private int to;
    private long askedOlderFor = Long.MIN_VALUE;

    ChartRenderer(PriceChart chart) {
        this.chart = chart;
        this.ctx = new PaintContext(chart);
    }

    double plotWidth() {
        return drawn ? ctx.plotWidth() : 0;
    }

    ChartLayout layout() {
        return ctx.layout;
    }

    /** Lets the price axis shrink again (it only grows while one series is shown, so the layout does not jump). */
    void resetAxisWidth() {
        ctx.axisWidth = 0;
        askedOlderFor = Long.MIN_VALUE;
    }

    /** True when the last plot had no data and said so instead of drawing axes. */
    boolean showsNoData() {
        return noData;
    }

    private boolean candles() {
        return chart.getMode() == ChartMode.CANDLES;
    }

    // ---- plot -------------------------------------------------------------------------------------------------

    void drawPlot(GraphicsContext gc, double w, double h) {
        ctx.gc = gc;
        drawn = false;
        Paint background = ctx.color(ChartColor.BACKGROUND);
        if (!background.isOpaque()) {
            gc.clearRect(0, 0, w, h);
        }
        // A fill covering the whole canvas also discards the canvas's buffered commands of the previous frame.
        gc.setFill(background);
        gc.fillRect(0, 0, w, h);
        if (ctx.updateFont()) {
            axes.measure(ctx);
            ctx.axisWidth = 0;
        }
        IndicatorSet set = chart.indicators();
        subPanes = indicators.assignPanes(candles() ? set : NO_INDICATORS);
        layout(w, h);
        if (ctx.plotWidth() < 10 || ctx.layout.priceBottom() - ctx.layout.priceTop() < 10) {
            return;
        }
        noData = candles() ? chart.candles().isEmpty() : chart.ticks().isEmpty();
        if (noData) {
            // No axes made up from nothing (a 0–1 price scale, dates in 1970): say what is true.
            gc.setFont(ctx.font);
            gc.setFill(ctx.color(ChartColor.TEXT));
            gc.setTextAlign(TextAlignment.CENTER);
            gc.setTextBaseline(VPos.CENTER);
            gc.fillText(NO_DATA, w / 2, h / 2);
            return;
        }
        drawn = true;
        CandleSeries c = chart.candles();
        if (candles()) {
            set.update(c, c.from(), c.to());
        }
        updateDataRange();
        reduceAndScale();
        double needed = requiredAxisWidth();
        if (needed > ctx.axisWidth) {
            ctx.axisWidth = needed;
            layout(w, h);
            reduceAndScale();
        }
        axes.ticks(ctx, subPanes);

        gc.setFont(ctx.font);
        gc.setLineWidth(1);
        boolean overlays = candles() && IndicatorLayer.hasPriceOverlay(set);
        GapPainter.paint(ctx, chart.gapList(), ctx.layout.priceTop() + 3 + (overlays ? ctx.lineHeight + 2 : 0));
        axes.grid(ctx);
        if (candles()) {
            CandlePainter.paint(ctx, c, reducer, from, to);
            if (!set.isEmpty()) {
                indicators.paint(ctx, c, set, Indicator.Placement.VOLUME);
                indicators.paint(ctx, c, set, Indicator.Placement.PRICE);
                indicators.paint(ctx, c, set, Indicator.Placement.PANE);
            }
        } else {
            TickLinePainter.paint(ctx, chart.ticks(), reducer);
        }
        axes.axes(ctx, w, subPanes, indicators);
        axes.lastPrice(ctx);
        if (candles() && !set.isEmpty()) {
            legendText.setLength(0);
            indicators.legends(ctx, set, c.to() - 1, false, legendText);
        }
        askForOlder(c);
    }

    private void layout(double w, double h) {
        if (ctx.axisWidth == 0) {
            ctx.axisWidth = PaintContext.quantize(ctx.textWidth("00000.00") + 2 * PaintContext.PAD);
        }
        ctx.layout.update(w, h, ctx.lineHeight + PaintContext.PAD, ctx.axisWidth, ctx.lineHeight + PaintContext.PAD,
                subPanes);
        ctx.price.setPixels(ctx.layout.priceTop(), ctx.layout.priceBottom());
        ctx.volume.setPixels(ctx.layout.volumeTop(), ctx.layout.volumeBottom());
    }

    private double requiredAxisWidth() {
        PaneScale p = ctx.price;
        double widest = Math.max(Math.abs(p.min()), Math.abs(p.max()));
        String sample = ChartText.price(widest, Math.max(2, PriceAxisTicks.decimalsFor(
                PriceAxisTicks.niceStepAtLeast(Math.max(p.max() - p.min(), 1e-9) / 8))));
        double width = ctx.textWidth("-" + sample);
        for (int k = 0; k < subPanes; k++) {
            PaneScale s = ctx.sub[k];
            double v = Math.max(Math.abs(s.min()), Math.abs(s.max()));
            width = Math.max(width, ctx.textWidth("-" + ChartText.price(v, IndicatorLayer.paneDecimals(s))));
        }
        return PaintContext.quantize(width + 2 * PaintContext.PAD);
    }

    private void updateDataRange() {
        Viewport vp = ctx.viewport();
        if (candles()) {
            CandleSeries c = chart.candles();
            long interval = chart.getIntervalMillis();
            vp.setFitSpan(ChartBounds.MIN_FIT_BARS * (double) interval,
                    PriceChart.DEFAULT_BARS_IN_VIEW * (double) interval);
            vp.setDataRange(c.time(0), c.time(c.size() - 1) + (double) interval);
        } else {
            TickSeries t = chart.ticks();
            vp.setFitSpan(PriceChart.MIN_FIT_TICK_SPAN_MILLIS, PriceChart.DEFAULT_TICK_SPAN_MILLIS);
            vp.setDataRange(t.time(0), t.time(t.size() - 1));
        }
    }

    /** Reduces the rows in view and fits every pane's scale to what it shows. */
    private void reduceAndScale() {
        Viewport vp = ctx.viewport();
        int columns = (int) ctx.plotWidth();
        double msPerColumn = vp.span() / columns;
        // Following live, the view moves by whole columns on a fixed grid, so the reducer keeps the closed columns
        // and reduces only the newest; otherwise the grid starts at the view's left edge.
        double origin;
        long firstColumn;
        if (vp.snapToColumns(msPerColumn)) {
            origin = 0;
            firstColumn = Math.round(vp.start() / msPerColumn);
        } else {
            origin = vp.start();
            firstColumn = 0;
        }
        double lo;
        double hi;
        double volumeMax;
        if (candles()) {
            CandleSeries c = chart.candles();
            long interval = chart.getIntervalMillis();
            ctx.perBar = interval / msPerColumn >= MIN_PX_PER_BAR;
            from = HitTester.floorIndex(c.timeArray(), c.from(), c.to(), vp.start() - interval) + 1;
            to = HitTester.floorIndex(c.timeArray(), c.from(), c.to(), vp.end()) + 1;
            if (ctx.perBar) {
                lo = Double.POSITIVE_INFINITY;
                hi = Double.NEGATIVE_INFINITY;
                volumeMax = 0;
                double[] high = c.highArray();
                double[] low = c.lowArray();
                double[] vol = c.volumeArray();
                for (int i = from; i < to; i++) {
                    lo = Math.min(lo, low[i]);
                    hi = Math.max(hi, high[i]);
                    volumeMax = Math.max(volumeMax, vol[i]);
                }
            } else {
                reducer.reduceCandles(c, c.structure(), c.timeArray(), c.openArray(), c.highArray(), c.lowArray(),
                        c.closeArray(), c.volumeArray(), c.pyramid(), from, to, origin, firstColumn, msPerColumn,
                        columns);
                lo = reducer.minValue();
                hi = reducer.maxValue();
                volumeMax = reducer.maxVolume();
            }
            IndicatorSet set = chart.indicators();
            if (!set.isEmpty()) {
                indicators.reduce(ctx, c, set, origin, firstColumn, msPerColumn, columns);
                lo = Math.min(lo, indicators.priceLo);
                hi = Math.max(hi, indicators.priceHi);
                volumeMax = Math.max(volumeMax, indicators.volumeHi);
            }
        } else {
            ctx.perBar = false;
            TickSeries t = chart.ticks();
            reducer.reduceLine(t, t.structure(), t.timeArray(), t.priceArray(), t.volumeArray(), t.pyramid(),
                    t.from(), t.to(), origin, firstColumn, msPerColumn, columns);
            lo = reducer.minValue();
            hi = reducer.maxValue();
            volumeMax = reducer.maxVolume();
        }
        double last = chart.getLastPrice();
        if (chart.isFollowLive() && Double.isFinite(last)) {
            lo = Math.min(lo, last);
            hi = Math.max(hi, last);
        }
        ctx.price.fit(lo, hi, last);
        ctx.volume.fitFromZero(volumeMax);
        indicators.fitSubPanes(ctx);
    }

    /** The price at {@code y} in the price pane as last drawn; NaN outside it or before any data. */
    double priceAt(double y) {
        PaneScale p = ctx.price;
        if (!drawn || !(p.max() > p.min()) || y < p.top() || y > p.bottom()) {
            return Double.NaN;
        }
        return p.value(y);
    }

    /**
     * At the oldest bar with older ones to be had: asks once per oldest bar (the answer moves the oldest bar, or says
     * there is nothing older), so scrolling cannot send requests faster than they are answered.
     */
    private void askForOlder(CandleSeries c) {
        if (!candles() || c.isEmpty() || !chart.isOlderDataAvailable()) {
            return;
        }
        Viewport vp = ctx.viewport();
        long oldest = c.time(0);
        if (vp.start() <= oldest + vp.span() * NEED_OLDER_MARGIN && oldest != askedOlderFor) {
            askedOlderFor = oldest;
            chart.needOlder(oldest);
        }
    }

    // ---- overlay ----------------------------------------------------------------------------------------------

    /** Draws the crosshair for the mouse at (x, y); returns the readout text ("" when not over data). */
    String drawOverlay(GraphicsContext gc, double w, double h, double x, double y) {
        ctx.gc = gc;
        gc.clearRect(0, 0, w, h);
        ChartLayout l = ctx.layout;
        int pane = l.paneAt(y);
        if (!drawn || !(x >= 0 && x < ctx.plotWidth()) || pane == Integer.MIN_VALUE) {
            return "";
        }
        Viewport vp = ctx.viewport();
        double t = vp.xToTime(x, ctx.plotWidth());
        String readout = "";
        Paint readoutPaint = ctx.color(ChartColor.TEXT);
        double crossX = x;
        long rowTime = (long) t;
        gc.setFont(ctx.font);
        if (candles()) {
            CandleSeries c = chart.candles();
            long interval = chart.getIntervalMillis();
            int i = HitTester.barAt(c.timeArray(), c.from(), c.to(), t, interval);
            if (i >= c.from()) {
                int k = i - c.from();
                rowTime = c.time(k);
                legendText.setLength(0);
                if (!chart.indicators().isEmpty()) {
                    indicators.legends(ctx, chart.indicators(), i, true, legendText);
                }
                readout = Readout.withIndicators(Readout.bar(rowTime, c.open(k), c.high(k), c.low(k), c.close(k),
                        c.volume(k), ctx.priceDecimals, chart.getZone()), legendText);
                readoutPaint = ctx.color(c.close(k) >= c.open(k) ? ChartColor.UP : ChartColor.DOWN);
                if (ctx.perBar) {
                    crossX = ctx.timeX(rowTime + interval / 2.0);
                }
            }
        } else {
            TickSeries s = chart.ticks();
            double maxDistance = vp.span() / ctx.plotWidth() * 8;
            int i = HitTester.nearestIndex(s.timeArray(), s.from(), s.to(), t, maxDistance);
            if (i >= s.from()) {
                int k = i - s.from();
                rowTime = s.time(k);
                readout = Readout.tick(rowTime, s.price(k), s.volume(k), ctx.priceDecimals, chart.getZone());
            }
        }
        crosshair(ctx, crossX, y, pane, rowTime);
        if (!readout.isEmpty()) {
            // Only the bar's part on the top line; the indicators' values are in each pane's legend.
            String top = readout.indexOf("  ·  ") > 0 ? readout.substring(0, readout.indexOf("  ·  ")) : readout;
            gc.setFill(readoutPaint);
            gc.setTextAlign(TextAlignment.LEFT);
            gc.setTextBaseline(VPos.TOP);
            gc.fillText(top, PaintContext.PAD, PaintContext.PAD / 2);
        }
        return readout;
    }

    /**
     * Draws another chart's crosshair: a vertical line at {@code timeMs} (on its bar's middle when bars are wide)
     * with the time on the time axis, and no price line.
     */
    void drawLinkedOverlay(GraphicsContext gc, double w, double h, long timeMs) {
        ctx.gc = gc;
        gc.clearRect(0, 0, w, h);
        if (!drawn) {
            return;
        }
        double crossX = ctx.timeX(timeMs);
        long rowTime = timeMs;
        if (candles() && ctx.perBar) {
            CandleSeries c = chart.candles();
            long interval = chart.getIntervalMillis();
            int i = HitTester.barAt(c.timeArray(), c.from(), c.to(), timeMs, interval);
            if (i >= c.from()) {
                rowTime = c.time(i - c.from());
                crossX = ctx.timeX(rowTime + interval / 2.0);
            }
        }
        if (!(crossX >= 0 && crossX < ctx.plotWidth())) {
            return;
        }
        gc.setFont(ctx.font);
        verticalLine(ctx, crossX, rowTime);
    }

    private void crosshair(PaintContext c, double crossX, double y, int pane, long rowTime) {
        GraphicsContext gc = c.gc;
        Paint cross = c.color(ChartColor.CROSSHAIR);
        gc.setLineWidth(1);
        gc.setLineDashes(c.dashes);
        gc.beginPath();
        gc.moveTo(0, PaintContext.crisp(y));
        gc.lineTo(c.plotWidth(), PaintContext.crisp(y));
        gc.setStroke(cross);
        gc.stroke();
        gc.setLineDashes((double[]) null);

        Paint crossText = c.color(ChartColor.CROSSHAIR_TEXT);
        String value;
        if (pane == -1) {
            value = ChartText.price(c.price.value(y), c.priceDecimals);
        } else if (pane == -2) {
            value = ChartText.volume(Math.max(0, c.volume.value(y)));
        } else {
            value = ChartText.price(c.sub[pane].value(y), IndicatorLayer.paneDecimals(c.sub[pane]));
        }
        AxisPainter.axisBox(c, value, y, cross, crossText);
        verticalLine(c, crossX, rowTime);
    }

    /** The crosshair's vertical line through every pane and its time on the time axis. */
    private void verticalLine(PaintContext c, double crossX, long rowTime) {
        GraphicsContext gc = c.gc;
        ChartLayout l = c.layout;
        Paint cross = c.color(ChartColor.CROSSHAIR);
        Paint crossText = c.color(ChartColor.CROSSHAIR_TEXT);
        gc.setLineWidth(1);
        gc.setLineDashes(c.dashes);
        gc.beginPath();
        gc.moveTo(PaintContext.crisp(crossX), l.priceTop());
        gc.lineTo(PaintContext.crisp(crossX), l.panesBottom());
        gc.setStroke(cross);
        gc.stroke();
        gc.setLineDashes((double[]) null);
        String timeText = TimeAxisTicks.fullLabel(rowTime, chart.getZone());
        double tw = c.textWidth(timeText) + 2 * PaintContext.PAD;
        double left = Math.max(0, Math.min(c.plotWidth() - tw, crossX - tw / 2));
        gc.setFill(cross);
        gc.fillRect(left, l.timeAxisTop() + 1, tw, c.lineHeight + PaintContext.PAD - 1);
        gc.setFill(crossText);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        gc.fillText(timeText, left + PaintContext.PAD, l.timeAxisTop() + PaintContext.PAD / 2);
    }
}
