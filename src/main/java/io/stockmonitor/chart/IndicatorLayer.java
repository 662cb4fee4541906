package io.stockmonitor.chart;

import java.util.ArrayList;
import java.util.List;

import io.stockmonitor.indicators.Indicator;
import io.stockmonitor.indicators.IndicatorSet;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Paint;
import javafx.scene.text.TextAlignment;

/**
 * The chart's indicators, per frame: each output line reduced per pixel column (so the pane scales can include them
 * and painting is O(columns)), then drawn on its pane: overlays on the price and volume panes, the others in
 * sub-panes of their own (at most {@link ChartBounds#MAX_SUB_PANES}), with their reference levels; and the legends
 * (label and value of each line, in its colour) at the top left of each pane.
 *
 * <p>Indicator lines are reduced by scanning the bars in view, so this costs O(bars in view) per line, bounded by the
 * candle series' capacity. Colours come from the CSS palette, in the order the indicators were added.
 */
final class IndicatorLayer {

    private final List<ColumnReducer> reducers = new ArrayList<>();
    private final Indicator[] paneIndicators = new Indicator[ChartBounds.MAX_SUB_PANES];
    private int paneCount;
    /** Right end of each pane's legend as the plot drew it: price, volume, then the sub-panes. */
    private final double[] legendRight = new double[2 + ChartBounds.MAX_SUB_PANES];
    private final double[] legendX = new double[2 + ChartBounds.MAX_SUB_PANES];
    private final StringBuilder legendLine = new StringBuilder(64);

    double priceLo;
    double priceHi;
    double volumeHi;
    final double[] subLo = new double[ChartBounds.MAX_SUB_PANES];
    final double[] subHi = new double[ChartBounds.MAX_SUB_PANES];

    /** Chooses the sub-panes: the first {@link ChartBounds#MAX_SUB_PANES} indicators placed in a pane of their own. */
    int assignPanes(IndicatorSet set) {
        paneCount = 0;
        for (Indicator i : set.all()) {
            if (i.placement() == Indicator.Placement.PANE && paneCount < paneIndicators.length) {
                paneIndicators[paneCount++] = i;
            }
        }
        return paneCount;
    }

    int paneCount() {
        return paneCount;
    }

    Indicator paneIndicator(int k) {
        return paneIndicators[k];
    }

    private int paneOf(Indicator ind) {
        for (int k = 0; k < paneCount; k++) {
            if (paneIndicators[k] == ind) {
                return k;
            }
        }
        return -1;
    }

    private ColumnReducer reducer(int slot) {
        while (reducers.size() <= slot) {
            reducers.add(new ColumnReducer());
        }
        return reducers.get(slot);
    }

    /** Reduces every line in view and the value range of each pane's indicators. */
    void reduce(PaintContext ctx, CandleSeries c, IndicatorSet set, double origin, long firstColumn,
                double msPerColumn, int columns) {
        priceLo = Double.POSITIVE_INFINITY;
        priceHi = Double.NEGATIVE_INFINITY;
        volumeHi = 0;
        for (int k = 0; k < paneCount; k++) {
            subLo[k] = Double.POSITIVE_INFINITY;
            subHi[k] = Double.NEGATIVE_INFINITY;
        }
        // Values are drawn at bar centres: the grid is shifted half a bar left.
        double start = origin - ctx.chart.getIntervalMillis() / 2.0;
        // A line's values change when its parameters do, or the bars are replaced; else only the newest row does.
        long structure = c.structure() * 1_000_003L + set.version();
        int slot = 0;
        for (Indicator ind : set.all()) {
            int pane = paneOf(ind);
            if (ind.placement() == Indicator.Placement.PANE && pane < 0) {
                continue;
            }
            for (int line = 0; line < ind.lineCount() && slot < ChartBounds.MAX_INDICATOR_LINES; line++) {
                ColumnReducer r = reducer(slot++);
                r.reduceLine(ind.line(line), structure, c.timeArray(), ind.line(line), null, null, c.from(), c.to(),
                        start, firstColumn, msPerColumn, columns);
                if (r.minValue() > r.maxValue()) {
                    continue;
                }
                switch (ind.placement()) {
                    case PRICE -> {
                        priceLo = Math.min(priceLo, r.minValue());
                        priceHi = Math.max(priceHi, r.maxValue());
                    }
                    case VOLUME -> volumeHi = Math.max(volumeHi, r.maxValue());
                    case PANE -> {
                        subLo[pane] = Math.min(subLo[pane], r.minValue());
                        subHi[pane] = Math.max(subHi[pane], r.maxValue());
                    }
                }
            }
        }
    }

