package io.stockmonitor.ui;

import io.stockmonitor.ui.chart.ChartView;
import io.stockmonitor.ui.connect.ConnectionDialogView;
import io.stockmonitor.ui.settings.Settings;
import io.stockmonitor.ui.watchlist.WatchlistView;

import io.stockmonitor.source.SourceChoice;
import java.util.Optional;
import javafx.fxml.FXML;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.geometry.Pos;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import io.stockmonitor.ui.alerts.AlertEditorDialog;
import io.stockmonitor.ui.alerts.AlertsView;
import io.stockmonitor.ui.alerts.ToastLayer;
import io.stockmonitor.ui.tape.TapeView;
import javafx.stage.Stage;

/** Controller of MainView.fxml: menus, theme, the source badge, keyboard shortcuts and window layout. */
public final class MainView {
    /** The smallest window the layout is made for: at this size nothing that matters is cut. */
    public static final double MIN_WIDTH = 900;
    public static final double MIN_HEIGHT = 560;

    private final MainViewModel model;
    private final ViewLoader loader;
    private final ViewLoader.Actions actions;

    @FXML
    private BorderPane root;
    @FXML
    private Label sourceBadge;
    @FXML
    private RadioMenuItem darkItem;
    @FXML
    private RadioMenuItem lightItem;
    @FXML
    private ToggleButton lightToggle;
    @FXML
    private RadioMenuItem compactItem;
    @FXML
    private RadioMenuItem comfortableItem;
    @FXML
    private SplitPane split;
    @FXML
    private SplitPane chartSplit;
    @FXML
    private StackPane center;
    @FXML
    private AlertsView alertsPanelController;
    @FXML
    private TapeView tapeController;
    @FXML
    private WatchlistView watchlistController;
    @FXML
    private ChartView chartController;
    @FXML
    private javafx.scene.layout.GridPane chartGrid;
    @FXML
    private javafx.scene.Parent chart;
    @FXML
    private javafx.scene.control.Menu viewMenu;
    /** The layout's further charts, loaded when a layout first shows them. */
    private final java.util.List<ViewLoader.Loaded<ChartView>> moreCharts = new java.util.ArrayList<>();

    MainView(MainViewModel model, ViewLoader loader, ViewLoader.Actions actions) {
        this.model = model;
        this.loader = loader;
        this.actions = actions;
    }

