package io.stockmonitor.ui.alerts;

import io.stockmonitor.alerts.AlertFiring;
import java.time.Instant;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;

/**
 * The toasts over the window's top right corner, newest first, as many as the view model keeps; a click dismisses
 * one and opens the alert log. Rebuilt only when the list changes (a firing or an expiry), never per frame.
 */
public final class ToastLayer extends VBox {
    private static final PseudoClass MARKED = PseudoClass.getPseudoClass("marked");
    private final AlertsViewModel model;
    private final Runnable openLog;

    public ToastLayer(AlertsViewModel model, Runnable openLog) {
        this.model = model;
        this.openLog = openLog;
        getStyleClass().add("toast-layer");
        getStylesheets().add(ToastLayer.class.getResource("alerts.css").toExternalForm());
        setId("toastLayer");
        // Clicks between toasts reach the chart underneath.
        setPickOnBounds(false);
        setFillWidth(false);
        setMaxSize(USE_PREF_SIZE, USE_PREF_SIZE);
        model.toasts().addListener((ListChangeListener<AlertFiring>) c -> rebuild());
        rebuild();
    }

    private void rebuild() {
        getChildren().clear();
        for (AlertFiring f : model.toasts()) {
            getChildren().add(toast(f));
        }
    }

    private VBox toast(AlertFiring f) {
        Label title = new Label("Alert " + f.rule().text());
        title.getStyleClass().add("toast-title");
        Label body = new Label(f.message());
        body.getStyleClass().add("toast-body");
        String when = AlertsView.TIME.format(Instant.ofEpochMilli(f.atMs()));
        Label meta = new Label(f.hasTrade() ? when + " · seq " + f.seq() : when);
        meta.getStyleClass().add("toast-meta");
        VBox box = new VBox(title, body, meta);
        if (!f.marks().isEmpty()) {
            String tradeAt = f.refilled() && f.hasTrade()
                    ? " (trade at " + AlertsView.TIME.format(Instant.ofEpochMilli(f.ts())) + ")" : "";
            Label mark = new Label(f.marks() + tradeAt);
            mark.getStyleClass().add("toast-mark");
            box.getChildren().add(mark);
        }
        box.getStyleClass().add("toast");
        box.pseudoClassStateChanged(MARKED, !f.marks().isEmpty());
        box.setOnMouseClicked(e -> {
            model.dismissToast(f);
            openLog.run();
        });
        return box;
    }
}
