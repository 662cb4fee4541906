package io.stockmonitor.app;

import io.stockmonitor.feed.ConnectionStatus;
import io.stockmonitor.feed.FeedClient;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.FeedListener;
import io.stockmonitor.market.LatencySnapshot;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.ui.ConnectionInfo;
import io.stockmonitor.ui.FeedPort;
import io.stockmonitor.ui.LinkEvent;
import io.stockmonitor.ui.LinkState;
import java.util.List;
import java.util.function.Consumer;

/**
 * Adapts a running {@link FeedClient} to the window's {@link FeedPort}: feed events are translated on the feed thread
 * and only enqueued (the sink is the UI's bounded queue); everything else is a cheap read.
 */
final class FeedClientPort implements FeedPort, FeedListener {
    private final FeedClient client;
    private final AutoCloseable owner;
    private final boolean simulated;
    private final String label;
    private volatile Consumer<LinkEvent> sink = e -> { };

    /**
     * @param owner what to close with the port (the live session, which closes the client and any simulator)
     */
    FeedClientPort(FeedClient client, AutoCloseable owner, boolean simulated, String label) {
        this.client = client;
        this.owner = owner;
        this.simulated = simulated;
        this.label = label;
        client.addListener(this);
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
    public long resumes() {
        return client.stats().resumes();
    }

    @Override
    public long resyncs() {
        return client.stats().resyncs();
    }

    @Override
    public Latency latency() {
        LatencySnapshot l = client.latency().snapshot();
        return l.ticks() == 0 ? Latency.NONE : new Latency(l.p50Ms(), l.p99Ms());
    }

    @Override
    public List<String> serverSymbols() {
        return client.serverSymbols();
    }

    @Override
    public void subscribe(String symbol) {
        client.subscribe(symbol);
    }

    @Override
    public void unsubscribe(String symbol) {
        client.unsubscribe(symbol);
    }

    @Override
    public boolean simulated() {
        return simulated;
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
        try {
            owner.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing the feed session failed", e);
        }
    }
}
