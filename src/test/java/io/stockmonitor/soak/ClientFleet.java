package io.stockmonitor.soak;

import io.stockmonitor.feed.ConnectionState;
import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.FeedStats;
import io.stockmonitor.feed.WebSockets;
import io.stockmonitor.market.GapKind;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.source.v1.ProtocolSource;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The protocol clients of the soak, in this JVM: the product's feed client ({@link ConnectionSupervisor} with the
 * protocol session and the product's timings) on one shared Jetty client, each on its path (straight to the
 * simulator, or through one of the proxies), each with its own {@link StreamChecker} fed by its tick sink and its
 * events, on its feed thread. Their market models are small: only the stream is under test here.
 */
final class ClientFleet implements AutoCloseable {
    /** Enough for the stream (a snapshot's hour of bars is cut to the ring), a few MB for all 49 clients. */
    private static MarketLimits limits(int symbols) {
        return new MarketLimits(256, 600, 64, 64, symbols + 1, 15_000);
    }

    /** One client: where it connects, what it checks. */
    record Member(String name, ConnectionSupervisor client, StreamChecker checker) {
    }

    private final WebSocketClient jetty;
    private final List<Member> members = new ArrayList<>();

    private ClientFleet(WebSocketClient jetty) {
        this.jetty = jetty;
    }

    /** Where a client connects: the feed URL and the name of the path it takes. */
    record Path(URI feed, String name) {
    }

    /** Starts one client per entry of {@code paths} (client name to its path). */
    static ClientFleet start(SoakSettings s, Map<String, Path> paths, PublishedTruth truth, ReconnectTimes times)
            throws Exception {
        WebSocketClient jetty = WebSockets.newClient(false);
        jetty.start();
        ClientFleet fleet = new ClientFleet(jetty);
        for (Map.Entry<String, Path> path : paths.entrySet()) {
            MarketModel market = new MarketModel(limits(s.symbols().size()), System::currentTimeMillis);
            ConnectionSupervisor client = ProtocolSource.client(FeedClientConfig.of(path.getValue().feed(), null,
                    s.symbols()), market, jetty);
            StreamChecker checker = new StreamChecker(path.getKey(), truth);
            ReconnectTimes.Clock clock = times.clock(path.getValue().name());
            client.setTickSink(checker::tick);
            client.addListener(event -> {
                if (event instanceof FeedEvent.SnapshotApplied a) {
                    checker.snapshot(a.symbol(), a.epoch(), a.seq(), a.reason());
                } else if (event instanceof FeedEvent.GapSettled g && g.kind() == GapKind.LOST) {
                    checker.lost(g.symbol(), g.fromId(), g.toId());
                } else if (event instanceof FeedEvent.StateChanged c) {
                    clock.state(c.status().state(), c.status().sinceMs());
                }
            });
            fleet.members.add(new Member(path.getKey(), client, checker));
            client.start();
        }
        return fleet;
    }

    List<Member> members() {
        return members;
    }

    boolean allConnected() {
        return members.stream().allMatch(m -> m.client().status().state() == ConnectionState.CONNECTED);
    }

    long ticksApplied() {
        return members.stream().mapToLong(m -> m.client().stats().ticksApplied()).sum();
    }

    /** The clients' own counters, added up. */
    FleetCounters counters() {
        FleetCounters c = new FleetCounters();
        for (Member m : members) {
            FeedStats s = m.client().stats();
            c.ticks += s.ticksApplied();
            c.duplicatesDropped += s.duplicatesDropped();
            c.badFrames += s.badFrames();
            c.gaps += s.gaps();
            c.resyncs += s.resyncs();
            c.connectionsLost += s.connectionsLost();
            c.symbolsResumed += s.symbolsResumed();
        }
        return c;
    }

    /** What the clients say they did (their {@link FeedStats}), added up. */
    static final class FleetCounters {
        long ticks;
        long duplicatesDropped;
        long badFrames;
        long gaps;
        long resyncs;
        long connectionsLost;
        long symbolsResumed;
    }

    @Override
    public void close() throws Exception {
        for (Member m : members) {
            m.client().close();
        }
        jetty.stop();
    }
}
