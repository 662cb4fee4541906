package io.stockmonitor.ui;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Consumer;
import javafx.scene.control.CheckMenuItem;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Tooltip;
import javafx.css.PseudoClass;
import javafx.scene.Cursor;
import javafx.scene.control.Label;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.Pane;

/**
 * The watchlist's column titles, and the columns' geometry: where each starts and how wide it is. A click on a title
 * asks for a sort; dragging a title's right edge resizes that column. A dragged column keeps its width; the others
 * share the rest, the last one taking what is left over.
 */
final class WatchlistHeader extends Pane {
    private static final WatchlistColumn[] COLUMNS = WatchlistColumn.values();
    private static final PseudoClass SORTED = PseudoClass.getPseudoClass("sorted");
    /** How near a title's right edge the mouse must be to drag it. */
    private static final double EDGE_GRIP = 4;

    private final Label[] titles = new Label[COLUMNS.length];
    private final double[] columnX = new double[COLUMNS.length];
    private final double[] columnWidth = new double[COLUMNS.length];
    /** Widths the user dragged columns to (NaN: the column's preferred width). */
    private final double[] draggedWidth = new double[COLUMNS.length];
    /** Which columns show (the column chooser); the symbol always does. */
    private final boolean[] shown = new boolean[COLUMNS.length];
    private final ContextMenu chooser = new ContextMenu();
    private final Runnable onColumnsChanged;
    private int resizing = -1;
    private double resizeStartX;
    private double resizeStartWidth;
    private boolean resizedSinceClick;

