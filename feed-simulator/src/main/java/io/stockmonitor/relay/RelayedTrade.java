package io.stockmonitor.relay;

/**
 * One provider trade as the relay hands it on, with the quote and the day's statistics the feed client holds right
 * after it (the provider's own day or 24 h figures where it gives them, extended by the trades since).
 *
 * @param upstreamId the provider's trade id (Binance's aggregate id, Coinbase's and Kraken's trade ids, Alpaca's
 *                   id); for Finnhub, which has none, the feed client's own count
 * @param bid        NaN when no quote is known
 * @param open       NaN when unknown, like the other statistics
 */
public record RelayedTrade(long upstreamId, long ts, double price, double size, double bid, double ask, double open,
                           double high, double low, double prevClose, double volume) {
}
