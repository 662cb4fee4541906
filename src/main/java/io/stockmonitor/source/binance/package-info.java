/**
 * Binance spot as a source: aggTrade and bookTicker on one combined stream, aggregate ids checked and refilled by
 * id over REST, the 24 h connection lifetime met by a planned overlap (docs/sources/binance.md).
 */
package io.stockmonitor.source.binance;
