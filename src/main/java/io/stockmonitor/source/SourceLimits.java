package io.stockmonitor.source;

/**
 * Every bound of the provider sources, in one place: what a refill may hold and how long it may try, and how much a
 * provider's REST answer may weigh. Everything a provider sends is bounded by these (and by the WebSocket frame limit
 * of {@link io.stockmonitor.feed.WebSockets}).
 *
 * @param bufferedTradesPerSymbol live trades held while a symbol's gap is refilled (32 bytes each); beyond it the
 *                                refill is given up and the rest of the span is reported lost
 * @param refillGiveUpMs          a refill that cannot finish within this (bans, outages) is reported lost
 * @param restLagRetryMs          first wait when the provider's history lags its stream (doubles, capped at 2 s)
 * @param restLagGiveUpMs         ids still absent from the history after this long are reported lost
 * @param maxRestBodyBytes        largest REST answer read (a page of 1,000 trades is about 120 KB)
 * @param restTimeoutMs           a REST call without an answer for this long fails (and is retried)
 * @param maxRestInFlight         REST calls in flight at once per provider
 */
public record SourceLimits(int bufferedTradesPerSymbol, long refillGiveUpMs, long restLagRetryMs, long restLagGiveUpMs,
                           int maxRestBodyBytes, long restTimeoutMs, int maxRestInFlight) {
    public SourceLimits {
        if (bufferedTradesPerSymbol < 1 || refillGiveUpMs < 1 || restLagRetryMs < 1 || restLagGiveUpMs < 1
                || maxRestBodyBytes < 1024 || restTimeoutMs < 1 || maxRestInFlight < 1) {
            throw new IllegalArgumentException("every source limit must be positive: " + this);
        }
    }

    /** The product's values. */
    public static SourceLimits defaults() {
        return new SourceLimits(200_000, 300_000, 250, 10_000, 4 << 20, 10_000, 4);
    }
}
