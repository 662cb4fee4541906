package io.stockmonitor.chart;

import java.util.List;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.Text;
import javafx.scene.text.TextAlignment;

/**
 * Draws a {@link PriceChart} onto its two canvases: the plot (panes, axes, data, gaps, last price) and the
 * crosshair overlay, so moving the mouse redraws only the overlay.
 *
 * <p>Data is reduced to pixel columns first and drawn colour by colour. Dense data is drawn as pixel-aligned
 * rectangles (one per column: its min-max span), not as stroked paths: on the software pipeline an anti-aliased
 * stroke costs in proportion to the scanlines its segments cross, so a 2,000-segment zig-zag path took ~60x longer
 * to render than the whole rest of the chart, while axis-aligned integer rectangles are plain span fills. Paths are
 * kept for sparse lines and dashed lines. The canvas is covered by an opaque fill at the start of every frame, which
 * also discards the previous frame's buffered commands.
 */
final class ChartRenderer {

    /** Below this many pixels per bar, candles are merged per pixel column. */
    static final double MIN_PX_PER_BAR = 3;

    /** Candle body width as a fraction of the bar's slot. */
    private static final double BODY_FRACTION = 0.7;

    /** Minimum vertical distance between price labels, in label heights. */
    private static final double PRICE_LABEL_SPACING_LINES = 2.6;

    /** Minimum height of a column of the dense tick line, so flat stretches read as a line, not a hairline. */
    private static final double DENSE_LINE_MIN_HEIGHT = 2;

    /** Share of the panes' height given to the volume pane. */
    private static final double VOLUME_PANE_FRACTION = 0.2;

    private static final double PAD = 6;
    private static final double PANE_GAP = 6;
    /** What an empty chart says instead of axes. */
    static final String NO_DATA = "No data yet";
    private boolean noData;
    private static final double AXIS_WIDTH_QUANTUM = 8;

    private final PriceChart chart;
    private final ColumnReducer reducer = new ColumnReducer();
    private final PriceAxisTicks priceTicks = new PriceAxisTicks();
    private final TimeAxisTicks timeTicks = new TimeAxisTicks();
    private final Text measure = new Text();
    private final double[] formatWidths = new double[TimeLabelFormat.values().length];
    private final double[] dashes = {4, 3};

    private Font measuredFont;
    private double lineHeight;
    private double axisWidth;

    private double plotWidth;
    private double priceTop;
    private double priceBottom;
    private double volumeTop;
    private double volumeBottom;
    private double timeAxisTop;
    private double priceMin;
    private double priceMax;
    private double volumeMax;
    private int priceDecimals;
    private boolean perBar;

    ChartRenderer(PriceChart chart) {
        this.chart = chart;
    }

    double plotWidth() {
        return plotWidth;
    }

    /** Lets the price axis shrink again (it only grows while one series is shown, so the layout does not jump). */
    void resetAxisWidth() {
        axisWidth = 0;
    }

    // ---- plot -------------------------------------------------------------------------------------------------

    void drawPlot(GraphicsContext gc, double w, double h) {
        Paint background = chart.color(ChartColor.BACKGROUND);
        if (!background.isOpaque()) {
            gc.clearRect(0, 0, w, h);
        }
        // A fill covering the whole canvas also discards the canvas's buffered commands of the previous frame.
        gc.setFill(background);
        gc.fillRect(0, 0, w, h);
        updateFontMetrics();
        layout(w, h);
        if (plotWidth < 10 || priceBottom - priceTop < 10) {
            plotWidth = 0;
            return;
        }
        noData = !hasData();
        if (noData) {
            // No axes made up from nothing (a 0–1 price scale, dates in 1970): say what is true.
            gc.setFont(measuredFont);
            gc.setFill(chart.color(ChartColor.TEXT));
            gc.setTextAlign(TextAlignment.CENTER);
            gc.setTextBaseline(VPos.CENTER);
            gc.fillText(NO_DATA, w / 2, h / 2);
            plotWidth = 0;
            return;
        }
        updateDataRange();
        reduceAndScale();
        double needed = requiredAxisWidth();
        if (needed > axisWidth) {
            axisWidth = needed;
            layout(w, h);
            reduceAndScale();
        }
        Viewport vp = chart.viewport();
        priceTicks.update(priceMin, priceMax,
                (int) ((priceBottom - priceTop) / (lineHeight * PRICE_LABEL_SPACING_LINES)));
        timeTicks.update(vp.start(), vp.end(), plotWidth, f -> formatWidths[f.ordinal()], chart.getZone());
        priceDecimals = Math.max(2, priceTicks.decimals());

        gc.setFont(measuredFont);
        gc.setLineWidth(1);
        drawGapShading(gc);
        drawGrid(gc);
        if (chart.getMode() == ChartMode.CANDLES) {
            drawCandles(gc);
        } else {
            drawTickLine(gc);
        }
        drawAxes(gc, w);
        drawLastPrice(gc);
    }

