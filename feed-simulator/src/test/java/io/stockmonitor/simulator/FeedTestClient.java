package io.stockmonitor.simulator;

import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.MessageCodec;
import io.stockmonitor.protocol.Protocol;
import io.stockmonitor.protocol.ProtocolException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** A real Jetty WebSocket client for tests: records every frame, decoded, in arrival order. */
public final class FeedTestClient implements Session.Listener, AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);
    private static final MessageCodec CODEC = new MessageCodec();

    private final WebSocketClient client;
    private final boolean ownsClient;
    final BlockingQueue<Message> frames = new LinkedBlockingQueue<>();
    final BlockingQueue<String> rawFrames = new LinkedBlockingQueue<>();
    final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
    private volatile Session session;
    private volatile boolean autoDemand = true;

    private FeedTestClient(WebSocketClient client, boolean ownsClient) {
        this.client = client;
        this.ownsClient = ownsClient;
    }

    /** One client for all tests of a JVM: starting and stopping Jetty per test is slow on a busy machine. */
    private static WebSocketClient shared;

    static synchronized WebSocketClient sharedJettyClient() throws Exception {
        if (shared == null) {
            shared = newJettyClient();
        }
        return shared;
    }

    static WebSocketClient newJettyClient() throws Exception {
        return newJettyClient(0);
    }

    /** A client whose sockets have a small receive buffer (bytes; 0 = system default), to back up a server fast. */
    static WebSocketClient newJettyClient(int receiveBufferBytes) throws Exception {
        org.eclipse.jetty.util.thread.QueuedThreadPool threads = new org.eclipse.jetty.util.thread.QueuedThreadPool();
        threads.setName("test-ws-client");
        threads.setDaemon(true);
        org.eclipse.jetty.io.ClientConnector connector = new org.eclipse.jetty.io.ClientConnector();
        if (receiveBufferBytes > 0) {
            connector.setReceiveBufferSize(receiveBufferBytes);
        }
        org.eclipse.jetty.client.HttpClient http = new org.eclipse.jetty.client.HttpClient(
                new org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP(connector));
        http.setExecutor(threads);
        WebSocketClient c = new WebSocketClient(http);
        c.setMaxTextMessageSize(Protocol.MAX_SERVER_FRAME_BYTES);
        c.setIdleTimeout(Duration.ofMinutes(2));
        c.start();
        return c;
    }

    static FeedTestClient connect(URI uri) throws Exception {
        return connect(sharedJettyClient(), uri);
    }

    static FeedTestClient connect(WebSocketClient shared, URI uri) throws Exception {
        FeedTestClient c = new FeedTestClient(shared, false);
        c.open(uri, null);
        return c;
    }

    /** Connects with an {@code Authorization} header (null for none). */
    static FeedTestClient connect(URI uri, String authorization) throws Exception {
        FeedTestClient c = new FeedTestClient(sharedJettyClient(), false);
        ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
        if (authorization != null) {
            request.setHeader("Authorization", authorization);
        }
        c.open(uri, request);
        return c;
    }

    /** Connects with an upgrade request of the caller's (subprotocols, extensions). */
    static FeedTestClient connect(ClientUpgradeRequest request) throws Exception {
        FeedTestClient c = new FeedTestClient(sharedJettyClient(), false);
        c.open(request.getRequestURI(), request);
        return c;
    }

    /** Connects offering protocol v2 (and, if asked, permessage-deflate). */
    static FeedTestClient connectV2(URI uri, boolean deflate) throws Exception {
        ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
        request.setSubProtocols(Protocol.SUBPROTOCOL_V2);
        if (deflate) {
            request.addExtensions(Protocol.DEFLATE_EXTENSION);
        }
        return connect(request);
    }

    private void open(URI uri, ClientUpgradeRequest request) throws Exception {
        try {
            (request == null ? client.connect(this, uri) : client.connect(this, request))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            close();
            throw e;
        }
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        s.demand();
    }

    @Override
    public void onWebSocketText(String text) {
        rawFrames.add(text);
        try {
            frames.add(CODEC.decode(text));
        } catch (ProtocolException e) {
            throw new AssertionError("server sent an invalid frame: " + text, e);
        }
        if (autoDemand) {
            session.demand();
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closeCode.complete(statusCode);
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        closeCode.complete(-1);
    }

    /** Stops reading: frames pile up in the socket buffers and then in the server's send queue. */
    void pauseReading() {
        autoDemand = false;
    }

    void resumeReading() {
        autoDemand = true;
        session.demand();
    }

    /** Sends that Jetty failed (a closed session, or a send it refused): a flood test must know how many got out. */
    final java.util.concurrent.atomic.AtomicLong failedSends = new java.util.concurrent.atomic.AtomicLong();
    volatile Throwable lastSendFailure;

    void send(String text) {
        session.sendText(text, Callback.from(() -> { }, x -> {
            failedSends.incrementAndGet();
            lastSendFailure = x;
        }));
    }

    void send(Message m) {
        send(CODEC.encode(m));
    }

    Session session() {
        return session;
    }

    /** The next frame of type {@code type}, skipping heartbeats (and, if asked, other types). */
    <T extends Message> T next(Class<T> type) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            Message m = frames.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("no " + type.getSimpleName() + " within " + WAIT);
            }
            if (m instanceof Message.Heartbeat && type != Message.Heartbeat.class) {
                continue;
            }
            if (!type.isInstance(m)) {
                throw new AssertionError("expected " + type.getSimpleName() + " but got " + m);
            }
            return type.cast(m);
        }
    }

    /** Frames until one matches {@code stop} (inclusive), skipping heartbeats. */
    List<Message> until(Predicate<Message> stop) throws InterruptedException {
        List<Message> seen = new ArrayList<>();
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            Message m = frames.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("condition not met within " + WAIT + "; saw " + seen.size() + " frames");
            }
            if (m instanceof Message.Heartbeat) {
                continue;
            }
            seen.add(m);
            if (stop.test(m)) {
                return seen;
            }
        }
    }

    /** The next frame within {@code ms}, heartbeats included; null when none came. */
    Message poll(long ms) throws InterruptedException {
        return frames.poll(ms, TimeUnit.MILLISECONDS);
    }

    /** True once the connection has closed (either side, or an error). */
    boolean isClosed() {
        return closeCode.isDone();
    }

    int awaitClose() throws Exception {
        return closeCode.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close();
        }
        if (ownsClient) {
            try {
                client.stop();
            } catch (Exception e) {
                // best effort in tests
            }
        }
    }
}
