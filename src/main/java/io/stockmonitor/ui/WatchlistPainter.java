package io.stockmonitor.ui;

import io.stockmonitor.market.Freshness;
import io.stockmonitor.market.GapKind;
import java.text.DecimalFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * Draws the watchlist's visible rows on a Canvas and, from one frame to the next, only the cells whose content
 * changed. A Canvas keeps what was drawn in its own texture, so a frame costs the changed cells plus one copy of
 * that texture to the screen.
 *
 * <p>Why by hand rather than a {@code TableView}: with every visible row ticking, a table repaints its whole region
 * every frame, cell by cell, node by node; on the software pipeline that was 10–20 ms a frame and held the window
 * near 30 frames a second (AppFrameBench, {@code -Djavafx.pulseLogger}). What was last drawn in each cell is
 * remembered as the values it came from, so deciding what changed formats nothing and allocates nothing.
 *
 * <p>FX thread only.
 */
final class WatchlistPainter {
    private static final WatchlistColumn[] COLUMNS = WatchlistColumn.values();
    private static final int LAST = WatchlistColumn.LAST.ordinal();
    private static final int SPARK = WatchlistColumn.SPARKLINE.ordinal();
    private static final int FRESH = WatchlistColumn.FRESHNESS.ordinal();
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter
            .ofPattern("HH:mm:ss", Locale.ROOT).withZone(java.time.ZoneId.systemDefault());
    /** Marks a slot drawn as empty (below the last row), as opposed to not drawn yet (null). */
    private static final Object EMPTY = new Object();
    /** The sparkline's inset from its cell's top and bottom. */
    private static final double SPARK_PADDING_Y = 3;
    private static final double STALE_ALPHA = 0.45;
    /** Strength of each highlight step against the CSS colour: fades fast, so a busy list does not look tinted. */
    private static final double[] FLASH_STRENGTH = {0, 0.24, 0.57, 1};

    private final GraphicsContext gc;
    private final DecimalFormat[] formats = new DecimalFormat[COLUMNS.length];
    /** Price columns' formatters by decimals shown (made when first needed). */
    private final DecimalFormat[][] priceFormats = new DecimalFormat[COLUMNS.length][WatchRow.MAX_DECIMALS + 1];
    private final double[] columnX = new double[COLUMNS.length];
    private final double[] columnWidth = new double[COLUMNS.length];
    private final double[] sparkX = new double[WatchRow.SPARK_POINTS];
    private final double[] sparkY = new double[WatchRow.SPARK_POINTS];
    private WatchlistStyle style;
    private double width;
    private double height;
    private boolean repaintAll = true;

    // What each visible slot shows now, as the values it was drawn from.
    private Object[] shownRow = new Object[0];
    private boolean[] shownSelected = new boolean[0];
    private boolean[] shownAlerted = new boolean[0];
    private Freshness[] shownFreshness = new Freshness[0];
    private double[][] shownValue = new double[COLUMNS.length][0];
    private int[] shownFlash = new int[0];
    private long[] shownSparkVersion = new long[0];
    private String[] shownFreshnessText = new String[0];
    private String[] shownName = new String[0];
    private int[] shownDecimals = new int[0];

    private long cellsPainted;
    private long flashUpPaints;

    WatchlistPainter(GraphicsContext gc, WatchlistStyle style) {
        this.gc = gc;
        this.style = style;
        for (WatchlistColumn c : COLUMNS) {
            if (c.isNumber()) {
                formats[c.ordinal()] = c.newFormat();
            }
        }
    }

    /** New colours, fonts or row height: everything is drawn again. */
    void setStyle(WatchlistStyle style) {
        this.style = style;
        repaintAll = true;
    }

    /** The canvas size and where each column starts and how wide it is. */
    void setGeometry(double width, double height, double[] x, double[] w) {
        this.width = width;
        this.height = height;
        System.arraycopy(x, 0, columnX, 0, COLUMNS.length);
        System.arraycopy(w, 0, columnWidth, 0, COLUMNS.length);
        repaintAll = true;
    }

