package io.stockmonitor.feed.testing;

import io.stockmonitor.source.v1.ProtocolSource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.feed.ConnectionState;
import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.FeedListener;
import io.stockmonitor.feed.TickSink;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.ResyncReason;
import io.stockmonitor.simulator.EmbeddedSimulator;
import io.stockmonitor.simulator.SimulatorConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A simulator, a TCP proxy in front of it, and a feed client through the proxy; records what the server published
 * and what the client applied, and checks that they agree: per symbol, the applied ticks are exactly the published
 * ones, in order, no gap, no duplicate, except where a snapshot (with an allowed reason) restarted the stream.
 */
public final class FeedHarness implements AutoCloseable {
    public static final long HEARTBEAT_MS = 200;
    public final long heartbeatMs;

    public final EmbeddedSimulator sim;
    public final TcpProxy proxy;
    public final ConnectionSupervisor client;
    public final MarketModel market;
    private final Map<String, Map<Long, Message.Tick>> published = new ConcurrentHashMap<>();
    private final Map<String, Long> publishedLast = new ConcurrentHashMap<>();
    /** Per symbol, in order: ticks and snapshots as the client applied them (feed thread only, read after). */
    private final Map<String, List<Entry>> applied = new ConcurrentHashMap<>();
    private final List<FeedEvent> events = java.util.Collections.synchronizedList(new ArrayList<>());

    /** One applied item: a tick (reason null) or a snapshot. */
    public record Entry(String epoch, long seq, long ts, double price, double size, ResyncReason reason) {
    }

    public FeedHarness(List<String> symbols, double rate, long seed) throws Exception {
        this(symbols, rate, seed, HEARTBEAT_MS, c -> c);
    }

    public FeedHarness(List<String> symbols, double rate, long seed, long heartbeatMs,
                       java.util.function.UnaryOperator<FeedClientConfig> tweak) throws Exception {
        this(symbols, rate, seed, heartbeatMs, tweak, c -> c, null);
    }

