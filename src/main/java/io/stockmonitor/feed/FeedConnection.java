package io.stockmonitor.feed;

import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * The Jetty endpoint of one connection attempt. It does nothing itself: every callback is handed to the feed thread
 * tagged with this object, and the feed thread ignores callbacks of any connection but the current one, so late
 * frames or close events of an aborted connection can never touch the state of its successor. Demand is explicit:
 * the next frame is read only after the feed thread processed the previous one, so at most one frame per
 * connection waits in the feed thread's queue.
 */
public final class FeedConnection implements Session.Listener {
    final FeedClient client;
    final int generation;
    volatile Session session;
    volatile CompletableFuture<Session> upgrade;

    FeedConnection(FeedClient client, int generation) {
        this.client = client;
        this.generation = generation;
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        client.post(() -> client.onOpen(this, s));
        s.demand();
    }

    @Override
    public void onWebSocketText(String text) {
        client.post(() -> client.onText(this, text));
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, Callback callback) {
        client.post(() -> client.onClosed(this, "closed by the server: " + statusCode
                + (reason == null || reason.isEmpty() ? "" : " " + reason)));
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        client.post(() -> client.onClosed(this, "connection error: " + cause));
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

    @Override
    public String toString() {
        return "connection#" + generation;
    }
}
