package io.stockmonitor.ui;

import io.stockmonitor.source.SourceKind;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * A session whose market model the test fills directly (no network): for view and view-model tests. The test is
 * the model's single writer; subscribe/unsubscribe add and remove symbols on the calling thread.
 */
final class FakeFeedPort implements FeedPort {
    /** What latency() answers; tests may set a late feed. */
    volatile Latency latency = new Latency(3, 9);
    final MarketModel market;
    final List<String> universe;
    final List<String> subscribed = new CopyOnWriteArrayList<>();
    final List<String> unsubscribed = new CopyOnWriteArrayList<>();
    /** History requests, as "symbol interval beforeMs". */
    final List<String> historyRequests = new CopyOnWriteArrayList<>();
    final AtomicLong messages = new AtomicLong();
    volatile ConnectionInfo connection = new ConnectionInfo(LinkState.CONNECTED, 0, 0, "fake://feed", "");
    volatile Consumer<LinkEvent> sink = e -> { };
    volatile boolean closed;
    private long seq;

    FakeFeedPort(List<String> universe, List<String> initial, LongSupplier clock) {
        this.market = new MarketModel(MarketLimits.defaults(), clock);
        this.universe = List.copyOf(universe);
        initial.forEach(market::addSymbol);
    }

    private io.stockmonitor.alerts.AlertEngine alerts;

    /** Writes one tick for the symbol at the given price (test thread = the single writer); alerts evaluate it. */
    synchronized void tick(String symbol, double price, long nowMs) {
        seq++;
        market.applyTick(symbol, seq, nowMs, price, 100, price - 0.01, price + 0.01, nowMs);
        if (alerts != null) {
            alerts.onTrade(symbol, "fake", seq, nowMs, price, 100, true);
        }
        messages.incrementAndGet();
    }

    @Override
    public void requestHistory(String symbol, io.stockmonitor.market.BarInterval interval, long beforeMs) {
        historyRequests.add(symbol + " " + interval.label() + " " + beforeMs);
    }

    @Override
    public synchronized void setAlerts(List<io.stockmonitor.alerts.AlertRule> rules,
                                       io.stockmonitor.alerts.IndicatorLines lines,
                                       io.stockmonitor.alerts.AlertSink alertSink) {
        if (alerts == null) {
            alerts = new io.stockmonitor.alerts.AlertEngine(market, lines, alertSink, System::currentTimeMillis);
        }
        alerts.setRules(rules);
    }

    @Override
    public MarketModel market() {
        return market;
    }

    @Override
    public ConnectionInfo connection() {
        return connection;
    }

    @Override
    public long messagesReceived() {
        return messages.get();
    }

    @Override
    public Recoveries recoveries() {
        return Recoveries.NONE;
    }

    @Override
    public Latency latency() {
        return latency;
    }

    @Override
    public long lastTickDelayMs() {
        return 3;
    }

    @Override
    public List<String> serverSymbols() {
        return universe;
    }

    @Override
    public void subscribe(String symbol) {
        subscribed.add(symbol);
        market.addSymbol(symbol);
    }

    @Override
    public void unsubscribe(String symbol) {
        unsubscribed.add(symbol);
        market.removeSymbol(symbol);
    }

    @Override
    public SourceKind kind() {
        return SourceKind.DEMO;
    }

    @Override
    public String serverLabel() {
        return "fake://feed";
    }

    @Override
    public void setEventSink(Consumer<LinkEvent> sink) {
        this.sink = sink;
    }

    @Override
    public void close() {
        closed = true;
    }
}