    /**
     * As above, with the simulator's configuration changed by {@code simTweak}, and {@code filters} (a hostile relay,
     * say; null for none) in the proxy's server-to-client direction.
     */
    public FeedHarness(List<String> symbols, double rate, long seed, long heartbeatMs,
                       java.util.function.UnaryOperator<FeedClientConfig> tweak,
                       java.util.function.UnaryOperator<SimulatorConfig> simTweak,
                       java.util.function.Supplier<TcpProxy.DownstreamFilter> filters) throws Exception {
        this.heartbeatMs = heartbeatMs;
        sim = EmbeddedSimulator.start(simTweak.apply(SimulatorConfig.defaults().withPort(0).withSymbols(symbols)
                .withRate(rate).withSeed(seed).withHeartbeatMs(heartbeatMs)));
        sim.addPublishListener((epoch, tick) -> {
            published.computeIfAbsent(epoch + "/" + tick.symbol(), k -> new ConcurrentHashMap<>())
                    .put(tick.seq(), tick);
            publishedLast.put(tick.symbol(), tick.seq());
        });
        proxy = filters == null ? TcpProxy.to(sim.uri()) : TcpProxy.to(sim.uri(), filters);
        market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
        FeedClientConfig config = FeedClientConfig.of(proxy.uriFor(sim.uri()), null, symbols)
                .withTimeouts(3.0, 2_000, 1_000);
        client = ProtocolSource.client(tweak.apply(config), market);
        TickSink sink = (symbol, epoch, seq, ts, price, size) -> applied
                .computeIfAbsent(symbol, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                .add(new Entry(epoch, seq, ts, price, size, null));
        client.setTickSink(sink);
        FeedListener listener = event -> {
            events.add(event);
            if (event instanceof FeedEvent.SnapshotApplied s) {
                applied.computeIfAbsent(s.symbol(), k -> java.util.Collections.synchronizedList(new ArrayList<>()))
                        .add(new Entry(s.epoch(), s.seq(), 0, 0, 0, s.reason()));
            }
        };
        client.addListener(listener);
        client.start();
    }

    public void awaitConnected() {
        await().atMost(Duration.ofSeconds(30)).until(() -> client.status().state() == ConnectionState.CONNECTED);
    }

    /** Waits until every symbol applied at least {@code n} ticks more than now. */
    public void awaitTicks(long n) {
        long target = client.stats().ticksApplied() + n;
        await().atMost(Duration.ofSeconds(30)).until(() -> client.stats().ticksApplied() >= target);
    }

    /** Waits until the client has applied, for every symbol, everything published up to now. */
    public void awaitCaughtUp() {
        Map<String, Long> target = new HashMap<>(publishedLast);
        String epoch = sim.epoch();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            for (Map.Entry<String, Long> e : target.entrySet()) {
                Entry last = lastApplied(e.getKey());
                if (last == null || !last.epoch().equals(epoch) || last.seq() < e.getValue()) {
                    return false;
                }
            }
            return true;
        });
    }

    public Entry lastApplied(String symbol) {
        List<Entry> list = applied.get(symbol);
        if (list == null) {
            return null;
        }
        synchronized (list) {
            return list.isEmpty() ? null : list.get(list.size() - 1);
        }
    }

    public List<FeedEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    public List<Entry> snapshots(String symbol) {
        List<Entry> out = new ArrayList<>();
        for (Entry e : appliedCopy(symbol)) {
            if (e.reason() != null) {
                out.add(e);
            }
        }
        return out;
    }

    public List<Entry> appliedCopy(String symbol) {
        List<Entry> list = applied.getOrDefault(symbol, List.of());
        synchronized (list) {
            return List.copyOf(list);
        }
    }

    /**
     * The stream invariant: per symbol, starting with a snapshot, every applied tick is the next published seq of
     * the current epoch and equal to what was published; snapshots only with the allowed reasons. Returns the
     * number of ticks checked.
     */
    public long checkStreams(Set<ResyncReason> allowedSnapshotReasons) {
        long checked = 0;
        for (String symbol : sim.symbols()) {
            checked += checkStream(symbol, appliedCopy(symbol),
                    (epoch, seq) -> published.getOrDefault(epoch + "/" + symbol, Map.of()).get(seq),
                    allowedSnapshotReasons);
        }
        return checked;
    }

    /**
     * The stream invariant for one symbol's {@code entries} (ticks and snapshots, as applied): it starts with a
     * snapshot; after a snapshot (of an allowed reason) every tick is the next seq of its epoch, no gap and no
     * duplicate, and equal to the tick {@code published} names under that epoch and seq. Returns the ticks checked.
     */
    public static long checkStream(String symbol, List<Entry> entries,
                                   java.util.function.BiFunction<String, Long, Message.Tick> published,
                                   Set<ResyncReason> allowedSnapshotReasons) {
        long checked = 0;
        assertThat(entries).as("applied stream of %s", symbol).isNotEmpty();
        assertThat(entries.get(0).reason()).as("%s starts with a snapshot", symbol).isEqualTo(ResyncReason.NEW);
        String epoch = null;
        long next = -1;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (e.reason() != null) {
                if (i > 0) {
                    assertThat(allowedSnapshotReasons).as("snapshot #%d of %s: %s", i, symbol, e)
                            .contains(e.reason());
                }
                epoch = e.epoch();
                next = e.seq() + 1;
                continue;
            }
            assertThat(e.epoch()).as("epoch of %s tick #%d", symbol, i).isEqualTo(epoch);
            assertThat(e.seq()).as("seq of %s entry #%d (no gap, no duplicate)", symbol, i).isEqualTo(next);
            Message.Tick p = published.apply(epoch, e.seq());
            assertThat(p).as("%s seq %d was published in epoch %s", symbol, e.seq(), epoch).isNotNull();
            assertThat(e.price()).as("price of %s #%d", symbol, e.seq()).isEqualTo(p.price());
            assertThat(e.ts()).isEqualTo(p.ts());
            assertThat(e.size()).isEqualTo(p.size());
            next++;
            checked++;
        }
        return checked;
    }

    public static Set<ResyncReason> only(ResyncReason... reasons) {
        Set<ResyncReason> set = EnumSet.noneOf(ResyncReason.class);
        set.addAll(List.of(reasons));
        return set;
    }

    @Override
    public void close() {
        client.close();
        proxy.close();
        sim.close();
    }
}