    @FXML
    private void initialize() {
        sourceBadge.textProperty().bind(model.badgeProperty());
        sourceBadge.visibleProperty().bind(model.badgeProperty().isNotEmpty());
        sourceBadge.managedProperty().bind(sourceBadge.visibleProperty());
        model.simulatedProperty().addListener((obs, old, now) -> showSimulated(now));
        showSimulated(model.simulatedProperty().get());
        model.themeProperty().addListener((obs, old, now) -> applyTheme(now));
        applyTheme(model.themeProperty().get());
        darkItem.setOnAction(e -> model.themeProperty().set(Theme.DARK));
        lightItem.setOnAction(e -> model.themeProperty().set(Theme.LIGHT));
        lightToggle.setOnAction(e -> model.themeProperty().set(lightToggle.isSelected() ? Theme.LIGHT : Theme.DARK));
        compactItem.setSelected(true);
        addLayoutMenu();
        model.chartLayoutProperty().addListener((obs, old, now) -> showLayout(now));
        showLayout(model.chartLayoutProperty().get());
        split.setDividerPositions(Settings.DEFAULT_DIVIDER, Settings.DEFAULT_TAPE_DIVIDER);
        chartSplit.setDividerPositions(Settings.DEFAULT_ALERTS_DIVIDER);
        // The tape and the alerts keep their size when the window changes; the chart takes the difference.
        SplitPane.setResizableWithParent(tapeController.root(), false);
        ToastLayer toasts = new ToastLayer(model.alerts(), alertsPanelController::showLog);
        StackPane.setAlignment(toasts, Pos.TOP_RIGHT);
        // Over the chart's top right corner, clear of the tape and of the chart's toolbar.
        tapeController.root().widthProperty().addListener((obs, old, w) ->
                StackPane.setMargin(toasts, new javafx.geometry.Insets(44, w.doubleValue() + 12, 0, 0)));
        center.getChildren().add(toasts);
        root.addEventFilter(KeyEvent.KEY_TYPED, this::onTyped);
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (new KeyCodeCombination(KeyCode.N, KeyCombination.SHORTCUT_DOWN).match(e)) {
                watchlistController.focusAddField();
                e.consume();
            }
        });
    }

    /** View → Charts: one, two side by side, two stacked, four. */
    private void addLayoutMenu() {
        javafx.scene.control.Menu charts = new javafx.scene.control.Menu("C_harts");
        javafx.scene.control.ToggleGroup group = new javafx.scene.control.ToggleGroup();
        for (io.stockmonitor.ui.chart.ChartLayout layout : io.stockmonitor.ui.chart.ChartLayout.values()) {
            RadioMenuItem item = new RadioMenuItem(layout.label());
            item.setId("layout-" + layout.name());
            item.setToggleGroup(group);
            item.setUserData(layout);
            item.setOnAction(e -> model.chartLayoutProperty().set(layout));
            charts.getItems().add(item);
        }
        model.chartLayoutProperty().addListener((obs, old, now) -> group.getToggles().forEach(
                t -> t.setSelected(t.getUserData() == now)));
        group.getToggles().forEach(t -> t.setSelected(t.getUserData() == model.chartLayoutProperty().get()));
        viewMenu.getItems().addAll(new javafx.scene.control.SeparatorMenuItem(), charts);
        addWorkspaceMenu();
    }

    /** View → Workspaces: save the chart layout under a name, switch to a saved one, delete one. */
    private void addWorkspaceMenu() {
        javafx.scene.control.Menu spaces = new javafx.scene.control.Menu("_Workspaces");
        spaces.setId("workspacesMenu");
        javafx.scene.control.MenuItem save = new javafx.scene.control.MenuItem("Save workspace as…");
        save.setId("saveWorkspace");
        save.setOnAction(e -> {
            javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog();
            d.setTitle("Save workspace");
            d.setHeaderText("The chart layout, with each chart's symbol, interval and group, under a name");
            d.setContentText("Name:");
            d.getEditor().setId("workspaceName");
            if (chartGrid.getScene() != null) {
                d.initOwner(chartGrid.getScene().getWindow());
            }
            d.showAndWait().ifPresent(name -> {
                if (!model.saveWorkspace(name)) {
                    model.showNotice("Workspace not saved: a name of 1 to " + Settings.MAX_WORKSPACE_NAME
                            + " characters, at most " + Settings.MAX_WORKSPACES + " workspaces");
                }
            });
        });
        Runnable rebuild = () -> {
            spaces.getItems().setAll(save);
            if (model.workspaceNames().isEmpty()) {
                return;
            }
            spaces.getItems().add(new javafx.scene.control.SeparatorMenuItem());
            for (String name : model.workspaceNames()) {
                javafx.scene.control.MenuItem item = new javafx.scene.control.MenuItem(name);
                item.setMnemonicParsing(false);
                item.setOnAction(e -> model.switchWorkspace(name));
                spaces.getItems().add(item);
            }
            spaces.getItems().add(new javafx.scene.control.SeparatorMenuItem());
            for (String name : model.workspaceNames()) {
                javafx.scene.control.MenuItem gone = new javafx.scene.control.MenuItem("Delete “" + name + "”");
                gone.setMnemonicParsing(false);
                gone.setOnAction(e -> model.deleteWorkspace(name));
                spaces.getItems().add(gone);
            }
        };
        model.workspaceNames().addListener((javafx.collections.ListChangeListener<String>) c -> rebuild.run());
        rebuild.run();
        viewMenu.getItems().add(spaces);
    }

    /** Places the layout's charts in the grid, loading further charts the first time they show. */
    private void showLayout(io.stockmonitor.ui.chart.ChartLayout layout) {
        java.util.List<javafx.scene.Node> nodes = new java.util.ArrayList<>();
        nodes.add(chart);
        for (int i = 1; i < layout.count(); i++) {
            while (moreCharts.size() < i) {
                moreCharts.add(loader.loadChart(model.chart(moreCharts.size() + 1)));
            }
            nodes.add(moreCharts.get(i - 1).root());
        }
        chartGrid.getChildren().setAll(nodes);
        chartGrid.getColumnConstraints().clear();
        chartGrid.getRowConstraints().clear();
        for (int c = 0; c < layout.columns(); c++) {
            javafx.scene.layout.ColumnConstraints cc = new javafx.scene.layout.ColumnConstraints();
            cc.setPercentWidth(100.0 / layout.columns());
            cc.setHgrow(javafx.scene.layout.Priority.ALWAYS);
            chartGrid.getColumnConstraints().add(cc);
        }
        for (int r = 0; r < layout.rows(); r++) {
            javafx.scene.layout.RowConstraints rc = new javafx.scene.layout.RowConstraints();
            rc.setPercentHeight(100.0 / layout.rows());
            rc.setVgrow(javafx.scene.layout.Priority.ALWAYS);
            chartGrid.getRowConstraints().add(rc);
        }
        for (int i = 0; i < nodes.size(); i++) {
            javafx.scene.layout.GridPane.setConstraints(nodes.get(i), layout.column(i), layout.row(i));
        }
    }

    /** The charts on screen, the first one first. */
    public java.util.List<ChartView> charts() {
        java.util.List<ChartView> out = new java.util.ArrayList<>();
        out.add(chartController);
        for (int i = 1; i < model.chartLayoutProperty().get().count(); i++) {
            out.add(moreCharts.get(i - 1).controller());
        }
        return out;
    }

    private void showSimulated(boolean simulated) {
        sourceBadge.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("simulated"), simulated);
    }

    private void applyTheme(Theme theme) {
        theme.install();
        for (Theme t : Theme.values()) {
            root.getStyleClass().remove(t.styleClass());
        }
        root.getStyleClass().add(theme.styleClass());
        darkItem.setSelected(theme == Theme.DARK);
        lightItem.setSelected(theme == Theme.LIGHT);
        lightToggle.setSelected(theme == Theme.LIGHT);
    }

    /** + and − zoom the chart unless the user is typing into a field. */
    private void onTyped(KeyEvent e) {
        Scene scene = root.getScene();
        if (scene != null && scene.getFocusOwner() instanceof TextInputControl) {
            return;
        }
        switch (e.getCharacter()) {
            case "+", "=" -> {
                chartController.onZoomIn();
                e.consume();
            }
            case "-", "−", "_" -> {
                chartController.onZoomOut();
                e.consume();
            }
            default -> {
            }
        }
    }

    /** Restores the layout parts of the settings that live in the view (divider, watchlist columns, selection). */
    public void restoreLayout(Settings settings) {
        split.setDividerPositions(settings.getWatchlistDivider(), settings.getTapeDivider());
        chartSplit.setDividerPositions(settings.getAlertsDivider());
        watchlistController.restoreLayout(settings);
        boolean comfortable = Settings.COMFORTABLE.equals(settings.getWatchlistDensity());
        compactItem.setSelected(!comfortable);
        comfortableItem.setSelected(comfortable);
        watchlistController.select(settings.getSelectedSymbol());
        watchlistController.focusTable();
    }

    /** Adds the view's layout and the window's placement to the settings. */
    public void saveLayout(Settings settings, Stage stage) {
        if (split.getDividers().size() == 2) {
            settings.setWatchlistDivider(split.getDividers().get(0).getPosition());
            settings.setTapeDivider(split.getDividers().get(1).getPosition());
        }
        if (!chartSplit.getDividers().isEmpty()) {
            settings.setAlertsDivider(chartSplit.getDividers().get(0).getPosition());
        }
        watchlistController.saveLayout(settings);
        if (stage != null) {
            settings.setWindow(new Settings.WindowPlacement(stage.getX(), stage.getY(), stage.getWidth(),
                    stage.getHeight(), stage.isMaximized()));
        }
    }

    public WatchlistView watchlist() {
        return watchlistController;
    }

    public ChartView chart() {
        return chartController;
    }

    @FXML
    void onConnect() {
        ViewLoader.Loaded<ConnectionDialogView> view = loader.load(ConnectionDialogView.class);
        Dialog<SourceChoice> dialog = new Dialog<>();
        dialog.setTitle("Connect: where prices come from");
        dialog.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        dialog.getDialogPane().setContent(view.root());
        dialog.getDialogPane().getButtonTypes().addAll(new ButtonType("Connect",
                javafx.scene.control.ButtonBar.ButtonData.OK_DONE), ButtonType.CANCEL);
        ConnectionDialogView controller = view.controller();
        controller.setVault(model.vault());
        controller.prefill(model.choiceProperty().get());
        controller.setOnDemo(() -> {
            dialog.setResult(SourceChoice.demo());
            dialog.close();
        });
        ButtonType connect = dialog.getDialogPane().getButtonTypes().get(0);
        dialog.getDialogPane().lookupButton(connect).addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            if (controller.validate() == null) {
                e.consume();
            }
        });
        dialog.setResultConverter(b -> b == connect ? controller.validate() : null);
        dialog.setOnShown(e -> controller.focus());
        Optional<SourceChoice> choice = dialog.showAndWait();
        choice.ifPresent(c -> {
            if (c.kind().keyed()) {
                model.rememberCredentials(c, controller.rememberRequested());
            }
            model.connect(c);
        });
    }

    @FXML
    void onDemo() {
        model.connect(SourceChoice.demo());
    }

    @FXML
    void onFocusAdd() {
        watchlistController.focusAddField();
    }

    @FXML
    void onAbout() {
        Parent content = loader.load(AboutView.class).root();
        Dialog<Void> dialog = new Dialog<>();
        dialog.setTitle("About Stock Monitor");
        dialog.initOwner(root.getScene() == null ? null : root.getScene().getWindow());
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.show();
    }

    @FXML
    void onNewAlert() {
        String symbol = model.alertContext().selectedSymbol();
        AlertEditorDialog.open(window(), model.alerts(), model.alertContext(), null, symbol,
                symbol == null ? Double.NaN : model.alertContext().lastPrice(symbol));
    }

    @FXML
    void onShowAlerts() {
        alertsPanelController.showRules();
    }

    @FXML
    void onShowAlertLog() {
        alertsPanelController.showLog();
    }

    @FXML
    void onCompact() {
        watchlistController.setDensity(Settings.COMPACT);
    }

    @FXML
    void onComfortable() {
        watchlistController.setDensity(Settings.COMFORTABLE);
    }

    @FXML
    void onColumns() {
        watchlistController.showColumnChooser();
    }

    @FXML
    void onShortcuts() {
        Parent content = loader.load(ShortcutsView.class).root();
        Dialog<Void> dialog = new Dialog<>();
        dialog.setTitle("Keyboard shortcuts");
        dialog.initOwner(window());
        dialog.getDialogPane().setContent(content);
        dialog.getDialogPane().getButtonTypes().add(ButtonType.CLOSE);
        dialog.show();
    }

    public AlertsView alertsPanel() {
        return alertsPanelController;
    }

    public TapeView tape() {
        return tapeController;
    }

    private javafx.stage.Window window() {
        return root.getScene() == null ? null : root.getScene().getWindow();
    }

    @FXML
    void onQuit() {
        actions.quit();
    }
}
