package io.stockmonitor.ui;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import javafx.beans.Observable;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.css.StyleConverter;
import javafx.geometry.Orientation;
import javafx.scene.AccessibleRole;
import javafx.scene.canvas.Canvas;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.input.ContextMenuEvent;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;

/**
 * The watchlist table: a header of clickable column titles (sort ascending, descending, then back to the user's
 * order), and the rows drawn on one {@link Canvas} by {@link WatchlistPainter}, which redraws only the cells that
 * changed. Single selection by mouse or keyboard (arrows, Page Up/Down, Home/End), mouse-wheel scrolling by rows,
 * a context menu on the row under the mouse, and columns resized by dragging a title's right edge (the last column
 * takes the rest of the width).
 *
 * <p>The view calls {@link #repaint()} once per frame after the rows took the market's changes; nothing here
 * listens to a row's properties.
 *
 * <p>Looks: style class {@value #STYLE_CLASS}; colours are the CSS properties of {@link WatchlistColor}; fonts
 * {@code -sm-watchlist-symbol-font}, {@code -sm-watchlist-number-font}, {@code -sm-watchlist-tag-font}; row height
 * {@code -sm-watchlist-row-height}; sparkline stroke {@code -sm-watchlist-sparkline-width}; space between a cell's
 * edge and its text {@code -sm-watchlist-cell-padding}.
 */
public final class WatchlistGrid extends Region {
    public static final String STYLE_CLASS = "watchlist-grid";
    /** How often a sorted list is re-sorted as its values change. */
    static final long RESORT_INTERVAL_NANOS = 1_000_000_000L;
    private static final WatchlistColumn[] COLUMNS = WatchlistColumn.values();

    private final Canvas canvas = new Canvas();
    private final WatchlistHeader header = new WatchlistHeader(this::cycleSort, this::columnsChanged);
    private final ScrollBar scrollBar = new ScrollBar();
    private final Label placeholder = new Label();
    private final WatchlistPainter painter;
    private final List<WatchRow> displayed = new ArrayList<>();
    private final List<WatchRow> displayedView = Collections.unmodifiableList(displayed);
    private final ReadOnlyObjectWrapper<WatchRow> selectedRow = new ReadOnlyObjectWrapper<>(this, "selectedRow");
    private final ListChangeListener<WatchRow> itemsListener = c -> rebuildDisplayed();

    private final Map<WatchlistColor, StyleableObjectProperty<Paint>> colors = new EnumMap<>(WatchlistColor.class);
    private final StyleableObjectProperty<Font> symbolFont = styleable(SYMBOL_FONT, Font.font(13));
    private final StyleableObjectProperty<Font> numberFont = styleable(NUMBER_FONT, Font.font("monospaced", 12.5));
    private final StyleableObjectProperty<Font> tagFont = styleable(TAG_FONT, Font.font(11));
    private final StyleableObjectProperty<Number> rowHeight = styleable(ROW_HEIGHT, 36);
    private final StyleableObjectProperty<Number> sparklineWidth = styleable(SPARKLINE_WIDTH, 1.2);
    private final StyleableObjectProperty<Number> cellPadding = styleable(CELL_PADDING, 8);

    private ObservableList<WatchRow> items;
    private ContextMenu contextMenu;
    /** Drag to reorder (in the user's order only): the row dragged, where it started, and the drop line. */
    private final Region dropLine = new Region();
    private java.util.function.BiConsumer<WatchRow, Integer> onReorder;
    private WatchRow dragRow;
    private double dragStartY;
    private int dropIndex = -1;
    private WatchlistColumn sortColumn;
    private boolean sortAscending;
    private int firstRow;
    private long lastSortNanos;
    private boolean styleChanged = true;

