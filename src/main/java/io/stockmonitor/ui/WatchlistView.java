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
        table.setContextMenu(new ContextMenu(remove));
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

    /** Puts back the column widths and sort the user left (already normalized). */
    public void restoreLayout(Settings settings) {
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
        WatchlistColumn.Sort sort = table.sort();
        settings.setWatchlistSort(sort == null ? null : sort.format());
    }

    public void focusTable() {
        table.requestFocus();
    }
}
