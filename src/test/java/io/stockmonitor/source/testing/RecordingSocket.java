package io.stockmonitor.source.testing;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A plain client socket for emulator tests: records every text frame in arrival order and how the socket closed.
 * Public: Jetty requires endpoint classes to be. Frames are read by index ({@link #frame(int)}) once a test has
 * awaited {@link #frames()} reaching a size, so nothing blocks without a bound.
 */
public final class RecordingSocket implements Session.Listener.AutoDemanding {
    private final List<String> frames = new CopyOnWriteArrayList<>();
    private volatile Session session;
    private volatile int closeStatus = -1;
    private volatile String closeReason;

    /** Connects to {@code uri} with the given upgrade headers; fails after 30 s. */
    public static RecordingSocket connect(WebSocketClient client, URI uri, Map<String, String> headers)
            throws Exception {
        RecordingSocket socket = new RecordingSocket();
        ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
        headers.forEach(request::setHeader);
        client.connect(socket, request).get(30, TimeUnit.SECONDS);
        return socket;
    }

    /**
     * The HTTP status a refused upgrade answered with, or -1 when the upgrade succeeded (the socket is then closed).
     */
    public static int refusedStatus(WebSocketClient client, URI uri, Map<String, String> headers)
            throws IOException, InterruptedException, TimeoutException {
        RecordingSocket socket = new RecordingSocket();
        ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
        headers.forEach(request::setHeader);
        try {
            client.connect(socket, request).get(30, TimeUnit.SECONDS).close(1000, null, Callback.NOOP);
            return -1;
        } catch (ExecutionException e) {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof org.eclipse.jetty.websocket.api.exceptions.UpgradeException u) {
                    return u.getResponseStatusCode();
                }
                if (t instanceof org.eclipse.jetty.websocket.core.exception.UpgradeException u) {
                    return u.getResponseStatusCode();
                }
            }
            throw new IllegalStateException("upgrade failed without a status", e);
        }
    }

    @Override
    public void onWebSocketOpen(Session s) {
        session = s;
    }

    @Override
    public void onWebSocketText(String text) {
        frames.add(text);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        closeReason = reason;
        closeStatus = statusCode;
        callback.succeed();
    }

    /** Errors (a drop, a refused upgrade) are visible through {@link #closeStatus()}; nothing to log. */
    @Override
    public void onWebSocketError(Throwable cause) {
        if (closeStatus < 0) {
            closeReason = String.valueOf(cause);
            closeStatus = 1006;
        }
    }

    /** Every text frame so far (a live view: await its size, then read). */
    public List<String> frames() {
        return frames;
    }

    public String frame(int index) {
        return frames.get(index);
    }

    public void send(String text) {
        session.sendText(text, Callback.NOOP);
    }

    public boolean isOpen() {
        Session s = session;
        return s != null && s.isOpen() && closeStatus < 0;
    }

    /** The close status (1006 for a drop without a close frame), or -1 while open. */
    public int closeStatus() {
        return closeStatus;
    }

    public String closeReason() {
        return closeReason;
    }

    public void close() {
        Session s = session;
        if (s != null && s.isOpen()) {
            s.close(1000, null, Callback.NOOP);
        }
    }

    /** A generous bound for waiting on an emulator over loopback. */
    public static final Duration PATIENCE = Duration.ofSeconds(30);
}