    private void updateFontMetrics() {
        Font font = chart.chartFont();
        if (font == measuredFont) {
            return;
        }
        measuredFont = font;
        measure.setFont(font);
        measure.setText("Ag8");
        lineHeight = Math.ceil(measure.getLayoutBounds().getHeight());
        for (TimeLabelFormat f : TimeLabelFormat.values()) {
            formatWidths[f.ordinal()] = textWidth(f.widestSample());
        }
        axisWidth = 0;
    }

    private double textWidth(String s) {
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }

    private void layout(double w, double h) {
        if (axisWidth == 0) {
            axisWidth = quantize(textWidth("00000.00") + 2 * PAD);
        }
        plotWidth = Math.max(0, Math.min(ChartBounds.MAX_COLUMNS, Math.floor(w - axisWidth)));
        timeAxisTop = Math.floor(h - lineHeight - PAD);
        priceTop = lineHeight + PAD;
        double panes = timeAxisTop - priceTop - PANE_GAP;
        priceBottom = Math.floor(priceTop + panes * (1 - VOLUME_PANE_FRACTION));
        volumeTop = priceBottom + PANE_GAP;
        volumeBottom = timeAxisTop;
    }

    private static double quantize(double width) {
        return Math.ceil(width / AXIS_WIDTH_QUANTUM) * AXIS_WIDTH_QUANTUM;
    }

    private double requiredAxisWidth() {
        double widest = Math.max(Math.abs(priceMin), Math.abs(priceMax));
        String sample = ChartText.price(widest, Math.max(2, PriceAxisTicks.decimalsFor(
                PriceAxisTicks.niceStepAtLeast(Math.max(priceMax - priceMin, 1e-9) / 8))));
        return quantize(textWidth("-" + sample) + 2 * PAD);
    }

    /** True when the last plot had no data and said so instead of drawing axes. */
    boolean showsNoData() {
        return noData;
    }

    private boolean hasData() {
        return chart.getMode() == ChartMode.CANDLES ? !chart.candles().isEmpty() : !chart.ticks().isEmpty();
    }

    private void updateDataRange() {
        Viewport vp = chart.viewport();
        if (chart.getMode() == ChartMode.CANDLES) {
            CandleSeries c = chart.candles();
            if (!c.isEmpty()) {
                vp.setDataRange(c.time(0), c.time(c.size() - 1) + (double) chart.getIntervalMillis());
            }
        } else {
            TickSeries t = chart.ticks();
            if (!t.isEmpty()) {
                vp.setDataRange(t.time(0), t.time(t.size() - 1));
            }
        }
    }

