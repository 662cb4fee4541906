package io.stockmonitor.ui;

import java.util.List;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/** Controller of WatchlistView.fxml: wires the grid and the add field to the {@link WatchlistViewModel}. */
public final class WatchlistView {
    /** Letters typed within this time extend the jump-to prefix; after it they start a new one. */
    static final long TYPE_AHEAD_RESET_MS = 1_000;

    private final WatchlistViewModel model;
    private final MainViewModel main;

    @FXML
    private TextField addField;
    @FXML
    private Label addError;
    @FXML
    private WatchlistGrid table;
    @FXML
    private javafx.scene.layout.HBox listTabs;
    private final javafx.scene.control.ToggleGroup tabGroup = new javafx.scene.control.ToggleGroup();

    private final ContextMenu suggestions = new ContextMenu();
    private final StringBuilder typeAhead = new StringBuilder();
    private long lastTypedMs;

    public WatchlistView(MainViewModel main) {
        this.main = main;
        this.model = main.watchlist();
    }

    @FXML
    private void initialize() {
        table.setItems(model.rows());
        table.setPlaceholderText("No symbols — add one above (Ctrl+N)");
        table.selectedRowProperty().addListener((obs, old, row) -> {
            if (row != null) {
                main.select(row.symbol());
            }
        });
        // Once per frame, after the rows took the market's changes.
        model.rowsVersionProperty().addListener((obs, old, now) -> table.repaint());
        MenuItem remove = new MenuItem("Remove from watchlist");
        remove.setOnAction(e -> removeSelected());
        MenuItem alert = new MenuItem("New alert…");
        alert.setId("rowNewAlert");
        alert.setOnAction(e -> newAlertOnSelected());
        javafx.scene.control.Menu addTo = new javafx.scene.control.Menu("Add to list");
        addTo.setId("rowAddToList");
        ContextMenu menu = new ContextMenu(alert, addTo, new javafx.scene.control.SeparatorMenuItem(), remove);
        menu.setOnShowing(e -> {
            WatchRow row = table.getSelectedRow();
            alert.setText(row == null ? "New alert…" : "New alert on " + row.symbol() + "…");
            addTo.getItems().clear();
            for (String name : model.listNames()) {
                if (!name.equals(model.activeListProperty().get()) && row != null) {
                    MenuItem item = new MenuItem(name);
                    item.setOnAction(a -> model.addToList(name, row.symbol()));
                    addTo.getItems().add(item);
                }
            }
            MenuItem fresh = new MenuItem("New list…");
            fresh.setOnAction(a -> {
                String symbol = row == null ? null : row.symbol();
                String active = model.activeListProperty().get();
                if (askNewList() && symbol != null) {
                    model.addToList(model.activeListProperty().get(), symbol);
                    model.switchTo(active);
                }
            });
            addTo.getItems().add(fresh);
        });
        table.setContextMenu(menu);
        table.setOnReorder((row, to) -> model.move(row.symbol(), to));
        model.listNames().addListener((javafx.collections.ListChangeListener<String>) c -> buildTabs());
        model.activeListProperty().addListener((obs, old, now) -> buildTabs());
        buildTabs();
        table.addEventHandler(KeyEvent.KEY_PRESSED, this::onTableKey);
        table.addEventHandler(KeyEvent.KEY_TYPED, this::onTableTyped);

        addError.textProperty().bind(model.addErrorProperty());
        addError.visibleProperty().bind(model.addErrorProperty().isNotEmpty());
        addError.managedProperty().bind(addError.visibleProperty());
        addField.textProperty().addListener((obs, old, text) -> offerSuggestions(text));
        addField.setOnAction(e -> onAdd());
        addField.focusedProperty().addListener((obs, old, focused) -> {
            if (!focused) {
                suggestions.hide();
            }
        });
    }

    @FXML
    void onAdd() {
        suggestions.hide();
        WatchRow row = model.add(addField.getText());
        if (row != null) {
            addField.clear();
            table.select(row);
        }
    }

    private void offerSuggestions(String text) {
        if (!text.isEmpty()) {
            model.clearError();
        }
        List<String> matches = model.suggestions(text);
        if (matches.isEmpty() || !addField.isFocused()
                || (matches.size() == 1 && matches.get(0).equalsIgnoreCase(text.trim()))) {
            suggestions.hide();
            return;
        }
        suggestions.getItems().clear();
        for (String s : matches) {
            MenuItem item = new MenuItem(s);
            item.setOnAction(e -> {
                addField.setText(s);
                onAdd();
            });
            suggestions.getItems().add(item);
        }
        if (!suggestions.isShowing()) {
            suggestions.show(addField, javafx.geometry.Side.BOTTOM, 0, 0);
        }
    }

    private void onTableKey(KeyEvent e) {
        if (e.getCode() == KeyCode.DELETE || e.getCode() == KeyCode.BACK_SPACE) {
            removeSelected();
            e.consume();
        }
    }

    /** Type letters to jump to the first symbol starting with them. */
    private void onTableTyped(KeyEvent e) {
        String c = e.getCharacter();
        if (c.length() != 1 || !Character.isLetterOrDigit(c.charAt(0)) || e.isShortcutDown()) {
            return;
        }
        long now = System.currentTimeMillis();
        if (now - lastTypedMs > TYPE_AHEAD_RESET_MS) {
            typeAhead.setLength(0);
        }
        lastTypedMs = now;
        typeAhead.append(c.toUpperCase(Locale.ROOT));
        String prefix = typeAhead.toString();
        for (WatchRow row : table.displayedRows()) {
            if (row.symbol().startsWith(prefix)) {
                table.select(row);
                break;
            }
        }
        e.consume();
    }

