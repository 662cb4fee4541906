package io.stockmonitor.ui;

import io.stockmonitor.market.Freshness;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.value.ChangeListener;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.scene.control.Cell;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;

/** The watchlist's cells and rows; every look is a style class or pseudo-class styled in watchlist.css. */
final class WatchlistCells {
    static final PseudoClass UP = PseudoClass.getPseudoClass("up");
    static final PseudoClass DOWN = PseudoClass.getPseudoClass("down");
    static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    static final PseudoClass RESYNCING = PseudoClass.getPseudoClass("resyncing");
    static final PseudoClass LIVE = PseudoClass.getPseudoClass("live");
    private static final PseudoClass[] FLASH_UP = new PseudoClass[WatchRow.FLASH_LEVELS + 1];
    private static final PseudoClass[] FLASH_DOWN = new PseudoClass[WatchRow.FLASH_LEVELS + 1];

    static {
        for (int i = 1; i <= WatchRow.FLASH_LEVELS; i++) {
            FLASH_UP[i] = PseudoClass.getPseudoClass("flash-up-" + i);
            FLASH_DOWN[i] = PseudoClass.getPseudoClass("flash-down-" + i);
        }
    }

    private WatchlistCells() {
    }

    /**
     * Makes a cell that changes every frame its own layout root. A managed cell's text change asks the table's
     * VirtualFlow for a full layout, which re-indexes and re-styles every visible row (applyCss per row): with all
     * rows ticking, most of the FX thread's time (AppFrameBench, JFR). An unmanaged cell is still sized and placed
     * by its row (TableRowSkin lays out its cells whether managed or not), but relays out only itself.
     */
    static void layoutOnItsOwn(Cell<?> cell) {
        cell.setManaged(false);
    }

    enum Format {
        PRICE("#,##0.00"), CHANGE("+#,##0.00;−#,##0.00"), PERCENT("+0.00'%';−0.00'%'"), VOLUME("#,##0");

        private final String pattern;

        Format(String pattern) {
            this.pattern = pattern;
        }

        DecimalFormat newFormat() {
            return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US));
        }
    }

    /** A right-aligned number in the tabular font; change columns are coloured by sign. */
    static final class NumberCell extends TableCell<WatchRow, Number> {
        private final DecimalFormat format;
        private final boolean signed;

        NumberCell(Format f) {
            this.format = f.newFormat();
            this.signed = f == Format.CHANGE || f == Format.PERCENT;
            getStyleClass().add("num-cell");
            layoutOnItsOwn(this);
        }

        @Override
        protected void updateItem(Number item, boolean empty) {
            super.updateItem(item, empty);
            double v = item == null ? Double.NaN : item.doubleValue();
            boolean missing = empty || item == null || Double.isNaN(v) || (item instanceof Long l && l < 0);
            setText(empty ? null : missing ? "—" : format.format(item));
            pseudoClassStateChanged(UP, signed && !missing && v > 0);
            pseudoClassStateChanged(DOWN, signed && !missing && v < 0);
        }
    }

    /** The last price: flashes green or red when it changes, fading in steps the frame loop drives. */
    static final class LastPriceCell extends TableCell<WatchRow, WatchRow> {
        private final DecimalFormat format = Format.PRICE.newFormat();
        private final RowFollower follower = new RowFollower(this::show,
                List.of(WatchRow::lastProperty, WatchRow::flashProperty));
        private WatchRow row;

        LastPriceCell() {
            getStyleClass().addAll("num-cell", "last-cell");
            layoutOnItsOwn(this);
        }

        @Override
        protected void updateItem(WatchRow item, boolean empty) {
            super.updateItem(item, empty);
            row = follower.follow(empty ? null : item);
            show();
        }

        private void show() {
            double v = row == null ? Double.NaN : row.lastProperty().get();
            setText(row == null ? null : Double.isNaN(v) ? "—" : format.format(v));
            int flash = row == null ? 0 : row.flashProperty().get();
            for (int i = 1; i <= WatchRow.FLASH_LEVELS; i++) {
                pseudoClassStateChanged(FLASH_UP[i], flash == i);
                pseudoClassStateChanged(FLASH_DOWN[i], flash == -i);
            }
        }
    }

    /** The sparkline of the row's last minutes, redrawn when the row's points change (about once a second). */
    static final class SparklineCell extends TableCell<WatchRow, WatchRow> {
        private final Sparkline sparkline = new Sparkline();
        private final RowFollower follower = new RowFollower(this::show, List.of(WatchRow::sparkVersionProperty));
        private WatchRow row;

        SparklineCell() {
            getStyleClass().add("sparkline-cell");
            setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
            layoutOnItsOwn(this);
        }

        @Override
        protected void updateItem(WatchRow item, boolean empty) {
            super.updateItem(item, empty);
            row = follower.follow(empty ? null : item);
            setGraphic(row == null ? null : sparkline);
            show();
        }

        private void show() {
            if (row != null) {
                sparkline.setData(row.spark(), row.sparkCount());
            }
        }
    }

    /** LIVE / STALE 12s / RESYNCING, coloured by state. */
    static final class FreshnessCell extends TableCell<WatchRow, String> {
        FreshnessCell() {
            getStyleClass().add("freshness-cell");
            layoutOnItsOwn(this);
        }

        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
        }
    }

    /** Greys a stale row and marks a resyncing one. */
    static final class Row extends TableRow<WatchRow> {
        private final RowFollower follower = new RowFollower(this::show, List.of(WatchRow::freshnessProperty));
        private WatchRow row;

        Row() {
            getStyleClass().add("watch-row");
        }

        @Override
        protected void updateItem(WatchRow item, boolean empty) {
            super.updateItem(item, empty);
            row = follower.follow(empty ? null : item);
            show();
        }

        private void show() {
            Freshness f = row == null ? null : row.freshnessProperty().get();
            pseudoClassStateChanged(LIVE, f == Freshness.LIVE);
            pseudoClassStateChanged(STALE, f == Freshness.STALE);
            pseudoClassStateChanged(RESYNCING, f == Freshness.RESYNCING);
        }
    }

    /**
     * Keeps a cell listening to the properties of the row it shows now: the table reuses cells for other rows as it
     * scrolls, so the listener moves with the item instead of piling up on rows the cell no longer shows.
     */
    static final class RowFollower {
        private final List<Function<WatchRow, ObservableValue<?>>> properties;
        private final ChangeListener<Object> listener;
        private WatchRow row;

        RowFollower(Runnable onChange, List<Function<WatchRow, ObservableValue<?>>> properties) {
            this.properties = List.copyOf(properties);
            this.listener = (obs, old, now) -> onChange.run();
        }

        /** Follows {@code next} (null for an empty cell) and returns it. */
        WatchRow follow(WatchRow next) {
            if (next != row) {
                if (row != null) {
                    properties.forEach(p -> p.apply(row).removeListener(listener));
                }
                row = next;
                if (row != null) {
                    properties.forEach(p -> p.apply(row).addListener(listener));
                }
            }
            return row;
        }
    }
}