    /** Reduces the rows in view and sets the price and volume scales from them. */
    private void reduceAndScale() {
        Viewport vp = chart.viewport();
        int columns = (int) plotWidth;
        double msPerColumn = vp.span() / columns;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        volumeMax = 0;
        if (chart.getMode() == ChartMode.CANDLES) {
            CandleSeries c = chart.candles();
            long interval = chart.getIntervalMillis();
            perBar = interval / msPerColumn >= MIN_PX_PER_BAR;
            int from = firstBarInView(c, vp.start(), interval);
            int to = HitTester.floorIndex(c.timeArray(), c.from(), c.to(), vp.end()) + 1;
            if (perBar) {
                double[] high = c.highArray();
                double[] low = c.lowArray();
                double[] vol = c.volumeArray();
                for (int i = from; i < to; i++) {
                    lo = Math.min(lo, low[i]);
                    hi = Math.max(hi, high[i]);
                    volumeMax = Math.max(volumeMax, vol[i]);
                }
            } else {
                reducer.reduceCandles(c.timeArray(), c.openArray(), c.highArray(), c.lowArray(), c.closeArray(),
                        c.volumeArray(), from, to, vp.start(), msPerColumn, columns);
                lo = reducer.minValue();
                hi = reducer.maxValue();
                volumeMax = reducer.maxVolume();
            }
        } else {
            TickSeries t = chart.ticks();
            reducer.reduceLine(t.timeArray(), t.priceArray(), t.volumeArray(), t.blocks(), t.from(), t.to(),
                    vp.start(), msPerColumn, columns);
            lo = reducer.minValue();
            hi = reducer.maxValue();
            volumeMax = reducer.maxVolume();
        }
        double last = chart.getLastPrice();
        if (chart.isFollowLive() && Double.isFinite(last)) {
            lo = Math.min(lo, last);
            hi = Math.max(hi, last);
        }
        if (!(lo <= hi)) {
            lo = Double.isFinite(last) ? last : 0;
            hi = Double.isFinite(last) ? last : 1;
        }
        double range = hi - lo;
        if (range <= 0) {
            range = Math.max(Math.abs(hi) * 0.002, 0.01);
            lo -= range / 2;
            hi += range / 2;
        }
        double pad = range * 0.06;
        priceMin = lo - pad;
        priceMax = hi + pad;
    }

    /** First bar whose span reaches into the view (a bar starting left of the edge may still show). */
    private static int firstBarInView(CandleSeries c, double startMillis, long interval) {
        return HitTester.floorIndex(c.timeArray(), c.from(), c.to(), startMillis - interval) + 1;
    }

    /** The price at {@code y} in the price pane as last drawn; NaN outside it or before any data. */
    double priceAt(double y) {
        if (!(priceMax > priceMin) || y < priceTop || y > priceBottom) {
            return Double.NaN;
        }
        return priceMin + (priceBottom - y) / (priceBottom - priceTop) * (priceMax - priceMin);
    }

    private double priceY(double price) {
        return priceBottom - (price - priceMin) / (priceMax - priceMin) * (priceBottom - priceTop);
    }

    private double volumeHeight(double volume) {
        return volumeMax > 0 ? volume / volumeMax * (volumeBottom - volumeTop) : 0;
    }

    private double timeX(double t) {
        return chart.viewport().timeToX(t, plotWidth);
    }

    private static double crisp(double v) {
        return Math.floor(v) + 0.5;
    }

    // ---- layers -----------------------------------------------------------------------------------------------

    /**
     * Shades each gap by how it ended (a recovered one faintly, so its candles stay readable) and labels it at the
     * top where the label fits inside the span: the whole label, else its first part (before " · "), else none. A
     * span narrower than two pixels (a blink of a drop) is a thin mark with no label at all.
     */
    private void drawGapShading(GraphicsContext gc) {
        List<ChartGap> gaps = chart.gapList();
        if (gaps.isEmpty()) {
            return;
        }
        Viewport vp = chart.viewport();
        int visible = 0;
        for (ChartGap g : gaps) {
            if (g.toMillis() < vp.start() || g.fromMillis() > vp.end()) {
                continue;
            }
            double x0 = Math.max(0, timeX(g.fromMillis()));
            double x1 = Math.min(plotWidth, timeX(Math.min(g.toMillis(), vp.end())));
            gc.setFill(chart.color(g.kind() == ChartGap.Kind.RECOVERED ? ChartColor.GAP_RECOVERED : ChartColor.GAP));
            gc.fillRect(Math.floor(x0), priceTop, Math.max(2, Math.ceil(x1 - x0)), volumeBottom - priceTop);
            visible++;
        }
        if (visible == 0) {
            return;
        }
        gc.setTextBaseline(VPos.TOP);
        gc.setTextAlign(TextAlignment.LEFT);
        double labelRight = Double.NEGATIVE_INFINITY;
        for (ChartGap g : gaps) {
            if (g.toMillis() < vp.start() || g.fromMillis() > vp.end()) {
                continue;
            }
            double x0 = Math.max(0, timeX(g.fromMillis()));
            double x1 = Math.min(plotWidth, timeX(Math.min(g.toMillis(), vp.end())));
            if (x0 + 3 <= labelRight) {
                continue;
            }
            String label = fittingLabel(g.label(), x1 - x0 - 2 * 3);
            if (label != null) {
                gc.setFill(chart.color(g.kind() == ChartGap.Kind.RECOVERED ? ChartColor.GAP_RECOVERED_TEXT
                        : ChartColor.GAP_TEXT));
                gc.fillText(label, x0 + 3, priceTop + 3);
                labelRight = x0 + 3 + textWidth(label);
            }
        }
    }

