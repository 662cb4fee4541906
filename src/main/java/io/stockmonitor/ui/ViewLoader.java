package io.stockmonitor.ui;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Loads an FXML view and builds its controller (and those of included views) around the main view model. */
public final class ViewLoader {
    private final MainViewModel model;
    private final Actions actions;

    /** What the views ask of the application shell (quit, open a dialog needs its window). */
    public interface Actions {
        void quit();
    }

    public ViewLoader(MainViewModel model, Actions actions) {
        this.model = model;
        this.actions = actions;
    }

    /** A loaded view and its controller. */
    public record Loaded<C>(Parent root, C controller) {}

    public <C> Loaded<C> load(Class<C> controllerType) {
        URL fxml = controllerType.getResource(controllerType.getSimpleName() + ".fxml");
        if (fxml == null) {
            throw new IllegalStateException("missing " + controllerType.getSimpleName() + ".fxml");
        }
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setControllerFactory(this::controller);
        try {
            Parent root = loader.load();
            return new Loaded<>(root, controllerType.cast(loader.getController()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + fxml, e);
        }
    }

    private Object controller(Class<?> type) {
        if (type == MainView.class) {
            return new MainView(model, this, actions);
        }
        if (type == WatchlistView.class) {
            return new WatchlistView(model);
        }
        if (type == ChartView.class) {
            return new ChartView(model);
        }
        if (type == StatusBarView.class) {
            return new StatusBarView(model);
        }
        if (type == ConnectionDialogView.class) {
            return new ConnectionDialogView();
        }
        if (type == AboutView.class) {
            return new AboutView();
        }
        if (type == io.stockmonitor.ui.alerts.AlertsView.class) {
            return new io.stockmonitor.ui.alerts.AlertsView(model.alerts(), model.alertContext());
        }
        if (type == io.stockmonitor.ui.tape.TapeView.class) {
            return new io.stockmonitor.ui.tape.TapeView(model.tape());
        }
        if (type == ShortcutsView.class) {
            return new ShortcutsView();
        }
        throw new IllegalArgumentException("no controller for " + type);
    }
}
