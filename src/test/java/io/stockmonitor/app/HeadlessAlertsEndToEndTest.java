package io.stockmonitor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.testing.TcpProxy;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.market.QuoteView;
import io.stockmonitor.simulator.EmbeddedSimulator;
import io.stockmonitor.simulator.SimulatorConfig;
import io.stockmonitor.source.v1.ProtocolSource;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import picocli.CommandLine;

/**
 * The headless mode's alerts, end to end: the real simulator, a TCP proxy that drops the connection, duplicated and
 * swapped ticks, a new epoch (a snapshot and a gap that was not recovered), and the command line exactly as an
 * outside tool gives it. Every crossing the record's tick lines show fires exactly once, right after the line of
 * the trade that fired it, marked across a gap where the record has a lost gap between the two trades; nothing else
 * fires. The expected firings are computed from the record alone.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HeadlessAlertsEndToEndTest {
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT");
    private static final double REARM = 0.01;
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void everyCrossingTheRecordShowsFiresExactlyOnceAcrossDropsDuplicatesAndALostGap() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0)
                .withSymbols(SYMBOLS).withRate(40).withSeed(20261207L).withHeartbeatMs(200));
             TcpProxy proxy = TcpProxy.to(sim.uri());
             PrevCloseWatcher prevCloses = new PrevCloseWatcher(sim)) {
            Map<String, Double> start = firstPrices(sim);
            await().atMost(Duration.ofSeconds(30)).until(() -> prevCloses.known(sim.epoch()));
            List<String> rules = new ArrayList<>();
            for (String symbol : SYMBOLS) {
                double p = start.get(symbol);
                for (int k = -8; k <= 8; k++) {
                    String level = String.format(Locale.ROOT, "%.2f", p + k * 0.04);
                    rules.add(symbol + ">" + level);
                    rules.add(symbol + "<" + level);
                }
                double change = (p - prevCloses.get(sim.epoch(), symbol)) / prevCloses.get(sim.epoch(), symbol) * 100;
                for (int k = -3; k <= 3; k++) {
                    rules.add(symbol + "%" + (k % 2 == 0 ? ">" : "<")
                            + String.format(Locale.ROOT, "%.3f", change + k * 0.02));
                }
            }
            Path record = recordFile();
            Run run = Run.start(proxy.uriFor(sim.uri()), SYMBOLS, record, rules, REARM);

            await().atMost(Duration.ofSeconds(60)).until(() -> proxy.acceptedConnections() >= 1);
            awaitTicks(sim, 300);
            // The first outage lasts until the price has crossed levels while the client was away, so the resume
            // replays crossings (a reconnect within a few ticks might replay none).
            try (LevelCrossings away = new LevelCrossings(sim, rules)) {
                proxy.refuseNew(true);
                proxy.resetAll();
                long ticksBefore = sim.ticksPublished();
                await().atMost(Duration.ofSeconds(60))
                        .until(() -> away.count() >= 3 || sim.ticksPublished() - ticksBefore >= 800);
                int refused = proxy.acceptedConnections();
                proxy.refuseNew(false);
                awaitReconnected(proxy, refused);
            }
            awaitTicks(sim, 200);
            for (String symbol : SYMBOLS) {
                sim.faults().duplicateNextTick(symbol);
            }
            awaitTicks(sim, 100);
            // Out of order: whatever the client makes of it, the record is what the alerts must agree with.
            sim.faults().swapNextTwoTicks("MSFT");
            awaitTicks(sim, 200);
            int beforeSecondDrop = proxy.acceptedConnections();
            proxy.resetAll();
            awaitReconnected(proxy, beforeSecondDrop);
            // A new epoch starts every symbol over at its first price: once AAPL has walked away from the levels,
            // the restart jumps it back over them while its trades are lost.
            PriceTracker aapl = new PriceTracker(sim, "AAPL");
            await().atMost(Duration.ofSeconds(120)).until(() -> Math.abs(aapl.last() - start.get("AAPL")) > 0.4);
            sim.removePublishListener(aapl);
            String oldEpoch = sim.epoch();
            int beforeRestart = proxy.acceptedConnections();
            sim.faults().restartWithNewEpoch();
            await().atMost(Duration.ofSeconds(30)).until(() -> !sim.epoch().equals(oldEpoch)
                    && prevCloses.known(sim.epoch()));
            awaitReconnected(proxy, beforeRestart);
            awaitTicks(sim, 300);
            int code = run.stop();

            assertThat(code).as("stderr: %s", run.err()).isZero();
            List<JsonNode> lines = readRecord(record);
            Check check = expected(lines, rules, prevCloses);
            assertThat(check.actual).as("alert lines, each right after its trade's line")
                    .containsExactlyElementsOf(check.expected);
            assertThat(check.expected.size()).as("the price crossed levels").isGreaterThan(20);
            assertThat(check.expected.stream().filter(a -> a.acrossGap()).count())
                    .as("AAPL jumped over levels across the lost gap").isPositive();
            assertThat(check.refilled).as("crossings on trades replayed by the resumes").isPositive();
            assertThat(check.refilledBeforeFirstReconnect).isZero();
            assertThat(check.liveButOlderThanTheReconnect).as("trades from before a reconnect are replayed ones")
                    .isZero();
            String out = run.out();
            assertThat(out.lines().filter(l -> l.startsWith("alert "))).hasSize(check.actual.size());
            assertThat(out).contains("alerts: " + rules.size() + " rules, " + check.actual.size() + " fired");
            assertThat(duplicatesDropped(out)).as("duplicates reached the client and were dropped there")
                    .isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void withoutRearmEachRuleFiresAtMostOnce() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0)
                .withSymbols(List.of("AAPL")).withRate(100).withSeed(7L).withHeartbeatMs(200))) {
            double p = firstPrices(sim).get("AAPL");
            List<String> rules = new ArrayList<>();
            for (int k = -3; k <= 3; k++) {
                rules.add(String.format(Locale.ROOT, "AAPL>%.2f", p + k * 0.03));
                rules.add(String.format(Locale.ROOT, "aapl < %.2f", p + k * 0.03));
            }
            Path record = recordFile();
            Run run = Run.start(sim.uri(), List.of("AAPL"), record, rules, null);
            awaitTicks(sim, 1_500);
            assertThat(run.stop()).as("stderr: %s", run.err()).isZero();
            Check check = expected(readRecord(record), rules, null);
            assertThat(check.actual).containsExactlyElementsOf(check.expected);
            assertThat(check.actual).extracting(Alert::rule).doesNotHaveDuplicates();
            assertThat(check.actual).hasSizeGreaterThan(3);
        }
    }

    // ---- the expected firings, from the record's lines alone ------------------------------------------------

    record Alert(String symbol, String rule, long seq, long ts, double price, boolean acrossGap) {
    }

    /** What fired and what should have, in record order. */
    static final class Check {
        final List<Alert> expected = new ArrayList<>();
        final List<Alert> actual = new ArrayList<>();
        int refilled;
        int refilledBeforeFirstReconnect;
        int liveButOlderThanTheReconnect;
    }

    /** A rule as the specification states it, evaluated on the record's tick lines. */
    private static final class Expect {
        final String text;
        final String symbol;
        final boolean percent;
        final boolean above;
        final double level;
        final Double rearm;
        int side; // 0 unknown, 1 not beyond, 2 beyond
        boolean armed = true;
        boolean spent;

        Expect(String typed, Double rearm) {
            String s = typed.replace(" ", "").toUpperCase(Locale.ROOT);
            int op = Math.max(s.indexOf('>'), s.indexOf('<'));
            above = s.charAt(op) == '>';
            percent = s.charAt(op - 1) == '%';
            symbol = s.substring(0, percent ? op - 1 : op);
            level = Double.parseDouble(s.substring(op + 1));
            text = s;
            this.rearm = rearm;
        }

        boolean onTick(double price, Double prevClose) {
            double v = percent ? (prevClose == null || !(prevClose > 0) ? Double.NaN
                    : (price - prevClose) / prevClose * 100.0) : price;
            if (Double.isNaN(v)) {
                side = 0;
                return false;
            }
            boolean beyond = above ? v > level : v < level;
            if (!armed && rearm != null) {
                double distance = percent ? rearm : level * rearm / 100.0;
                if (above ? v <= level - distance : v >= level + distance) {
                    armed = true;
                }
            }
            boolean fires = beyond && side == 1 && armed && !spent;
            side = beyond ? 2 : 1;
            if (fires) {
                armed = false;
                spent = rearm == null;
            }
            return fires;
        }
    }

    private Check expected(List<JsonNode> lines, List<String> rules, PrevCloseWatcher prevCloses) {
        Check c = new Check();
        Double rearm = prevCloses == null ? null : REARM;
        Map<String, List<Expect>> bySymbol = new HashMap<>();
        for (String r : rules) {
            Expect e = new Expect(r, rearm);
            bySymbol.computeIfAbsent(e.symbol, s -> new ArrayList<>()).add(e);
        }
        Set<String> gapPending = new HashSet<>();
        Map<String, Set<Long>> seen = new HashMap<>();
        int connections = 0;
        long reconnectedAt = Long.MIN_VALUE;
        JsonNode lastTick = null;
        for (JsonNode n : lines) {
            switch (n.get("type").asText()) {
                case "tick" -> {
                    lastTick = n;
                    String symbol = n.get("symbol").asText();
                    String epoch = n.get("epoch").asText();
                    long seq = n.get("seq").asLong();
                    assertThat(seen.computeIfAbsent(symbol + "/" + epoch, k -> new HashSet<>()).add(seq))
                            .as("each trade once in the record: %s", n).isTrue();
                    boolean acrossGap = gapPending.remove(symbol);
                    Double prevClose = prevCloses == null ? null : prevCloses.get(epoch, symbol);
                    for (Expect e : bySymbol.getOrDefault(symbol, List.of())) {
                        if (e.onTick(n.get("price").asDouble(), prevClose)) {
                            c.expected.add(new Alert(symbol, e.text, seq, n.get("ts").asLong(),
                                    n.get("price").asDouble(), acrossGap));
                        }
                    }
                }
                case "gap" -> {
                    if (n.get("recovered").asText().equals("none")) {
                        gapPending.add(n.get("symbol").asText());
                    }
                }
                case "alert" -> {
                    assertThat(lastTick).as("an alert line follows a trade's line").isNotNull();
                    assertThat(n.get("seq").asLong()).as("%s fired on the trade just before it", n)
                            .isEqualTo(lastTick.get("seq").asLong());
                    assertThat(n.get("symbol").asText()).isEqualTo(lastTick.get("symbol").asText());
                    c.actual.add(new Alert(n.get("symbol").asText(), n.get("rule").asText(), n.get("seq").asLong(),
                            n.get("ts").asLong(), n.get("price").asDouble(), n.get("acrossGap").asBoolean()));
                    boolean refilled = n.get("refilled").asBoolean();
                    if (refilled) {
                        c.refilled++;
                        if (connections < 2) {
                            c.refilledBeforeFirstReconnect++;
                        }
                    } else if (n.get("ts").asLong() < reconnectedAt) {
                        c.liveButOlderThanTheReconnect++;
                    }
                }
                case "state" -> {
                    if (n.get("state").asText().equals("CONNECTED")) {
                        connections++;
                        if (connections >= 2) {
                            reconnectedAt = n.get("at").asLong();
                        }
                    }
                }
                default -> {
                }
            }
            if (!n.get("type").asText().equals("alert") && !n.get("type").asText().equals("tick")) {
                lastTick = null;
            }
        }
        return c;
    }

    // ---- running the command line -------------------------------------------------------------------------

    /** The headless mode started from the command line in-process, ended by the test. */
    private static final class Run {
        final CountDownLatch stop = new CountDownLatch(1);
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        CompletableFuture<Integer> exit;

        static Run start(java.net.URI server, List<String> symbols, Path record, List<String> rules, Double rearm) {
            Run r = new Run();
            List<String> args = new ArrayList<>(List.of("--headless", "--server", server.toString(), "--symbols",
                    String.join(",", symbols), "--record", record.toString()));
            for (String rule : rules) {
                args.add("--alert");
                args.add(rule);
            }
            if (rearm != null) {
                args.add("--alert-rearm");
                args.add(Double.toString(rearm));
            }
            AppCommand.Modes modes = new AppCommand.Modes() {
                @Override
                public int headless(AppOptions options, AppDirs dirs) {
                    return HeadlessRun.run(options, new PrintStream(r.out, true, StandardCharsets.UTF_8),
                            new PrintStream(r.err, true, StandardCharsets.UTF_8), false, r.stop);
                }

                @Override
                public int window(AppOptions options, AppDirs dirs) {
                    throw new AssertionError("headless only");
                }
            };
            StringWriter usage = new StringWriter();
            r.exit = CompletableFuture.supplyAsync(() -> {
                CommandLine cl = new CommandLine(new AppCommand(modes, AppDirs.underRoot(Path.of("target/x")),
                        Map.of()));
                cl.setErr(new PrintWriter(usage, true));
                cl.setParameterExceptionHandler(Launcher::oneLineError);
                return cl.execute(args.toArray(String[]::new));
            });
            return r;
        }

        int stop() throws Exception {
            stop.countDown();
            return exit.get(60, TimeUnit.SECONDS);
        }

        String out() {
            return out.toString(StandardCharsets.UTF_8);
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    /** The previous close of each symbol in each epoch, as a plain client reads it from the snapshots. */
    private static final class PrevCloseWatcher implements AutoCloseable {
        private final ConnectionSupervisor client;
        private final Map<String, Double> byEpochAndSymbol = new ConcurrentHashMap<>();

        PrevCloseWatcher(EmbeddedSimulator sim) {
            MarketModel market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
            client = ProtocolSource.client(FeedClientConfig.of(sim.uri(), null, sim.symbols()), market);
            QuoteView q = new QuoteView();
            client.addListener(event -> {
                if (event instanceof FeedEvent.SnapshotApplied s && market.readQuote(s.symbol(), q)) {
                    byEpochAndSymbol.put(s.epoch() + "/" + s.symbol(), q.prevClose());
                }
            });
            client.start();
        }

        boolean known(String epoch) {
            return SYMBOLS.stream().allMatch(s -> byEpochAndSymbol.containsKey(epoch + "/" + s));
        }

        Double get(String epoch, String symbol) {
            return byEpochAndSymbol.get(epoch + "/" + symbol);
        }

        @Override
        public void close() {
            client.close();
        }
    }

    /** The newest published price of one symbol. */
    /** Counts published ticks that cross a level of the price rules (either way), from its creation to its close. */
    private static final class LevelCrossings implements io.stockmonitor.simulator.PublishListener, AutoCloseable {
        private final EmbeddedSimulator sim;
        private final Map<String, List<Double>> levels = new ConcurrentHashMap<>();
        private final Map<String, Double> previous = new ConcurrentHashMap<>();
        private final java.util.concurrent.atomic.AtomicInteger count = new java.util.concurrent.atomic.AtomicInteger();

        LevelCrossings(EmbeddedSimulator sim, List<String> rules) {
            this.sim = sim;
            for (String rule : rules) {
                int op = Math.max(rule.indexOf('>'), rule.indexOf('<'));
                if (rule.indexOf('%') < 0 && op > 0) {
                    levels.computeIfAbsent(rule.substring(0, op), k -> new ArrayList<>())
                            .add(Double.parseDouble(rule.substring(op + 1)));
                }
            }
            sim.addPublishListener(this);
        }

        @Override
        public void published(String epoch, io.stockmonitor.protocol.Message.Tick tick) {
            Double before = previous.put(tick.symbol(), tick.price());
            if (before == null) {
                return;
            }
            for (double level : levels.getOrDefault(tick.symbol(), List.of())) {
                if ((before <= level && tick.price() > level) || (before >= level && tick.price() < level)) {
                    count.incrementAndGet();
                }
            }
        }

        int count() {
            return count.get();
        }

        @Override
        public void close() {
            sim.removePublishListener(this);
        }
    }

    private static final class PriceTracker implements io.stockmonitor.simulator.PublishListener {
        private volatile double last = Double.NaN;
        private final String symbol;

        PriceTracker(EmbeddedSimulator sim, String symbol) {
            this.symbol = symbol;
            sim.addPublishListener(this);
        }

        @Override
        public void published(String epoch, io.stockmonitor.protocol.Message.Tick tick) {
            if (tick.symbol().equals(symbol)) {
                last = tick.price();
            }
        }

        double last() {
            return last;
        }
    }

    private static Map<String, Double> firstPrices(EmbeddedSimulator sim) {
        Map<String, Double> first = new ConcurrentHashMap<>();
        io.stockmonitor.simulator.PublishListener l = (epoch, tick) -> first.putIfAbsent(tick.symbol(), tick.price());
        sim.addPublishListener(l);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.keySet().containsAll(sim.symbols()));
        sim.removePublishListener(l);
        return first;
    }

    /** Waits for a connection accepted after the count {@code before} that is still open (refused ones count too). */
    private static void awaitReconnected(TcpProxy proxy, int before) {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> proxy.acceptedConnections() > before && proxy.openConnections() >= 1);
    }

    private static void awaitTicks(EmbeddedSimulator sim, long n) {
        long target = sim.ticksPublished() + n;
        await().atMost(Duration.ofSeconds(60)).until(() -> sim.ticksPublished() >= target);
    }

    private static Path recordFile() throws Exception {
        Path home = Path.of(System.getProperty("stockmonitor.home", "target/test-home"));
        Files.createDirectories(home);
        return Files.createTempFile(home, "alerts", ".jsonl");
    }

    private List<JsonNode> readRecord(Path record) throws Exception {
        List<JsonNode> out = new ArrayList<>();
        for (String line : Files.readAllLines(record)) {
            out.add(json.readTree(line));
        }
        return out;
    }

    private static long duplicatesDropped(String summary) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("duplicates dropped (\\d+)").matcher(summary);
        return m.find() ? Long.parseLong(m.group(1)) : -1;
    }
}
