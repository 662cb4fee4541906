package io.stockmonitor.app;

import io.stockmonitor.feed.FeedClient;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.simulator.EmbeddedSimulator;
import io.stockmonitor.simulator.SimulatorConfig;
import io.stockmonitor.ui.ConnectionChoice;
import io.stockmonitor.ui.FeedPort;
import io.stockmonitor.ui.LinkEvent;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;

/** Starts the window's feed sessions: the bundled simulator in-process for demo mode, or a feed URL. */
final class WindowSessions {
    private WindowSessions() {
    }

    /** A {@link io.stockmonitor.ui.SessionStarter}; runs on the UI's session thread, never the FX thread. */
    static FeedPort start(ConnectionChoice choice, List<String> symbols, Consumer<LinkEvent> events)
            throws Exception {
        EmbeddedSimulator simulator = null;
        URI uri;
        if (choice.isDemo()) {
            simulator = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0));
            uri = simulator.uri();
        } else {
            uri = URI.create(choice.server());
        }
        try {
            MarketModel market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
            FeedClient client = new FeedClient(FeedClientConfig.of(uri, choice.token(), symbols), market);
            EmbeddedSimulator sim = simulator;
            AutoCloseable owner = () -> {
                client.close();
                if (sim != null) {
                    sim.close();
                }
            };
            String label = choice.isDemo() ? "demo (simulator on " + uri + ")" : client.status().server();
            FeedClientPort port = new FeedClientPort(client, owner, choice.isDemo(), label);
            port.setEventSink(events);
            client.start();
            return port;
        } catch (Exception | Error e) {
            if (simulator != null) {
                simulator.close();
            }
            throw e;
        }
    }
}
