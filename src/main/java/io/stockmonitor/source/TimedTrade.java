package io.stockmonitor.source;

/**
 * One trade from a provider's REST history whose ids prove nothing about completeness (Alpaca): refilled by time,
 * so its time is kept at the provider's precision. Not the live path: live trades go through
 * {@link TimeRefill#live} as primitives.
 *
 * @param id        the provider's trade id (unique, not contiguous)
 * @param timeNanos trade time, epoch nanoseconds
 */
public record TimedTrade(long id, long timeNanos, double price, double size) {
    /** The trade time in epoch milliseconds (the record's {@code ts}). */
    public long timeMs() {
        return Math.floorDiv(timeNanos, 1_000_000L);
    }
}
