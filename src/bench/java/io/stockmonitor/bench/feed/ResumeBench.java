package io.stockmonitor.bench.feed;

import io.stockmonitor.source.v1.ProtocolSource;
import io.stockmonitor.feed.ConnectionState;
import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.feed.testing.TcpProxy;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.simulator.EmbeddedSimulator;
import io.stockmonitor.simulator.SimulatorConfig;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Histogram;

/**
 * Resume time: from a forced drop (a TCP reset by the proxy, or the simulator dropping every connection, in turn) to
 * the first tick applied from the new connection, which is a replayed one (ticks keep being published during the
 * outage). Product backoff window (first retry uniform in 0-250 ms); the stable-connection reset is 0 here so every
 * drop starts from the first window, as an isolated drop in production does.
 *
 * <p>Args: [drops, default 1000] [ticks per second per symbol, default 200].
 */
public final class ResumeBench {
    private static volatile long armedAfterReconnects = Long.MAX_VALUE;
    private static volatile long firstTickNanos;
    private static volatile long ticksSeen;

    private ResumeBench() {
    }

    public static void main(String[] args) throws Exception {
        int drops = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        double rate = args.length > 1 ? Double.parseDouble(args[1]) : 200;
        Histogram all = new Histogram(60_000_000_000L, 3);
        Histogram byProxy = new Histogram(60_000_000_000L, 3);
        Histogram bySim = new Histogram(60_000_000_000L, 3);
        List<String> symbols = List.of("AAPL", "MSFT");
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0)
                .withSymbols(symbols).withRate(rate).withHeartbeatMs(1000));
             TcpProxy proxy = TcpProxy.to(sim.uri())) {
            FeedClientConfig config = FeedClientConfig.of(proxy.uriFor(sim.uri()), null, symbols)
                    .withBackoff(FeedClientConfig.DEFAULT_BACKOFF_FIRST_MS, FeedClientConfig.DEFAULT_BACKOFF_CAP_MS, 0);
            try (ConnectionSupervisor client = ProtocolSource.client(config, new MarketModel(MarketLimits.defaults(),
                    System::currentTimeMillis))) {
                client.setTickSink((symbol, epoch, seq, ts, price, size) -> {
                    ticksSeen++;
                    if (firstTickNanos == 0 && client.stats().reconnects() >= armedAfterReconnects) {
                        firstTickNanos = System.nanoTime();
                    }
                });
                client.start();
                for (int i = 0; i < drops; i++) {
                    waitFor(() -> client.status().state() == ConnectionState.CONNECTED);
                    long seen = ticksSeen;
                    waitFor(() -> ticksSeen > seen + 2);
                    armedAfterReconnects = Long.MAX_VALUE;
                    firstTickNanos = 0;
                    armedAfterReconnects = client.stats().reconnects() + 1;
                    long t0 = System.nanoTime();
                    boolean viaProxy = i % 2 == 0;
                    if (viaProxy) {
                        proxy.resetAll();
                    } else {
                        sim.faults().dropAllConnections();
                    }
                    waitFor(() -> firstTickNanos != 0);
                    long micros = TimeUnit.NANOSECONDS.toMicros(firstTickNanos - t0);
                    all.recordValue(micros);
                    (viaProxy ? byProxy : bySim).recordValue(micros);
                }
                System.out.printf("ResumeBench: %d drops, %.0f ticks/s/symbol, %s; client %s%n", drops, rate,
                        symbols, client.stats());
            }
        }
        print("all drops", all);
        print("proxy reset", byProxy);
        print("simulator drop", bySim);
    }

    private static void print(String label, Histogram h) {
        System.out.printf("  %-15s n=%d drop->first replayed tick: p50 %.1f ms, p99 %.1f ms, max %.1f ms%n", label,
                h.getTotalCount(), h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                h.getMaxValue() / 1000.0);
    }

    /** A harness, not a test: polls with a short park, gives up after 30 s. */
    private static void waitFor(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("condition not met within 30 s");
            }
            LockSupport.parkNanos(200_000);
        }
    }
}
