package io.stockmonitor.chart;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/**
 * Grid, pane separators, the price axis (labels of the price pane, the largest volume in view, each sub-pane's own
 * labels), the time axis and the last-price line with its box on the axis.
 */
final class AxisPainter {

    /** Minimum vertical distance between price labels, in label heights. */
    static final double LABEL_SPACING_LINES = 2.6;

    private final PriceAxisTicks priceTicks = new PriceAxisTicks();
    private final PriceAxisTicks[] subTicks = new PriceAxisTicks[ChartBounds.MAX_SUB_PANES];
    private final TimeAxisTicks timeTicks = new TimeAxisTicks();
    private final double[] formatWidths = new double[TimeLabelFormat.values().length];

    AxisPainter() {
        for (int k = 0; k < subTicks.length; k++) {
            subTicks[k] = new PriceAxisTicks();
        }
    }

    /** The font changed: measure the widest label of each time format again. */
    void measure(PaintContext ctx) {
        for (TimeLabelFormat f : TimeLabelFormat.values()) {
            formatWidths[f.ordinal()] = ctx.textWidth(f.widestSample());
        }
    }

    /** Computes the ticks of every axis for this frame (after the scales are set). */
    void ticks(PaintContext ctx, int subPanes) {
        PaneScale p = ctx.price;
        priceTicks.update(p.min(), p.max(), (int) (p.height() / (ctx.lineHeight * LABEL_SPACING_LINES)));
        ctx.priceDecimals = Math.max(2, priceTicks.decimals());
        for (int k = 0; k < subPanes; k++) {
            PaneScale s = ctx.sub[k];
            subTicks[k].update(s.min(), s.max(), (int) (s.height() / (ctx.lineHeight * LABEL_SPACING_LINES)));
        }
        Viewport vp = ctx.viewport();
        timeTicks.update(vp.start(), vp.end(), ctx.plotWidth(), f -> formatWidths[f.ordinal()], ctx.chart.getZone());
    }

    void grid(PaintContext ctx) {
        GraphicsContext gc = ctx.gc;
        PaneScale p = ctx.price;
        gc.setFill(ctx.color(ChartColor.GRID));
        for (int i = 0; i < priceTicks.count(); i++) {
            double y = Math.floor(p.y(priceTicks.value(i)));
            if (y >= p.top() && y <= p.bottom()) {
                gc.fillRect(0, y, ctx.plotWidth(), 1);
            }
        }
        double top = ctx.layout.priceTop();
        double height = ctx.layout.panesBottom() - top;
        for (int i = 0; i < timeTicks.count(); i++) {
            gc.fillRect(Math.floor(ctx.timeX(timeTicks.time(i))), top, 1, height);
        }
    }