    /**
     * The longest start of the label, cut at a " · ", that fits in {@code room} pixels (the whole label first, the
     * outcome alone last); null if not even the outcome fits.
     */
    private String fittingLabel(String label, double room) {
        if (room <= 0) {
            return null;
        }
        String candidate = label;
        while (true) {
            if (textWidth(candidate) <= room) {
                return candidate;
            }
            int cut = candidate.lastIndexOf(" · ");
            if (cut <= 0) {
                return null;
            }
            candidate = candidate.substring(0, cut);
        }
    }

    private void drawGrid(GraphicsContext gc) {
        gc.setFill(chart.color(ChartColor.GRID));
        for (int i = 0; i < priceTicks.count(); i++) {
            double y = Math.floor(priceY(priceTicks.value(i)));
            if (y >= priceTop && y <= priceBottom) {
                gc.fillRect(0, y, plotWidth, 1);
            }
        }
        for (int i = 0; i < timeTicks.count(); i++) {
            gc.fillRect(Math.floor(timeX(timeTicks.time(i))), priceTop, 1, volumeBottom - priceTop);
        }
    }

    /** A pixel-aligned vertical span covering [yA, yB] (either order), at least {@code minHeight} pixels tall. */
    private static void fillSpan(GraphicsContext gc, double x, double width, double yA, double yB, double minHeight) {
        double top = Math.floor(Math.min(yA, yB));
        double bottom = Math.ceil(Math.max(yA, yB));
        gc.fillRect(x, top, width, Math.max(minHeight, bottom - top));
    }

    private void drawCandles(GraphicsContext gc) {
        CandleSeries c = chart.candles();
        if (c.isEmpty()) {
            return;
        }
        if (perBar) {
            drawBars(gc, c, true);
            drawBars(gc, c, false);
        } else {
            drawMergedColumns(gc, true);
            drawMergedColumns(gc, false);
            drawColumnVolumes(gc);
        }
    }

    /** One direction's candles, one bar each (wicks and bodies as aligned rectangles), then the volumes. */
    private void drawBars(GraphicsContext gc, CandleSeries c, boolean up) {
        Viewport vp = chart.viewport();
        long interval = chart.getIntervalMillis();
        int from = firstBarInView(c, vp.start(), interval);
        int to = HitTester.floorIndex(c.timeArray(), c.from(), c.to(), vp.end()) + 1;
        long[] time = c.timeArray();
        double[] open = c.openArray();
        double[] high = c.highArray();
        double[] low = c.lowArray();
        double[] close = c.closeArray();
        double[] vol = c.volumeArray();
        double slot = interval / vp.span() * plotWidth;
        double body = Math.max(1, Math.floor(slot * BODY_FRACTION));
        gc.setFill(chart.color(up ? ChartColor.UP : ChartColor.DOWN));
        for (int i = from; i < to; i++) {
            if ((close[i] >= open[i]) == up) {
                double centre = timeX(time[i] + interval / 2.0);
                fillSpan(gc, Math.floor(centre), 1, priceY(high[i]), priceY(low[i]), 1);
                fillSpan(gc, Math.round(centre - body / 2), body, priceY(open[i]), priceY(close[i]), 1);
            }
        }
        if (up) {
            gc.setFill(chart.color(ChartColor.VOLUME));
            for (int i = from; i < to; i++) {
                double hgt = Math.round(volumeHeight(vol[i]));
                if (hgt > 0) {
                    gc.fillRect(Math.round(timeX(time[i] + interval / 2.0) - body / 2), volumeBottom - hgt, body, hgt);
                }
            }
        }
    }

