package io.stockmonitor.app;

import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.SourceChoice;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockmonitor.simulator.EmbeddedSimulator;
import io.stockmonitor.simulator.SimulatorConfig;
import io.stockmonitor.simulator.TestKeystore;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class HeadlessRunTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(AppOptions options) {
        return HeadlessRun.run(options, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), false);
    }

    @Test
    void demoRunRecordsTicksInSeqOrderAndPrintsASummary() throws Exception {
        Path home = Path.of(System.getProperty("stockmonitor.home", "target/test-home"));
        Files.createDirectories(home);
        Path record = Files.createTempFile(home, "headless", ".jsonl");
        int code = run(new AppOptions(SourceChoice.demo(), List.of("AAPL", "MSFT"), true, record,
                Duration.ofSeconds(3), null));
        assertThat(code).as("stderr: %s", err).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ticks ", "duplicates dropped 0", "gaps",
                "resyncs", "reconnects", "p50", "p99", "SIMULATED");
        ObjectMapper json = new ObjectMapper();
        Map<String, Long> lastSeq = new HashMap<>();
        int ticks = 0;
        int snapshots = 0;
        List<String> lines = Files.readAllLines(record);
        assertThat(json.readTree(lines.get(0)).get("type").asText()).isEqualTo("state");
        for (String line : lines) {
            JsonNode n = json.readTree(line);
            switch (n.get("type").asText()) {
                case "tick" -> {
                    String symbol = n.get("symbol").asText();
                    long seq = n.get("seq").asLong();
                    assertThat(lastSeq).as("a snapshot precedes the ticks of %s", symbol).containsKey(symbol);
                    assertThat(seq).as(line).isEqualTo(lastSeq.get(symbol) + 1);
                    assertThat(n.get("price").asDouble()).isPositive();
                    assertThat(n.has("ts") && n.has("size") && n.has("epoch")).isTrue();
                    lastSeq.put(symbol, seq);
                    ticks++;
                }
                case "snapshot" -> {
                    assertThat(n.get("reason").asText()).isEqualTo("new");
                    lastSeq.put(n.get("symbol").asText(), n.get("seq").asLong());
                    snapshots++;
                }
                case "state" -> assertThat(n.get("state").asText()).isIn("CONNECTING", "CONNECTED", "CLOSED");
                default -> throw new AssertionError("unexpected line " + line);
            }
        }
        assertThat(snapshots).isEqualTo(2);
        assertThat(ticks).isGreaterThan(5);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("ticks " + ticks + ",");
    }

    @Test
    void badTokenFailsWithOneLineReason() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0)
                .withToken("secret"))) {
            int code = run(new AppOptions(SourceChoice.server(sim.uri().toString(), new Credentials("wrong", null)), List.of("AAPL"), true, null,
                    Duration.ofSeconds(20), null));
            assertThat(code).isEqualTo(HeadlessRun.EXIT_FAILED);
            String stderr = err.toString(StandardCharsets.UTF_8);
            assertThat(stderr.lines()).hasSize(1);
            assertThat(stderr).contains("401");
        }
    }

    @Test
    void badUrlsFail() {
        assertThat(run(new AppOptions(SourceChoice.server("http://127.0.0.1:1/feed", Credentials.NONE), List.of("AAPL"), true, null,
                Duration.ofSeconds(20), null))).isEqualTo(HeadlessRun.EXIT_FAILED);
        assertThat(run(new AppOptions(SourceChoice.server("ws://bad url/feed", Credentials.NONE), List.of("AAPL"), true, null,
                Duration.ofSeconds(20), null))).isEqualTo(HeadlessRun.EXIT_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).hasSize(2)
                .allSatisfy(l -> assertThat(l).contains("malformed"));
    }

    @Test
    void aRunThatNeverConnectedFailsWithItsReasonInsteadOfASummary() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        int code = run(new AppOptions(SourceChoice.server("ws://127.0.0.1:" + port + "/feed", Credentials.NONE),
                List.of("AAPL"), true, null, Duration.ofSeconds(3), null));
        assertThat(code).isEqualTo(HeadlessRun.EXIT_FAILED);
        assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement()
                .satisfies(l -> assertThat(l).startsWith("stock-monitor: feed connection failed: never connected within")
                        .contains("last attempt"));
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("p50 -1");
    }

    @Test
    void aRefusedCertificateFailsAtOnceWithItsReasonAndATrustedOneRecords(@TempDir Path dir) throws Exception {
        TestKeystore keys = TestKeystore.create(dir);
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0)
                .withTls(keys.tlsConfig()))) {
            SourceChoice plain = SourceChoice.server(sim.uri().toString(), Credentials.NONE);
            int code = run(new AppOptions(plain, List.of("AAPL"), true, null, Duration.ofSeconds(20), null));
            assertThat(code).isEqualTo(HeadlessRun.EXIT_FAILED);
            assertThat(err.toString(StandardCharsets.UTF_8).lines()).singleElement()
                    .satisfies(l -> assertThat(l).contains("certificate is not trusted", "--trust-cert"));

            err.reset();
            Path pem = keys.writePem(dir.resolve("server.pem"));
            code = run(new AppOptions(plain.withTrustCert(pem), List.of("AAPL"), true, null, Duration.ofSeconds(3),
                    null));
            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(0);
            assertThat(out.toString(StandardCharsets.UTF_8)).contains("headless summary");
        }
    }
}
