package io.stockmonitor.simulator;

import static org.awaitility.Awaitility.await;

import io.stockmonitor.feed.ConnectionState;
import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.testing.FeedHarness;
import io.stockmonitor.feed.testing.FeedHarness.Entry;
import io.stockmonitor.feed.testing.TcpProxy;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.ResyncReason;
import io.stockmonitor.source.v1.ProtocolSource;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real desktop client (connection supervisor and protocol session) on feed servers behind a load balancer (a TCP
 * proxy that connects to the first server that accepts), recording what it applied; and the ticks every server
 * published, by epoch, symbol and seq, to check the client's streams against.
 */
final class SharedFeedClient implements AutoCloseable {
    final TcpProxy balancer;
    final ConnectionSupervisor client;
    private final List<String> symbols;
    private final Map<String, List<Entry>> applied = new ConcurrentHashMap<>();
    private final List<FeedEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Message.Tick> published = new ConcurrentHashMap<>();

    SharedFeedClient(List<String> symbols, List<EmbeddedSimulator> servers) throws Exception {
        this.symbols = symbols;
        List<InetSocketAddress> upstreams = new ArrayList<>();
        for (EmbeddedSimulator s : servers) {
            upstreams.add(new InetSocketAddress(s.uri().getHost(), s.uri().getPort()));
            listen(s);
        }
        balancer = new TcpProxy(upstreams);
        MarketModel market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
        FeedClientConfig config = FeedClientConfig.of(URI.create("ws://127.0.0.1:" + balancer.port() + "/feed"), null,
                symbols).withTimeouts(3.0, 2_000, 1_000).withBackoff(20, 300, 10_000);
        client = ProtocolSource.client(config, market);
        client.setTickSink((symbol, epoch, seq, ts, price, size) -> applied
                .computeIfAbsent(symbol, k -> Collections.synchronizedList(new ArrayList<>()))
                .add(new Entry(epoch, seq, ts, price, size, null)));
        client.addListener(event -> {
            events.add(event);
            if (event instanceof FeedEvent.SnapshotApplied s) {
                applied.computeIfAbsent(s.symbol(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(new Entry(s.epoch(), s.seq(), 0, 0, 0, s.reason()));
            }
        });
    }

    /** Records what {@code server} publishes (every server of a shared history publishes every tick). */
    void listen(EmbeddedSimulator server) {
        server.addPublishListener((epoch, tick) -> published.put(epoch + "/" + tick.symbol() + "/" + tick.seq(),
                tick));
    }

    void start() {
        client.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> client.status().state() == ConnectionState.CONNECTED);
    }

    /** Waits until every symbol has {@code n} more ticks applied than now. */
    void awaitTicksOnEverySymbol(int n) {
        Map<String, Integer> before = new ConcurrentHashMap<>();
        for (String s : symbols) {
            before.put(s, ticks(s));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> symbols.stream()
                .allMatch(s -> ticks(s) >= before.get(s) + n));
    }

    /** The seq of the latest tick or snapshot applied, -1 before any. */
    long lastSeq(String symbol) {
        List<Entry> list = applied.getOrDefault(symbol, List.of());
        synchronized (list) {
            return list.isEmpty() ? -1 : list.get(list.size() - 1).seq();
        }
    }

    int ticks(String symbol) {
        List<Entry> list = applied.getOrDefault(symbol, List.of());
        synchronized (list) {
            return (int) list.stream().filter(e -> e.reason() == null).count();
        }
    }

    List<FeedEvent> events() {
        synchronized (events) {
            return new ArrayList<>(events);
        }
    }

    /** {@link FeedHarness#checkStream} for every symbol, against what the servers published. */
    long checkStreams(Set<ResyncReason> allowedLaterSnapshots) {
        long checked = 0;
        for (String symbol : symbols) {
            List<Entry> live = applied.getOrDefault(symbol, List.of());
            List<Entry> entries;
            synchronized (live) {
                entries = new ArrayList<>(live);
            }
            checked += FeedHarness.checkStream(symbol, entries, (epoch, seq) -> published(epoch, symbol, seq),
                    allowedLaterSnapshots);
        }
        return checked;
    }

    /** The tick a server published under this epoch, symbol and seq, or null. */
    Message.Tick published(String epoch, String symbol, long seq) {
        return published.get(epoch + "/" + symbol + "/" + seq);
    }

    @Override
    public void close() {
        client.close();
        balancer.close();
    }
}
