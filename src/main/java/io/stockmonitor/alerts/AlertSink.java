package io.stockmonitor.alerts;

/**
 * Where firings go, on the feed thread, as primitives (nothing is allocated to report one). Must be quick and must
 * never block: the window only enqueues (bounded), the headless mode writes a line.
 */
@FunctionalInterface
public interface AlertSink {
    /**
     * A rule fired.
     *
     * @param seq   the trade's sequence number or id (meaningless when {@code price} is NaN)
     * @param ts    the trade's time, ms (ditto)
     * @param price the trade's price; NaN when no trade fired it (a stale feed is found by a timer)
     * @param value what was measured: the price, the change %, the move % (signed), the line's value, or how long
     *              the data have been stale or how late the trade arrived, in ms
     * @param flags {@link AlertFiring#REFILLED}, {@link AlertFiring#ACROSS_GAP}, {@link AlertFiring#STALE},
     *              {@link AlertFiring#DELAYED}
     * @param atMs  when it was evaluated (the local clock)
     */
    void fired(AlertRule rule, long seq, long ts, double price, double value, int flags, long atMs);
}
