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
    SYMBOL("Symbol", 84, 72, Kind.SYMBOL, null, null, true, "The symbol, in the source's own spelling"),
    NAME("Name", 140, 60, Kind.TEXT, null, null, false, "The instrument's name, where the source gives one"),
    LAST("Last", 96, 60, Kind.NUMBER, "#,##0.00", r -> r.lastProperty().get(), true,
            "The last trade's price, with every digit the source sends"),
    CHANGE("Chg", 76, 60, Kind.SIGNED_NUMBER, "+#,##0.00;−#,##0.00", r -> r.changeProperty().get(), true,
            "Last minus the previous close"),
    CHANGE_PERCENT("Chg %", 86, 60, Kind.SIGNED_NUMBER, "+0.00'%';−0.00'%'", r -> r.changePercentProperty().get(),
            true, "The day's change in per cent of the previous close"),
    BID("Bid", 90, 56, Kind.NUMBER, "#,##0.00", r -> r.bidProperty().get(), true,
            "The best bid, where the source quotes one"),
    ASK("Ask", 90, 56, Kind.NUMBER, "#,##0.00", r -> r.askProperty().get(), true,
            "The best ask, where the source quotes one"),
    BID_SIZE("Bid size", 80, 56, Kind.NUMBER, "#,##0.####", r -> r.bidSizeProperty().get(), false,
            "Shares or coins offered at the best bid, where the source quotes sizes"),
    ASK_SIZE("Ask size", 80, 56, Kind.NUMBER, "#,##0.####", r -> r.askSizeProperty().get(), false,
            "Shares or coins offered at the best ask, where the source quotes sizes"),
    SPREAD("Spread", 76, 56, Kind.NUMBER, "#,##0.00", WatchlistColumn::spread, false, "Ask minus bid"),
    LAST_SIZE("Last size", 80, 56, Kind.NUMBER, "#,##0.####", r -> r.lastSizeProperty().get(), false,
            "The last trade's size"),
    LAST_TIME("Time", 96, 70, Kind.TIME, null, r -> r.lastTradeTimeProperty().get(), false,
            "When the last trade happened (the source's time)"),
    OPEN("Open", 90, 60, Kind.NUMBER, "#,##0.00", r -> r.openProperty().get(), false, "The day's first price"),
    HIGH("High", 90, 60, Kind.NUMBER, "#,##0.00", r -> r.highProperty().get(), false, "The day's high"),
    LOW("Low", 90, 60, Kind.NUMBER, "#,##0.00", r -> r.lowProperty().get(), false, "The day's low"),
    PREV_CLOSE("Prev close", 90, 60, Kind.NUMBER, "#,##0.00", r -> r.prevCloseProperty().get(), false,
            "The previous close (a crypto source's price 24 h ago)"),
    VOLUME("Volume", 96, 70, Kind.NUMBER, "#,##0.##", WatchlistColumn::volumeOrNaN, true,
            "The day's volume where the source gives it (24 h for crypto), else the volume seen since the start"),
    SPARKLINE("3 min", 100, 60, Kind.SPARKLINE, null, WatchlistColumn::sparkTrend, true,
            "The last three minutes, one point a second"),
    FRESHNESS("Data", 120, 60, Kind.FRESHNESS, null, null, true,
            "LIVE, STALE with its age, RESYNCING, REFILLING; for a minute after a gap, how it ended");

    enum Kind { SYMBOL, TEXT, NUMBER, SIGNED_NUMBER, TIME, SPARKLINE, FRESHNESS }

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
    private final boolean shownByDefault;
    private final String tooltip;

    WatchlistColumn(String title, double prefWidth, double minWidth, Kind kind, String pattern,
            ToDoubleFunction<WatchRow> value, boolean shownByDefault, String tooltip) {
        this.title = title;
        this.prefWidth = prefWidth;
        this.minWidth = minWidth;
        this.kind = kind;
        this.pattern = pattern;
        this.value = value;
        this.shownByDefault = shownByDefault;
        this.tooltip = tooltip;
    }

    /** On screen unless the user hides it (the symbol always is). */
    boolean shownByDefault() {
        return shownByDefault;
    }

    /** What the column title's tooltip says. */
    String tooltip() {
        return tooltip;
    }

    /** The columns shown when the user never chose. */
    static java.util.Set<WatchlistColumn> defaultShown() {
        java.util.Set<WatchlistColumn> out = java.util.EnumSet.noneOf(WatchlistColumn.class);
        for (WatchlistColumn c : values()) {
            if (c.shownByDefault) {
                out.add(c);
            }
        }
        return out;
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

    /** Compared as numbers from one frame to the next (numbers and times). */
    boolean isValued() {
        return isNumber() || kind == Kind.TIME;
    }

    boolean rightAligned() {
        return isNumber() || kind == Kind.TIME;
    }

    /** The number this column shows for a row (NaN when there is none yet); only for number columns. */
    double value(WatchRow row) {
        return value.applyAsDouble(row);
    }

    /** True for the columns that show a price (or a price difference): their decimals follow the row's prices. */
    boolean isPrice() {
        return this == LAST || this == CHANGE || this == BID || this == ASK || this == SPREAD || this == OPEN
                || this == HIGH || this == LOW || this == PREV_CLOSE;
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
            case TEXT -> Comparator.comparing(r -> r.nameProperty().get() == null ? "" : r.nameProperty().get());
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

    private static double spread(WatchRow row) {
        return row.askProperty().get() - row.bidProperty().get();
    }

    private static double volumeOrNaN(WatchRow row) {
        return row.volumeProperty().get();
    }

    private static double sparkTrend(WatchRow row) {
        int n = row.sparkCount();
        return n < 2 ? 0 : row.spark()[n - 1] - row.spark()[0];
    }
}
