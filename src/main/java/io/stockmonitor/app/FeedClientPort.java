package io.stockmonitor.app;

import io.stockmonitor.alerts.AlertRule;
import io.stockmonitor.alerts.AlertSink;
import io.stockmonitor.alerts.FeedAlerts;
import io.stockmonitor.alerts.IndicatorLines;
import io.stockmonitor.feed.ConnectionStatus;
import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.FeedListener;
import io.stockmonitor.feed.FeedSession;
import io.stockmonitor.feed.FeedStats;
import io.stockmonitor.market.LatencySnapshot;
import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.source.SourceKind;
import io.stockmonitor.ui.ConnectionInfo;
import io.stockmonitor.ui.FeedPort;
import io.stockmonitor.ui.LinkEvent;
import io.stockmonitor.ui.LinkState;
import java.util.List;
import java.util.function.Consumer;

/**
 * Adapts a running {@link ConnectionSupervisor} to the window's {@link FeedPort}: feed events are translated on the feed thread
 * and only enqueued (the sink is the UI's bounded queue); everything else is a cheap read.
 */
final class FeedClientPort implements FeedPort, FeedListener {
    private final ConnectionSupervisor client;
    private final SourceKind kind;
    private volatile LiveSession session;
    /** The client's URL until the session is attached, then the session's label (e.g. "demo (simulator on …)"). */
    private volatile String label;
    private volatile Consumer<LinkEvent> sink = e -> { };
    /** The alert engine on this session's feed thread, made with the first rules (FX thread only). */
    private FeedAlerts alerts;

    /** Listens to the client from now on; call before the client starts so the first state changes are seen. */
    FeedClientPort(ConnectionSupervisor client, SourceKind kind) {
        this.client = client;
        this.kind = kind;
        this.label = client.status().server();
        client.addListener(this);
    }

    /** The started session: what {@link #close()} closes (the client, then any simulator). */
    void attach(LiveSession started) {
        this.session = started;
        this.label = started.serverLabel();
    }

    @Override
    public void onEvent(FeedEvent event) {
        Consumer<LinkEvent> s = sink;
        if (event instanceof FeedEvent.StateChanged c) {
            s.accept(new LinkEvent.StateChanged(info(c.status())));
        } else if (event instanceof FeedEvent.Resumed r) {
            s.accept(new LinkEvent.Resumed(r.symbol()));
        } else if (event instanceof FeedEvent.SymbolRejected r) {
            s.accept(new LinkEvent.SymbolRejected(r.symbol(), r.message()));
        }
    }

    private ConnectionInfo info(ConnectionStatus status) {
        return new ConnectionInfo(LinkState.of(status.state().name()), status.attempt(), status.nextRetryAtMs(),
                label, status.detail());
    }

    @Override
    public MarketModel market() {
        return client.market();
    }

    @Override
    public ConnectionInfo connection() {
        return info(client.status());
    }

    @Override
    public long messagesReceived() {
        return client.stats().messagesReceived();
    }

    @Override
    public Recoveries recoveries() {
        FeedStats s = client.stats();
        return new Recoveries(s.connectionsLost(), s.symbolsResumed(), s.resyncs(), s.gapsExact(), s.gapsByTime(),
                s.gapsLost(), s.tradesLost());
    }

    @Override
    public Latency latency() {
        LatencySnapshot l = client.latency().snapshot();
        return l.ticks() == 0 ? Latency.NONE : new Latency(l.p50Ms(), l.p99Ms());
    }

    @Override
    public long lastTickDelayMs() {
        return client.latency().lastTickDelayMs();
    }

    @Override
    public List<String> serverSymbols() {
        return client.sourceSymbols().stream().map(FeedSession.SymbolInfo::symbol).toList();
    }

    /** Names by symbol, rebuilt when the source's list changes (it arrives once, after connecting). */
    private java.util.Map<String, String> names = java.util.Map.of();
    private List<FeedSession.SymbolInfo> namesFrom = List.of();

    @Override
    public String symbolName(String symbol) {
        List<FeedSession.SymbolInfo> infos = client.sourceSymbols();
        if (infos != namesFrom) {
            java.util.Map<String, String> m = new java.util.HashMap<>();
            for (FeedSession.SymbolInfo i : infos) {
                if (i.name() != null && !i.name().isBlank()) {
                    m.put(i.symbol(), i.name());
                }
            }
            names = m;
            namesFrom = infos;
        }
        return names.get(symbol);
    }

    @Override
    public void subscribe(String symbol) {
        client.subscribe(symbol);
    }

    @Override
    public void requestHistory(String symbol, BarInterval interval, long beforeMs) {
        client.loadHistory(symbol, interval, beforeMs);
    }

    @Override
    public void unsubscribe(String symbol) {
        client.unsubscribe(symbol);
    }

    @Override
    public void setAlerts(List<AlertRule> rules, IndicatorLines lines, AlertSink alertSink) {
        if (alerts == null) {
            alerts = FeedAlerts.attach(client, rules, lines, alertSink, System::currentTimeMillis);
        } else {
            alerts.rules(rules);
        }
    }

    @Override
    public SourceKind kind() {
        return kind;
    }

    @Override
    public String serverLabel() {
        return label;
    }

    @Override
    public void setEventSink(Consumer<LinkEvent> sink) {
        this.sink = sink;
    }

    @Override
    public void close() {
        client.removeListener(this);
        if (alerts != null) {
            alerts.close();
        }
        LiveSession s = session;
        if (s != null) {
            s.close();
        } else {
            client.close();
        }
    }
}
