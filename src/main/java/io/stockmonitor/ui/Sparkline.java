package io.stockmonitor.ui;

import javafx.css.PseudoClass;
import javafx.scene.layout.Region;
import javafx.scene.shape.Polyline;

/**
 * A tiny price line for a watchlist row: one {@link Polyline} scaled into this region's size (set in CSS). Its
 * colour comes from the {@code :up}/{@code :down} pseudo-classes (last point against the first).
 */
public final class Sparkline extends Region {
    private static final PseudoClass UP = PseudoClass.getPseudoClass("up");
    private static final PseudoClass DOWN = PseudoClass.getPseudoClass("down");

    private final Polyline line = new Polyline();
    private double[] values = new double[0];
    private int count;

    public Sparkline() {
        getStyleClass().add("sparkline");
        line.getStyleClass().add("sparkline-line");
        line.setManaged(false);
        getChildren().add(line);
        // Drawn from a cached bitmap: the line changes about once a second, but the watchlist around it repaints
        // every frame on a busy feed, and stroking 20 visible lines of 180 points each frame was most of the
        // software renderer's time (AppFrameBench, JFR).
        setCache(true);
    }

    /** Shows the first {@code n} values (the array is read during layout; the caller must not shrink it). */
    public void setData(double[] data, int n) {
        values = data;
        count = n;
        pseudoClassStateChanged(UP, n > 1 && data[n - 1] > data[0]);
        pseudoClassStateChanged(DOWN, n > 1 && data[n - 1] < data[0]);
        requestLayout();
    }

    @Override
    protected void layoutChildren() {
        double w = getWidth() - snappedLeftInset() - snappedRightInset();
        double h = getHeight() - snappedTopInset() - snappedBottomInset();
        if (count < 2 || w <= 0 || h <= 0) {
            line.getPoints().clear();
            return;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        double span = max > min ? max - min : 1;
        Double[] points = new Double[count * 2];
        double x0 = snappedLeftInset();
        double y0 = snappedTopInset();
        for (int i = 0; i < count; i++) {
            points[2 * i] = x0 + w * i / (count - 1);
            points[2 * i + 1] = y0 + h - (max > min ? (values[i] - min) / span * h : h / 2);
        }
        line.getPoints().setAll(points);
    }
}
