package io.stockmonitor.ui.chart;

import io.stockmonitor.ui.MainViewModel;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.StackPane;

/** Controller of ChartView.fxml: the interval buttons, follow-live and zoom, and the chart fed from the model. */
public final class ChartView {
    private final ChartViewModel model;
    private final DecimalFormat price = new DecimalFormat("#,##0.00", DecimalFormatSymbols.getInstance(Locale.US));
    private IntervalPicker intervals;

    @FXML
    private Label symbolLabel;
    @FXML
    private Label lastLabel;
    @FXML
    private StackPane intervalHost;
    @FXML
    private ToggleButton followLive;
    @FXML
    private StackPane chartHost;

    private ChartSurface surface;

    private final MainViewModel main;
    private final javafx.scene.control.ContextMenu alertMenu = new javafx.scene.control.ContextMenu();

    @FXML
    private ToggleButton linkToggle;
    @FXML
    private javafx.scene.layout.HBox toolbar;
    @FXML
    private javafx.scene.control.Button zoomIn;
    @FXML
    private javafx.scene.control.Button zoomOut;

    public ChartView(MainViewModel main) {
        this(main, main.chart());
    }

    /** A chart of the layout: the first follows the watchlist; the others have a link toggle. */
    public ChartView(MainViewModel main, ChartViewModel model) {
        this.main = main;
        this.model = model;
    }

    /** This chart's view model. */
    public ChartViewModel model() {
        return model;
    }

    @FXML
    private void initialize() {
        intervals = new IntervalPicker(model.modeProperty());
        intervalHost.getChildren().add(intervals);
        followLive.selectedProperty().bindBidirectional(model.followLiveProperty());
        boolean first = model == main.chart();
        linkToggle.setVisible(!first);
        linkToggle.setManaged(!first);
        linkToggle.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        linkToggle.selectedProperty().bindBidirectional(model.linkedProperty());
        linkToggle.textProperty().bind(javafx.beans.binding.Bindings.when(model.linkedProperty())
                .then("Linked").otherwise("Own"));
        linkToggle.setTooltip(new javafx.scene.control.Tooltip(
                "Linked: shows the symbol selected in the watchlist. Own: keeps its symbol."));
        symbolLabel.textProperty().bind(model.symbolProperty());
        symbolLabel.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        followLive.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        // A narrow chart (two or four in a row) gives up the zoom buttons (+, − and the mouse wheel zoom too), then
        // Follow live, then the price beside the symbol, rather than squeezing the watchlist or cutting labels.
        toolbar.setMinWidth(0);
        toolbar.widthProperty().addListener((obs, old, w) -> fitToolbar());
        for (javafx.scene.Node n : toolbar.getChildren()) {
            // Their widths are known only once their skins and styles are: fit again then.
            ((javafx.scene.layout.Region) n).widthProperty().addListener((obs, old, w) -> fitToolbar());
        }
        surface = ChartSurface.create(model);
        chartHost.getChildren().add(surface.node());
        surface.node().setOnContextMenuRequested(this::onChartMenu);
        model.dataVersionProperty().addListener((obs, old, now) -> {
            surface.update();
            double last = model.lastPrice();
            lastLabel.setText(Double.isNaN(last) ? "" : price.format(last));
        });
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
    public void onZoomIn() {
        surface.zoomIn();
    }

    @FXML
    public void onZoomOut() {
        surface.zoomOut();
    }

    private void fitToolbar() {
        double available = toolbar.getWidth() - toolbar.snappedLeftInset() - toolbar.snappedRightInset();
        double spacing = toolbar.getSpacing();
        javafx.scene.Node[] optional = {zoomIn, zoomOut, followLive, lastLabel};
        double need = 0;
        for (javafx.scene.Node n : toolbar.getChildren()) {
            if (!java.util.List.of(optional).contains(n) && (n.isManaged() || n == linkToggle && n.isVisible())) {
                need += n.minWidth(-1) + spacing;
            }
        }
        // What leaves first is listed last: the price (the axis shows it too), then Follow live, then zoom.
        double last = lastLabel.minWidth(-1) + spacing;
        double follow = followLive.prefWidth(-1) + spacing;
        double zoom = zoomIn.prefWidth(-1) + zoomOut.prefWidth(-1) + 2 * spacing;
        boolean showLast = need + last <= available;
        boolean showFollow = showLast && need + last + follow <= available;
        boolean showZoom = showFollow && need + last + follow + zoom <= available;
        boolean[] shown = {showZoom, showZoom, showFollow, showLast};
        for (int i = 0; i < optional.length; i++) {
            optional[i].setVisible(shown[i]);
            optional[i].setManaged(shown[i]);
        }
    }

    /** The interval buttons, or the menu that stands in for them in a narrow chart. */
    public IntervalPicker intervals() {
        return intervals;
    }

    /** The chart node (for tests and keyboard zoom). */
    public ChartSurface surface() {
        return surface;
    }
}
