package io.stockmonitor.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockmonitor.feed.testing.TcpProxy;
import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.SourceChoice;
import io.stockmonitor.source.SourceKind;
import io.stockmonitor.source.binance.BinanceEmulator;
import io.stockmonitor.source.testing.EmulatedTrade;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The headless record of a provider source, as outside tools read it: every trade of the emulated Binance once, in
 * id order, refilled ones included, with {@code "epoch":"binance"} and the aggregate id as seq; and the hole a drop
 * made named by a gap line that says it was recovered exactly.
 */
@Timeout(value = 90, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HeadlessProviderRecordTest {
    private static final String SYMBOL = "BTCUSDT";

    @Test
    void aBinanceRecordHoldsEveryTradeOnceAndNamesTheRefilledGap() throws Exception {
        Path home = Path.of(System.getProperty("stockmonitor.home", "target/test-home"));
        Files.createDirectories(home);
        Path record = Files.createTempFile(home, "binance", ".jsonl");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (BinanceEmulator emulator = new BinanceEmulator(5)) {
            emulator.addSymbol(SYMBOL, "65000.00", "0.01", 7_000_000L);
            emulator.start();
            emulator.serverPings(Duration.ofMillis(500), Duration.ofSeconds(10));
            emulator.trade(SYMBOL, 10);
            try (TcpProxy proxy = TcpProxy.to(emulator.wsBase())) {
                SourceChoice binance = SourceChoice.provider(SourceKind.BINANCE, Credentials.NONE,
                        URI.create("ws://127.0.0.1:" + proxy.port()), emulator.restBase());
                AppOptions options = new AppOptions(binance, List.of(SYMBOL), true, record, Duration.ofSeconds(12),
                        null);
                CompletableFuture<Integer> run = CompletableFuture.supplyAsync(() -> HeadlessRun.run(options,
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8), false));
                await().atMost(Duration.ofSeconds(30)).until(() -> emulator.openSockets() == 1
                        && !emulator.subscriptions().isEmpty() && !emulator.subscriptions().get(0).isEmpty());
                emulator.trade(SYMBOL, 20);
                // The drop must come after the feed is live: one before the first live trade is the start-up
                // catch-up (no gap), not the hole this test is about. The record is written out once a second.
                List<EmulatedTrade> sent = emulator.trades(SYMBOL);
                String newest = "\"seq\":" + sent.get(sent.size() - 1).id() + ",";
                await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(record).contains(newest));
                proxy.resetAll();
                emulator.trade(SYMBOL, 300);
                await().atMost(Duration.ofSeconds(30)).until(() -> emulator.openSockets() == 1);
                emulator.trade(SYMBOL, 20);
                assertThat(run.get()).as("stderr: %s", err).isZero();
            }
            List<EmulatedTrade> truth = emulator.trades(SYMBOL);
            ObjectMapper json = new ObjectMapper();
            List<Long> ids = new ArrayList<>();
            List<JsonNode> gaps = new ArrayList<>();
            for (String line : Files.readAllLines(record)) {
                JsonNode n = json.readTree(line);
                switch (n.get("type").asText()) {
                    case "tick" -> {
                        assertThat(n.get("symbol").asText()).isEqualTo(SYMBOL);
                        assertThat(n.get("epoch").asText()).isEqualTo("binance");
                        long id = n.get("seq").asLong();
                        EmulatedTrade t = truth.stream().filter(x -> x.id() == id).findFirst().orElseThrow();
                        assertThat(n.get("ts").asLong()).isEqualTo(t.timeMs());
                        assertThat(n.get("price").decimalValue()).isEqualByComparingTo(t.price());
                        assertThat(n.get("size").decimalValue()).isEqualByComparingTo(t.size());
                        ids.add(id);
                    }
                    case "gap" -> gaps.add(n);
                    default -> {
                    }
                }
            }
            List<Long> expected = truth.stream().map(EmulatedTrade::id).filter(id -> id >= ids.get(0)).toList();
            assertThat(ids).as("every trade once, in id order").isEqualTo(expected);
            assertThat(gaps).as("the drop's hole").singleElement().satisfies(g -> {
                assertThat(g.get("recovered").asText()).isEqualTo("exact");
                assertThat(g.get("symbol").asText()).isEqualTo(SYMBOL);
                assertThat(g.get("to").asLong() - g.get("from").asLong() + 1).isGreaterThanOrEqualTo(300);
            });
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("1 exact", "Binance spot");
        }
    }
}