    void axes(PaintContext ctx, double w, int subPanes, IndicatorLayer layer) {
        GraphicsContext gc = ctx.gc;
        ChartLayout l = ctx.layout;
        double plotWidth = ctx.plotWidth();
        // The plot may have drawn slightly into the axis area (wide candles at the edge); cover it.
        gc.setFill(ctx.color(ChartColor.BACKGROUND));
        gc.fillRect(plotWidth, 0, w - plotWidth, l.timeAxisTop());
        gc.fillRect(0, l.timeAxisTop(), w, ctx.lineHeight + PaintContext.PAD);

        gc.setFill(ctx.color(ChartColor.AXIS));
        gc.fillRect(plotWidth, 0, 1, l.timeAxisTop());
        gc.fillRect(0, l.timeAxisTop(), w, 1);
        gc.fillRect(0, Math.floor(l.priceBottom() + ChartLayout.PANE_GAP / 2), plotWidth, 1);
        for (int k = 0; k < subPanes; k++) {
            gc.fillRect(0, Math.floor(l.subPaneTop(k) - ChartLayout.PANE_GAP / 2), w, 1);
        }

        gc.setFill(ctx.color(ChartColor.TEXT));
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        double labelX = plotWidth + PaintContext.PAD;
        double lastY = lastPriceLabelY(ctx);
        PaneScale p = ctx.price;
        for (int i = 0; i < priceTicks.count(); i++) {
            double v = priceTicks.value(i);
            double y = p.y(v);
            if (y < p.top() + ctx.lineHeight / 2 || y > p.bottom() - ctx.lineHeight / 2
                    || Math.abs(y - lastY) < ctx.lineHeight) {
                continue;
            }
            gc.fillText(ChartText.price(v, priceTicks.decimals()), labelX, y);
        }
        double volumeMax = ctx.volume.max() / (1 + PaneScale.PAD_FRACTION);
        if (volumeMax > 0 && l.volumeBottom() - l.volumeTop() > ctx.lineHeight) {
            gc.fillText(ChartText.volume(volumeMax), labelX, ctx.volume.y(volumeMax) + ctx.lineHeight / 2);
        }
        for (int k = 0; k < subPanes; k++) {
            PaneScale s = ctx.sub[k];
            io.stockmonitor.indicators.Indicator ind = layer.paneIndicator(k);
            if (ind.levelCount() > 1) {
                // A bounded oscillator (RSI): its levels are the labels that matter.
                for (int i = 0; i < ind.levelCount(); i++) {
                    gc.fillText(ChartText.price(ind.level(i), 0), labelX, s.y(ind.level(i)));
                }
                continue;
            }
            PriceAxisTicks t = subTicks[k];
            for (int i = 0; i < t.count(); i++) {
                double y = s.y(t.value(i));
                if (y < s.top() + ctx.lineHeight / 2 || y > s.bottom() - ctx.lineHeight / 2) {
                    continue;
                }
                gc.fillText(ChartText.price(t.value(i), t.decimals()), labelX, y);
            }
        }

        gc.setTextAlign(TextAlignment.CENTER);
        gc.setTextBaseline(VPos.TOP);
        double half = formatWidths[timeTicks.format().ordinal()] / 2;
        for (int i = 0; i < timeTicks.count(); i++) {
            long t = timeTicks.time(i);
            double x = ctx.timeX(t);
            if (x - half < 0 || x + half > w) {
                continue;
            }
            gc.fillText(TimeAxisTicks.label(t, timeTicks.format(), ctx.chart.getZone()), x,
                    l.timeAxisTop() + PaintContext.PAD / 2);
        }
    }

    static double lastPriceLabelY(PaintContext ctx) {
        double last = ctx.chart.getLastPrice();
        if (!Double.isFinite(last)) {
            return Double.NaN;
        }
        PaneScale p = ctx.price;
        return Math.max(p.top() + ctx.lineHeight / 2, Math.min(p.bottom() - ctx.lineHeight / 2, p.y(last)));
    }

    void lastPrice(PaintContext ctx) {
        double last = ctx.chart.getLastPrice();
        if (!Double.isFinite(last)) {
            return;
        }
        GraphicsContext gc = ctx.gc;
        PaneScale p = ctx.price;
        double y = p.y(last);
        var paint = ctx.color(ChartColor.LAST_PRICE);
        if (y >= p.top() && y <= p.bottom()) {
            gc.beginPath();
            gc.moveTo(0, PaintContext.crisp(y));
            gc.lineTo(ctx.plotWidth(), PaintContext.crisp(y));
            gc.setStroke(paint);
            gc.setLineDashes(ctx.dashes);
            gc.stroke();
            gc.setLineDashes((double[]) null);
        }
        axisBox(ctx, ChartText.price(last, ctx.priceDecimals), lastPriceLabelY(ctx), paint,
                ctx.color(ChartColor.LAST_PRICE_TEXT));
    }

    static void axisBox(PaintContext ctx, String text, double y, javafx.scene.paint.Paint box,
                        javafx.scene.paint.Paint textPaint) {
        GraphicsContext gc = ctx.gc;
        gc.setFill(box);
        gc.fillRect(ctx.plotWidth() + 1, Math.round(y - ctx.lineHeight / 2 - 1), ctx.axisWidth - 1,
                ctx.lineHeight + 2);
        gc.setFill(textPaint);
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setTextBaseline(VPos.CENTER);
        gc.fillText(text, ctx.plotWidth() + PaintContext.PAD, y);
    }
}
