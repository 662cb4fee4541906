package io.stockmonitor.ui;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the window remembers between runs ({@code settings.json} in the user's configuration directory).
 *
 * <p>A plain bean for Jackson. The feed token is deliberately not a field: it stays in memory only, so a
 * settings file never carries a credential. {@link #normalized()} repairs missing or out-of-range values, so a
 * hand-edited file cannot put the window off-screen or at zero size.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public final class Settings {
    public static final String DARK = "dark";
    public static final String LIGHT = "light";
    static final double DEFAULT_DIVIDER = 0.46;

    private WindowPlacement window;
    private double watchlistDivider = DEFAULT_DIVIDER;
    private String selectedSymbol;
    private String interval = ChartMode.S1.name();
    private String theme = DARK;
    private List<String> watchlist = new ArrayList<>();
    /** The last feed URL chosen; null means demo mode. */
    private String server;
    /** Watchlist columns the user dragged to a width, by column name (e.g. {@code LAST}); pixels. */
    private Map<String, Double> watchlistColumnWidths = new LinkedHashMap<>();
    /** The column the watchlist is sorted by and its direction, e.g. {@code CHANGE_PERCENT:desc}; null: own order. */
    private String watchlistSort;

    /** Window bounds in screen coordinates. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record WindowPlacement(double x, double y, double width, double height, boolean maximized) {
        boolean plausible() {
            return width >= 400 && height >= 300 && width < 20_000 && height < 20_000
                    && Math.abs(x) < 50_000 && Math.abs(y) < 50_000;
        }
    }

    public static Settings defaults() {
        return new Settings();
    }

    /** This object with impossible values replaced by defaults (returns this). */
    public Settings normalized() {
        if (window != null && !window.plausible()) {
            window = null;
        }
        if (!(watchlistDivider > 0.1 && watchlistDivider < 0.9)) {
            watchlistDivider = DEFAULT_DIVIDER;
        }
        if (ChartMode.parse(interval) == null) {
            interval = ChartMode.S1.name();
        }
        theme = LIGHT.equalsIgnoreCase(theme) ? LIGHT : DARK;
        List<String> clean = new ArrayList<>();
        if (watchlist != null) {
            for (String s : watchlist) {
                if (s != null && !s.isBlank()) {
                    String symbol = s.trim().toUpperCase(Locale.ROOT);
                    if (!clean.contains(symbol)) {
                        clean.add(symbol);
                    }
                }
            }
        }
        watchlist = clean;
        if (server != null && server.isBlank()) {
            server = null;
        }
        Map<String, Double> widths = new LinkedHashMap<>();
        if (watchlistColumnWidths != null) {
            watchlistColumnWidths.forEach((name, width) -> {
                WatchlistColumn column = WatchlistColumn.parse(name);
                if (column != null && width != null && width >= column.minWidth() && width <= MAX_COLUMN_WIDTH) {
                    widths.put(column.name(), width);
                }
            });
        }
        watchlistColumnWidths = widths;
        if (WatchlistColumn.parseSort(watchlistSort) == null) {
            watchlistSort = null;
        }
        return this;
    }

    /** Wider than any screen: a hand-edited width beyond it is dropped. */
    static final double MAX_COLUMN_WIDTH = 2_000;

    public Map<String, Double> getWatchlistColumnWidths() {
        return watchlistColumnWidths;
    }

    public void setWatchlistColumnWidths(Map<String, Double> widths) {
        this.watchlistColumnWidths = widths;
    }

    public String getWatchlistSort() {
        return watchlistSort;
    }

    public void setWatchlistSort(String sort) {
        this.watchlistSort = sort;
    }

    public WindowPlacement getWindow() {
        return window;
    }

    public void setWindow(WindowPlacement window) {
        this.window = window;
    }

    public double getWatchlistDivider() {
        return watchlistDivider;
    }

    public void setWatchlistDivider(double watchlistDivider) {
        this.watchlistDivider = watchlistDivider;
    }

    public String getSelectedSymbol() {
        return selectedSymbol;
    }

    public void setSelectedSymbol(String selectedSymbol) {
        this.selectedSymbol = selectedSymbol;
    }

    public String getInterval() {
        return interval;
    }

    public void setInterval(String interval) {
        this.interval = interval;
    }

    public String getTheme() {
        return theme;
    }

    public void setTheme(String theme) {
        this.theme = theme;
    }

    public List<String> getWatchlist() {
        return watchlist;
    }

    public void setWatchlist(List<String> watchlist) {
        this.watchlist = watchlist == null ? new ArrayList<>() : new ArrayList<>(watchlist);
    }

    public String getServer() {
        return server;
    }

    public void setServer(String server) {
        this.server = server;
    }
}
