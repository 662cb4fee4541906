package io.stockmonitor.feed;

import java.nio.ByteBuffer;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The Jetty endpoint of one socket (one connection attempt). It does nothing itself: every callback is handed to the
 * feed thread tagged with this object, and the feed thread ignores callbacks of any socket it no longer holds, so
 * late frames or close events of an aborted socket can never touch the state of its successor. The socket's
 * watchdog state (handshake deadline, silence limit, last frame) lives here too, for the feed thread.
 *
 * <p>Frames go through a bounded inbox that the feed thread drains in batches. Jetty's reading thread keeps reading
 * while fewer than {@link #MAX_WAITING_FRAMES} frames and {@link #MAX_WAITING_CHARS} characters wait, and stops
 * (no demand) when either bound is reached until the feed thread catches up; so memory stays bounded and a slow
 * feed thread pushes back on the server. Handing each frame over on its own (post, wake the feed thread, demand the
 * next, wake a Jetty thread) cost two thread switches per tick: at 20,000 ticks/s, a third of the machine's CPU in
 * system time (AppFrameBench, {@code top -H}).
 */
public final class SocketConnection implements Session.Listener {
    /** Frames read but not handled yet, at most. */
    static final int MAX_WAITING_FRAMES = 512;
    /** Characters of those frames, at most (a snapshot frame can be hundreds of kilobytes). */
    static final long MAX_WAITING_CHARS = 1L << 20;

    final ConnectionSupervisor client;
    /** The socket's id, unique within its supervisor (the generation of the attempt). */
    final int id;
    final SocketRequest request;
    volatile Session session;
    volatile CompletableFuture<Session> upgrade;
    private final ArrayBlockingQueue<String> inbox = new ArrayBlockingQueue<>(MAX_WAITING_FRAMES);
    private final AtomicLong waitingChars = new AtomicLong();
    private final AtomicBoolean drainPosted = new AtomicBoolean();
    private final AtomicBoolean demandOwed = new AtomicBoolean();
    private final Runnable drain = this::drain;
    /**
     * When Jetty last read anything from the peer (a frame, a ping, a pong), on its own thread: the watchdog must not
     * take frames still waiting for a busy feed thread (a long refill page, a slow machine) for silence.
     */
    private volatile long lastHeardNanos = System.nanoTime();

    // ---- feed thread only ----
    /** The session said the handshake is complete. */
    boolean established;
    /** Retired on purpose (end of a rollover): its loss is no connection loss. */
    boolean retired;
    long lastFrameNanos;
    /** Since when every frame has been unusable ({@link System#nanoTime()}); 0 while the last one was usable. */
    long unusableSinceNanos;
    /** Handshake deadline ({@link System#nanoTime()}), while not established. */
    long handshakeDeadlineNanos;
    /** Longest silence allowed once established; {@link Long#MAX_VALUE} while not. */
    long silenceLimitNanos = Long.MAX_VALUE;

    SocketConnection(ConnectionSupervisor client, int id, SocketRequest request) {
        this.client = client;
        this.id = id;
        this.request = request;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        client.post(() -> client.onOpen(this, s));
        s.demand();
    }

    @Override
    public void onWebSocketText(String text) {
        lastHeardNanos = System.nanoTime();
        // Never full: no more is read once the inbox reaches its bound.
        inbox.add(text);
        waitingChars.addAndGet(text.length());
        if (drainPosted.compareAndSet(false, true)) {
            client.post(drain);
        }
        if (hasRoom()) {
            session.demand();
        } else {
            demandOwed.set(true);
            // The feed thread may have emptied the inbox before it could see the debt: whoever clears it demands.
            if (hasRoom()) {
                payDemand();
            }
        }
    }

    /** Frames read and not handled yet. Any thread. */
    int waitingFrames() {
        return inbox.size();
    }

    private boolean hasRoom() {
        return inbox.size() < MAX_WAITING_FRAMES && waitingChars.get() < MAX_WAITING_CHARS;
    }

    /** Feed thread: handles every frame waiting, then reads on if the reading had stopped at the bound. */
    private void drain() {
        drainPosted.set(false);
        String text;
        while ((text = inbox.poll()) != null) {
            waitingChars.addAndGet(-text.length());
            client.onText(this, text);
        }
        payDemand();
    }

    private void payDemand() {
        Session s = session;
        if (s != null && demandOwed.compareAndSet(true, false)) {
            s.demand();
        }
    }

    /**
     * A server's ping: answered at once with its payload (Jetty answers only endpoints that do not listen for pings),
     * and counted as a sign of life, since some providers keep a quiet connection alive with pings alone. Listening
     * for pings also means demanding the next frame ourselves, as for text frames.
     */
    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        lastHeardNanos = System.nanoTime();
        Session s = session;
        if (s != null) {
            s.sendPong(payload, Callback.NOOP);
            s.demand();
        }
        client.post(() -> client.onPing(this));
    }

    /**
     * A pong (the answer to {@link FeedLink#ping}): a sign of life, and the round trip when it carries our payload.
     * As for pings, listening for pongs means demanding the next frame ourselves.
     */
    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        lastHeardNanos = System.nanoTime();
        long sentNanos = payload != null && payload.remaining() == Long.BYTES
                ? payload.getLong(payload.position()) : -1;
        Session s = session;
        if (s != null) {
            s.demand();
        }
        client.post(() -> client.onPong(this, sentNanos));
    }

    /**
     * A binary frame. No source speaks binary, and Jetty, left to itself, drops one without a trace: it is counted as
     * a bad frame instead (a server that sends them is broken or hostile), and reading goes on.
     */
    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        lastHeardNanos = System.nanoTime();
        int bytes = payload.remaining();
        callback.succeed();
        Session s = session;
        if (s != null) {
            s.demand();
        }
        client.post(() -> client.onBinary(this, bytes));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        client.post(() -> client.onClosed(this, "closed by the server: " + statusCode
                + (reason == null || reason.isEmpty() ? "" : " " + PeerText.escape(reason))));
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        if (session == null) {
            // Never opened: a failed connect (Jetty may report a refused upgrade here before the connect future),
            // so a 401 still fails for good instead of looking like a passing network error.
            client.post(() -> client.onConnectFailed(this, cause));
            return;
        }
        client.post(() -> client.onClosed(this, "connection error: "
                + PeerText.escape(request.redact(String.valueOf(cause)))));
    }

    /** Abrupt close, no close frame (a stalled peer would never answer one). Any thread. */
    void abort() {
        Session s = session;
        if (s != null) {
            s.disconnect();
        }
        CompletableFuture<Session> f = upgrade;
        if (f != null) {
            f.cancel(true);
        }
    }

    /** Nanoseconds this socket has been silent at {@code nowNanos}: since the feed thread or Jetty last heard it. */
    long silentNanos(long nowNanos) {
        long heard = lastHeardNanos;
        return nowNanos - (heard - lastFrameNanos > 0 ? heard : lastFrameNanos);
    }

    @Override
    public String toString() {
        return "socket#" + id;
    }
}
