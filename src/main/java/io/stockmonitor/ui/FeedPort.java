package io.stockmonitor.ui;

import io.stockmonitor.alerts.AlertRule;
import io.stockmonitor.alerts.AlertSink;
import io.stockmonitor.alerts.IndicatorLines;
import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.source.SourceKind;
import java.util.List;
import java.util.function.Consumer;

/**
 * The window's view of one running feed session: the market model it reads once per frame, the connection state
 * and counters it polls, and the few commands it sends. The application adapts its live session to this; tests may
 * fill a market model directly.
 */
public interface FeedPort extends AutoCloseable, io.stockmonitor.ui.alerts.AlertTarget {
    MarketModel market();

    /** Current connection state; cheap (a volatile read), polled by the frame loop. */
    ConnectionInfo connection();

    /** Frames received since start. */
    long messagesReceived();

    /** How the session has recovered from faults since it started. */
    Recoveries recoveries();

    /**
     * Counts since the session started: connections lost, symbols the server resumed exactly, snapshots that
     * replaced a symbol's data, and provider gaps by how they ended.
     */
    record Recoveries(long connectionsLost, long symbolsResumed, long resyncs, long gapsExact, long gapsByTime,
                      long gapsLost, long tradesLost) {
        public static final Recoveries NONE = new Recoveries(0, 0, 0, 0, 0, 0, 0);
    }

    /** Feed latency (receive time minus tick time) over the recent window. */
    Latency latency();

    /**
     * Receive time minus tick time of the newest live tick, in ms ({@link Long#MIN_VALUE} while unknown): a cheap
     * read polled every frame, so the window can tell when the feed falls behind (see {@link RefreshPacer}).
     */
    long lastTickDelayMs();

    /** Percentiles in milliseconds; negative when nothing was measured yet. */
    record Latency(long p50Ms, long p99Ms) {
        public static final Latency NONE = new Latency(-1, -1);
    }

    /** The server's symbol universe, empty until known. */
    List<String> serverSymbols();

    /** The instrument's name where the source gives one ("BTC / USDT", "Apple Inc"), else null. */
    default String symbolName(String symbol) {
        return null;
    }

    void subscribe(String symbol);

    /**
     * Asks the source for older bars of the symbol (the chart scrolled left past what it has); they arrive in the
     * market model, and its history state says when there is nothing older. Cheap: it only posts a request.
     */
    default void requestHistory(String symbol, BarInterval interval, long beforeMs) {
    }

    void unsubscribe(String symbol);

    /**
     * Evaluates {@code rules} on the session's feed thread from now on, on every trade it applies, replacing the
     * rules it had; firings go to {@code sink}, which must only enqueue. Cheap: it only posts the change.
     */
    @Override
    default void setAlerts(List<AlertRule> rules, IndicatorLines lines, AlertSink sink) {
    }

    /** Where the data come from (demo, a protocol server, a provider). */
    SourceKind kind();

    /** True when the data come from the bundled simulator. */
    default boolean simulated() {
        return kind() == SourceKind.DEMO;
    }

    /** Where the data come from, for the status bar. */
    String serverLabel();

    /** Events are delivered on the feed thread; the sink must only enqueue them. */
    void setEventSink(Consumer<LinkEvent> sink);

    @Override
    void close();
}
