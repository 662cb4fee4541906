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
    /** A scripted frame starting with this goes as a binary frame (the rest of it, as UTF-8), not as text. */
    public static final String BINARY_PREFIX = "\u0000binary:";
    private final Server server;
    private final URI uri;
    private final AtomicInteger upgrades = new AtomicInteger();
    private final AtomicInteger requests = new AtomicInteger();
    private final java.util.List<String> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final java.util.concurrent.ScheduledExecutorService ticker =
            java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "scripted-feed-ticker");
                t.setDaemon(true);
                return t;
            });
    private volatile String periodicFrame;

    /**
     * @param refuseFirst the first this-many upgrades get {@code refuseStatus}
     * @param onOpen frames sent when a connection opens
     * @param onRequest frames sent in reply to each client request
     */
    public ScriptedFeedServer(int refuseFirst, int refuseStatus, List<String> onOpen,
                              Function<String, List<String>> onRequest) throws Exception {
        this(refuseFirst, refuseStatus, () -> onOpen, onRequest);
    }

    /** As above, with the opening frames chosen anew for each connection (e.g. a script that changes per test case). */
    public ScriptedFeedServer(int refuseFirst, int refuseStatus, java.util.function.Supplier<List<String>> onOpen,
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
                    return new Endpoint(this, onOpen, onRequest);
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

    /** Requests received from clients so far. */
    public int requests() {
        return requests.get();
    }

    /** Every request text received so far, in order. */
    public java.util.List<String> received() {
        return java.util.List.copyOf(received);
    }

    /** From now on, every open connection gets {@code frame} every {@code periodMs} (e.g. heartbeats, garbage). */
    public void sendEvery(String frame, long periodMs) {
        periodicFrame = frame;
        ticker.scheduleAtFixedRate(() -> {
            String f = periodicFrame;
            for (Endpoint e : endpoints) {
                if (e.session != null && e.session.isOpen() && f != null) {
                    e.session.sendText(f, org.eclipse.jetty.websocket.api.Callback.NOOP);
                }
            }
        }, periodMs, periodMs, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private final java.util.Set<Endpoint> endpoints = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Sends {@code frame} now to every open connection. */
    public void sendNow(String frame) {
        for (Endpoint e : endpoints) {
            if (e.session != null && e.session.isOpen()) {
                Endpoint.send(e.session, frame);
            }
        }
    }

    @Override
    public void close() {
        ticker.shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("scripted server did not stop", e);
        }
    }

    /** The scripted endpoint (public: Jetty requires it). */
    public static final class Endpoint implements Session.Listener.AutoDemanding {
        private final ScriptedFeedServer owner;
        private final java.util.function.Supplier<List<String>> onOpen;
        private final Function<String, List<String>> onRequest;
        private volatile Session session;

        Endpoint(ScriptedFeedServer owner, java.util.function.Supplier<List<String>> onOpen,
                 Function<String, List<String>> onRequest) {
            this.owner = owner;
            this.onOpen = onOpen;
            this.onRequest = onRequest;
        }

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
            owner.endpoints.add(this);
            onOpen.get().forEach(f -> send(s, f));
        }

        @Override
        public void onWebSocketText(String text) {
            owner.requests.incrementAndGet();
            owner.received.add(text);
            onRequest.apply(text).forEach(f -> send(session, f));
        }

        private static void send(Session s, String frame) {
            if (frame.startsWith(BINARY_PREFIX)) {
                s.sendBinary(java.nio.ByteBuffer.wrap(frame.substring(BINARY_PREFIX.length())
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), org.eclipse.jetty.websocket.api.Callback.NOOP);
            } else {
                s.sendText(frame, org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
            owner.endpoints.remove(this);
            callback.succeed();
        }

        /** The client went away mid-send (it may close at once on a frame it refuses): nothing to report. */
        @Override
        public void onWebSocketError(Throwable cause) {
            owner.endpoints.remove(this);
        }
    }
}
