package io.stockmonitor.feed.testing;

import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A real Jetty WebSocket server on 127.0.0.1 that misbehaves on purpose: it refuses the first upgrades with an HTTP
 * status, then answers every connection with scripted frames (a function of the client's request text, e.g. a
 * subscribe). For what the simulator never does: bad frames, another protocol version, HTTP 5xx.
 */
public final class ScriptedFeedServer implements AutoCloseable {
    private final Server server;
    private final URI uri;
    private final AtomicInteger upgrades = new AtomicInteger();

    /**
     * @param refuseFirst the first this-many upgrades get {@code refuseStatus}
     * @param onOpen frames sent when a connection opens
     * @param onRequest frames sent in reply to each client request
     */
    public ScriptedFeedServer(int refuseFirst, int refuseStatus, List<String> onOpen,
                              Function<String, List<String>> onRequest) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, container -> container.addMapping("/feed",
                (request, response, callback) -> {
                    if (upgrades.incrementAndGet() <= refuseFirst) {
                        response.setStatus(refuseStatus);
                        Content.Sink.write(response, true, "refused", callback);
                        return null;
                    }
                    return new Endpoint(onOpen, onRequest);
                }));
        server.setHandler(ws);
        server.start();
        uri = URI.create("ws://127.0.0.1:" + connector.getLocalPort() + "/feed");
    }

    public URI uri() {
        return uri;
    }

    public int upgrades() {
        return upgrades.get();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("scripted server did not stop", e);
        }
    }

    /** The scripted endpoint (public: Jetty requires it). */
    public static final class Endpoint implements Session.Listener.AutoDemanding {
        private final List<String> onOpen;
        private final Function<String, List<String>> onRequest;
        private Session session;

        Endpoint(List<String> onOpen, Function<String, List<String>> onRequest) {
            this.onOpen = onOpen;
            this.onRequest = onRequest;
        }

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
            onOpen.forEach(f -> s.sendText(f, org.eclipse.jetty.websocket.api.Callback.NOOP));
        }

        @Override
        public void onWebSocketText(String text) {
            onRequest.apply(text).forEach(f -> session.sendText(f, org.eclipse.jetty.websocket.api.Callback.NOOP));
        }
    }
}
