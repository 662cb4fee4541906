package io.stockmonitor.chart;

import javafx.scene.canvas.GraphicsContext;

/**
 * Candles and their volume bars, coloured by direction (a candle closing at or above its open is up). Bars at least
 * {@link ChartRenderer#MIN_PX_PER_BAR} wide are drawn one by one (wick and body as aligned rectangles); narrower
 * ones merged per pixel column from the reducer. Colour by colour, so the fill colour changes four times a frame.
 */
final class CandlePainter {

    /** Candle body width as a fraction of the bar's slot. */
    static final double BODY_FRACTION = 0.7;

    private CandlePainter() {
    }

    /** Width in pixels of a candle body (and its volume bar) at the current zoom. */
    static double bodyWidth(PaintContext ctx) {
        double slot = ctx.chart.getIntervalMillis() / ctx.viewport().span() * ctx.plotWidth();
        return Math.max(1, Math.floor(slot * BODY_FRACTION));
    }

    static void paint(PaintContext ctx, CandleSeries c, ColumnReducer reducer, int from, int to) {
        if (c.isEmpty()) {
            return;
        }
        if (ctx.perBar) {
            bars(ctx, c, from, to, true);
            bars(ctx, c, from, to, false);
        } else {
            merged(ctx, reducer, true);
            merged(ctx, reducer, false);
        }
    }

    private static void bars(PaintContext ctx, CandleSeries c, int from, int to, boolean up) {
        GraphicsContext gc = ctx.gc;
        long interval = ctx.chart.getIntervalMillis();
        long[] time = c.timeArray();
        double[] open = c.openArray();
        double[] high = c.highArray();
        double[] low = c.lowArray();
        double[] close = c.closeArray();
        double[] vol = c.volumeArray();
        double body = bodyWidth(ctx);
        PaneScale p = ctx.price;
        gc.setFill(ctx.color(up ? ChartColor.UP : ChartColor.DOWN));
        for (int i = from; i < to; i++) {
            if ((close[i] >= open[i]) == up) {
                double centre = ctx.timeX(time[i] + interval / 2.0);
                ctx.fillSpan(Math.floor(centre), 1, p.y(high[i]), p.y(low[i]), 1);
                ctx.fillSpan(Math.round(centre - body / 2), body, p.y(open[i]), p.y(close[i]), 1);
            }
        }
        gc.setFill(ctx.color(up ? ChartColor.VOLUME_UP : ChartColor.VOLUME_DOWN));
        double base = ctx.volume.bottom();
        for (int i = from; i < to; i++) {
            if ((close[i] >= open[i]) == up) {
                double hgt = Math.round(base - ctx.volume.y(vol[i]));
                if (hgt > 0) {
                    gc.fillRect(Math.round(ctx.timeX(time[i] + interval / 2.0) - body / 2), base - hgt, body, hgt);
                }
            }
        }
    }

    private static void merged(PaintContext ctx, ColumnReducer r, boolean up) {
        GraphicsContext gc = ctx.gc;
        PaneScale p = ctx.price;
        gc.setFill(ctx.color(up ? ChartColor.UP : ChartColor.DOWN));
        for (int k = 0; k < r.nonEmptyCount(); k++) {
            int col = r.nonEmptyColumn(k);
            if ((r.last(col) >= r.first(col)) == up) {
                ctx.fillSpan(col, 1, p.y(r.max(col)), p.y(r.min(col)), 1);
            }
        }
        gc.setFill(ctx.color(up ? ChartColor.VOLUME_UP : ChartColor.VOLUME_DOWN));
        double base = ctx.volume.bottom();
        for (int k = 0; k < r.nonEmptyCount(); k++) {
            int col = r.nonEmptyColumn(k);
            if ((r.last(col) >= r.first(col)) == up) {
                double hgt = Math.round(base - ctx.volume.y(r.volume(col)));
                if (hgt > 0) {
                    gc.fillRect(col, base - hgt, 1, hgt);
                }
            }
        }
    }
}
