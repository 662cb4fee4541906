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
    private javafx.scene.control.Button groupButton;
    private final javafx.scene.layout.Region groupMarker = new javafx.scene.layout.Region();
    private final javafx.scene.control.ContextMenu groupMenu = new javafx.scene.control.ContextMenu();
    private final javafx.scene.control.ContextMenu symbolMenu = new javafx.scene.control.ContextMenu();
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
        groupMarker.getStyleClass().add("link-marker");
        groupButton.setGraphic(groupMarker);
        groupButton.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        groupButton.setTooltip(new javafx.scene.control.Tooltip("Link group: charts of one colour change symbol "
                + "together; the first chart's group follows the watchlist. Click to choose."));
        model.groupProperty().addListener((obs, old, now) -> showGroup(now));
        showGroup(model.groupProperty().get());
        for (LinkGroup g : LinkGroup.values()) {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(g.label());
            javafx.scene.layout.Region dot = new javafx.scene.layout.Region();
            dot.getStyleClass().add("link-marker");
            dot.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass(g.id()), true);
            item.setGraphic(dot);
            item.setId("group-" + g.id());
            item.setOnAction(e -> model.groupProperty().set(g));
            groupMenu.getItems().add(item);
        }
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

    private void showGroup(LinkGroup group) {
        for (LinkGroup g : LinkGroup.values()) {
            groupMarker.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass(g.id()), g == group);
        }
        groupButton.setAccessibleText(group.label());
    }

    @FXML
    private void onGroupMenu() {
        groupMenu.show(groupButton, javafx.geometry.Side.BOTTOM, 0, 0);
    }

    /**
     * A click on the symbol offers the watchlist's symbols and a field to type another: the chart shows it, and so
     * does every chart of its colour group.
     */
    @FXML
    private void onSymbolMenu(javafx.scene.input.MouseEvent e) {
        symbolMenu.getItems().clear();
        javafx.scene.control.TextField typed = new javafx.scene.control.TextField();
        typed.setPromptText("Symbol");
        typed.setId("chartSymbolField");
        typed.setPrefColumnCount(8);
        typed.setOnAction(a -> {
            String symbol = io.stockmonitor.source.SymbolSpelling.normalize(typed.getText());
            if (symbol != null) {
                symbolMenu.hide();
                main.showInChart(model, symbol);
            }
        });
        javafx.scene.control.CustomMenuItem field = new javafx.scene.control.CustomMenuItem(typed, false);
        symbolMenu.getItems().add(field);
        for (String symbol : main.watchlist().symbols()) {
            javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(symbol);
            item.setId("chartSymbol-" + symbol);
            item.setOnAction(a -> main.showInChart(model, symbol));
            symbolMenu.getItems().add(item);
        }
        symbolMenu.show(symbolLabel, javafx.geometry.Side.BOTTOM, 0, 0);
        typed.requestFocus();
        e.consume();
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
            if (!java.util.List.of(optional).contains(n) && n.isManaged()) {
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