    /** Merged per-column candles of one direction (bars narrower than {@link #MIN_PX_PER_BAR}). */
    private void drawMergedColumns(GraphicsContext gc, boolean up) {
        gc.setFill(chart.color(up ? ChartColor.UP : ChartColor.DOWN));
        for (int k = 0; k < reducer.nonEmptyCount(); k++) {
            int col = reducer.nonEmptyColumn(k);
            if ((reducer.last(col) >= reducer.first(col)) == up) {
                fillSpan(gc, col, 1, priceY(reducer.max(col)), priceY(reducer.min(col)), 1);
            }
        }
    }

    private void drawColumnVolumes(GraphicsContext gc) {
        if (volumeMax <= 0) {
            return;
        }
        gc.setFill(chart.color(ChartColor.VOLUME));
        for (int k = 0; k < reducer.nonEmptyCount(); k++) {
            int col = reducer.nonEmptyColumn(k);
            double hgt = Math.round(volumeHeight(reducer.volume(col)));
            if (hgt > 0) {
                gc.fillRect(col, volumeBottom - hgt, 1, hgt);
            }
        }
    }

    /**
     * The tick line. Sparse (at most one point per column on average): the M4 polyline as a path. Dense: per column
     * one rectangle spanning its min and max, stretched to the previous column's last value so the line stays
     * connected — the same pixels a 1 px line through every tick would touch.
     */
    private void drawTickLine(GraphicsContext gc) {
        TickSeries t = chart.ticks();
        if (t.isEmpty()) {
            return;
        }
        if (reducer.pointCount() > plotWidth) {
            drawDenseTickLine(gc, t);
        } else {
            drawSparseTickLine(gc, t);
        }
        drawColumnVolumes(gc);
    }

    private void drawDenseTickLine(GraphicsContext gc, TickSeries t) {
        Viewport vp = chart.viewport();
        long[] time = t.timeArray();
        double[] price = t.priceArray();
        Paint paint = chart.color(ChartColor.LINE);
        gc.setFill(paint);
        gc.beginPath();
        boolean joins = false;
        int before = HitTester.floorIndex(time, t.from(), t.to(), vp.start() - 1);
        double prevX = before >= t.from() ? timeX(time[before]) : Double.NaN;
        double prevY = before >= t.from() ? priceY(price[before]) : Double.NaN;
        int prevCol = Integer.MIN_VALUE;
        for (int k = 0; k < reducer.nonEmptyCount(); k++) {
            int col = reducer.nonEmptyColumn(k);
            double top = priceY(reducer.max(col));
            double bottom = priceY(reducer.min(col));
            if (col == prevCol + 1) {
                top = Math.min(top, prevY);
                bottom = Math.max(bottom, prevY);
            } else if (!Double.isNaN(prevY)) {
                gc.moveTo(prevX, prevY);
                gc.lineTo(col + 0.5, priceY(reducer.first(col)));
                joins = true;
            }
            fillSpan(gc, col, 1, top, bottom, DENSE_LINE_MIN_HEIGHT);
            prevCol = col;
            prevX = col + 0.5;
            prevY = priceY(reducer.last(col));
        }
        if (joins) {
            gc.setStroke(paint);
            gc.stroke();
        }
    }