    /** Draws everything at the next {@link #paint}. */
    void repaintAll() {
        repaintAll = true;
    }

    /** Cells drawn since the start (for tests and the benchmark: a quiet watchlist draws none). */
    long cellsPainted() {
        return cellsPainted;
    }

    /** How many times a last price was drawn at the start of an up-tick highlight. */
    long flashUpPaints() {
        return flashUpPaints;
    }

    /** Slots (rows) the canvas has room for, counting a partly visible last one. */
    private int slotCount() {
        return style.rowHeight() <= 0 ? 0 : (int) Math.ceil(height / style.rowHeight());
    }

    /**
     * Brings the canvas up to date: {@code rows} in display order, the first one at the top being
     * {@code rows.get(first)}.
     */
    void paint(List<WatchRow> rows, int first, WatchRow selected) {
        if (width <= 0 || height <= 0) {
            return;
        }
        int slots = slotCount();
        ensureSlots(slots);
        if (repaintAll) {
            repaintAll = false;
            // Clearing the whole canvas also drops any draw commands it still holds.
            gc.clearRect(0, 0, width, height);
            gc.setFill(style.color(WatchlistColor.BACKGROUND));
            gc.fillRect(0, 0, width, height);
            Arrays.fill(shownRow, null);
        }
        gc.setTextBaseline(VPos.CENTER);
        for (int s = 0; s < slots; s++) {
            int index = first + s;
            WatchRow row = index >= 0 && index < rows.size() ? rows.get(index) : null;
            if (row == null) {
                if (shownRow[s] != EMPTY) {
                    paintEmpty(s);
                }
                continue;
            }
            boolean isSelected = row == selected;
            Freshness freshness = row.freshnessProperty().get();
            if (shownRow[s] != row || shownSelected[s] != isSelected || shownFreshness[s] != freshness
                    || shownAlerted[s] != row.alertedProperty().get()) {
                paintRow(s, row, isSelected, freshness);
            } else {
                paintChangedCells(s, row);
            }
        }
    }

    private void ensureSlots(int slots) {
        if (shownRow.length >= slots) {
            return;
        }
        shownRow = Arrays.copyOf(shownRow, slots);
        shownSelected = Arrays.copyOf(shownSelected, slots);
        shownAlerted = Arrays.copyOf(shownAlerted, slots);
        shownFreshness = Arrays.copyOf(shownFreshness, slots);
        for (int c = 0; c < COLUMNS.length; c++) {
            shownValue[c] = Arrays.copyOf(shownValue[c], slots);
        }
        shownFlash = Arrays.copyOf(shownFlash, slots);
        shownSparkVersion = Arrays.copyOf(shownSparkVersion, slots);
        shownFreshnessText = Arrays.copyOf(shownFreshnessText, slots);
        shownName = Arrays.copyOf(shownName, slots);
        shownDecimals = Arrays.copyOf(shownDecimals, slots);
    }

    private void paintEmpty(int s) {
        double y = s * style.rowHeight();
        gc.setFill(style.color(WatchlistColor.BACKGROUND));
        gc.fillRect(0, y, width, style.rowHeight());
        shownRow[s] = EMPTY;
    }

    private void paintRow(int s, WatchRow row, boolean isSelected, Freshness freshness) {
        shownRow[s] = row;
        shownSelected[s] = isSelected;
        shownAlerted[s] = row.alertedProperty().get();
        shownFreshness[s] = freshness;
        for (int c = 0; c < COLUMNS.length; c++) {
            if (columnWidth[c] > 0) {
                paintCell(s, c, row);
            }
        }
        shownDecimals[s] = row.priceDecimals();
        double rowHeight = style.rowHeight();
        gc.setFill(style.color(WatchlistColor.ROW_LINE));
        gc.fillRect(0, s * rowHeight + rowHeight - 1, width, 1);
    }

