package io.stockmonitor.feed;

import io.stockmonitor.market.FeedLatency;
import io.stockmonitor.market.MarketModel;
import java.util.concurrent.ScheduledFuture;
import org.eclipse.jetty.client.HttpClient;

/**
 * What a {@link FeedSession} may do, given by its {@link ConnectionSupervisor}. Every method is for the feed thread
 * only, except {@link #post}, which hands work (e.g. an HTTP response) to it from any thread.
 */
public interface FeedLink {
    /** Sends a text frame on socket {@code socket} through the session's request pacer; dropped if it is gone. */
    void send(int socket, String text);

    /** As {@link #send}; {@code onSent} runs on the feed thread at the moment the frame leaves the pacer. */
    void send(int socket, String text, Runnable onSent);

    /**
     * Socket {@code socket} completed its handshake (the only thing that ends the handshake deadline): the supervisor
     * goes CONNECTED and from now on closes the socket after {@code silenceLimitMs} without a frame.
     */
    void established(int socket, String detail, long silenceLimitMs);

    /**
     * Replaces the status detail while CONNECTED, without a state change (e.g. the provider announced maintenance:
     * the connection is fine, but no trades will come until it ends). Ignored in any other state.
     */
    default void detail(String detail) {
    }

    /**
     * Sends a WebSocket ping on socket {@code socket} (not paced: a control frame). Its pong, like any frame, counts
     * as a sign of life for the silence limit, and its round trip goes to {@link #latency()}: for providers that
     * document no heartbeat and leave keep-alive pings to the client (Alpaca, Finnhub).
     */
    void ping(int socket);

    /** Changes the silence limit of an established socket (e.g. the server announced its heartbeat). */
    void silenceLimit(int socket, long silenceLimitMs);

    /** Retrying cannot help (bad credentials, protocol mismatch): FAILED with {@code reason}, no more attempts. */
    void fail(String reason);

    /** Closes every socket and reconnects with backoff, e.g. after a server's shutdown notice. */
    void reconnect(String reason);

    /**
     * Opens a second socket beside the established one (a planned replacement, e.g. before a provider's connection
     * lifetime ends); frames from both reach the session until it calls {@link #retire}. Returns the new socket's id,
     * or -1 when no socket is established or a replacement is already under way.
     */
    int rollover(String reason);

    /** Closes socket {@code socket} on purpose (the end of a rollover); its {@code lost} still follows. */
    void retire(int socket);

    /**
     * The subprotocol the server accepted at socket {@code socket}'s upgrade ({@code Sec-WebSocket-Protocol}), or
     * null when it accepted none (or the socket is gone).
     */
    default String subprotocol(int socket) {
        return null;
    }

    /** The socket frames should go to: the newest established one, or -1. */
    int primarySocket();

    /** The source refused {@code symbol} for good: it leaves the supervisor's symbols and the market model. */
    void dropSymbol(String symbol);

    /** Runs {@code task} on the feed thread after {@code delayMs}; cancelled tasks never run. */
    ScheduledFuture<?> schedule(Runnable task, long delayMs);

    /** Runs {@code task} on the feed thread soon; any thread. Dropped once the supervisor is closed. */
    void post(Runnable task);

    /** The HTTP client for the source's REST calls (shares the WebSocket client's TLS and connection pools). */
    HttpClient http();

    /** The market model the session writes (the feed thread is its single writer). */
    MarketModel market();

    /** Feed latency: tick delays (through {@link #output()}) and ping round trips. */
    FeedLatency latency();

    /** The supervisor's counters, written by the feed thread. */
    FeedCounters counters();

    /** Ticks and gaps the session applied go through here: model, latency, counters and the record sink in one. */
    TradeOutput output();

    /** Sends an event to the listeners (UI, log, record). */
    void emit(FeedEvent event);

    /** Logs a bad frame or message at most once per kind per period, and counts it. */
    void bad(String kind, String detail);

    /**
     * The supervisor's rate-limited log, for every other line a peer can cause (its error messages, the gaps it makes):
     * at most one per kind per period. Feed thread only.
     */
    RateLimitedLog peerLog();

    /** The supervisor's settings. */
    FeedClientConfig config();
}
