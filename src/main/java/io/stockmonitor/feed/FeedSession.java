package io.stockmonitor.feed;

import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.HistoryBars;
import java.util.List;

/**
 * One source's protocol on top of the {@link ConnectionSupervisor}'s connections: what to open, what to send once a
 * socket is open, what each frame means, how to resume or refill after a loss. Everything a session does happens
 * on the supervisor's single feed thread, so a session needs no locks; it reaches the network, the timers and the
 * market only through its {@link FeedLink}.
 *
 * <p>The supervisor owns the connection's life (connect, backoff, watchdogs, states); the session decides when a
 * socket's handshake is complete ({@link FeedLink#established}), when it is hopeless ({@link FeedLink#fail}) and
 * when a connection must be replaced ({@link FeedLink#reconnect}, {@link FeedLink#rollover}).
 */
public interface FeedSession {
    /** Makes the session of one supervisor; called once, on the feed thread, before the first connection. */
    @FunctionalInterface
    interface Factory {
        FeedSession create(FeedLink link);
    }

    /**
     * The supervisor started (feed thread, before the first connection, the HTTP client running): a session may
     * read what it needs over REST (a symbol list, a rate limit).
     */
    default void start() {
    }

    /**
     * The upgrade request for the next socket (a URL may change between attempts, e.g. to name the current
     * symbols). Throws {@link IllegalArgumentException} with a one-line reason when no request can be made (a
     * malformed URL): the supervisor then goes FAILED.
     */
    SocketRequest nextRequest();

    /** Socket {@code socket} is open; the session sends its greeting or subscriptions. */
    void opened(int socket);

    /** A text frame from socket {@code socket}, in order. */
    void text(int socket, String frame);

    /**
     * Socket {@code socket} is gone (closed, failed, stalled or replaced). {@code wasEstablished} tells whether it had
     * completed its handshake. Positions are kept: the next socket resumes or refills from them.
     */
    void lost(int socket, boolean wasEstablished);

    /** The user added a symbol (the supervisor already added it to the market model). */
    void subscribe(String symbol);

    /** The user removed a symbol (the supervisor already removed it from the market model). */
    void unsubscribe(String symbol);

    /** The symbols the source offers, for completion; empty until known. Any thread. */
    List<SymbolInfo> symbols();

    /** What a history request ends with; called on the feed thread. */
    interface HistoryResult {
        /** Bars before the asked time, oldest first; {@code reachedStart} when there is nothing older. */
        void bars(HistoryBars bars, boolean reachedStart);

        /** No bars: the source cannot say now ({@code reason} is for the log). */
        void failed(String reason);
    }

    /**
     * Reads up to {@code maxBars} bars of {@code interval} ending before {@code beforeMs} (the chart scrolled left)
     * from the source's history: a provider's candle endpoint, our protocol's history request. Returns false when
     * the source keeps no history at that interval (the result is then never called).
     */
    default boolean history(String symbol, BarInterval interval, long beforeMs, int maxBars, HistoryResult result) {
        return false;
    }

    /** Requests per second this source's server accepts on one connection; the supervisor paces below it. */
    int requestsPerSecond();

    /** The supervisor is closing: cancel timers and requests in flight. */
    void close();

    /**
     * One symbol a source offers.
     *
     * @param symbol the provider's own spelling (BTCUSDT, BTC-USD, BTC/USD, AAPL)
     * @param name   a readable name where the provider gives one (e.g. "BTC / USDT", "Apple Inc."), else null
     */
    record SymbolInfo(String symbol, String name) {
    }
}
