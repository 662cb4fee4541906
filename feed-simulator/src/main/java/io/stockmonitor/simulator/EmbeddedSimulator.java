package io.stockmonitor.simulator;

import io.stockmonitor.protocol.Protocol;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running feed simulator (simulated prices) inside this JVM: a Jetty server with the protocol v1 endpoint at
 * {@code /feed} and, when {@link SimulatorConfig#admin()} is set, the loopback-only admin endpoint under
 * {@code /admin/} (without it {@code /admin/} is a 404; {@link #faults()} works either way). The app's demo mode and the tests
 * use it; {@link SimulatorMain} wraps it for the command line.
 */
public final class EmbeddedSimulator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedSimulator.class);
    /** How long close() waits for clients to acknowledge the 1001 close before stopping Jetty. */
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(2);

    private final FeedHub hub;
    private final Server server;
    private final URI uri;

    private EmbeddedSimulator(FeedHub hub, Server server, URI uri) {
        this.hub = hub;
        this.server = server;
        this.uri = uri;
    }

    /** Starts a simulator; port 0 takes a free port ({@link #uri()} tells which). */
    public static EmbeddedSimulator start(SimulatorConfig config) throws Exception {
        return start(config, null, null);
    }

    /**
     * Starts a feed server: of the simulated market, or of the provider {@code upstream} names (relay mode); its
     * history in memory, or shared in the Redis {@code shared} names with every server of the same feed. Null keeps
     * the default.
     */
    public static EmbeddedSimulator start(SimulatorConfig config, io.stockmonitor.source.SourceSettings upstream,
                                          io.stockmonitor.cluster.ClusterSettings shared) throws Exception {
        InternalFailure failure = new InternalFailure();
        TickProducer producer = upstream == null ? null : new RelayProducer(upstream, failure);
        FeedHub hub = new FeedHub(config, failure, producer,
                shared == null ? null : h -> new SharedHistory(h, shared));
        QueuedThreadPool threads = new QueuedThreadPool(200, 8);
        threads.setName("feed-simulator");
        threads.setDaemon(true);
        Server server = new Server(threads);
        ServerConnector connector = connector(server, config.tls());
        // The HTTP phase only: an upgraded connection takes the WebSocket idle timeout below.
        connector.setIdleTimeout(SimulatorConfig.HTTP_IDLE_TIMEOUT_MS);
        connector.setHost(config.host());
        connector.setPort(config.port());
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);

        WebSocketUpgradeHandler websocket = WebSocketUpgradeHandler.from(server, container -> {
            container.setMaxTextMessageSize(Protocol.MAX_CLIENT_FRAME_BYTES);
            container.setMaxBinaryMessageSize(Protocol.MAX_CLIENT_FRAME_BYTES);
            container.setIdleTimeout(Duration.ofMillis(SimulatorConfig.WEBSOCKET_IDLE_TIMEOUT_MS));
            container.addMapping(Protocol.PATH, new FeedEndpointCreator(hub));
        });
        websocket.setHandler(new HealthHandler(hub, config.admin() ? new AdminHandler(hub) : null));
        server.setHandler(websocket);
        server.setStopTimeout(CLOSE_GRACE.toMillis());
        try {
            server.start();
        } catch (Exception e) {
            hub.shutdown(Duration.ZERO);
            server.stop();
            throw e;
        }
        hub.failure().onFailure(() -> stop(hub, server));
        try {
            hub.start();
        } catch (RuntimeException e) {
            stop(hub, server);
            throw e;
        }
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        URI uri = URI.create((config.tls() == null ? "ws://" : "wss://") + host + ":" + connector.getLocalPort()
                + Protocol.PATH);
        if (upstream == null) {
            LOG.info("feed simulator (SIMULATED market data, not real prices) serving {} symbols at {} epoch {}",
                    hub.symbolCount(), uri, hub.epoch());
        } else {
            LOG.info("feed server relaying {} ({} symbols) at {}", upstream.kind().id(), hub.symbolCount(), uri);
        }
        return new EmbeddedSimulator(hub, server, uri);
    }

    /**
     * Plain HTTP/1.1, or TLS from the keystore first. The server's own certificate check of the Host name (SNI host
     * check) is off: there is one certificate, and checking that it matches the name is the client's job.
     */
    private static ServerConnector connector(Server server, TlsConfig tls) {
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        HttpPhaseDeadline httpFactory = new HttpPhaseDeadline(http, SimulatorConfig.HTTP_PHASE_DEADLINE_MS);
        if (tls == null) {
            return new ServerConnector(server, httpFactory);
        }
        http.addCustomizer(new SecureRequestCustomizer(false, false, -1, false));
        SslContextFactory.Server ssl = new SslContextFactory.Server();
        ssl.setKeyStore(tls.keyStore());
        char[] password = tls.password();
        ssl.setKeyStorePassword(new String(password));
        java.util.Arrays.fill(password, '\0');
        return new ServerConnector(server, new SslConnectionFactory(ssl, httpFactory.getProtocol()), httpFactory);
    }

    /** True while this server makes the feed's ticks (always with a history in memory; the lease holder's with Redis). */
    public boolean producing() {
        return Boolean.TRUE.equals(hub.producer().status().get("producing"));
    }

    /** The core (tests in this package). */
    FeedHub hub() {
        return hub;
    }

    /** {@code ws://HOST:PORT/feed}, or {@code wss://} with TLS. */
    public URI uri() {
        return uri;
    }

    /** True while the server serves the feed as it is (what {@code GET /healthz} answers 200 for). */
    public boolean serving() {
        return !hub.isClosing() && hub.history().serving();
    }

    /** The current epoch (changes on {@link FaultControls#restartWithNewEpoch()}). */
    public String epoch() {
        return hub.epoch();
    }

    public List<String> symbols() {
        return hub.symbols();
    }

    public FaultControls faults() {
        return hub;
    }

    /** Sees every tick as it is published (on the publishing thread): (epoch, tick). For tests. */
    public void addPublishListener(PublishListener listener) {
        hub.addListener(listener);
    }

    public void removePublishListener(PublishListener listener) {
        hub.removeListener(listener);
    }

    /**
     * Completes with the cause if an internal thread (publisher, timer, sender) died and the simulator shut itself
     * down because of it, so an owner can report it and exit instead of serving half a feed.
     */
    public java.util.concurrent.CompletableFuture<Throwable> failure() {
        return hub.failure().failure().copy();
    }

    /** Open feed connections right now. */
    public int connectionCount() {
        return hub.connectionCount();
    }

    /** Connections closed with 1013 because their send queue overflowed. */
    public long slowConsumersClosed() {
        return hub.slowConsumers();
    }

    /** Bytes in every connection's send queue right now, including writes handed to the socket not yet done. */
    public long queuedBytes() {
        return hub.sendBudget().total();
    }

    /** Ticks published since start, over all symbols and epochs. */
    public long ticksPublished() {
        return hub.ticksPublished();
    }

    /**
     * Stops as a crash would for the others (tests, benchmarks): a shared history's producer lease is not given up,
     * and the connections are dropped without a close frame.
     */
    public void halt() {
        if (hub.history() instanceof SharedHistory shared) {
            shared.halt();
        }
        hub.dropAllConnections();
        close();
    }

    /** Closes every client with 1001, stops the publisher and Jetty. */
    @Override
    public void close() {
        stop(hub, server);
    }

    private static void stop(FeedHub hub, Server server) {
        hub.shutdown(CLOSE_GRACE);
        try {
            server.stop();
        } catch (Exception e) {
            LOG.warn("feed simulator did not stop cleanly", e);
        }
        LOG.info("feed simulator (simulated data) stopped");
    }
}
