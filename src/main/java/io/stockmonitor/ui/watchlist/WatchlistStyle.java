package io.stockmonitor.ui.watchlist;

import java.util.EnumMap;
import java.util.Map;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;

/** One consistent set of the watchlist's looks, as CSS last resolved them; the painter draws with it. */
record WatchlistStyle(Map<WatchlistColor, Paint> colors, Font symbolFont, Font numberFont, Font tagFont,
        double rowHeight, double sparklineWidth, double cellPadding) {

    WatchlistStyle {
        colors = new EnumMap<>(colors);
    }

    Paint color(WatchlistColor c) {
        return colors.get(c);
    }
}
