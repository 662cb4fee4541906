package io.stockmonitor.market;

/** Whether a symbol's quote can be presented as a live price. */
public enum Freshness {
    /** Data arrived (or was confirmed current) within {@link MarketLimits#staleAfterMs()} and the connection is up. */
    LIVE,
    /** Nothing arrived for {@link MarketLimits#staleAfterMs()}, the connection is down, or no data yet. */
    STALE,
    /**
     * Data flow, but late: the newest live trade arrived more than {@link MarketLimits#delayedAfterMs()} after its
     * own time (a congested or throttled feed). The price is real, but not current.
     */
    DELAYED,
    /** The feed asked the server to resync the symbol; the shown state is about to be replaced or replayed. */
    RESYNCING,
    /** Trades are missing and the source is fetching them from the provider's history; later ones wait. */
    REFILLING
}
