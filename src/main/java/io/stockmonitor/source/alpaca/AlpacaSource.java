package io.stockmonitor.source.alpaca;

import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.WebSockets;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.source.SourceSettings;
import java.net.URI;

/** Makes feed clients for Alpaca's market data v2 (US stocks, IEX feed; key id and secret). */
public final class AlpacaSource {
    /** The stream host; the session adds {@code /v2/iex} ([stock-stream]). */
    public static final URI DEFAULT_WS = URI.create("wss://stream.data.alpaca.markets");
    /** The market data REST host ([trades]). */
    public static final URI DEFAULT_REST = URI.create("https://data.alpaca.markets");
    /**
     * The trading host, where the asset list lives ([skills]). Used only with the default REST base: a replaced one
     * (a mirror, an emulator) serves the assets too, as the docs leave this open for a single base URL.
     */
    public static final URI DEFAULT_TRADING_REST = URI.create("https://api.alpaca.markets");
    /**
     * No frame at all, pongs included, for this long means the connection is dead: Alpaca documents no heartbeat,
     * so the session pings every half of it ([go-sdk]: a ping every 10 s, a pong within 5 s; [py-sdk]: 10 s).
     */
    public static final long SILENCE_LIMIT_MS = 20_000;

    private AlpacaSource() {
    }

    public static ConnectionSupervisor client(SourceSettings settings, MarketModel market) {
        URI assets = settings.rest().equals(DEFAULT_REST) ? DEFAULT_TRADING_REST : settings.rest();
        return new ConnectionSupervisor(settings.connection(), market,
                link -> new AlpacaSession(link, settings, assets), "Alpaca (" + settings.ws().getHost() + ")",
                WebSockets.newClient(settings.connection(), settings.ws(), settings.rest(), assets), true);
    }
}
