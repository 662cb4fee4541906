package io.stockmonitor.market;

/**
 * Every bound of the market model, in one place. Storage is allocated up front per symbol, so memory is
 * {@code maxSymbols x} (per-symbol arrays) at most; see {@code package-info} for the byte counts.
 *
 * @param recentTicksPerSymbol ring of recent ticks for tick-line charts; 16 bytes per tick
 * @param secondBarsPerSymbol  1 s bars kept, as a time window (28,800 = 8 h); 20 bytes per bar slot
 * @param derivedBarsPerSymbol cap per interval other than 1 s: a sub-minute ring covers the 1 s window, a coarser one
 *                             its {@link BarInterval#keptSpanMillis()}, never more than this (defaults: 5 s 5,760,
 *                             15 s 1,920, 1 m 10,080 = 7 days, 5 m 4,032, 15 m 2,880, 1 h 2,160, 4 h 1,080,
 *                             1 D 1,462)
 * @param markersPerSymbol     resync/disconnect markers kept per symbol (oldest dropped)
 * @param maxSymbols           symbols the model accepts ({@link MarketModel#addSymbol} throws beyond)
 * @param staleAfterMs         a quote with no data (or confirmation) for this long is {@link Freshness#STALE}
 * @param delayedAfterMs       a live trade that arrived this much later than its own time makes the symbol
 *                             {@link Freshness#DELAYED} (until a timely one arrives)
 */
public record MarketLimits(int recentTicksPerSymbol, int secondBarsPerSymbol, int derivedBarsPerSymbol,
                           int markersPerSymbol, int maxSymbols, long staleAfterMs, long delayedAfterMs) {
    /** The product's delay threshold: a trade two seconds late is no longer a live price. */
    public static final long DEFAULT_DELAYED_AFTER_MS = 2_000;

    public MarketLimits {
        if (recentTicksPerSymbol < 1 || secondBarsPerSymbol < 1 || derivedBarsPerSymbol < 1 || markersPerSymbol < 1
                || maxSymbols < 1 || staleAfterMs < 1 || delayedAfterMs < 1) {
            throw new IllegalArgumentException("every market limit must be positive: " + this);
        }
    }

    /** Limits with the product's delay threshold. */
    public MarketLimits(int recentTicksPerSymbol, int secondBarsPerSymbol, int derivedBarsPerSymbol,
                        int markersPerSymbol, int maxSymbols, long staleAfterMs) {
        this(recentTicksPerSymbol, secondBarsPerSymbol, derivedBarsPerSymbol, markersPerSymbol, maxSymbols,
                staleAfterMs, DEFAULT_DELAYED_AFTER_MS);
    }

    /**
     * The product's values: 16,384 ticks (about 55 min at 5 ticks/s), 8 h of 1 s bars, a week of minutes and four
     * years of days, 500 symbols, 15 s.
     */
    public static MarketLimits defaults() {
        return new MarketLimits(16_384, 28_800, 10_080, 256, 500, 15_000);
    }

    /** Slots of the ring for {@code interval}: its span (see {@link #derivedBarsPerSymbol}), capped. */
    public int barsFor(BarInterval interval) {
        if (interval == BarInterval.S1) {
            return secondBarsPerSymbol;
        }
        long span = interval.keptSpanMillis() > 0 ? interval.keptSpanMillis()
                : (long) secondBarsPerSymbol * BarInterval.S1.millis();
        long needed = (span + interval.millis() - 1) / interval.millis() + 1;
        return (int) Math.min(derivedBarsPerSymbol, needed);
    }
}
