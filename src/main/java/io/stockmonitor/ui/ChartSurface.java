package io.stockmonitor.ui;

import javafx.scene.Node;
import javafx.scene.control.Label;

/** Hands the chart view model's buffers to the chart control; the one place that knows the chart's API. */
public final class ChartSurface {
    private final ChartViewModel model;
    private final Label placeholder = new Label();
    private long updates;

    private ChartSurface(ChartViewModel model) {
        this.model = model;
        placeholder.getStyleClass().add("chart-placeholder");
    }

    static ChartSurface create(ChartViewModel model) {
        return new ChartSurface(model);
    }

    public Node node() {
        return placeholder;
    }

    /** Called once per frame at most, when the view model's buffers were refilled. */
    void update() {
        updates++;
        int n = model.modeProperty().get().isTicks() ? model.tickCount() : model.barCount();
        placeholder.setText(model.symbolProperty().get() + " · " + n + " points");
    }

    /** How many times the chart was handed new data (tests). */
    public long updates() {
        return updates;
    }

    void zoomIn() {
    }

    void zoomOut() {
    }
}
