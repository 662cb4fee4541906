package io.stockmonitor.ui;

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