    public WatchlistGrid() {
        getStyleClass().add(STYLE_CLASS);
        setFocusTraversable(true);
        setAccessibleRole(AccessibleRole.TABLE_VIEW);
        for (WatchlistColor c : WatchlistColor.values()) {
            colors.put(c, styleable(COLOR_META.get(c), c.fallback()));
        }
        placeholder.getStyleClass().add("table-placeholder");
        placeholder.setMouseTransparent(true);
        scrollBar.setOrientation(Orientation.VERTICAL);
        scrollBar.setMin(0);
        scrollBar.setUnitIncrement(1);
        scrollBar.valueProperty().addListener((obs, old, now) -> scrollTo((int) Math.round(now.doubleValue())));
        dropLine.getStyleClass().add("drop-line");
        dropLine.setManaged(false);
        dropLine.setVisible(false);
        dropLine.setMouseTransparent(true);
        getChildren().addAll(header, canvas, scrollBar, placeholder, dropLine);
        painter = new WatchlistPainter(canvas.getGraphicsContext2D(), currentStyle());

        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::onMousePressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onMouseDragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::onMouseReleased);
        canvas.addEventHandler(ContextMenuEvent.CONTEXT_MENU_REQUESTED, this::onContextMenu);
        canvas.addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
        selectedRow.addListener((obs, old, now) -> {
            // The rows are pixels, so a screen reader hears the selection from here.
            setAccessibleText(now == null ? "Watchlist" : "Watchlist, " + now.symbol() + " selected");
            paintNow();
        });
        setAccessibleText("Watchlist");
    }

    private void columnsChanged() {
        painter.repaintAll();
        requestLayout();
    }

    /** The rows in the user's order; the grid shows them in that order or sorted by a column. */
    public void setItems(ObservableList<WatchRow> rows) {
        if (items != null) {
            items.removeListener(itemsListener);
        }
        items = rows;
        items.addListener(itemsListener);
        rebuildDisplayed();
    }

    /** The rows in display order (sorted if a column is sorted). */
    public List<WatchRow> displayedRows() {
        return displayedView;
    }

    public ReadOnlyObjectProperty<WatchRow> selectedRowProperty() {
        return selectedRow.getReadOnlyProperty();
    }

    public WatchRow getSelectedRow() {
        return selectedRow.get();
    }

    /** The selected row's place in display order, or -1. */
    public int getSelectedIndex() {
        return displayed.indexOf(selectedRow.get());
    }

    /** Selects a row (null clears) and scrolls it into view. */
    public void select(WatchRow row) {
        WatchRow shown = row != null && displayed.contains(row) ? row : null;
        selectedRow.set(shown);
        if (shown != null) {
            scrollIntoView(displayed.indexOf(shown));
        }
    }

    /** Selects the row at {@code index} in display order (clamped), or nothing when there are no rows. */
    public void select(int index) {
        select(displayed.isEmpty() ? null : displayed.get(Math.max(0, Math.min(index, displayed.size() - 1))));
    }

    public void setContextMenu(ContextMenu menu) {
        this.contextMenu = menu;
    }

    public void setPlaceholderText(String text) {
        placeholder.setText(text);
    }

    /** Header click: ascending, then descending, then the user's order again. */
    void cycleSort(WatchlistColumn column) {
        if (sortColumn != column) {
            sortColumn = column;
            sortAscending = true;
        } else if (sortAscending) {
            sortAscending = false;
        } else {
            sortColumn = null;
        }
        sortBy(sortColumn == null ? null : new WatchlistColumn.Sort(sortColumn, sortAscending));
    }

    /** The sort in effect, or null for the user's order. */
    WatchlistColumn.Sort sort() {
        return sortColumn == null ? null : new WatchlistColumn.Sort(sortColumn, sortAscending);
    }

    /** Sorts by a column (null: the user's order), as if its title had been clicked to get there. */
    void sortBy(WatchlistColumn.Sort sort) {
        sortColumn = sort == null ? null : sort.column();
        sortAscending = sort != null && sort.ascending();
        header.showSort(sortColumn, sortAscending);
        rebuildDisplayed();
    }

    /** Watchlist → Columns…: the chooser under the titles. */
    public void showColumnChooser() {
        header.showChooser();
    }

    /** The columns shown. */
    java.util.Set<WatchlistColumn> shownColumns() {
        return header.shownColumns();
    }

    /** Shows exactly these columns (the symbol always). */
    void setShownColumns(java.util.Set<WatchlistColumn> columns) {
        header.setShownColumns(columns);
    }

    /** Widths of the columns the user dragged. */
    java.util.Map<WatchlistColumn, Double> draggedWidths() {
        return header.draggedWidths();
    }

    /**
     * Once per frame: re-sorts if it is time ({@link #RESORT_INTERVAL_NANOS}), then draws the cells whose rows
     * changed since the last frame.
     */
    public void repaint() {
        resortIfDue(System.nanoTime());
        paintNow();
    }

    /**
     * A sorted list follows the values as they change, but at most once a second: often enough that a ranking
     * stays true (and a sort restored at start-up, before any price arrived, takes hold), seldom enough that rows
     * do not jump under the eye every frame. Rows that moved are redrawn; the rest stay.
     */
    void resortIfDue(long nowNanos) {
        if (nowNanos - lastSortNanos >= RESORT_INTERVAL_NANOS) {
            sortDisplayed(nowNanos);
        }
    }

    private void sortDisplayed(long nowNanos) {
        if (sortColumn != null) {
            lastSortNanos = nowNanos;
            displayed.sort(sortColumn.comparator(sortAscending));
        }
    }

    /** What was last drawn: cells painted since the start, for tests and benchmarks. */
    long cellsPainted() {
        return painter.cellsPainted();
    }

    /** Times a last price was drawn at the start of an up-tick highlight. */
    long flashUpPaints() {
        return painter.flashUpPaints();
    }

    /** The row drawn at {@code y} in the canvas's coordinates, or null. */
    private WatchRow rowAt(double y) {
        int index = y < 0 ? -1 : firstRow + (int) (y / rowHeight());
        return index >= 0 && index < displayed.size() ? displayed.get(index) : null;
    }

    /** The vertical middle of {@code row} in the grid's coordinates, or NaN when it is not in view. */
    double rowCenterY(WatchRow row) {
        int slot = displayed.indexOf(row) - firstRow;
        if (slot < 0 || slot >= fullSlots()) {
            return Double.NaN;
        }
        return canvas.getLayoutY() + (slot + 0.5) * rowHeight();
    }

    private void rebuildDisplayed() {
        displayed.clear();
        if (items != null) {
            displayed.addAll(items);
        }
        sortDisplayed(System.nanoTime());
        WatchRow selected = selectedRow.get();
        if (selected != null && !displayed.contains(selected)) {
            selectedRow.set(null);
        }
        placeholder.setVisible(displayed.isEmpty());
        // Drawn in the next layout pass: adding a hundred symbols redraws once, not a hundred times.
        painter.repaintAll();
        requestLayout();
    }

    private void scrollTo(int row) {
        int clamped = Math.max(0, Math.min(row, maxFirstRow()));
        if (clamped != firstRow) {
            firstRow = clamped;
            painter.repaintAll();
        }
        if (scrollBar.getValue() != firstRow) {
            scrollBar.setValue(firstRow);
        }
        paintNow();
    }

    private void scrollIntoView(int index) {
        if (index < firstRow) {
            scrollTo(index);
        } else if (index >= firstRow + fullSlots()) {
            scrollTo(index - fullSlots() + 1);
        }
    }

    private int fullSlots() {
        return Math.max(1, (int) Math.floor(canvas.getHeight() / rowHeight()));
    }

    private int maxFirstRow() {
        return Math.max(0, displayed.size() - fullSlots());
    }

    private double rowHeight() {
        return Math.max(8, rowHeight.get().doubleValue());
    }

    private void paintNow() {
        if (styleChanged) {
            styleChanged = false;
            painter.setStyle(currentStyle());
        }
        painter.paint(displayed, firstRow, selectedRow.get());
    }

    private WatchlistStyle currentStyle() {
        Map<WatchlistColor, Paint> paints = new EnumMap<>(WatchlistColor.class);
        colors.forEach((c, p) -> paints.put(c, p.get()));
        return new WatchlistStyle(paints, symbolFont.get(), numberFont.get(), tagFont.get(), rowHeight(),
                sparklineWidth.get().doubleValue(), cellPadding.get().doubleValue());
    }

    // ---- input ----------------------------------------------------------------------------------------------

    private void onMousePressed(MouseEvent e) {
        requestFocus();
        WatchRow row = rowAt(e.getY());
        if (row != null) {
            select(row);
        }
        dragRow = e.isPrimaryButtonDown() ? row : null;
        dragStartY = e.getY();
        dropIndex = -1;
    }

    /** Called with the row dropped and its new place in the user's order. */
    public void setOnReorder(java.util.function.BiConsumer<WatchRow, Integer> handler) {
        this.onReorder = handler;
    }

    private void onMouseDragged(MouseEvent e) {
        // A sorted list shows the values' order, not the user's: nothing to drag into.
        if (dragRow == null || sortColumn != null || onReorder == null || Math.abs(e.getY() - dragStartY) < 5) {
            return;
        }
        double h = rowHeight();
        int slot = (int) Math.round(Math.max(0, e.getY()) / h);
        dropIndex = Math.max(0, Math.min(displayed.size(), firstRow + slot));
        double y = canvas.getLayoutY() + (dropIndex - firstRow) * h - 1;
        dropLine.resizeRelocate(canvas.getLayoutX(), y, canvas.getWidth(), 2);
        dropLine.setVisible(y >= canvas.getLayoutY() - 1 && y <= canvas.getLayoutY() + canvas.getHeight());
        e.consume();
    }

    private void onMouseReleased(MouseEvent e) {
        dropLine.setVisible(false);
        if (dragRow != null && dropIndex >= 0 && onReorder != null) {
            int from = displayed.indexOf(dragRow);
            int to = dropIndex > from ? dropIndex - 1 : dropIndex;
            if (from >= 0 && to != from) {
                WatchRow moved = dragRow;
                onReorder.accept(moved, to);
                select(moved);
            }
        }
        dragRow = null;
        dropIndex = -1;
    }

    private void onContextMenu(ContextMenuEvent e) {
        // From the keyboard (menu key, Shift+F10) the menu is for the selected row, wherever the mouse is.
        WatchRow row = e.isKeyboardTrigger() ? null : rowAt(e.getY());
        if (row != null) {
            select(row);
        }
        if (contextMenu != null && getSelectedRow() != null) {
            contextMenu.show(canvas, e.getScreenX(), e.getScreenY());
        }
        e.consume();
    }

    private void onScroll(ScrollEvent e) {
        double rows = -e.getDeltaY() / rowHeight();
        int step = rows > 0 ? (int) Math.max(1, Math.round(rows)) : rows < 0 ? (int) Math.min(-1, Math.round(rows)) : 0;
        scrollTo(firstRow + step);
        e.consume();
    }

    private void onKey(KeyEvent e) {
        int index = getSelectedIndex();
        int target = switch (e.getCode()) {
            case UP, KP_UP -> index < 0 ? 0 : index - 1;
            case DOWN, KP_DOWN -> index + 1;
            case PAGE_UP -> Math.max(0, index - fullSlots());
            case PAGE_DOWN -> index + fullSlots();
            case HOME -> 0;
            case END -> displayed.size() - 1;
            default -> Integer.MIN_VALUE;
        };
        if (target != Integer.MIN_VALUE && !displayed.isEmpty()) {
            select(target);
            e.consume();
        }
    }

    /** Sets a column's width as if the user dragged its edge (never below its minimum); the last column fills. */
    void resizeColumn(WatchlistColumn column, double width) {
        header.resizeColumn(column, width);
    }

    /** The width a column was last laid out at. */
    double columnWidth(WatchlistColumn column) {
        return header.columnWidth(column);
    }

    // ---- layout ---------------------------------------------------------------------------------------------

    @Override
    protected void layoutChildren() {
        double left = snappedLeftInset();
        double top = snappedTopInset();
        double w = getWidth() - left - snappedRightInset();
        double h = getHeight() - top - snappedBottomInset();
        double headerHeight = header.titleHeight();
        double bodyHeight = Math.max(0, h - headerHeight);
        int fits = Math.max(1, (int) Math.floor(bodyHeight / rowHeight()));
        boolean scrolls = displayed.size() > fits;
        double barWidth = scrolls ? snapSizeX(scrollBar.prefWidth(-1)) : 0;
        double bodyWidth = Math.max(0, w - barWidth);
        header.resizeRelocate(left, top, w, headerHeight);
        header.layoutColumns(bodyWidth, headerHeight);
        scrollBar.setVisible(scrolls);
        scrollBar.resizeRelocate(left + bodyWidth, top + headerHeight, barWidth, bodyHeight);
        scrollBar.setMax(Math.max(0, displayed.size() - fits));
        scrollBar.setVisibleAmount(fits);
        scrollBar.setBlockIncrement(fits);
        canvas.relocate(left, top + headerHeight);
        if (canvas.getWidth() != bodyWidth || canvas.getHeight() != bodyHeight) {
            canvas.setWidth(bodyWidth);
            canvas.setHeight(bodyHeight);
        }
        placeholder.resizeRelocate(left, top + headerHeight, w, Math.min(bodyHeight, placeholder.prefHeight(w) * 3));
        painter.setGeometry(bodyWidth, bodyHeight, header.columnX(), header.columnWidths());
        scrollTo(firstRow);
    }

    @Override
    protected double computePrefWidth(double height) {
        double pref = snappedLeftInset() + snappedRightInset() + scrollBar.prefWidth(-1);
        for (WatchlistColumn c : header.shownColumns()) {
            pref += c.prefWidth();
        }
        return pref;
    }

    @Override
    protected double computePrefHeight(double width) {
        return snappedTopInset() + snappedBottomInset() + rowHeight() * 10;
    }

    // ---- CSS ------------------------------------------------------------------------------------------------

    private <T> StyleableObjectProperty<T> styleable(CssMetaData<WatchlistGrid, T> meta, T initial) {
        StyleableObjectProperty<T> p = new SimpleStyleableObjectProperty<>(meta, this, meta.getProperty(), initial);
        p.addListener((Observable o) -> {
            styleChanged = true;
            requestLayout();
        });
        return p;
    }

    private static <T> CssMetaData<WatchlistGrid, T> meta(String property, StyleConverter<?, T> converter,
            T initial, Function<WatchlistGrid, StyleableObjectProperty<T>> field) {
        return new CssMetaData<>(property, converter, initial) {
            @Override
            public boolean isSettable(WatchlistGrid grid) {
                return !field.apply(grid).isBound();
            }

            @Override
            public StyleableProperty<T> getStyleableProperty(WatchlistGrid grid) {
                return field.apply(grid);
            }
        };
    }

    private static final CssMetaData<WatchlistGrid, Font> SYMBOL_FONT =
            meta("-sm-watchlist-symbol-font", StyleConverter.getFontConverter(), Font.font(13), g -> g.symbolFont);
    private static final CssMetaData<WatchlistGrid, Font> NUMBER_FONT = meta("-sm-watchlist-number-font",
            StyleConverter.getFontConverter(), Font.font("monospaced", 12.5), g -> g.numberFont);
    private static final CssMetaData<WatchlistGrid, Font> TAG_FONT =
            meta("-sm-watchlist-tag-font", StyleConverter.getFontConverter(), Font.font(11), g -> g.tagFont);
    private static final CssMetaData<WatchlistGrid, Number> ROW_HEIGHT =
            meta("-sm-watchlist-row-height", StyleConverter.getSizeConverter(), 36, g -> g.rowHeight);
    private static final CssMetaData<WatchlistGrid, Number> SPARKLINE_WIDTH =
            meta("-sm-watchlist-sparkline-width", StyleConverter.getSizeConverter(), 1.2, g -> g.sparklineWidth);
    private static final CssMetaData<WatchlistGrid, Number> CELL_PADDING =
            meta("-sm-watchlist-cell-padding", StyleConverter.getSizeConverter(), 8, g -> g.cellPadding);
    private static final Map<WatchlistColor, CssMetaData<WatchlistGrid, Paint>> COLOR_META =
            new EnumMap<>(WatchlistColor.class);
    private static final List<CssMetaData<? extends Styleable, ?>> CSS_META;

    static {
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
        for (WatchlistColor c : WatchlistColor.values()) {
            CssMetaData<WatchlistGrid, Paint> meta = meta(c.cssProperty(), StyleConverter.getPaintConverter(),
                    c.fallback(), g -> g.colors.get(c));
            COLOR_META.put(c, meta);
            all.add(meta);
        }
        all.addAll(List.of(SYMBOL_FONT, NUMBER_FONT, TAG_FONT, ROW_HEIGHT, SPARKLINE_WIDTH, CELL_PADDING));
        CSS_META = Collections.unmodifiableList(all);
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS_META;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return getClassCssMetaData();
    }
}
