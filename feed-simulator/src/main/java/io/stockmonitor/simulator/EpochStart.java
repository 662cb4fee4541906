package io.stockmonitor.simulator;

/**
 * How a symbol's feed starts an epoch, before its first tick: the bars before the start (derived from the seed for
 * the simulated feed, none for a relay), the opening quote, and the previous close. Every server of a shared history
 * makes the same one from the same epoch, so their snapshots and history replies agree.
 *
 * @param derived   bars before the start, or null when there are none
 * @param price     the price a snapshot shows before the first tick; NaN when unknown (a relay)
 * @param prevClose the previous close; NaN when unknown
 */
record EpochStart(DerivedHistory derived, double price, double bid, double ask, double prevClose) {
    /** Nothing known before the first tick (a relay). */
    static EpochStart unknown() {
        return new EpochStart(null, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }
}
