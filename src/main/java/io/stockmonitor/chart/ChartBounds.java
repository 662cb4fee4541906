package io.stockmonitor.chart;

/** Every bound of the chart package, named in one place. */
public final class ChartBounds {

    /** Largest capacity a {@link TickSeries} or {@link CandleSeries} accepts (rows; storage is twice this). */
    public static final int MAX_SERIES_CAPACITY = 16 * 1024 * 1024;

    /** Default capacity of the chart-owned tick series. */
    public static final int DEFAULT_TICK_CAPACITY = 262_144;

    /** Default capacity of the chart-owned candle series. */
    public static final int DEFAULT_CANDLE_CAPACITY = 65_536;

    /** Most gap spans drawn; extra spans passed to {@code setGaps} are ignored (the newest are kept). */
    public static final int MAX_GAPS = 256;

    /** Widest plot drawn, in pixel columns; the reducer's buffers never grow beyond it. */
    public static final int MAX_COLUMNS = 8192;

    /** Most indicator sub-panes under the price pane (RSI, MACD, ...); more pane indicators are not drawn. */
    public static final int MAX_SUB_PANES = 4;

    /**
     * Indicator lines are reduced per pixel column by scanning the bars in view (no pyramid), so they cost
     * O(bars in view), and bars are at most the candle series' capacity: this default.
     */
    public static final int MAX_INDICATOR_LINES = 16;

    /** Fewest bars the view shows when it fits a short series on opening (so a few bars are not a wall of candles). */
    public static final int MIN_FIT_BARS = 10;

    /** Narrowest visible time span (ms). */
    public static final long MIN_SPAN_MILLIS = 1_000L;

    /** Widest visible time span (ms): about one year. */
    public static final long MAX_SPAN_MILLIS = 366L * 24 * 3600 * 1000;

    private ChartBounds() {
    }
}
