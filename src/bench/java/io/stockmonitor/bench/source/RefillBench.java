package io.stockmonitor.bench.source;

import io.stockmonitor.feed.ConnectionState;
import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.testing.TcpProxy;
import io.stockmonitor.market.GapKind;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.SourceKind;
import io.stockmonitor.source.SourceLimits;
import io.stockmonitor.source.SourceSettings;
import io.stockmonitor.source.binance.BinanceEmulator;
import io.stockmonitor.source.binance.BinanceSource;
import io.stockmonitor.source.testing.EmulatedTrade;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The refill benchmark of the Binance source against its emulator: {@code symbols} symbols trading {@code rate} times
 * a second each, the network down for {@code dropSeconds} (every connection reset, new ones refused), then up again.
 * It reports the time from the reconnect (CONNECTED again) until every symbol has every trade up to the newest one
 * the emulator had made at the reconnect, in order, nothing missing ("caught up"); the REST calls and weight that
 * took; and it checks the applied trades against the emulator's list exactly. Target: under 2 s, within Binance's
 * weight budget (80 % of 6,000 a minute).
 *
 * <p>Run: {@code mvn -q -Pbench -DskipTests test-compile exec:exec
 * -Dbench.main=io.stockmonitor.bench.source.RefillBench -Dbench.args="--symbols 20 --rate 100 --drop 10 --runs 3"}.
 * Everything is on loopback, in one process; the emulator thread makes the trades on a fixed schedule.
 */
public final class RefillBench {
    private RefillBench() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new java.util.HashMap<>();
        for (int i = 0; i + 1 < args.length; i += 2) {
            a.put(args[i], args[i + 1]);
        }
        int symbols = Integer.parseInt(a.getOrDefault("--symbols", "20"));
        double rate = Double.parseDouble(a.getOrDefault("--rate", "100"));
        int dropSeconds = Integer.parseInt(a.getOrDefault("--drop", "10"));
        int runs = Integer.parseInt(a.getOrDefault("--runs", "3"));
        System.out.printf("RefillBench: %d symbols x %.0f trades/s, %d s drop, %d runs (JDK %s, %d cores)%n",
                symbols, rate, dropSeconds, runs, System.getProperty("java.version"),
                Runtime.getRuntime().availableProcessors());
        for (int run = 1; run <= runs; run++) {
            runOnce(run, symbols, rate, dropSeconds);
        }
    }

    private static void runOnce(int run, int symbolCount, double rate, int dropSeconds) throws Exception {
        List<String> symbols = new ArrayList<>();
        try (BinanceEmulator emulator = new BinanceEmulator(run)) {
            for (int i = 0; i < symbolCount; i++) {
                String s = "S" + (char) ('A' + i / 26) + (char) ('A' + i % 26) + "USDT";
                emulator.addSymbol(s, "100.00", "0.01", 1_000_000L * (i + 1));
                symbols.add(s);
            }
            emulator.start();
            emulator.serverPings(Duration.ofSeconds(5), Duration.ofSeconds(60));
            try (TcpProxy proxy = TcpProxy.to(emulator.wsBase())) {
                URI ws = URI.create("ws://127.0.0.1:" + proxy.port());
                FeedClientConfig connection = FeedClientConfig.of(ws, null, symbols).withBackoff(250, 1_000, 10_000);
                SourceSettings settings = new SourceSettings(SourceKind.BINANCE, ws, emulator.restBase(),
                        Credentials.NONE, symbols, connection, BinanceSource.SILENCE_LIMIT_MS, 0,
                        SourceLimits.defaults());
                MarketModel market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
                ConnectionSupervisor client = BinanceSource.client(settings, market);
                Map<String, Long> last = new ConcurrentHashMap<>();
                Map<String, List<Long>> ids = new ConcurrentHashMap<>();
                List<FeedEvent.GapSettled> gaps = new CopyOnWriteArrayList<>();
                long[] connectedAt = {0};
                client.setTickSink((symbol, epoch, seq, ts, price, size) -> {
                    last.put(symbol, seq);
                    ids.computeIfAbsent(symbol, k -> new ArrayList<>()).add(seq);
                });
                client.addListener(e -> {
                    if (e instanceof FeedEvent.GapSettled g) {
                        gaps.add(g);
                    } else if (e instanceof FeedEvent.StateChanged c
                            && c.status().state() == ConnectionState.CONNECTED) {
                        connectedAt[0] = System.nanoTime();
                    }
                });
                client.start();
                waitFor(() -> client.status().state() == ConnectionState.CONNECTED, 30);
                emulator.startTrading(rate);
                waitFor(() -> symbols.stream().allMatch(s -> last.containsKey(s)), 30);
                Thread.sleep(2_000);

                long restBefore = emulator.restCalls();
                proxy.resetAll();
                proxy.refuseNew(true);
                Thread.sleep(dropSeconds * 1_000L);
                long dropEnded = System.nanoTime();
                proxy.refuseNew(false);
                waitFor(() -> connectedAt[0] > dropEnded, 60);
                long reconnected = connectedAt[0];
                Map<String, Long> target = new java.util.HashMap<>();
                for (String s : symbols) {
                    List<EmulatedTrade> t = emulator.trades(s);
                    target.put(s, t.get(t.size() - 1).id());
                }
                waitFor(() -> symbols.stream().allMatch(s -> last.getOrDefault(s, 0L) >= target.get(s)), 120);
                long caughtUp = System.nanoTime();
                int weightUsed = emulator.usedWeight();
                long restCalls = emulator.restCalls() - restBefore;
                emulator.stopTrading();
                Thread.sleep(500);
                client.close();

                long exactSymbols = 0;
                long refilled = 0;
                for (String s : symbols) {
                    List<Long> applied = ids.get(s);
                    List<Long> truth = emulator.trades(s).stream().map(EmulatedTrade::id)
                            .filter(id -> id >= applied.get(0) && id <= applied.get(applied.size() - 1)).toList();
                    if (truth.equals(applied)) {
                        exactSymbols++;
                    }
                }
                for (FeedEvent.GapSettled g : gaps) {
                    refilled += g.kind() == GapKind.EXACT ? g.refilled() : 0;
                }
                System.out.printf("run %d: reconnect -> caught up %.0f ms; %d trades refilled over %d REST calls "
                                + "(weight used in the window: %d of 6000); %d/%d symbols exact; gaps %s%n", run,
                        (caughtUp - reconnected) / 1e6, refilled, restCalls, weightUsed, exactSymbols, symbols.size(),
                        summary(gaps));
            }
        }
    }

    private static String summary(List<FeedEvent.GapSettled> gaps) {
        long exact = gaps.stream().filter(g -> g.kind() == GapKind.EXACT).count();
        return exact + " exact, " + (gaps.size() - exact) + " other";
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, int seconds)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("timed out after " + seconds + " s");
            }
            Thread.sleep(5);
        }
    }
}
