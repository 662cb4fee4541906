package io.stockmonitor.source.binance;

import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.WebSockets;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.source.SourceSettings;
import java.net.URI;

/** Makes feed clients for Binance spot's public market data. */
public final class BinanceSource {
    /** Binance's market streams (docs: web-socket-streams.md, "General WSS information"). */
    public static final URI DEFAULT_WS = URI.create("wss://stream.binance.com:9443");
    /** Binance's REST base (rest-api.md, "General API Information"). */
    public static final URI DEFAULT_REST = URI.create("https://api.binance.com");
    /** No frame at all for this long (pings come every 20 s) means the connection is dead. */
    public static final long SILENCE_LIMIT_MS = 60_000;
    /** Binance closes a connection at 24 h; we replace it at 23 h 30 min by a planned overlap. */
    public static final long ROLLOVER_AFTER_MS = 23 * 3_600_000L + 30 * 60_000L;

    private BinanceSource() {
    }

    public static ConnectionSupervisor client(SourceSettings settings, MarketModel market) {
        return new ConnectionSupervisor(settings.connection(), market,
                link -> new BinanceSession(link, settings), "Binance (" + settings.ws().getHost() + ")",
                WebSockets.newClient(settings.connection(), settings.ws(), settings.rest()), true);
    }
}
