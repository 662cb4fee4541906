package io.stockmonitor.source.kraken;

/**
 * One pair's three spellings, as AssetPairs gave them: the WebSocket v2 symbol the user typed, the REST result key
 * Kraken files answers under, and the {@code altname} sent in REST requests.
 *
 * @param symbol  WebSocket v2 ({@code BTC/USD}), also the market model's and the record's symbol
 * @param key     REST result key ({@code XXBTZUSD})
 * @param altname REST request name ({@code XBTUSD})
 */
record KrakenPairNames(String symbol, String key, String altname) {
}