    /** Fits each sub-pane's scale: fixed for bounded indicators (RSI), else to its values and levels in view. */
    void fitSubPanes(PaintContext ctx) {
        for (int k = 0; k < paneCount; k++) {
            Indicator ind = paneIndicators[k];
            PaneScale s = ctx.sub[k];
            s.setPixels(ctx.layout.subPaneTop(k), ctx.layout.subPaneBottom(k));
            if (!Double.isNaN(ind.fixedMin()) && !Double.isNaN(ind.fixedMax())) {
                s.set(ind.fixedMin(), ind.fixedMax());
                continue;
            }
            double lo = subLo[k];
            double hi = subHi[k];
            for (int i = 0; i < ind.levelCount(); i++) {
                lo = Math.min(lo, ind.level(i));
                hi = Math.max(hi, ind.level(i));
            }
            s.fit(lo, hi, 0);
        }
    }

    Paint color(PaintContext ctx, int indicatorIndex, Indicator ind, int line) {
        int shift = ind.lineCount() == 3 && ind.isHistogram(2) && line == 1 ? 1 : 0;
        return ctx.color(ChartColor.PALETTE[(indicatorIndex + shift) % ChartColor.PALETTE.length]);
    }

    /** Draws the lines of the indicators placed on {@code placement} (for PANE: every sub-pane and its levels). */
    void paint(PaintContext ctx, CandleSeries c, IndicatorSet set, Indicator.Placement placement) {
        GraphicsContext gc = ctx.gc;
        long[] time = c.timeArray();
        double offset = ctx.chart.getIntervalMillis() / 2.0;
        Viewport vp = ctx.viewport();
        int before = HitTester.floorIndex(time, c.from(), c.to(), vp.start() - offset - 1);
        if (before < c.from()) {
            before = -1;
        }
        int slot = 0;
        int index = 0;
        for (Indicator ind : set.all()) {
            int pane = paneOf(ind);
            boolean skipped = ind.placement() == Indicator.Placement.PANE && pane < 0;
            if (!skipped && ind.placement() == placement) {
                PaneScale scale = switch (placement) {
                    case PRICE -> ctx.price;
                    case VOLUME -> ctx.volume;
                    case PANE -> ctx.sub[pane];
                };
                if (placement == Indicator.Placement.PANE) {
                    levels(ctx, ind, scale);
                }
                for (int line = 0; line < ind.lineCount() && slot + line < ChartBounds.MAX_INDICATOR_LINES; line++) {
                    ColumnReducer r = reducer(slot + line);
                    if (ind.isHistogram(line)) {
                        histogram(ctx, c, ind.line(line), r, scale);
                        continue;
                    }
                    int after = r.pointCount() > 0 ? r.pointIndex(r.pointCount() - 1) + 1 : -1;
                    LinePainter.paint(ctx, r, scale, color(ctx, index, ind, line), 1.25, time, ind.line(line), offset,
                            before, after > c.from() && after < c.to() ? after : -1);
                }
            }
            if (!skipped) {
                slot += Math.min(ind.lineCount(), ChartBounds.MAX_INDICATOR_LINES - slot);
            }
            index++;
        }
        gc.setLineWidth(1);
    }

    private void levels(PaintContext ctx, Indicator ind, PaneScale scale) {
        if (ind.levelCount() == 0) {
            return;
        }
        GraphicsContext gc = ctx.gc;
        gc.beginPath();
        for (int i = 0; i < ind.levelCount(); i++) {
            double y = PaintContext.crisp(scale.y(ind.level(i)));
            gc.moveTo(0, y);
            gc.lineTo(ctx.plotWidth(), y);
        }
        gc.setStroke(ctx.color(ChartColor.LEVEL));
        gc.setLineWidth(1);
        gc.setLineDashes(ctx.dashes);
        gc.stroke();
        gc.setLineDashes((double[]) null);
    }

    /** Bars from zero: one per candle when candles are drawn one by one, else one per pixel column. */
    private static void histogram(PaintContext ctx, CandleSeries c, double[] values, ColumnReducer r,
                                  PaneScale scale) {
        GraphicsContext gc = ctx.gc;
        double zero = scale.y(0);
        for (int pass = 0; pass < 2; pass++) {
            boolean up = pass == 0;
            gc.setFill(ctx.color(up ? ChartColor.VOLUME_UP : ChartColor.VOLUME_DOWN));
            if (ctx.perBar) {
                double body = CandlePainter.bodyWidth(ctx);
                long interval = ctx.chart.getIntervalMillis();
                long[] time = c.timeArray();
                Viewport vp = ctx.viewport();
                int from = HitTester.floorIndex(time, c.from(), c.to(), vp.start() - interval) + 1;
                int to = HitTester.floorIndex(time, c.from(), c.to(), vp.end()) + 1;
                for (int i = Math.max(from, c.from()); i < to; i++) {
                    double v = values[i];
                    if (Double.isNaN(v) || (v >= 0) != up) {
                        continue;
                    }
                    double x = Math.round(ctx.timeX(time[i] + interval / 2.0) - body / 2);
                    ctx.fillSpan(x, body, zero, scale.y(v), 1);
                }
            } else {
                for (int k = 0; k < r.nonEmptyCount(); k++) {
                    int col = r.nonEmptyColumn(k);
                    double v = Math.abs(r.max(col)) >= Math.abs(r.min(col)) ? r.max(col) : r.min(col);
                    if (Double.isNaN(v) || Double.isInfinite(v) || (v >= 0) != up) {
                        continue;
                    }
                    ctx.fillSpan(col, 1, zero, scale.y(v), 1);
                }
            }
        }
    }