    /** The named lists as tabs: click to open, right-click to rename or delete, + for a new one. */
    private void buildTabs() {
        listTabs.getChildren().clear();
        for (String name : model.listNames()) {
            javafx.scene.control.ToggleButton tab = new javafx.scene.control.ToggleButton(name);
            tab.getStyleClass().add("list-tab");
            tab.setToggleGroup(tabGroup);
            tab.setSelected(name.equals(model.activeListProperty().get()));
            tab.setOnAction(e -> {
                model.switchTo(name);
                tab.setSelected(true);
                table.select(0);
            });
            tab.setTooltip(new javafx.scene.control.Tooltip("Watchlist " + name + " (right-click to rename or delete)"));
            MenuItem rename = new MenuItem("Rename…");
            rename.setOnAction(e -> ask("Rename " + name, name).ifPresent(n -> {
                String problem = model.renameList(name, n);
                if (problem != null) {
                    model.showError(problem);
                }
            }));
            MenuItem delete = new MenuItem("Delete list");
            delete.setDisable(model.listNames().size() <= 1);
            delete.setOnAction(e -> model.deleteList(name));
            tab.setContextMenu(new ContextMenu(rename, delete));
            listTabs.getChildren().add(tab);
        }
        javafx.scene.control.Button add = new javafx.scene.control.Button("+");
        add.setId("newListButton");
        add.getStyleClass().add("list-add");
        add.setTooltip(new javafx.scene.control.Tooltip("A new watchlist"));
        add.setOnAction(e -> askNewList());
        listTabs.getChildren().add(add);
    }

    private boolean askNewList() {
        java.util.Optional<String> name = ask("New watchlist", "");
        if (name.isEmpty()) {
            return false;
        }
        String problem = model.newList(name.get());
        if (problem != null) {
            model.showError(problem);
            return false;
        }
        return true;
    }

    private java.util.Optional<String> ask(String title, String initial) {
        javafx.scene.control.TextInputDialog d = new javafx.scene.control.TextInputDialog(initial);
        d.setTitle(title);
        d.setHeaderText(null);
        d.setContentText("Name");
        if (listTabs.getScene() != null) {
            d.initOwner(listTabs.getScene().getWindow());
        }
        return d.showAndWait();
    }

    /** Opens the alert editor on the selected row's symbol at its last price. */
    void newAlertOnSelected() {
        WatchRow row = table.getSelectedRow();
        if (row == null) {
            return;
        }
        io.stockmonitor.ui.alerts.AlertEditorDialog.open(table.getScene() == null ? null : table.getScene().getWindow(),
                main.alerts(), main.alertContext(), null, row.symbol(), row.lastProperty().get());
    }

    /** Watchlist → Columns…: which columns show. */
    public void showColumnChooser() {
        table.showColumnChooser();
    }

    void removeSelected() {
        WatchRow row = table.getSelectedRow();
        if (row == null) {
            return;
        }
        int index = table.getSelectedIndex();
        model.remove(row.symbol());
        table.select(index);
    }

    /** Ctrl+N. */
    public void focusAddField() {
        addField.requestFocus();
        addField.selectAll();
    }

    /** Selects a symbol if it is in the list (restoring the remembered selection). */
    public void select(String symbol) {
        for (WatchRow row : table.displayedRows()) {
            if (row.symbol().equals(symbol)) {
                table.select(row);
                return;
            }
        }
        table.select(0);
    }

    /** Row density: compact (the default) or comfortable. */
    public void setDensity(String density) {
        table.getStyleClass().remove(Settings.COMFORTABLE);
        if (Settings.COMFORTABLE.equals(density)) {
            table.getStyleClass().add(Settings.COMFORTABLE);
        }
    }

    public String density() {
        return table.getStyleClass().contains(Settings.COMFORTABLE) ? Settings.COMFORTABLE : Settings.COMPACT;
    }

    /** Puts back the column widths and sort the user left (already normalized). */
    public void restoreLayout(Settings settings) {
        if (settings.getWatchlistColumns() != null) {
            java.util.Set<WatchlistColumn> shown = java.util.EnumSet.noneOf(WatchlistColumn.class);
            for (String name : settings.getWatchlistColumns()) {
                WatchlistColumn c = WatchlistColumn.parse(name);
                if (c != null) {
                    shown.add(c);
                }
            }
            table.setShownColumns(shown);
        }
        setDensity(settings.getWatchlistDensity());
        settings.getWatchlistColumnWidths().forEach((name, width) -> {
            WatchlistColumn column = WatchlistColumn.parse(name);
            if (column != null) {
                table.resizeColumn(column, width);
            }
        });
        table.sortBy(WatchlistColumn.parseSort(settings.getWatchlistSort()));
    }

    /** Adds the dragged column widths and the sort to the settings. */
    public void saveLayout(Settings settings) {
        java.util.Map<String, Double> widths = new java.util.LinkedHashMap<>();
        table.draggedWidths().forEach((column, width) -> widths.put(column.name(), width));
        settings.setWatchlistColumnWidths(widths);
        settings.setWatchlistColumns(table.shownColumns().stream().map(Enum::name).toList());
        settings.setWatchlistDensity(density());
        WatchlistColumn.Sort sort = table.sort();
        settings.setWatchlistSort(sort == null ? null : sort.format());
    }

    public void focusTable() {
        table.requestFocus();
    }
}
