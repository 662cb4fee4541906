package io.stockmonitor.source.coinbase;

import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.WebSockets;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.source.SourceSettings;
import java.net.URI;

/** Makes feed clients for Coinbase Exchange's public market data (no key). */
public final class CoinbaseSource {
    /** Coinbase Market Data, "available without authentication" (WebSocket overview). */
    public static final URI DEFAULT_WS = URI.create("wss://ws-feed.exchange.coinbase.com");
    /** The REST base of every public product endpoint (the OpenAPI {@code servers} entry). */
    public static final URI DEFAULT_REST = URI.create("https://api.exchange.coinbase.com");
    /**
     * No frame for this long means the connection is dead: five missed one-second heartbeats per product, well clear
     * of scheduling noise and well inside what a trader notices (docs/sources/coinbase.md §8).
     */
    public static final long SILENCE_LIMIT_MS = 5_000;
    /** Coinbase documents no connection lifetime: no planned overlap. */
    public static final long ROLLOVER_AFTER_MS = 0;

    private CoinbaseSource() {
    }

    public static ConnectionSupervisor client(SourceSettings settings, MarketModel market) {
        return new ConnectionSupervisor(settings.connection(), market,
                link -> new CoinbaseSession(link, settings), "Coinbase (" + settings.ws().getHost() + ")",
                WebSockets.newClient(settings.connection(), settings.ws(), settings.rest()), true);
    }
}
