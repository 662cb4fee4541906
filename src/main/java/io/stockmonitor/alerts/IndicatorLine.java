package io.stockmonitor.alerts;

/**
 * A line drawn over a symbol's prices (a VWAP, a moving average), as the alert engine sees it: its value for a symbol
 * now. The indicators package provides these; alerts only read them.
 *
 * <p>Called on the feed thread for every trade of a symbol that has a line rule, right after the trade was applied:
 * it must be quick, allocation-free and non-blocking. An indicator that updates from the same trades must see the
 * trade first (register it with the feed's output before the alert engine).
 */
public interface IndicatorLine {
    /** The line's name as the user picks it, e.g. "VWAP" or "SMA 20". */
    String name();

    /** The line's value for {@code symbol} now; NaN while it has none (too few trades, an unknown symbol). */
    double value(String symbol);
}
