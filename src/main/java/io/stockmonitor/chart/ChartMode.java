package io.stockmonitor.chart;

/** What the price pane draws. */
public enum ChartMode {
    /** OHLC candlesticks from the {@link CandleSeries}. */
    CANDLES,
    /** A line through the ticks of the {@link TickSeries}. */
    TICK_LINE
}