    private void drawSparseTickLine(GraphicsContext gc, TickSeries t) {
        Viewport vp = chart.viewport();
        long[] time = t.timeArray();
        double[] price = t.priceArray();
        int n = reducer.pointCount();
        gc.beginPath();
        int before = HitTester.floorIndex(time, t.from(), t.to(), vp.start() - 1);
        boolean started = false;
        if (before >= t.from()) {
            gc.moveTo(timeX(time[before]), priceY(price[before]));
            started = true;
        }
        double lastX = 0;
        double lastY = 0;
        for (int p = 0; p < n; p++) {
            lastX = reducer.pointColumn(p) + 0.5;
            lastY = priceY(reducer.pointValue(p));
            if (started) {
                gc.lineTo(lastX, lastY);
            } else {
                gc.moveTo(lastX, lastY);
                started = true;
            }
        }
        int after = n > 0 ? reducer.pointIndex(n - 1) + 1 : before + 1;
        if (started && after < t.to() && after > t.from()) {
            double x = timeX(time[after]);
            double y = priceY(price[after]);
            if (n == 0) {
                gc.lineTo(x, y);
            } else if (x > lastX) {
                // Stop at the border: the segment's far end may lie under the price axis.
                double edge = Math.min(x, plotWidth);
                gc.lineTo(edge, lastY + (y - lastY) * (edge - lastX) / (x - lastX));
            }
        }
        gc.setStroke(chart.color(ChartColor.LINE));
        gc.setLineWidth(1.5);
        gc.stroke();
        gc.setLineWidth(1);
    }

