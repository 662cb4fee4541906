package io.stockmonitor.source.v1;

import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.feed.WebSockets;
import io.stockmonitor.market.MarketModel;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** Makes feed clients for a server speaking our protocol (the bundled simulator, or any other). */
public final class ProtocolSource {
    private ProtocolSource() {
    }

    /** A client with a WebSocket client of its own (set up for TLS only when the URL is wss://). */
    public static ConnectionSupervisor client(FeedClientConfig config, MarketModel market) {
        return new ConnectionSupervisor(config, market, ProtocolSession::new, config.serverLabel(),
                WebSockets.newClient(config), true);
    }

    /** A client on a shared, started {@link WebSocketClient} (many clients in one process, e.g. tests). */
    public static ConnectionSupervisor client(FeedClientConfig config, MarketModel market, WebSocketClient shared) {
        return new ConnectionSupervisor(config, market, ProtocolSession::new, config.serverLabel(), shared, false);
    }
}
