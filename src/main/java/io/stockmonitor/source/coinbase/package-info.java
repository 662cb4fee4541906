/**
 * Coinbase Exchange as a source: matches, ticker and heartbeat channels on one socket, {@code trade_id} checked per
 * product and refilled by id over REST ({@code /products/{id}/trades}, newest-first pages read back into id order),
 * each product anchored by its {@code last_match} after every (re)subscribe (docs/sources/coinbase.md).
 */
package io.stockmonitor.source.coinbase;
