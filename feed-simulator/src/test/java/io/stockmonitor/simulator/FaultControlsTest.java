package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockmonitor.protocol.Message;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault controls, driven through the loopback admin endpoint (and so through the in-process API too). */
class FaultControlsTest {
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedSimulator sim;

    @BeforeEach
    void start() throws Exception {
        sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0).withSymbols(List.of("AAPL", "MSFT"))
                .withRate(50).withHeartbeatMs(100).withAdmin(true));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private HttpResponse<String> admin(String method, String pathAndQuery) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + sim.uri().getPort() + "/admin/" + pathAndQuery);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30));
        b = method.equals("POST") ? b.POST(HttpRequest.BodyPublishers.noBody()) : b.GET();
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private FeedTestClient subscribed(String symbol) throws Exception {
        FeedTestClient c = FeedTestClient.connect(sim.uri());
        c.next(Message.Welcome.class);
        c.send(new Message.Subscribe(1, List.of(symbol), null));
        c.next(Message.Subscribed.class);
        c.next(Message.Snapshot.class);
        return c;
    }

    @Test
    void statusReportsEpochAndSaysSimulated() throws Exception {
        HttpResponse<String> r = admin("GET", "status");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode status = new ObjectMapper().readTree(r.body());
        assertThat(status.get("simulated").asBoolean()).isTrue();
        assertThat(status.get("epoch").asText()).isEqualTo(sim.epoch());
        assertThat(admin("GET", "drop").statusCode()).isEqualTo(405);
        assertThat(admin("POST", "explode").statusCode()).isEqualTo(404);
        assertThat(admin("POST", "duplicate").statusCode()).isEqualTo(400);
        assertThat(admin("POST", "duplicate?symbol=NOPE").statusCode()).isEqualTo(400);
        assertThat(admin("POST", "silence?seconds=abc").statusCode()).isEqualTo(400);
    }

    @Test
    void duplicateSendsTheNextTickTwice() throws Exception {
        try (FeedTestClient c = subscribed("AAPL")) {
            long first = c.next(Message.Tick.class).seq();
            assertThat(admin("POST", "duplicate?symbol=AAPL").statusCode()).isEqualTo(200);
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                seqs.add(c.next(Message.Tick.class).seq());
            }
            long dups = seqs.stream().distinct().count();
            assertThat(seqs).hasSize(30);
            assertThat(dups).isEqualTo(29);
            assertThat(seqs).isSorted().allMatch(s -> s > first);
        }
    }

    @Test
    void swapSendsTheNextTwoTicksInSwappedOrder() throws Exception {
        try (FeedTestClient c = subscribed("MSFT")) {
            c.next(Message.Tick.class);
            assertThat(admin("POST", "swap?symbol=MSFT").statusCode()).isEqualTo(200);
            List<Long> seqs = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                seqs.add(c.next(Message.Tick.class).seq());
            }
            int inversions = 0;
            for (int i = 1; i < seqs.size(); i++) {
                if (seqs.get(i) < seqs.get(i - 1)) {
                    inversions++;
                    assertThat(seqs.get(i)).isEqualTo(seqs.get(i - 1) - 1);
                }
            }
            assertThat(inversions).isEqualTo(1);
            assertThat(seqs.stream().distinct().count()).isEqualTo(20);
        }
    }

    @Test
    void dropClosesAbruptlyWithoutCloseFrame() throws Exception {
        try (FeedTestClient c = subscribed("AAPL")) {
            assertThat(admin("POST", "drop").statusCode()).isEqualTo(200);
            // 1006: abnormal closure, no close frame received (-1 if reported as an error).
            assertThat(c.awaitClose()).isIn(1006, -1);
        }
    }

    @Test
    void silenceStopsEveryFrameThenResumesWithoutLoss() throws Exception {
        try (FeedTestClient c = subscribed("AAPL")) {
            long before = c.next(Message.Tick.class).seq();
            assertThat(admin("POST", "silence?seconds=1.5").statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(30)).until(() -> status().get("silent").asBoolean());
            // Drain what was sent before the silence began, then nothing at all arrives for a while.
            while (c.frames.poll(400, TimeUnit.MILLISECONDS) != null) {
                assertThat(status().get("silent").asBoolean()).isTrue();
            }
            long silentSeq = status().get("lastSeqs").get("AAPL").asLong();
            assertThat(silentSeq).isGreaterThan(before);
            await().atMost(Duration.ofSeconds(30)).until(() -> !status().get("silent").asBoolean());
            // Afterwards every tick published meanwhile arrives, in order.
            long expected = -1;
            while (expected < silentSeq + 3) {
                Message m = c.frames.poll(30, TimeUnit.SECONDS);
                assertThat(m).isNotNull();
                if (m instanceof Message.Tick t) {
                    if (expected >= 0) {
                        assertThat(t.seq()).isEqualTo(expected);
                    }
                    expected = t.seq() + 1;
                }
            }
        }
    }

    @Test
    void delayHoldsFramesBackAndZeroClearsIt() throws Exception {
        try (FeedTestClient c = subscribed("AAPL")) {
            assertThat(admin("POST", "delay?ms=300").statusCode()).isEqualTo(200);
            assertThat(status().get("delayMs").asLong()).isEqualTo(300);
            Message.Tick t = c.next(Message.Tick.class);
            Message.Tick later = c.next(Message.Tick.class);
            assertThat(later.seq()).isEqualTo(t.seq() + 1);
            assertThat(admin("POST", "delay?ms=0").statusCode()).isEqualTo(200);
            assertThat(status().get("delayMs").asLong()).isZero();
            assertThat(c.next(Message.Tick.class).seq()).isEqualTo(later.seq() + 1);
        }
    }

    @Test
    void newEpochViaAdminChangesTheEpoch() throws Exception {
        String before = sim.epoch();
        HttpResponse<String> r = admin("POST", "new-epoch");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(sim.epoch()).isNotEqualTo(before);
        assertThat(new ObjectMapper().readTree(r.body()).get("epoch").asText()).isEqualTo(sim.epoch());
        try (FeedTestClient c = FeedTestClient.connect(sim.uri())) {
            c.next(Message.Welcome.class);
            c.send(new Message.Subscribe(1, List.of("AAPL"), null));
            c.next(Message.Subscribed.class);
            Message.Snapshot snap = c.next(Message.Snapshot.class);
            // History was forgotten: seqs restarted at 1 in the new epoch.
            assertThat(snap.seq()).isLessThan(status().get("lastSeqs").get("AAPL").asLong() + 1);
            assertThat(snap.epoch()).isEqualTo(sim.epoch());
        }
    }

    private JsonNode status() throws Exception {
        return new ObjectMapper().readTree(admin("GET", "status").body());
    }
}
