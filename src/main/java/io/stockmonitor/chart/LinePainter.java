package io.stockmonitor.chart;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Paint;

/**
 * Draws a line reduced per pixel column ({@link ColumnReducer#reduceLine}): the tick line, an indicator line.
 *
 * <p>Sparse (at most one point per column on average): the M4 polyline as a stroked path, joined to the rows just
 * outside the view. Dense: per column one pixel-aligned rectangle spanning its min and max, stretched to the previous
 * column's last value so the line stays connected: the same pixels a 1 px line through every row would touch, at a
 * fraction of the cost of stroking a zig-zag path on the software pipeline.
 */
final class LinePainter {

    /** Minimum height of a column of a dense line, so flat stretches read as a line, not a hairline. */
    static final double DENSE_MIN_HEIGHT = 2;

    private LinePainter() {
    }

    /**
     * @param time        the rows' times (for the neighbours outside the view)
     * @param value       the rows' values
     * @param timeOffset  added to a row's time to get its x (half a bar for values drawn at bar centres)
     * @param before      row just left of the view (joined to the first point), or -1
     * @param after       row just right of the view (joined from the last point), or -1
     */
    static void paint(PaintContext ctx, ColumnReducer r, PaneScale scale, Paint paint, double lineWidth,
                      long[] time, double[] value, double timeOffset, int before, int after) {
        if (r.pointCount() > ctx.plotWidth()) {
            dense(ctx, r, scale, paint, time, value, timeOffset, before);
        } else {
            sparse(ctx, r, scale, paint, lineWidth, time, value, timeOffset, before, after);
        }
    }

    private static void dense(PaintContext ctx, ColumnReducer r, PaneScale scale, Paint paint, long[] time,
                              double[] value, double timeOffset, int before) {
        GraphicsContext gc = ctx.gc;
        gc.setFill(paint);
        gc.beginPath();
        boolean joins = false;
        boolean hasBefore = before >= 0 && !Double.isNaN(value[before]);
        double prevX = hasBefore ? ctx.timeX(time[before] + timeOffset) : Double.NaN;
        double prevY = hasBefore ? scale.y(value[before]) : Double.NaN;
        int prevCol = Integer.MIN_VALUE;
        for (int k = 0; k < r.nonEmptyCount(); k++) {
            int col = r.nonEmptyColumn(k);
            if (!(r.min(col) <= r.max(col))) {
                continue; // only NaN here
            }
            double top = scale.y(r.max(col));
            double bottom = scale.y(r.min(col));
            double first = r.first(col);
            if (col == prevCol + 1 && !Double.isNaN(prevY)) {
                top = Math.min(top, prevY);
                bottom = Math.max(bottom, prevY);
            } else if (!Double.isNaN(prevY) && !Double.isNaN(first)) {
                gc.moveTo(prevX, prevY);
                gc.lineTo(col + 0.5, scale.y(first));
                joins = true;
            }
            ctx.fillSpan(col, 1, top, bottom, DENSE_MIN_HEIGHT);
            prevCol = col;
            prevX = col + 0.5;
            double last = r.last(col);
            prevY = Double.isNaN(last) ? Double.NaN : scale.y(last);
        }
        if (joins) {
            gc.setStroke(paint);
            gc.setLineWidth(1);
            gc.stroke();
        }
    }

    private static void sparse(PaintContext ctx, ColumnReducer r, PaneScale scale, Paint paint, double lineWidth,
                               long[] time, double[] value, double timeOffset, int before, int after) {
        GraphicsContext gc = ctx.gc;
        int n = r.pointCount();
        gc.beginPath();
        if (n == 0) {
            // Zoomed in between two rows: the segment joining them crosses the view.
            if (before >= 0 && after >= 0 && !Double.isNaN(value[before]) && !Double.isNaN(value[after])) {
                gc.moveTo(ctx.timeX(time[before] + timeOffset), scale.y(value[before]));
                gc.lineTo(ctx.timeX(time[after] + timeOffset), scale.y(value[after]));
                gc.setStroke(paint);
                gc.setLineWidth(lineWidth);
                gc.stroke();
                gc.setLineWidth(1);
            }
            return;
        }
        boolean started = false;
        if (before >= 0 && !Double.isNaN(value[before]) && n > 0) {
            gc.moveTo(ctx.timeX(time[before] + timeOffset), scale.y(value[before]));
            started = true;
        }
        double lastX = 0;
        double lastY = 0;
        for (int p = 0; p < n; p++) {
            lastX = r.pointColumn(p) + 0.5;
            lastY = scale.y(r.pointValue(p));
            if (started) {
                gc.lineTo(lastX, lastY);
            } else {
                gc.moveTo(lastX, lastY);
                started = true;
            }
        }
        if (started && n > 0 && after >= 0 && !Double.isNaN(value[after])) {
            double x = ctx.timeX(time[after] + timeOffset);
            double y = scale.y(value[after]);
            if (x > lastX) {
                // Stop at the border: the segment's far end may lie under the price axis.
                double edge = Math.min(x, ctx.plotWidth());
                gc.lineTo(edge, lastY + (y - lastY) * (edge - lastX) / (x - lastX));
            }
        }
        gc.setStroke(paint);
        gc.setLineWidth(lineWidth);
        gc.stroke();
        gc.setLineWidth(1);
    }
}
