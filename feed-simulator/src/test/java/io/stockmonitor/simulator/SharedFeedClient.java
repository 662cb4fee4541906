package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.feed.ConnectionState;
import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.feed.FeedEvent;
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
    /** A tick applied, or a snapshot (reason set). */
    record Entry(String epoch, long seq, long ts, double price, double size, ResyncReason reason) {
    }

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

    /**
     * Every symbol's stream starts with a snapshot; after a snapshot (of an allowed reason) every tick is the next
     * seq of its epoch, no gap and no duplicate, and equal to the tick a server published under that seq. Returns
     * the ticks checked.
     */
    long checkStreams(Set<ResyncReason> allowedLaterSnapshots) {
        long checked = 0;
        for (String symbol : symbols) {
            List<Entry> entries;
            List<Entry> live = applied.getOrDefault(symbol, List.of());
            synchronized (live) {
                entries = new ArrayList<>(live);
            }
            assertThat(entries).as("stream of %s", symbol).isNotEmpty();
            assertThat(entries.get(0).reason()).as("%s starts with a snapshot", symbol).isEqualTo(ResyncReason.NEW);
            String epoch = null;
            long next = -1;
            for (int i = 0; i < entries.size(); i++) {
                Entry e = entries.get(i);
                if (e.reason() != null) {
                    if (i > 0) {
                        assertThat(allowedLaterSnapshots).as("snapshot #%d of %s: %s", i, symbol, e)
                                .contains(e.reason());
                    }
                    epoch = e.epoch();
                    next = e.seq() + 1;
                    continue;
                }
                assertThat(e.epoch()).as("epoch of %s entry #%d", symbol, i).isEqualTo(epoch);
                assertThat(e.seq()).as("seq of %s entry #%d (no gap, no duplicate)", symbol, i).isEqualTo(next);
                Message.Tick p = published.get(epoch + "/" + symbol + "/" + e.seq());
                assertThat(p).as("%s seq %d was published in %s", symbol, e.seq(), epoch).isNotNull();
                assertThat(e.price()).as("price of %s #%d", symbol, e.seq()).isEqualTo(p.price());
                assertThat(e.ts()).as("time of %s #%d", symbol, e.seq()).isEqualTo(p.ts());
                next++;
                checked++;
            }
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