    private void paintChangedCells(int s, WatchRow row) {
        for (int c = 0; c < COLUMNS.length; c++) {
            WatchlistColumn column = COLUMNS[c];
            if (columnWidth[c] <= 0) {
                // Hidden by the column chooser.
                continue;
            }
            boolean changed;
            if (column.kind() == WatchlistColumn.Kind.TIME) {
                changed = Double.compare(column.value(row), shownValue[c][s]) != 0;
            } else if (column.kind() == WatchlistColumn.Kind.TEXT) {
                changed = !java.util.Objects.equals(row.nameProperty().get(), shownName[s]);
            } else if (column.isNumber()) {
                changed = Double.compare(column.value(row), shownValue[c][s]) != 0
                        || (c == LAST && row.flashProperty().get() != shownFlash[s])
                        || (column.isPrice() && row.priceDecimals() != shownDecimals[s]);
            } else if (c == SPARK) {
                changed = row.sparkVersionProperty().get() != shownSparkVersion[s];
            } else if (c == FRESH) {
                changed = !row.freshnessTextProperty().get().equals(shownFreshnessText[s]);
            } else {
                changed = false;
            }
            if (changed) {
                paintCell(s, c, row);
            }
        }
        shownDecimals[s] = row.priceDecimals();
    }

    private void paintCell(int s, int c, WatchRow row) {
        cellsPainted++;
        double rowHeight = style.rowHeight();
        double x = columnX[c];
        double w = columnWidth[c];
        double y = s * rowHeight;
        double h = rowHeight - 1;
        double middle = y + rowHeight / 2;
        // The background first, opaque, then the selection on top: a translucent selection colour drawn straight
        // over the last frame would pile up and leave the old text showing through.
        gc.setFill(style.color(WatchlistColor.BACKGROUND));
        gc.fillRect(x, y, w, h);
        if (shownSelected[s]) {
            gc.setFill(style.color(WatchlistColor.SELECTED_BACKGROUND));
            gc.fillRect(x, y, w, h);
        }
        if (shownAlerted[s]) {
            gc.setFill(style.color(WatchlistColor.ALERT_BACKGROUND));
            gc.fillRect(x, y, w, h);
            if (c == 0) {
                gc.setFill(style.color(WatchlistColor.ALERT_MARK));
                gc.fillRect(x, y, 4, h);
            }
        }
        boolean stale = shownFreshness[s] == Freshness.STALE && c != FRESH;
        gc.setGlobalAlpha(stale ? STALE_ALPHA : 1);
        WatchlistColumn column = COLUMNS[c];
        switch (column.kind()) {
            case SYMBOL -> text(row.symbol(), style.symbolFont(), style.color(WatchlistColor.TEXT),
                    x + (shownAlerted[s] ? 3 : 0), w, middle, false);
            case TEXT -> {
                String n = row.nameProperty().get();
                shownName[s] = n;
                text(n == null ? "—" : n, style.tagFont(), style.color(WatchlistColor.MUTED_TEXT), x, w, middle,
                        false);
            }
            case TIME -> {
                double v = column.value(row);
                shownValue[c][s] = v;
                text(Double.isNaN(v) ? "—" : TIME.format(java.time.Instant.ofEpochMilli((long) v)),
                        style.numberFont(), style.color(WatchlistColor.MUTED_TEXT), x, w, middle, true);
            }
            case NUMBER, SIGNED_NUMBER -> {
                double v = column.value(row);
                shownValue[c][s] = v;
                if (c == LAST) {
                    paintFlash(s, row.flashProperty().get(), x, y, w, h);
                }
                WatchlistColor color = column.kind() == WatchlistColumn.Kind.SIGNED_NUMBER && v > 0 ? WatchlistColor.UP
                        : column.kind() == WatchlistColumn.Kind.SIGNED_NUMBER && v < 0 ? WatchlistColor.DOWN
                        : WatchlistColor.TEXT;
                String shown = Double.isNaN(v) ? "—" : format(c, row).format(v);
                text(shown, style.numberFont(), style.color(color), x, w, middle, true);
            }
            case SPARKLINE -> {
                shownSparkVersion[s] = row.sparkVersionProperty().get();
                sparkline(row, x, y, w, h);
            }
            case FRESHNESS -> {
                String label = row.freshnessTextProperty().get();
                shownFreshnessText[s] = label;
                text(label, style.tagFont(), style.color(freshnessColor(shownFreshness[s], row.gapKind())), x, w,
                        middle, false);
            }
        }
        gc.setGlobalAlpha(1);
    }

