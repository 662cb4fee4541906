/**
 * Finnhub as a source: trades of US stocks (and prefixed venues) on one socket whose URL carries the token
 * (docs/sources/finnhub.md). Finnhub has no trade id and no history of ticks, so nothing can be refilled: every
 * reconnect settles each symbol subscribed across it as a lost span of unknown size, visible and counted. The
 * record's epoch is {@code finnhub}; its seq is a per-symbol local sequence number (1, 2, 3 … for the whole run),
 * since Finnhub gives none.
 */
package io.stockmonitor.source.finnhub;
