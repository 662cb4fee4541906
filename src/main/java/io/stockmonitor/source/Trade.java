package io.stockmonitor.source;

/**
 * One trade from a provider's REST history (a refill page). Not the live path: live trades go through
 * {@link TradeSequencer#live} as primitives.
 *
 * @param id    the provider's trade id
 * @param ts    trade time, epoch ms
 * @param valid false for a row the provider keeps only to hold its id (e.g. Binance's invalidated duplicates): it
 *              counts for contiguity but is not a trade
 */
public record Trade(long id, long ts, double price, double size, boolean valid) {
}