    /** The formatter of column {@code c} for {@code row}: prices with as many decimals as the row's prices have. */
    private DecimalFormat format(int c, WatchRow row) {
        WatchlistColumn column = COLUMNS[c];
        if (!column.isPrice()) {
            return formats[c];
        }
        int d = row.priceDecimals();
        DecimalFormat f = priceFormats[c][d];
        if (f == null) {
            f = column.newPriceFormat(d);
            priceFormats[c][d] = f;
        }
        return f;
    }

    private void paintFlash(int s, int flash, double x, double y, double w, double h) {
        shownFlash[s] = flash;
        if (flash == 0) {
            return;
        }
        if (flash == WatchRow.FLASH_LEVELS) {
            flashUpPaints++;
        }
        double alpha = gc.getGlobalAlpha();
        gc.setGlobalAlpha(alpha * FLASH_STRENGTH[Math.min(Math.abs(flash), FLASH_STRENGTH.length - 1)]);
        gc.setFill(style.color(flash > 0 ? WatchlistColor.FLASH_UP : WatchlistColor.FLASH_DOWN));
        gc.fillRect(x, y, w, h);
        gc.setGlobalAlpha(alpha);
    }

    private void text(String s, Font font, Paint paint, double x, double w, double middle, boolean right) {
        double padding = style.cellPadding();
        double room = w - 2 * padding;
        if (room <= 0) {
            return;
        }
        gc.setFont(font);
        gc.setFill(paint);
        gc.setTextAlign(right ? TextAlignment.RIGHT : TextAlignment.LEFT);
        // maxWidth squeezes text that does not fit instead of letting it run into the next cell.
        gc.fillText(s, right ? x + w - padding : x + padding, middle, room);
    }

    private void sparkline(WatchRow row, double x, double y, double w, double h) {
        int n = row.sparkCount();
        double left = x + style.cellPadding();
        double top = y + SPARK_PADDING_Y;
        double lineWidth = w - 2 * style.cellPadding();
        double lineHeight = h - 2 * SPARK_PADDING_Y;
        if (n < 2 || lineWidth <= 0 || lineHeight <= 0) {
            return;
        }
        double[] values = row.spark();
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        for (int i = 0; i < n; i++) {
            sparkX[i] = left + lineWidth * i / (n - 1);
            sparkY[i] = max > min ? top + lineHeight - (values[i] - min) / (max - min) * lineHeight : top + lineHeight / 2;
        }
        WatchlistColor color = values[n - 1] > values[0] ? WatchlistColor.UP
                : values[n - 1] < values[0] ? WatchlistColor.DOWN : WatchlistColor.MUTED_TEXT;
        gc.setStroke(style.color(color));
        gc.setLineWidth(style.sparklineWidth());
        gc.strokePolyline(sparkX, sparkY, n);
    }

    private static WatchlistColor freshnessColor(Freshness f, GapKind gap) {
        if (f == null) {
            return WatchlistColor.MUTED_TEXT;
        }
        return switch (f) {
            case LIVE -> gap == GapKind.LOST ? WatchlistColor.DOWN : gap == GapKind.BY_TIME ? WatchlistColor.WARNING
                    : WatchlistColor.UP;
            case STALE, RESYNCING, REFILLING, DELAYED -> WatchlistColor.WARNING;
        };
    }
}
