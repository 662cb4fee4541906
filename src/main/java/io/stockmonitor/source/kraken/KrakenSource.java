package io.stockmonitor.source.kraken;

import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.WebSockets;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.source.SourceSettings;
import java.net.URI;

/** Makes feed clients for Kraken spot's public market data (WebSocket v2 and public REST). */
public final class KrakenSource {
    /** Kraken's WebSocket base; the session appends {@code /v2} ("wss://ws.kraken.com/v2"). */
    public static final URI DEFAULT_WS = URI.create("wss://ws.kraken.com");
    /** Kraken's REST base; the session appends {@code /0/public/...}. */
    public static final URI DEFAULT_REST = URI.create("https://api.kraken.com");
    /**
     * No frame at all for this long means the connection is dead. Kraken's reconnection guide: "set a deadline timer
     * (e.g. 5 seconds). If no message of any kind arrives within the deadline, close and reconnect"; heartbeats come
     * about once a second.
     */
    public static final long SILENCE_LIMIT_MS = 5_000;
    /** Kraken documents no maximum connection lifetime: no planned replacement. */
    public static final long ROLLOVER_AFTER_MS = 0;

    private KrakenSource() {
    }

    public static ConnectionSupervisor client(SourceSettings settings, MarketModel market) {
        return client(settings, market, KrakenTiming.defaults());
    }

    /** As {@link #client(SourceSettings, MarketModel)} with the source's own waits (tests shorten them). */
    static ConnectionSupervisor client(SourceSettings settings, MarketModel market, KrakenTiming timing) {
        return new ConnectionSupervisor(settings.connection(), market,
                link -> new KrakenSession(link, settings, timing), "Kraken (" + settings.ws().getHost() + ")",
                WebSockets.newClient(settings.connection(), settings.ws(), settings.rest()), true);
    }
}
