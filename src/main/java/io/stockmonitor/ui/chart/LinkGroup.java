package io.stockmonitor.ui.chart;

/**
 * The colour group a chart belongs to: charts of the same colour change symbol together (as trading desktops
 * do) and share the crosshair's time; the watchlist drives the first chart and so its group. {@link #NONE}: the
 * chart keeps its own symbol and is alone.
 */
public enum LinkGroup {
    NONE("own", "Own symbol (no group)"),
    GREEN("green", "Green group"),
    BLUE("blue", "Blue group"),
    ORANGE("orange", "Orange group");

    /** The group a chart is in unless told otherwise: the first chart's, so it follows the watchlist. */
    public static final LinkGroup DEFAULT = GREEN;

    private final String id;
    private final String label;

    LinkGroup(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The settings' word for it (also the CSS pseudo-class of the chart's group marker). */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    /** True for a colour group (charts move together), false for {@link #NONE}. */
    public boolean isGroup() {
        return this != NONE;
    }

    /**
     * The group by its word in any case; the words of the earlier Linked/Own toggle still read: "linked" is the
     * default group (the one following the watchlist), "own" none. Null when unknown.
     */
    public static LinkGroup parse(String word) {
        if (word == null) {
            return null;
        }
        String w = word.trim();
        if (w.equalsIgnoreCase("linked")) {
            return DEFAULT;
        }
        for (LinkGroup g : values()) {
            if (g.id.equalsIgnoreCase(w) || g.name().equalsIgnoreCase(w)) {
                return g;
            }
        }
        return null;
    }
}
