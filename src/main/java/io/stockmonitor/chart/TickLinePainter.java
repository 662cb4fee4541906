package io.stockmonitor.chart;

import javafx.scene.canvas.GraphicsContext;

/** The tick line ({@link LinePainter}) and the ticks' volume per pixel column. */
final class TickLinePainter {

    private TickLinePainter() {
    }

    static void paint(PaintContext ctx, TickSeries t, ColumnReducer r) {
        if (t.isEmpty()) {
            return;
        }
        Viewport vp = ctx.viewport();
        long[] time = t.timeArray();
        int before = HitTester.floorIndex(time, t.from(), t.to(), vp.start() - 1);
        int after = r.pointCount() > 0 ? r.pointIndex(r.pointCount() - 1) + 1 : before + 1;
        LinePainter.paint(ctx, r, ctx.price, ctx.color(ChartColor.LINE), 1.5, time, t.priceArray(), 0,
                before >= t.from() ? before : -1, after > t.from() && after < t.to() ? after : -1);
        GraphicsContext gc = ctx.gc;
        gc.setFill(ctx.color(ChartColor.VOLUME));
        double base = ctx.volume.bottom();
        for (int k = 0; k < r.nonEmptyCount(); k++) {
            int col = r.nonEmptyColumn(k);
            double hgt = Math.round(base - ctx.volume.y(r.volume(col)));
            if (hgt > 0) {
                gc.fillRect(col, base - hgt, 1, hgt);
            }
        }
    }
}
