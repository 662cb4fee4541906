package io.stockmonitor.chart;

/**
 * Where each part of the chart goes, in pixels, as plain numbers (no JavaFX), so the arithmetic is unit-tested:
 * the plot area left of the price axis, the price pane, the volume pane under it, the indicator sub-panes under
 * that (RSI, MACD, ...), and the time axis at the bottom. Reusable: {@link #update} overwrites the previous result.
 *
 * <p>Rules: the volume pane takes {@value #VOLUME_FRACTION} of the height the price and volume panes share; each
 * sub-pane takes {@value #SUB_PANE_FRACTION} of the panes' height (or its own weight, see
 * {@link #setSubPaneWeight}), never less than {@value #MIN_SUB_PANE} px; the price pane keeps at least
 * {@value #MIN_PRICE_FRACTION} of the panes' height, so sub-panes shrink first when the chart is small. Pane edges are
 * whole pixels and panes never overlap.
 */
public final class ChartLayout {

    /** Share of the price + volume height given to the volume pane. */
    public static final double VOLUME_FRACTION = 0.2;
    /** Share of all panes' height a sub-pane takes by default. */
    public static final double SUB_PANE_FRACTION = 0.17;
    /** Smallest sub-pane height in pixels (below it sub-panes share what is left equally). */
    public static final double MIN_SUB_PANE = 36;
    /** The price pane never gets less than this share of the panes' height. */
    public static final double MIN_PRICE_FRACTION = 0.4;
    /** Space between two panes (a separator line is drawn in its middle). */
    public static final double PANE_GAP = 6;

    private double plotWidth;
    private double priceTop;
    private double priceBottom;
    private double volumeTop;
    private double volumeBottom;
    private double timeAxisTop;
    private int subPanes;
    private final double[] subTop = new double[ChartBounds.MAX_SUB_PANES];
    private final double[] subBottom = new double[ChartBounds.MAX_SUB_PANES];
    private final double[] weights = new double[ChartBounds.MAX_SUB_PANES];

    public ChartLayout() {
        java.util.Arrays.fill(weights, SUB_PANE_FRACTION);
    }

    /**
     * Sets the share of the panes' height sub-pane {@code k} asks for (a user dragged its edge); clamped to
     * [0.05, 0.5].
     */
    public void setSubPaneWeight(int k, double fraction) {
        weights[k] = Math.max(0.05, Math.min(0.5, fraction));
    }

    public double subPaneWeight(int k) {
        return weights[k];
    }

    /**
     * Lays out a chart {@code width} × {@code height} px.
     *
     * @param top        space above the price pane (the readout line)
     * @param axisWidth  width of the price axis on the right
     * @param timeAxis   height of the time axis at the bottom
     * @param subPaneCount indicator sub-panes under the volume pane (at most {@link ChartBounds#MAX_SUB_PANES})
     */
    public void update(double width, double height, double top, double axisWidth, double timeAxis, int subPaneCount) {
        subPanes = Math.max(0, Math.min(ChartBounds.MAX_SUB_PANES, subPaneCount));
        plotWidth = Math.max(0, Math.min(ChartBounds.MAX_COLUMNS, Math.floor(width - axisWidth)));
        timeAxisTop = Math.max(0, Math.floor(height - timeAxis));
        priceTop = Math.floor(top);
        double panes = Math.max(0, timeAxisTop - priceTop);
        double heights = 0;
        for (int k = 0; k < subPanes; k++) {
            heights += Math.max(MIN_SUB_PANE, weights[k] * panes);
        }
        double room = Math.max(0, panes * (1 - MIN_PRICE_FRACTION) - subPanes * PANE_GAP);
        double scale = heights > room ? room / heights : 1;
        double y = timeAxisTop;
        for (int k = subPanes - 1; k >= 0; k--) {
            double h = Math.floor(Math.max(MIN_SUB_PANE, weights[k] * panes) * scale);
            subBottom[k] = y;
            subTop[k] = Math.max(priceTop, y - h);
            y = subTop[k] - PANE_GAP;
        }
        double shared = Math.max(0, y - priceTop - PANE_GAP);
        priceBottom = Math.floor(priceTop + shared * (1 - VOLUME_FRACTION));
        volumeTop = priceBottom + PANE_GAP;
        volumeBottom = Math.max(volumeTop, Math.floor(y));
    }

    public double plotWidth() {
        return plotWidth;
    }

    public double priceTop() {
        return priceTop;
    }

    public double priceBottom() {
        return priceBottom;
    }

    public double volumeTop() {
        return volumeTop;
    }

    public double volumeBottom() {
        return volumeBottom;
    }

    public double timeAxisTop() {
        return timeAxisTop;
    }

    public int subPaneCount() {
        return subPanes;
    }

    public double subPaneTop(int k) {
        return subTop[check(k)];
    }

    public double subPaneBottom(int k) {
        return subBottom[check(k)];
    }

    /** Bottom of the lowest pane (where the time axis starts). */
    public double panesBottom() {
        return timeAxisTop;
    }

    /**
     * The pane under {@code y}: -1 price, -2 volume, {@code k >= 0} sub-pane k, {@link Integer#MIN_VALUE} none (a
     * gap between panes, the axis).
     */
    public int paneAt(double y) {
        if (y >= priceTop && y <= priceBottom) {
            return -1;
        }
        if (y >= volumeTop && y <= volumeBottom) {
            return -2;
        }
        for (int k = 0; k < subPanes; k++) {
            if (y >= subTop[k] && y <= subBottom[k]) {
                return k;
            }
        }
        return Integer.MIN_VALUE;
    }

    /** The separator above sub-pane {@code k} at {@code y} (within {@code slop} px), or -1: a drag there resizes it. */
    public int separatorAt(double y, double slop) {
        for (int k = 0; k < subPanes; k++) {
            if (Math.abs(y - (subTop[k] - PANE_GAP / 2)) <= slop) {
                return k;
            }
        }
        return -1;
    }

    private int check(int k) {
        if (k < 0 || k >= subPanes) {
            throw new IndexOutOfBoundsException("sub-pane " + k + " of " + subPanes);
        }
        return k;
    }
}
