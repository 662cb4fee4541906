package io.stockmonitor.ui;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

/** Controller of ChartView.fxml: the interval buttons, follow-live and zoom, and the chart fed from the model. */
public final class ChartView {
    private final ChartViewModel model;
    private final DecimalFormat price = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
    private final ToggleGroup modes = new ToggleGroup();

    @FXML
    private Label symbolLabel;
    @FXML
    private Label lastLabel;
    @FXML
    private HBox modeButtons;
    @FXML
    private ToggleButton followLive;
    @FXML
    private StackPane chartHost;

    private ChartSurface surface;

    public ChartView(MainViewModel main) {
        this.model = main.chart();
    }

    @FXML
    private void initialize() {
        for (ChartMode mode : ChartMode.values()) {
            ToggleButton b = new ToggleButton(mode.label());
            b.setId("mode-" + mode.name());
            b.setUserData(mode);
            b.setToggleGroup(modes);
            b.getStyleClass().add("mode-button");
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            modeButtons.getChildren().add(b);
        }
        selectModeButton(model.modeProperty().get());
        modes.selectedToggleProperty().addListener((obs, old, now) -> {
            if (now == null) {
                old.setSelected(true);
            } else {
                model.modeProperty().set((ChartMode) now.getUserData());
            }
        });
        model.modeProperty().addListener((obs, old, now) -> selectModeButton(now));
        followLive.selectedProperty().bindBidirectional(model.followLiveProperty());
        symbolLabel.textProperty().bind(model.symbolProperty());
        surface = ChartSurface.create(model);
        chartHost.getChildren().add(surface.node());
        model.dataVersionProperty().addListener((obs, old, now) -> {
            surface.update();
            double last = model.lastPrice();
            lastLabel.setText(Double.isNaN(last) ? "" : price.format(last));
        });
    }

    private void selectModeButton(ChartMode mode) {
        for (var t : modes.getToggles()) {
            if (t.getUserData() == mode && !t.isSelected()) {
                t.setSelected(true);
            }
        }
    }

    @FXML
    void onZoomIn() {
        surface.zoomIn();
    }

    @FXML
    void onZoomOut() {
        surface.zoomOut();
    }

    /** The chart node (for tests and keyboard zoom). */
    public ChartSurface surface() {
        return surface;
    }
}
