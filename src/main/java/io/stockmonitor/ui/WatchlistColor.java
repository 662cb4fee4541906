package io.stockmonitor.ui;

import javafx.scene.paint.Color;

/**
 * The colours the watchlist draws with, each a CSS property of {@link WatchlistGrid} (set in watchlist.css from
 * the theme's colours); the fallbacks are the dark theme's.
 */
enum WatchlistColor {
    BACKGROUND("-sm-watchlist-background", Color.web("#0d1117")),
    SELECTED_BACKGROUND("-sm-watchlist-selected-background", Color.web("#30363d")),
    ROW_LINE("-sm-watchlist-row-line-color", Color.web("#21262d")),
    TEXT("-sm-watchlist-text-color", Color.web("#e6edf3")),
    MUTED_TEXT("-sm-watchlist-muted-text-color", Color.web("#7d8590")),
    UP("-sm-watchlist-up-color", Color.web("#3fb950")),
    DOWN("-sm-watchlist-down-color", Color.web("#f85149")),
    WARNING("-sm-watchlist-warning-color", Color.web("#d29922")),
    /** The strongest step of an up-tick highlight; weaker steps are drawn fainter. */
    FLASH_UP("-sm-watchlist-flash-up-color", Color.rgb(46, 160, 67, 0.30)),
    FLASH_DOWN("-sm-watchlist-flash-down-color", Color.rgb(218, 54, 51, 0.30)),
    /** A row whose alert just fired: a tint over the row and a bar at its left edge. */
    ALERT_BACKGROUND("-sm-watchlist-alert-background", Color.rgb(210, 153, 34, 0.16)),
    ALERT_MARK("-sm-watchlist-alert-mark-color", Color.web("#d29922"));

    private final String cssProperty;
    private final Color fallback;

    WatchlistColor(String cssProperty, Color fallback) {
        this.cssProperty = cssProperty;
        this.fallback = fallback;
    }

    String cssProperty() {
        return cssProperty;
    }

    Color fallback() {
        return fallback;
    }
}
