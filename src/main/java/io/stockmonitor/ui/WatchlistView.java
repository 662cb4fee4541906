package io.stockmonitor.ui;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.fxml.FXML;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/** Controller of WatchlistView.fxml: wires the table and the add field to the {@link WatchlistViewModel}. */
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
    private TableView<WatchRow> table;
    @FXML
    private TableColumn<WatchRow, String> symbolColumn;
    @FXML
    private TableColumn<WatchRow, WatchRow> lastColumn;
    @FXML
    private TableColumn<WatchRow, Number> changeColumn;
    @FXML
    private TableColumn<WatchRow, Number> changePercentColumn;
    @FXML
    private TableColumn<WatchRow, Number> bidColumn;
    @FXML
    private TableColumn<WatchRow, Number> askColumn;
    @FXML
    private TableColumn<WatchRow, Number> volumeColumn;
    @FXML
    private TableColumn<WatchRow, WatchRow> sparkColumn;
    @FXML
    private TableColumn<WatchRow, String> freshnessColumn;

    private final ContextMenu suggestions = new ContextMenu();
    private final StringBuilder typeAhead = new StringBuilder();
    private long lastTypedMs;

    public WatchlistView(MainViewModel main) {
        this.main = main;
        this.model = main.watchlist();
    }

    @FXML
    private void initialize() {
        symbolColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().symbol()));
        lastColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        lastColumn.setCellFactory(c -> new WatchlistCells.LastPriceCell());
        lastColumn.setComparator(Comparator.comparingDouble(r -> r.lastProperty().get()));
        number(changeColumn, WatchlistCells.Format.CHANGE);
        changeColumn.setCellValueFactory(c -> c.getValue().changeProperty());
        number(changePercentColumn, WatchlistCells.Format.PERCENT);
        changePercentColumn.setCellValueFactory(c -> c.getValue().changePercentProperty());
        number(bidColumn, WatchlistCells.Format.PRICE);
        bidColumn.setCellValueFactory(c -> c.getValue().bidProperty());
        number(askColumn, WatchlistCells.Format.PRICE);
        askColumn.setCellValueFactory(c -> c.getValue().askProperty());
        number(volumeColumn, WatchlistCells.Format.VOLUME);
        volumeColumn.setCellValueFactory(c -> c.getValue().volumeProperty());
        sparkColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        sparkColumn.setCellFactory(c -> new WatchlistCells.SparklineCell());
        sparkColumn.setComparator(Comparator.comparingDouble(WatchlistView::sparkTrend));
        freshnessColumn.setCellValueFactory(c -> c.getValue().freshnessTextProperty());
        freshnessColumn.setCellFactory(c -> new WatchlistCells.FreshnessCell());

        SortedList<WatchRow> sorted = new SortedList<>(model.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        table.setRowFactory(t -> new WatchlistCells.Row());
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getSelectionModel().selectedItemProperty().addListener((obs, old, row) -> {
            if (row != null) {
                main.select(row.symbol());
            }
        });
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

    private static void number(TableColumn<WatchRow, Number> column, WatchlistCells.Format format) {
        column.setCellFactory(c -> new WatchlistCells.NumberCell(format));
    }

    private static double sparkTrend(WatchRow row) {
        int n = row.sparkCount();
        return n < 2 ? 0 : row.spark()[n - 1] - row.spark()[0];
    }

    @FXML
    void onAdd() {
        suggestions.hide();
        WatchRow row = model.add(addField.getText());
        if (row != null) {
            addField.clear();
            table.getSelectionModel().select(row);
            table.scrollTo(row);
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
        for (WatchRow row : table.getItems()) {
            if (row.symbol().startsWith(prefix)) {
                table.getSelectionModel().select(row);
                table.scrollTo(row);
                break;
            }
        }
        e.consume();
    }

    void removeSelected() {
        WatchRow row = table.getSelectionModel().getSelectedItem();
        if (row == null) {
            return;
        }
        int index = table.getSelectionModel().getSelectedIndex();
        model.remove(row.symbol());
        if (!table.getItems().isEmpty()) {
            table.getSelectionModel().select(Math.min(index, table.getItems().size() - 1));
        }
    }

    /** Ctrl+N. */
    public void focusAddField() {
        addField.requestFocus();
        addField.selectAll();
    }

    /** Selects a symbol if it is in the list (restoring the remembered selection). */
    public void select(String symbol) {
        for (WatchRow row : table.getItems()) {
            if (row.symbol().equals(symbol)) {
                table.getSelectionModel().select(row);
                table.scrollTo(row);
                return;
            }
        }
        if (!table.getItems().isEmpty()) {
            table.getSelectionModel().select(0);
        }
    }

    public void focusTable() {
        table.requestFocus();
    }
}
