package io.stockmonitor.ui.alerts;

import io.stockmonitor.alerts.AlertFiring;
import io.stockmonitor.alerts.AlertRule;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.StackPane;

/**
 * Controller of AlertsView.fxml: the rules (listed, made, edited, paused, deleted) and the log of firings with
 * their marks. Tables are fine here: they change only when a rule or a firing does, never per trade.
 */
public final class AlertsView {
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
    private static final DateTimeFormatter SECONDS =
            DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final AlertsViewModel model;
    private final AlertContext context;

    @FXML
    private TabPane tabs;
    @FXML
    private Tab rulesTab;
    @FXML
    private Tab logTab;
    @FXML
    private TableView<AlertRule> rulesTable;
    @FXML
    private TableView<AlertFiring> logTable;
    @FXML
    private Button editButton;
    @FXML
    private Button pauseButton;
    @FXML
    private Button deleteButton;
    @FXML
    private CheckBox soundBox;
    @FXML
    private CheckBox notifyBox;
    @FXML
    private Label logSummary;

    public AlertsView(AlertsViewModel model, AlertContext context) {
        this.model = model;
        this.context = context;
    }

    @FXML
    private void initialize() {
        rulesTable.setItems(model.rules());
        // Short enough for one line of the panel at 1024 × 640; the other ways to add one are in its tooltip.
        Label none = new Label("No alerts yet: New alert… adds one");
        none.setTooltip(new Tooltip("Or right-click a watchlist row, or right-click the chart at a price"));
        none.setWrapText(true);
        // The placeholder's area is as wide as the columns, which may be wider than the table: the text keeps to
        // the visible width, from the left, so a narrow panel shows all of it.
        none.maxWidthProperty().bind(rulesTable.widthProperty().subtract(24));
        StackPane noneArea = new StackPane(none);
        noneArea.setAlignment(Pos.TOP_LEFT);
        noneArea.setPadding(new Insets(12));
        rulesTable.setPlaceholder(noneArea);
        rulesTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        rulesTable.getColumns().add(column("Symbol", 82, r -> r.symbol(), "The symbol the alert watches"));
        rulesTable.getColumns().add(column("Alert", 190, r -> r.describe().substring(r.symbol().length() + 1),
                "What fires it"));
        rulesTable.getColumns().add(column("Fires", 116, AlertRule::rearmText,
                "Once, or every time it re-arms (how far back the value must come first)"));
        TableColumn<AlertRule, String> status = column("Status", 72, this::status,
                "Active (evaluated on every trade), Paused, or Fired (a one-shot alert that fired)");
        status.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                getStyleClass().removeAll("status-fired", "status-paused");
                if (!empty && item != null) {
                    getStyleClass().add(item.equals("Fired") ? "status-fired"
                            : item.equals("Paused") ? "status-paused" : "status-active");
                }
            }
        });
        rulesTable.getColumns().add(status);
        TableColumn<AlertRule, String> last = column("Last fired", 170, this::lastFired,
                "When it last fired, at what price, and its marks");
        last.setMinWidth(60);
        rulesTable.getColumns().add(last);
        rulesTable.setRowFactory(t -> {
            TableRow<AlertRule> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    edit(row.getItem());
                }
            });
            return row;
        });
        rulesTable.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
                onDelete();
                e.consume();
            }
        });
        rulesTable.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> updateButtons());
        model.firedVersionProperty().addListener((obs, old, now) -> rulesTable.refresh());
        updateButtons();
        model.rules().addListener((javafx.collections.ListChangeListener<AlertRule>) c -> updateButtons());

        logTable.setItems(model.log());
        logTable.setPlaceholder(new Label("Nothing fired yet"));
        logTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        logTable.getColumns().add(logColumn("Time", 100, f -> TIME.format(Instant.ofEpochMilli(f.atMs())),
                "When it fired here (your clock)", false));
        logTable.getColumns().add(logColumn("Symbol", 82, AlertFiring::symbol, "The symbol", false));
        logTable.getColumns().add(logColumn("Rule", 104, f -> f.rule().text(), "The alert's short form", false));
        logTable.getColumns().add(logColumn("Price", 80, f -> f.hasTrade() ? AlertRule.plain(f.price()) : "—",
                "The price of the trade that fired it", true));
        TableColumn<AlertFiring, String> marks = logColumn("Marks", 112, AlertsView::marks,
                "refilled: fired on a trade replayed or refilled after an outage (its own time is shown); "
                        + "across a gap: the price jumped over the level while trades were lost", false);
        marks.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
                setTooltip(empty || item == null || item.isEmpty() ? null : new Tooltip(item));
                getStyleClass().remove("mark-cell");
                if (!empty && item != null && !item.isEmpty()) {
                    getStyleClass().add("mark-cell");
                }
            }
        });
        logTable.getColumns().add(marks);
        TableColumn<AlertFiring, String> what = logColumn("What happened", 260, AlertFiring::message,
                "What the alert saw", false);
        // The last column takes what is left, and gives way first when the panel is narrow.
        what.setMinWidth(60);
        logTable.getColumns().add(what);
        logSummary.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.log().isEmpty() ? "Firings appear here, newest first"
                        : model.log().size() + " firings (the newest " + io.stockmonitor.alerts.AlertLimits.LOG_ENTRIES
                        + " are kept)", model.log()));
        logTab.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.unseenProperty().get() == 0 ? "Alert log" : "Alert log (" + model.unseenProperty().get()
                        + ")", model.unseenProperty()));
        rulesTab.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> "Alerts (" + model.rules().size() + ")", model.rules()));
        tabs.getSelectionModel().selectedItemProperty().addListener((obs, old, now) -> {
            if (now == logTab) {
                model.markSeen();
            }
        });
        // Firings that arrive while the log is open are seen as they come.
        model.unseenProperty().addListener((obs, old, now) -> {
            if (now.intValue() > 0 && tabs.getSelectionModel().getSelectedItem() == logTab) {
                model.markSeen();
            }
        });

        soundBox.selectedProperty().bindBidirectional(model.soundOnProperty());
        soundBox.setTooltip(new Tooltip("A short chime when an alert fires"));
        String mechanism = model.notificationMechanism();
        if (!mechanism.equals("none")) {
            notifyBox.selectedProperty().bindBidirectional(model.notificationsOnProperty());
        }
        notifyBox.setTooltip(new Tooltip(mechanism.equals("none")
                ? "This system offers no desktop notifications (on Linux, install libnotify's notify-send)"
                : "Also show a notification of the operating system, through " + mechanism));
        notifyBox.setDisable(mechanism.equals("none"));
    }

    private static String marks(AlertFiring f) {
        String m = f.marks();
        if (f.refilled() && f.hasTrade()) {
            m = m + " · trade at " + TIME.format(Instant.ofEpochMilli(f.ts()));
        }
        return m;
    }

    private String status(AlertRule r) {
        if (!r.paused()) {
            return "Active";
        }
        return r.oneShot() && model.lastFired(r.id()) != null ? "Fired" : "Paused";
    }

    private String lastFired(AlertRule r) {
        AlertFiring f = model.lastFired(r.id());
        if (f == null) {
            return "";
        }
        String at = SECONDS.format(Instant.ofEpochMilli(f.atMs()));
        String price = f.hasTrade() ? " at " + AlertRule.plain(f.price()) : "";
        return at + price + (f.marks().isEmpty() ? "" : " · " + f.marks());
    }

    private static <T> TableColumn<T, String> column(String title, double width, Function<T, String> value,
                                                     String tip) {
        TableColumn<T, String> c = new TableColumn<>();
        Label header = new Label(title);
        header.setTooltip(new Tooltip(tip));
        c.setGraphic(header);
        c.setPrefWidth(width);
        // A title never shrinks into "...": the last column gives way first.
        c.setMinWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyStringWrapper(value.apply(d.getValue())));
        c.setSortable(false);
        return c;
    }

    private static TableColumn<AlertFiring, String> logColumn(String title, double width,
                                                              Function<AlertFiring, String> value, String tip,
                                                              boolean number) {
        TableColumn<AlertFiring, String> c = column(title, width, value, tip);
        if (number) {
            c.getStyleClass().add("num-cell");
        }
        return c;
    }

    private void updateButtons() {
        AlertRule selected = rulesTable.getSelectionModel().getSelectedItem();
        editButton.setDisable(selected == null);
        deleteButton.setDisable(selected == null);
        pauseButton.setDisable(selected == null);
        pauseButton.setText(selected != null && selected.paused() ? "Arm" : "Pause");
    }

    @FXML
    void onNew() {
        String symbol = context.selectedSymbol();
        AlertEditorDialog.open(tabs.getScene() == null ? null : tabs.getScene().getWindow(), model, context, null,
                symbol, symbol == null ? Double.NaN : context.lastPrice(symbol));
    }

    @FXML
    void onEdit() {
        AlertRule selected = rulesTable.getSelectionModel().getSelectedItem();
        if (selected != null) {
            edit(selected);
        }
    }

    private void edit(AlertRule rule) {
        AlertEditorDialog.open(tabs.getScene() == null ? null : tabs.getScene().getWindow(), model, context, rule,
                rule.symbol(), context.lastPrice(rule.symbol()));
    }

    @FXML
    void onPause() {
        AlertRule selected = rulesTable.getSelectionModel().getSelectedItem();
        if (selected != null) {
            int index = rulesTable.getSelectionModel().getSelectedIndex();
            model.book().setPaused(selected.id(), !selected.paused());
            rulesTable.getSelectionModel().select(index);
            updateButtons();
        }
    }

    @FXML
    void onDelete() {
        AlertRule selected = rulesTable.getSelectionModel().getSelectedItem();
        if (selected != null) {
            int index = rulesTable.getSelectionModel().getSelectedIndex();
            model.book().remove(selected.id());
            rulesTable.getSelectionModel().select(Math.min(index, model.rules().size() - 1));
        }
    }

    @FXML
    void onClearLog() {
        model.log().clear();
        model.markSeen();
    }

    /** Shows the rules tab. */
    public void showRules() {
        tabs.getSelectionModel().select(rulesTab);
    }

    /** Shows the log tab (a toast was clicked). */
    public void showLog() {
        tabs.getSelectionModel().select(logTab);
    }
}
