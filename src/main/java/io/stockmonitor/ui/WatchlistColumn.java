package io.stockmonitor.ui;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The watchlist's columns: title, widths, alignment, how a row sorts by it and, for numbers, how its value reads
 * and prints. The order here is the order on screen.
 */
enum WatchlistColumn {
    SYMBOL("Symbol", 84, 72, Kind.SYMBOL, null, null),
    LAST("Last", 96, 60, Kind.NUMBER, "#,##0.00", r -> r.lastProperty().get()),
    CHANGE("Chg", 76, 60, Kind.SIGNED_NUMBER, "+#,##0.00;−#,##0.00", r -> r.changeProperty().get()),
    CHANGE_PERCENT("Chg %", 86, 60, Kind.SIGNED_NUMBER, "+0.00'%';−0.00'%'", r -> r.changePercentProperty().get()),
    BID("Bid", 90, 60, Kind.NUMBER, "#,##0.00", r -> r.bidProperty().get()),
    ASK("Ask", 90, 60, Kind.NUMBER, "#,##0.00", r -> r.askProperty().get()),
    VOLUME("Volume", 96, 60, Kind.NUMBER, "#,##0.##", WatchlistColumn::volumeOrNaN),
    SPARKLINE("3 min", 100, 60, Kind.SPARKLINE, null, WatchlistColumn::sparkTrend),
    FRESHNESS("Data", 120, 60, Kind.FRESHNESS, null, null);

    enum Kind { SYMBOL, NUMBER, SIGNED_NUMBER, SPARKLINE, FRESHNESS }

    /** A sort as the settings file writes it: the column and its direction. */
    record Sort(WatchlistColumn column, boolean ascending) {
        /** E.g. {@code CHANGE_PERCENT:desc}. */
        String format() {
            return column.name() + (ascending ? ":asc" : ":desc");
        }
    }

    private final String title;
    private final double prefWidth;
    private final double minWidth;
    private final Kind kind;
    private final String pattern;
    private final ToDoubleFunction<WatchRow> value;

    WatchlistColumn(String title, double prefWidth, double minWidth, Kind kind, String pattern,
            ToDoubleFunction<WatchRow> value) {
        this.title = title;
        this.prefWidth = prefWidth;
        this.minWidth = minWidth;
        this.kind = kind;
        this.pattern = pattern;
        this.value = value;
    }

    /** The column named {@code name} (its enum name, any case), or null. */
    static WatchlistColumn parse(String name) {
        if (name == null) {
            return null;
        }
        for (WatchlistColumn c : values()) {
            if (c.name().equalsIgnoreCase(name.trim())) {
                return c;
            }
        }
        return null;
    }

    /** Reads {@link Sort#format()}'s form; null for null or anything else. */
    static Sort parseSort(String text) {
        if (text == null) {
            return null;
        }
        int colon = text.indexOf(':');
        WatchlistColumn column = colon < 0 ? null : parse(text.substring(0, colon));
        String direction = colon < 0 ? "" : text.substring(colon + 1).trim();
        if (column == null || !(direction.equalsIgnoreCase("asc") || direction.equalsIgnoreCase("desc"))) {
            return null;
        }
        return new Sort(column, direction.equalsIgnoreCase("asc"));
    }

    String title() {
        return title;
    }

    double prefWidth() {
        return prefWidth;
    }

    double minWidth() {
        return minWidth;
    }

    Kind kind() {
        return kind;
    }

    boolean isNumber() {
        return kind == Kind.NUMBER || kind == Kind.SIGNED_NUMBER;
    }

    boolean rightAligned() {
        return isNumber();
    }

    /** The number this column shows for a row (NaN when there is none yet); only for number columns. */
    double value(WatchRow row) {
        return value.applyAsDouble(row);
    }

    /** True for the columns that show a price (or a price difference): their decimals follow the row's prices. */
    boolean isPrice() {
        return this == LAST || this == CHANGE || this == BID || this == ASK;
    }

    /** A formatter for this price column with {@code decimals} decimals. */
    DecimalFormat newPriceFormat(int decimals) {
        String fraction = "0".repeat(decimals);
        String p = this == CHANGE ? "+#,##0." + fraction + ";−#,##0." + fraction : "#,##0." + fraction;
        return new DecimalFormat(p, DecimalFormatSymbols.getInstance(Locale.US));
    }

    /** A new formatter for this number column; DecimalFormat is not thread-safe, so each user owns one. */
    DecimalFormat newFormat() {
        return new DecimalFormat(pattern, DecimalFormatSymbols.getInstance(Locale.US));
    }

    /** Order by this column; rows without a value (no data yet) go last either way. */
    Comparator<WatchRow> comparator(boolean ascending) {
        Comparator<WatchRow> order = switch (kind) {
            case SYMBOL -> Comparator.comparing(WatchRow::symbol);
            case FRESHNESS -> Comparator.comparing(r -> r.freshnessTextProperty().get());
            default -> (a, b) -> {
                double x = value.applyAsDouble(a);
                double y = value.applyAsDouble(b);
                if (Double.isNaN(x) || Double.isNaN(y)) {
                    // Not reversed below: NaN stays last.
                    return ascending ? Boolean.compare(Double.isNaN(x), Double.isNaN(y))
                            : Boolean.compare(Double.isNaN(y), Double.isNaN(x));
                }
                return Double.compare(x, y);
            };
        };
        return ascending ? order : order.reversed();
    }

    private static double volumeOrNaN(WatchRow row) {
        return row.volumeProperty().get();
    }

    private static double sparkTrend(WatchRow row) {
        int n = row.sparkCount();
        return n < 2 ? 0 : row.spark()[n - 1] - row.spark()[0];
    }
}