    /**
     * @param onTitleClicked a title was clicked (not at the end of a resize)
     * @param onColumnsChanged a column was resized: the owner lays out again
     */
    WatchlistHeader(Consumer<WatchlistColumn> onTitleClicked, Runnable onColumnsChanged) {
        this.onColumnsChanged = onColumnsChanged;
        getStyleClass().add("watchlist-header");
        Arrays.fill(draggedWidth, Double.NaN);
        for (WatchlistColumn column : COLUMNS) {
            Label title = new Label(column.title());
            title.getStyleClass().add("watchlist-column-header");
            if (column.rightAligned()) {
                title.getStyleClass().add("num-column");
            }
            title.setMinWidth(0);
            title.setTooltip(new Tooltip(column.tooltip()));
            // Placed by layoutColumns, not by the pane.
            title.setManaged(false);
            title.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && !resizedSinceClick) {
                    onTitleClicked.accept(column);
                }
                resizedSinceClick = false;
            });
            titles[column.ordinal()] = title;
            getChildren().add(title);
        }
        for (WatchlistColumn c : WatchlistColumn.defaultShown()) {
            shown[c.ordinal()] = true;
        }
        for (WatchlistColumn column : COLUMNS) {
            CheckMenuItem item = new CheckMenuItem(column.title());
            item.setId("column-" + column.name());
            item.setDisable(column == WatchlistColumn.SYMBOL);
            item.setSelected(shown[column.ordinal()]);
            item.selectedProperty().addListener((obs, old, on) -> {
                if (shown[column.ordinal()] != on) {
                    shown[column.ordinal()] = on;
                    onColumnsChanged.run();
                }
            });
            chooser.getItems().add(item);
        }
        setOnContextMenuRequested(e -> {
            chooser.show(this, e.getScreenX(), e.getScreenY());
            e.consume();
        });
        addEventFilter(MouseEvent.MOUSE_MOVED, e -> setCursor(edgeAt(e.getX()) >= 0 ? Cursor.H_RESIZE : null));
        addEventFilter(MouseEvent.MOUSE_PRESSED, this::onPressed);
        addEventFilter(MouseEvent.MOUSE_DRAGGED, this::onDragged);
        addEventFilter(MouseEvent.MOUSE_RELEASED, e -> resizing = -1);
    }

    /** Marks the sorted column's title with its direction (null: the user's order). */
    void showSort(WatchlistColumn sorted, boolean ascending) {
        for (WatchlistColumn c : COLUMNS) {
            Label title = titles[c.ordinal()];
            boolean isSorted = c == sorted;
            title.setText(isSorted ? c.title() + (ascending ? " ▲" : " ▼") : c.title());
            title.pseudoClassStateChanged(SORTED, isSorted);
        }
    }

    /** The height the titles need. */
    double titleHeight() {
        double height = snapSizeY(prefHeight(-1));
        for (Label title : titles) {
            height = Math.max(height, snapSizeY(Math.max(title.minHeight(-1), title.prefHeight(-1))));
        }
        return height;
    }

    /** The column chooser, as a menu under the titles (Watchlist → Columns…, or a right-click on a title). */
    void showChooser() {
        chooser.show(this, javafx.geometry.Side.BOTTOM, 8, 0);
    }

    /** The columns shown. */
    Set<WatchlistColumn> shownColumns() {
        Set<WatchlistColumn> out = EnumSet.noneOf(WatchlistColumn.class);
        for (WatchlistColumn c : COLUMNS) {
            if (shown[c.ordinal()]) {
                out.add(c);
            }
        }
        return out;
    }

    /** Shows exactly these columns (and the symbol). */
    void setShownColumns(Set<WatchlistColumn> columns) {
        for (WatchlistColumn c : COLUMNS) {
            shown[c.ordinal()] = c == WatchlistColumn.SYMBOL || columns.contains(c);
            ((CheckMenuItem) chooser.getItems().get(c.ordinal())).setSelected(shown[c.ordinal()]);
        }
        onColumnsChanged.run();
    }

    private int lastShown() {
        for (int c = COLUMNS.length - 1; c >= 0; c--) {
            if (shown[c]) {
                return c;
            }
        }
        return 0;
    }

    /** Works out the columns for a body {@code available} pixels wide and places the titles over them. */
    void layoutColumns(double available, double height) {
        double room = available;
        double pref = 0;
        double min = 0;
        int last = lastShown();
        for (WatchlistColumn c : COLUMNS) {
            if (!shown[c.ordinal()]) {
                continue;
            }
            if (isDragged(c)) {
                room -= draggedWidth[c.ordinal()];
            } else {
                pref += c.prefWidth();
                min += c.minWidth();
            }
        }
        double x = 0;
        for (WatchlistColumn c : COLUMNS) {
            double width;
            titles[c.ordinal()].setVisible(shown[c.ordinal()]);
            if (!shown[c.ordinal()]) {
                width = 0;
            } else if (isDragged(c) && c.ordinal() != last) {
                width = draggedWidth[c.ordinal()];
            } else if (isDragged(c)) {
                width = Math.max(draggedWidth[c.ordinal()], room + draggedWidth[c.ordinal()] - pref);
            } else if (room >= pref) {
                width = c.prefWidth() + (c.ordinal() == last ? room - pref : 0);
            } else if (room > min) {
                width = c.minWidth() + (c.prefWidth() - c.minWidth()) * (room - min) / (pref - min);
            } else {
                width = c.minWidth();
            }
            width = snapSizeX(width);
            columnX[c.ordinal()] = x;
            columnWidth[c.ordinal()] = width;
            titles[c.ordinal()].resizeRelocate(x, 0, width, height);
            x += width;
        }
    }

    /** Where each column starts (in order of {@link WatchlistColumn}); live array, do not change. */
    double[] columnX() {
        return columnX;
    }

    /** How wide each column is; live array, do not change. */
    double[] columnWidths() {
        return columnWidth;
    }

    double columnWidth(WatchlistColumn column) {
        return columnWidth[column.ordinal()];
    }

    /** Sets a column's width as if the user dragged its edge (never below its minimum). */
    void resizeColumn(WatchlistColumn column, double width) {
        draggedWidth[column.ordinal()] = Math.max(column.minWidth(), width);
        onColumnsChanged.run();
    }

    /** Widths of the columns the user dragged, in column order. */
    java.util.Map<WatchlistColumn, Double> draggedWidths() {
        java.util.Map<WatchlistColumn, Double> out = new java.util.EnumMap<>(WatchlistColumn.class);
        for (WatchlistColumn c : COLUMNS) {
            if (isDragged(c)) {
                out.put(c, draggedWidth[c.ordinal()]);
            }
        }
        return out;
    }

    private boolean isDragged(WatchlistColumn c) {
        return !Double.isNaN(draggedWidth[c.ordinal()]);
    }

    /** The column whose right edge is within {@link #EDGE_GRIP} of {@code x}, or -1; the last one has no grip. */
    private int edgeAt(double x) {
        int last = lastShown();
        for (int c = 0; c < last; c++) {
            if (shown[c] && Math.abs(columnX[c] + columnWidth[c] - x) <= EDGE_GRIP) {
                return c;
            }
        }
        return -1;
    }

    private void onPressed(MouseEvent e) {
        resizing = e.getButton() == MouseButton.PRIMARY ? edgeAt(e.getX()) : -1;
        if (resizing >= 0) {
            resizeStartX = e.getX();
            resizeStartWidth = columnWidth[resizing];
            resizedSinceClick = true;
            e.consume();
        }
    }

    private void onDragged(MouseEvent e) {
        if (resizing >= 0) {
            resizeColumn(COLUMNS[resizing], resizeStartWidth + e.getX() - resizeStartX);
            e.consume();
        }
    }
}
