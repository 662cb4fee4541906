/**
 * Alpaca market data v2 as a source: US stocks from the IEX feed, trades and quotes on one socket authenticated by
 * key id and secret (docs/sources/alpaca.md). Trade ids are unique but not contiguous, so no span can be proven
 * complete: after every loss the span is refilled from the REST history by time and reported as "refilled by time"
 * ({@link io.stockmonitor.source.TimeRefill}), or as lost when the history cannot be read. The record's epoch is
 * {@code alpaca}, its seq Alpaca's trade id, its per-symbol order time order.
 */
package io.stockmonitor.source.alpaca;