    // ---- legends and values -----------------------------------------------------------------------------------

    /** Text of one value of {@code ind}'s line at storage row {@code row}, formatted for its pane. */
    static String valueText(PaintContext ctx, Indicator ind, int line, int row, PaneScale scale) {
        double v = ind.value(line, row);
        if (Double.isNaN(v)) {
            return "–";
        }
        return switch (ind.placement()) {
            case PRICE -> ChartText.price(v, ctx.priceDecimals);
            case VOLUME -> ChartText.volume(v);
            case PANE -> ChartText.price(v, paneDecimals(scale));
        };
    }

    /** Decimals for values in a sub-pane: enough for a tenth of its axis step, 2 to 6. */
    static int paneDecimals(PaneScale scale) {
        double range = Math.max(scale.max() - scale.min(), 1e-12);
        return Math.max(2, Math.min(6, PriceAxisTicks.decimalsFor(PriceAxisTicks.niceStepAtLeast(range / 50))));
    }

    /**
     * Draws the legends of every pane for bar storage row {@code row} (-1: labels only), at the top left of each
     * pane; with {@code opaque} each line is laid on the background first (the crosshair's overlay covers the plot's
     * legends). Appends the values as text to {@code text} ("SMA 20 101.23  RSI 14 55.20 ..."), for the readout.
     */
    void legends(PaintContext ctx, IndicatorSet set, int row, boolean opaque, StringBuilder text) {
        GraphicsContext gc = ctx.gc;
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.TOP);
        if (opaque) {
            // Cover the plot's legends (values of the newest bar) wholly, however long they were.
            gc.setFill(ctx.color(ChartColor.BACKGROUND));
            coverLegend(ctx, ctx.price, legendRight[0]);
            coverLegend(ctx, ctx.volume, legendRight[1]);
            for (int k = 0; k < paneCount; k++) {
                coverLegend(ctx, ctx.sub[k], legendRight[2 + k]);
            }
        }
        double priceX = ChartRenderer.LEGEND_PAD;
        double volumeX = ChartRenderer.LEGEND_PAD;
        double[] subX = legendX;
        java.util.Arrays.fill(subX, ChartRenderer.LEGEND_PAD);
        int index = 0;
        for (Indicator ind : set.all()) {
            int pane = paneOf(ind);
            if (ind.placement() == Indicator.Placement.PANE && pane < 0) {
                index++;
                continue;
            }
            PaneScale scale = switch (ind.placement()) {
                case PRICE -> ctx.price;
                case VOLUME -> ctx.volume;
                case PANE -> ctx.sub[pane];
            };
            double y = scale.top() + 2;
            double x = switch (ind.placement()) {
                case PRICE -> priceX;
                case VOLUME -> volumeX;
                case PANE -> subX[pane];
            };
            StringBuilder sb = legendLine;
            sb.setLength(0);
            sb.append(ind.label());
            if (row >= 0) {
                for (int line = 0; line < ind.lineCount(); line++) {
                    sb.append(line == 0 ? " " : " / ").append(valueText(ctx, ind, line, row, scale));
                }
            }
            String s = sb.toString();
            if (text.length() > 0) {
                text.append("  ");
            }
            text.append(s);
            double w = ctx.textWidth(s);
            if (x + w <= ctx.plotWidth()) {
                if (opaque) {
                    gc.setFill(ctx.color(ChartColor.BACKGROUND));
                    gc.fillRect(x - 2, y - 1, w + 4, ctx.lineHeight + 1);
                }
                gc.setFill(color(ctx, index, ind, 0));
                gc.fillText(s, x, y);
            }
            x += w + ChartRenderer.LEGEND_GAP;
            switch (ind.placement()) {
                case PRICE -> priceX = x;
                case VOLUME -> volumeX = x;
                case PANE -> subX[pane] = x;
            }
            index++;
        }
        if (!opaque) {
            legendRight[0] = priceX;
            legendRight[1] = volumeX;
            for (int k = 0; k < paneCount; k++) {
                legendRight[2 + k] = subX[k];
            }
        }
    }

    private static void coverLegend(PaintContext ctx, PaneScale scale, double right) {
        if (right > ChartRenderer.LEGEND_PAD) {
            ctx.gc.fillRect(ChartRenderer.LEGEND_PAD - 2, scale.top() + 1,
                    Math.min(ctx.plotWidth(), right) - ChartRenderer.LEGEND_PAD, ctx.lineHeight + 1);
        }
    }

    /** True when some indicator is drawn on the price pane (its legend line takes the top of the pane). */
    static boolean hasPriceOverlay(IndicatorSet set) {
        for (Indicator i : set.all()) {
            if (i.placement() == Indicator.Placement.PRICE) {
                return true;
            }
        }
        return false;
    }
}
