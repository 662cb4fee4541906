package io.stockmonitor.simulator;

/**
 * One tick as a producer makes it and a symbol's feed applies it: the trade, the quote with it, and the day's
 * statistics after it, so a server that did not see the earlier ticks (a node of a shared history that started
 * late) still serves the right snapshot. Also what a shared history stores per tick ({@link TickFields}).
 *
 * @param bid        NaN when the tick carries no quote (a relayed provider without one)
 * @param gap        the upstream gap just before this tick (a relay's), or null
 * @param modelState the price model's state after this tick (the simulated feed's mid price), NaN for a relay: a
 *                   producer that takes a shared history over goes on from it
 * @param upstreamId the provider's trade id of a relayed trade ({@link Long#MIN_VALUE} when none): a relay that
 *                   takes over knows what its predecessor relayed last
 */
record TickRecord(long seq, long ts, double price, double size, double bid, double ask, double open, double high,
                  double low, double prevClose, double volume, UpstreamGap gap, double modelState, long upstreamId) {
    static final long NO_UPSTREAM_ID = Long.MIN_VALUE;
}
