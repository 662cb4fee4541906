package io.stockmonitor.chart;

import java.util.List;

import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.text.TextAlignment;

/**
 * Shades each gap by how it ended (a recovered one faintly, so its candles stay readable) across every pane and
 * labels it at the top of the price pane where the label fits inside the span: the whole label, else its first part
 * (before " · "), else none. A span narrower than two pixels (a blink of a drop) is a thin mark with no label.
 */
final class GapPainter {

    private GapPainter() {
    }

    /** @param labelTop y of the labels (under the price pane's legend line, if any) */
    static void paint(PaintContext ctx, List<ChartGap> gaps, double labelTop) {
        if (gaps.isEmpty()) {
            return;
        }
        GraphicsContext gc = ctx.gc;
        Viewport vp = ctx.viewport();
        double plotWidth = ctx.plotWidth();
        double top = ctx.layout.priceTop();
        double bottom = ctx.layout.panesBottom();
        int visible = 0;
        for (ChartGap g : gaps) {
            if (g.toMillis() < vp.start() || g.fromMillis() > vp.end()) {
                continue;
            }
            double x0 = Math.max(0, ctx.timeX(g.fromMillis()));
            double x1 = Math.min(plotWidth, ctx.timeX(Math.min(g.toMillis(), vp.end())));
            gc.setFill(ctx.color(g.kind() == ChartGap.Kind.RECOVERED ? ChartColor.GAP_RECOVERED : ChartColor.GAP));
            gc.fillRect(Math.floor(x0), top, Math.max(2, Math.ceil(x1 - x0)), bottom - top);
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
            double x0 = Math.max(0, ctx.timeX(g.fromMillis()));
            double x1 = Math.min(plotWidth, ctx.timeX(Math.min(g.toMillis(), vp.end())));
            if (x0 + 3 <= labelRight) {
                continue;
            }
            String label = fittingLabel(ctx, g.label(), x1 - x0 - 2 * 3);
            if (label != null) {
                gc.setFill(ctx.color(g.kind() == ChartGap.Kind.RECOVERED ? ChartColor.GAP_RECOVERED_TEXT
                        : ChartColor.GAP_TEXT));
                gc.fillText(label, x0 + 3, labelTop);
                labelRight = x0 + 3 + ctx.textWidth(label);
            }
        }
    }

    /**
     * The longest start of the label, cut at a " · ", that fits in {@code room} pixels (the whole label first, the
     * outcome alone last); null if not even the outcome fits.
     */
    static String fittingLabel(PaintContext ctx, String label, double room) {
        if (room <= 0) {
            return null;
        }
        String candidate = label;
        while (true) {
            if (ctx.textWidth(candidate) <= room) {
                return candidate;
            }
            int cut = candidate.lastIndexOf(" · ");
            if (cut <= 0) {
                return null;
            }
            candidate = candidate.substring(0, cut);
        }
    }
}