    private void drawAxes(GraphicsContext gc, double w) {
        // The plot may have drawn slightly into the axis area (wide candles at the edge); cover it.
        gc.setFill(chart.color(ChartColor.BACKGROUND));
        gc.fillRect(plotWidth, 0, w - plotWidth, timeAxisTop);
        gc.fillRect(0, timeAxisTop, w, lineHeight + PAD);

        gc.setFill(chart.color(ChartColor.AXIS));
        gc.fillRect(plotWidth, 0, 1, timeAxisTop);
        gc.fillRect(0, timeAxisTop, w, 1);
        gc.fillRect(0, Math.floor(priceBottom + PANE_GAP / 2), plotWidth, 1);

        gc.setFill(chart.color(ChartColor.TEXT));
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        double lastY = lastPriceLabelY();
        for (int i = 0; i < priceTicks.count(); i++) {
            double v = priceTicks.value(i);
            double y = priceY(v);
            if (y < priceTop + lineHeight / 2 || y > priceBottom - lineHeight / 2
                    || Math.abs(y - lastY) < lineHeight) {
                continue;
            }
            gc.fillText(ChartText.price(v, priceTicks.decimals()), plotWidth + PAD, y);
        }
        if (volumeMax > 0) {
            gc.fillText(ChartText.volume(volumeMax), plotWidth + PAD, volumeTop + lineHeight / 2);
        }
        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.TOP);
        double half = formatWidths[timeTicks.format().ordinal()] / 2;
        for (int i = 0; i < timeTicks.count(); i++) {
            long t = timeTicks.time(i);
            double x = timeX(t);
            if (x - half < 0 || x + half > w) {
                continue;
            }
            gc.fillText(TimeAxisTicks.label(t, timeTicks.format(), chart.getZone()), x, timeAxisTop + PAD / 2);
        }
    }

    private double lastPriceLabelY() {
        double last = chart.getLastPrice();
        if (!Double.isFinite(last)) {
            return Double.NaN;
        }
        return Math.max(priceTop + lineHeight / 2, Math.min(priceBottom - lineHeight / 2, priceY(last)));
    }

    private void drawLastPrice(GraphicsContext gc) {
        double last = chart.getLastPrice();
        if (!Double.isFinite(last)) {
            return;
        }
        double y = priceY(last);
        Paint paint = chart.color(ChartColor.LAST_PRICE);
        if (y >= priceTop && y <= priceBottom) {
            gc.beginPath();
            gc.moveTo(0, crisp(y));
            gc.lineTo(plotWidth, crisp(y));
            gc.setStroke(paint);
            gc.setLineDashes(dashes);
            gc.stroke();
            gc.setLineDashes((double[]) null);
        }
        double labelY = lastPriceLabelY();
        drawAxisBox(gc, ChartText.price(last, priceDecimals), labelY, paint,
                chart.color(ChartColor.LAST_PRICE_TEXT));
    }

    private void drawAxisBox(GraphicsContext gc, String text, double y, Paint box, Paint textPaint) {
        gc.setFill(box);
        gc.fillRect(plotWidth + 1, Math.round(y - lineHeight / 2 - 1), axisWidth - 1, lineHeight + 2);
        gc.setFill(textPaint);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(text, plotWidth + PAD, y);
    }

    // ---- overlay ----------------------------------------------------------------------------------------------

    /** Draws the crosshair for the mouse at (x, y); returns the readout text ("" when not over data). */
    String drawOverlay(GraphicsContext gc, double w, double h, double x, double y) {
        gc.clearRect(0, 0, w, h);
        if (plotWidth <= 0 || !(x >= 0 && x < plotWidth && y >= priceTop && y <= volumeBottom)) {
            return "";
        }
        Viewport vp = chart.viewport();
        double t = vp.xToTime(x, plotWidth);
        String readout = "";
        Paint readoutPaint = chart.color(ChartColor.TEXT);
        double crossX = x;
        long rowTime = (long) t;
        if (chart.getMode() == ChartMode.CANDLES) {
            CandleSeries c = chart.candles();
            long interval = chart.getIntervalMillis();
            int i = HitTester.barAt(c.timeArray(), c.from(), c.to(), t, interval);
            if (i >= c.from()) {
                int k = i - c.from();
                rowTime = c.time(k);
                readout = TimeAxisTicks.fullLabel(rowTime, chart.getZone())
                        + "  O " + ChartText.price(c.open(k), priceDecimals)
                        + "  H " + ChartText.price(c.high(k), priceDecimals)
                        + "  L " + ChartText.price(c.low(k), priceDecimals)
                        + "  C " + ChartText.price(c.close(k), priceDecimals)
                        + "  V " + ChartText.volume(c.volume(k));
                readoutPaint = chart.color(c.close(k) >= c.open(k) ? ChartColor.UP : ChartColor.DOWN);
                if (perBar) {
                    crossX = timeX(rowTime + interval / 2.0);
                }
            }
        } else {
            TickSeries s = chart.ticks();
            double maxDistance = vp.span() / plotWidth * 8;
            int i = HitTester.nearestIndex(s.timeArray(), s.from(), s.to(), t, maxDistance);
            if (i >= s.from()) {
                int k = i - s.from();
                rowTime = s.time(k);
                readout = TimeAxisTicks.fullLabel(rowTime, chart.getZone())
                        + "  P " + ChartText.price(s.price(k), priceDecimals)
                        + "  V " + ChartText.volume(s.volume(k));
            }
        }
        Paint cross = chart.color(ChartColor.CROSSHAIR);
        gc.setLineWidth(1);
        gc.setLineDashes(dashes);
        gc.beginPath();
        gc.moveTo(crisp(crossX), priceTop);
        gc.lineTo(crisp(crossX), volumeBottom);
        if (y <= priceBottom) {
            gc.moveTo(0, crisp(y));
            gc.lineTo(plotWidth, crisp(y));
        }
        gc.setStroke(cross);
        gc.stroke();
        gc.setLineDashes((double[]) null);

        gc.setFont(measuredFont);
        Paint crossText = chart.color(ChartColor.CROSSHAIR_TEXT);
        if (y <= priceBottom) {
            double price = priceMin + (priceBottom - y) / (priceBottom - priceTop) * (priceMax - priceMin);
            drawAxisBox(gc, ChartText.price(price, priceDecimals), y, cross, crossText);
        }
        String timeText = TimeAxisTicks.fullLabel(rowTime, chart.getZone());
        double tw = textWidth(timeText) + 2 * PAD;
        double left = Math.max(0, Math.min(plotWidth - tw, crossX - tw / 2));
        gc.setFill(cross);
        gc.fillRect(left, timeAxisTop + 1, tw, lineHeight + PAD - 1);
        gc.setFill(crossText);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        gc.fillText(timeText, left + PAD, timeAxisTop + PAD / 2);

        if (!readout.isEmpty()) {
            gc.setFill(readoutPaint);
            gc.fillText(readout, PAD, PAD / 2);
        }
        return readout;
    }
}
