package io.stockmonitor.ui.chart;

/** How many charts the window shows and how they sit: one, two side by side, two stacked, or four (2 × 2). */
public enum ChartLayout {
    ONE("One chart", 1, 1, 1),
    TWO_SIDE_BY_SIDE("Two side by side", 2, 2, 1),
    TWO_STACKED("Two stacked", 2, 1, 2),
    FOUR("Four (2 × 2)", 4, 2, 2);

    /** The most charts any layout shows. */
    public static final int MAX_CHARTS = 4;

    private final String label;
    private final int count;
    private final int columns;
    private final int rows;

    ChartLayout(String label, int count, int columns, int rows) {
        this.label = label;
        this.count = count;
        this.columns = columns;
        this.rows = rows;
    }

    public String label() {
        return label;
    }

    /** How many charts show. */
    public int count() {
        return count;
    }

    public int columns() {
        return columns;
    }

    public int rows() {
        return rows;
    }

    /** The grid column of chart {@code index} (row-major). */
    public int column(int index) {
        return index % columns;
    }

    public int row(int index) {
        return index / columns;
    }

    /** The layout by name (any case), or null if there is none. */
    public static ChartLayout parse(String name) {
        return name == null ? null : java.util.Arrays.stream(values())
                .filter(l -> l.name().equalsIgnoreCase(name.trim())).findFirst().orElse(null);
    }
}
