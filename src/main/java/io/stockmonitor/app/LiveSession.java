package io.stockmonitor.app;

import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.feed.TrustedCertificates;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.simulator.EmbeddedSimulator;
import io.stockmonitor.simulator.SimulatorConfig;
import io.stockmonitor.source.SourceChoice;
import io.stockmonitor.source.SourceKind;
import io.stockmonitor.source.SourceSettings;
import io.stockmonitor.source.Sources;
import io.stockmonitor.source.v1.ProtocolSource;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.function.Consumer;

/**
 * A running source: (in demo mode) the embedded simulator, the feed client for the chosen source and the market
 * model it writes. The window and the headless mode both start theirs here.
 */
public final class LiveSession implements AutoCloseable {
    private final EmbeddedSimulator simulator;
    private final ConnectionSupervisor feed;
    private final MarketModel market;
    private final SourceChoice choice;
    private final String serverLabel;

    private LiveSession(EmbeddedSimulator simulator, ConnectionSupervisor feed, MarketModel market,
                        SourceChoice choice, String serverLabel) {
        this.simulator = simulator;
        this.feed = feed;
        this.market = market;
        this.choice = choice;
        this.serverLabel = serverLabel;
    }

    /**
     * Starts the simulator (demo) and the feed client, which connects in the background.
     *
     * @throws IllegalArgumentException when a URL cannot even be parsed
     */
    public static LiveSession start(SourceChoice choice, List<String> symbols) throws Exception {
        return start(choice, symbols, client -> { });
    }

    /** As {@link #start(SourceChoice, List)}; {@code beforeStart} may add listeners so they see the first events. */
    public static LiveSession start(SourceChoice choice, List<String> symbols,
                                    Consumer<ConnectionSupervisor> beforeStart) throws Exception {
        EmbeddedSimulator simulator = null;
        ConnectionSupervisor feed = null;
        try {
            MarketModel market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
            String label;
            if (choice.kind() == SourceKind.DEMO) {
                simulator = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0));
                FeedClientConfig config = FeedClientConfig.of(simulator.uri(), null, symbols);
                feed = ProtocolSource.client(config, market);
                label = "demo (simulator on " + simulator.uri() + ")";
            } else if (choice.kind() == SourceKind.V1) {
                FeedClientConfig config = FeedClientConfig.of(parse(choice.server()), choice.credentials().key(),
                        symbols).withTrust(trust(choice));
                feed = ProtocolSource.client(config, market);
                label = config.serverLabel();
            } else {
                SourceSettings settings = Sources.settings(choice.kind(), symbols, choice.credentials(), choice.ws(),
                        choice.rest());
                feed = Sources.client(settings.withConnection(settings.connection().withTrust(trust(choice))),
                        market);
                label = feed.label();
            }
            beforeStart.accept(feed);
            feed.start();
            return new LiveSession(simulator, feed, market, choice, label);
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

    private static URI parse(String url) {
        try {
            return new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("malformed feed URL '" + SourceChoice.safeUrl(url) + "': "
                    + e.getReason(), e);
        }
    }

    public MarketModel market() {
        return market;
    }

    public ConnectionSupervisor feed() {
        return feed;
    }

    /** The certificates the choice trusts, read now: a bad file fails the start with a one-line reason. */
    private static TrustedCertificates trust(SourceChoice choice) {
        return choice.trustCert() == null ? null : TrustedCertificates.load(choice.trustCert());
    }

    public SourceChoice choice() {
        return choice;
    }

    /** True in demo mode: the UI shows a "SIMULATED DATA" badge. */
    public boolean simulated() {
        return simulator != null;
    }

    /** E.g. "demo (simulator on ws://127.0.0.1:41234/feed)", a URL (without any token), "Binance (stream...)". */
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
