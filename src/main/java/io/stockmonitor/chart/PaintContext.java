package io.stockmonitor.chart;

import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.Text;

/**
 * What every painter of a frame shares: the graphics context, the chart (its colours and font), the layout, the
 * time scale, the font's metrics and pixel helpers. One per chart, reused every frame.
 */
final class PaintContext {

    static final double PAD = 6;
    static final double AXIS_WIDTH_QUANTUM = 8;

    final PriceChart chart;
    final ChartLayout layout = new ChartLayout();
    final PaneScale price = new PaneScale();
    final PaneScale volume = new PaneScale();
    final PaneScale[] sub = new PaneScale[ChartBounds.MAX_SUB_PANES];
    private final Text measure = new Text();
    final double[] dashes = {4, 3};

    GraphicsContext gc;
    Font font;
    double lineHeight;
    double axisWidth;
    int priceDecimals = 2;
    /** Bars at least {@link ChartRenderer#MIN_PX_PER_BAR} wide: drawn one by one rather than merged per column. */
    boolean perBar;

    PaintContext(PriceChart chart) {
        this.chart = chart;
        for (int k = 0; k < sub.length; k++) {
            sub[k] = new PaneScale();
        }
    }

    /** Re-measures the font when it changed; true if it did (axis widths must be measured again). */
    boolean updateFont() {
        Font f = chart.chartFont();
        if (f == font) {
            return false;
        }
        font = f;
        measure.setFont(f);
        measure.setText("Ag8");
        lineHeight = Math.ceil(measure.getLayoutBounds().getHeight());
        return true;
    }

    double textWidth(String s) {
        measure.setText(s);
        return measure.getLayoutBounds().getWidth();
    }

    Paint color(ChartColor c) {
        return chart.color(c);
    }

    Viewport viewport() {
        return chart.viewport();
    }

    double plotWidth() {
        return layout.plotWidth();
    }

    double timeX(double t) {
        return chart.viewport().timeToX(t, layout.plotWidth());
    }

    static double crisp(double v) {
        return Math.floor(v) + 0.5;
    }

    /** A pixel-aligned vertical span covering [yA, yB] (either order), at least {@code minHeight} pixels tall. */
    void fillSpan(double x, double width, double yA, double yB, double minHeight) {
        double top = Math.floor(Math.min(yA, yB));
        double bottom = Math.ceil(Math.max(yA, yB));
        gc.fillRect(x, top, width, Math.max(minHeight, bottom - top));
    }

    static double quantize(double width) {
        return Math.ceil(width / AXIS_WIDTH_QUANTUM) * AXIS_WIDTH_QUANTUM;
    }
}
