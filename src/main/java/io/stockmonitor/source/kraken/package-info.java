/**
 * Kraken spot as a source (docs/sources/kraken.md): the WebSocket v2 {@code trade} channel, whose sequential
 * {@code trade_id} goes through the {@link io.stockmonitor.source.TradeSequencer}, refilled from REST
 * {@code Trades?since=} by time and proven complete by id (REST and socket ids checked against each other), the
 * {@code ticker} channel for quotes, REST {@code Ticker} for the day's statistics, {@code OHLC} for the chart and
 * {@code AssetPairs} for the three spellings of a pair.
 */
package io.stockmonitor.source.kraken;
