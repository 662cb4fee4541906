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

    private final MainViewModel main;
    private final javafx.scene.control.ContextMenu alertMenu = new javafx.scene.control.ContextMenu();

    public ChartView(MainViewModel main) {
        this.main = main;
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
            // A narrow chart squeezes the spacer, never the buttons' labels into "...".
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
        symbolLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        followLive.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        surface = ChartSurface.create(model);
        chartHost.getChildren().add(surface.node());
        surface.node().setOnContextMenuRequested(this::onChartMenu);
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

    /**
     * A right-click on a price level offers an alert there (the chart is reworked elsewhere: this hook only needs
     * its y → price mapping).
     */
    private void onChartMenu(javafx.scene.input.ContextMenuEvent e) {
        String symbol = model.symbolProperty().get();
        double at = surface.node().priceAtY(e.getY());
        alertMenu.hide();
        if (symbol == null || symbol.isEmpty() || Double.isNaN(at)) {
            return;
        }
        double last = model.lastPrice();
        double level = roundedLevel(at);
        String shown = io.stockmonitor.alerts.AlertRule.plain(level);
        javafx.scene.control.MenuItem once = new javafx.scene.control.MenuItem(
                "Alert when " + symbol + (Double.isNaN(last) || level >= last ? " rises above " : " falls below ")
                        + shown);
        once.setId("chartAlertAt");
        once.setOnAction(a -> main.alerts().addPriceAlert(symbol, level, last));
        javafx.scene.control.MenuItem custom = new javafx.scene.control.MenuItem("New alert at " + shown + "…");
        custom.setOnAction(a -> io.stockmonitor.ui.alerts.AlertEditorDialog.open(
                chartHost.getScene() == null ? null : chartHost.getScene().getWindow(), main.alerts(),
                main.alertContext(), null, symbol, level));
        alertMenu.getItems().setAll(once, custom);
        alertMenu.show(surface.node(), e.getScreenX(), e.getScreenY());
        e.consume();
    }

    /** A level a person would type: cents for ordinary prices, six significant digits for small ones. */
    static double roundedLevel(double price) {
        int decimals = price >= 1 ? 2 : Math.min(8, 5 - (int) Math.floor(Math.log10(price)));
        return java.math.BigDecimal.valueOf(price).setScale(decimals, java.math.RoundingMode.HALF_UP).doubleValue();
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
