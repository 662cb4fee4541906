package io.stockmonitor.source.finnhub;

import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.WebSockets;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.source.SourceSettings;
import java.net.URI;

/** Makes feed clients for Finnhub's trades WebSocket (a token; trades only, no refill). */
public final class FinnhubSource {
    /**
     * The trades socket ([ws-doc]: {@code new WebSocket('wss://ws.finnhub.io?token=')});
     * the session adds the token.
     */
    public static final URI DEFAULT_WS = URI.create("wss://ws.finnhub.io");
    /** The REST host; the session's paths start with {@code /api/v1} ([openapi] server). */
    public static final URI DEFAULT_REST = URI.create("https://finnhub.io");
    /**
     * No frame at all, pongs included, for this long means the connection is dead: two missed JSON pings at the
     * slow end of "every 1-2 mins" (finnhub-js issue #21).
     */
    public static final long SILENCE_LIMIT_MS = 180_000;

    private FinnhubSource() {
    }

    public static ConnectionSupervisor client(SourceSettings settings, MarketModel market) {
        return new ConnectionSupervisor(settings.connection(), market, link -> new FinnhubSession(link, settings),
                "Finnhub (" + settings.ws().getHost() + ")",
                WebSockets.newClient(settings.connection(), settings.ws(), settings.rest()), true);
    }
}
