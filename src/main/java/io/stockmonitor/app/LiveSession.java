package io.stockmonitor.app;

import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.simulator.EmbeddedSimulator;
import io.stockmonitor.source.v1.ProtocolV1Source;
import io.stockmonitor.simulator.SimulatorConfig;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.function.Consumer;

/** A running connection: (in demo mode) the embedded simulator, the feed client and the market model it writes. */
public final class LiveSession implements AutoCloseable {
    private final EmbeddedSimulator simulator;
    private final ConnectionSupervisor feed;
    private final MarketModel market;
    private final String serverLabel;

    private LiveSession(EmbeddedSimulator simulator, ConnectionSupervisor feed, MarketModel market, String serverLabel) {
        this.simulator = simulator;
        this.feed = feed;
        this.market = market;
        this.serverLabel = serverLabel;
    }

    /**
     * Starts the simulator (demo) and the feed client, which connects in the background.
     *
     * @throws IllegalArgumentException when the server URL cannot even be parsed
     */
    public static LiveSession start(FeedTarget target, List<String> symbols) throws Exception {
        return start(target, symbols, client -> { });
    }

    /** As {@link #start(FeedTarget, List)}; {@code beforeStart} may add listeners so they see the first events. */
    public static LiveSession start(FeedTarget target, List<String> symbols, Consumer<ConnectionSupervisor> beforeStart)
            throws Exception {
        EmbeddedSimulator simulator = null;
        URI uri;
        String label;
        if (target.isDemo()) {
            simulator = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0));
            uri = simulator.uri();
            label = "demo (simulator on " + uri + ")";
        } else {
            try {
                uri = new URI(target.server().trim());
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("malformed feed URL '" + target.server() + "': " + e.getReason(),
                        e);
            }
            label = null;
        }
        ConnectionSupervisor feed = null;
        try {
            MarketModel market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
            FeedClientConfig config = FeedClientConfig.of(uri, target.token(), symbols);
            feed = ProtocolV1Source.client(config, market);
            beforeStart.accept(feed);
            feed.start();
            return new LiveSession(simulator, feed, market, label == null ? config.serverLabel() : label);
        } catch (Exception | Error e) {
            if (feed != null) {
                feed.close();
            }
            if (simulator != null) {
                simulator.close();
            }
            throw e;
        }
    }

    public MarketModel market() {
        return market;
    }

    public ConnectionSupervisor feed() {
        return feed;
    }

    /** True in demo mode: the UI shows a "SIMULATED DATA" badge. */
    public boolean simulated() {
        return simulator != null;
    }

    /** E.g. "demo (simulator on ws://127.0.0.1:41234/feed)" or the URL (without any token). */
    public String serverLabel() {
        return serverLabel;
    }

    /** Closes the client, then the embedded simulator. */
    @Override
    public void close() {
        feed.close();
        if (simulator != null) {
            simulator.close();
        }
    }
}
