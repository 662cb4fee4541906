package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockmonitor.protocol.Bars;
import io.stockmonitor.protocol.ErrorCode;
import io.stockmonitor.protocol.HistoryInterval;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.ProductVersion;
import io.stockmonitor.protocol.Protocol;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Protocol v2 negotiation, lean snapshots and history pages; and v1 exactly as before for clients that do not ask. */
class ProtocolV2Test {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static SimulatorConfig config() {
        return SimulatorConfig.defaults().withPort(0).withSymbols(List.of("AAPL", "MSFT")).withRate(20);
    }

    private static List<String> keys(String frame) throws Exception {
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = JSON.readTree(frame).fieldNames(); it.hasNext(); ) {
            keys.add(it.next());
        }
        return keys;
    }

    private static String nextRaw(FeedTestClient c, String type) throws Exception {
        for (int i = 0; i < 10_000; i++) {
            String raw = c.rawFrames.poll(FeedTestClient.WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(raw).as("a %s frame", type).isNotNull();
            if (raw.startsWith("{\"type\":\"" + type + "\"")) {
                return raw;
            }
        }
        throw new AssertionError("no " + type + " frame");
    }

    @Test
    void aClientThatDoesNotAskGetsV1ExactlyAsBefore() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config());
             FeedTestClient v1 = FeedTestClient.connect(sim.uri())) {
            assertThat(v1.session().getUpgradeResponse().getAcceptedSubProtocol()).isNull();
            assertThat(nextRaw(v1, "welcome")).isEqualTo("{\"type\":\"welcome\",\"protocol\":1,\"server\":\"feed-simulator/"
                    + ProductVersion.get() + "\",\"epoch\":\"" + sim.epoch()
                    + "\",\"heartbeatMs\":1000,\"historyTicks\":10000,\"symbols\":[\"AAPL\",\"MSFT\"]}");
            v1.send("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"AAPL\"]}");
            assertThat(nextRaw(v1, "subscribed")).isEqualTo("{\"type\":\"subscribed\",\"id\":1,\"symbol\":\"AAPL\",\"epoch\":\""
                    + sim.epoch() + "\",\"resumed\":false,\"reason\":\"new\"}");
            String snapshot = nextRaw(v1, "snapshot");
            assertThat(keys(snapshot)).containsExactly("type", "symbol", "epoch", "seq", "last", "bid", "ask", "open",
                    "high", "low", "prevClose", "volume", "bars");
            JsonNode bars = JSON.readTree(snapshot).get("bars");
            assertThat(keys(bars.toString())).containsExactly("intervalMs", "data");
            assertThat(bars.get("intervalMs").asLong()).isEqualTo(1000);
            assertThat(bars.get("data").size()).as("an hour of 1 s bars").isBetween(3599, 3600);
            assertThat(bars.get("data").get(0).size()).isEqualTo(6);
            assertThat(keys(nextRaw(v1, "tick"))).containsExactly("type", "symbol", "seq", "ts", "price", "size", "bid",
                    "ask");
            assertThat(keys(nextRaw(v1, "heartbeat"))).containsExactly("type", "ts", "seqs");
            // The v2 types are no types at all on v1, answered word for word as before v2 existed.
            v1.send("{\"type\":\"history\",\"id\":7,\"symbol\":\"AAPL\",\"interval\":\"1h\"}");
            assertThat(nextRaw(v1, "error")).isEqualTo(
                    "{\"type\":\"error\",\"id\":7,\"code\":\"unknown_type\",\"message\":\"unknown message type \\\"history\\\"\"}");
            v1.send("{\"type\":\"bars\",\"id\":8}");
            assertThat(nextRaw(v1, "error")).isEqualTo(
                    "{\"type\":\"error\",\"id\":8,\"code\":\"unknown_type\",\"message\":\"unknown message type \\\"bars\\\"\"}");
            v1.send("{\"type\":\"ping\",\"id\":9}");
            assertThat(keys(nextRaw(v1, "pong"))).containsExactly("type", "id", "ts");
        }
    }

    @Test
    void aV2ClientGetsProtocol2AndSnapshotsWithoutBars() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config());
             FeedTestClient v2 = FeedTestClient.connectV2(sim.uri(), false)) {
            assertThat(v2.session().getUpgradeResponse().getAcceptedSubProtocol()).isEqualTo(Protocol.SUBPROTOCOL_V2);
            Message.Welcome welcome = v2.next(Message.Welcome.class);
            assertThat(welcome.protocol()).isEqualTo(2);
            v2.send(new Message.Subscribe(1, List.of("AAPL", "MSFT"), null));
            String snapshot = nextRaw(v2, "snapshot");
            assertThat(keys(snapshot)).containsExactly("type", "symbol", "epoch", "seq", "last", "bid", "ask", "open",
                    "high", "low", "prevClose", "volume");
            assertThat(snapshot.length()).isLessThan(400);
            assertThat(keys(nextRaw(v2, "tick"))).containsExactly("type", "symbol", "seq", "ts", "price", "size", "bid",
                    "ask");
        }
    }

    @Test
    void historyPagesReachBackTheDerivedDaysAndSayWhenThereIsNoMore() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config());
             FeedTestClient v2 = FeedTestClient.connectV2(sim.uri(), false)) {
            v2.next(Message.Welcome.class);
            v2.send(new Message.History(1, "AAPL", "1h", null, Protocol.MAX_HISTORY_BARS));
            Message.HistoryBars first = v2.next(Message.HistoryBars.class);
            assertThat(first.id()).isEqualTo(1);
            assertThat(first.symbol()).isEqualTo("AAPL");
            assertThat(first.interval()).isEqualTo("1h");
            assertThat(first.more()).isTrue();
            Bars a = first.bars();
            assertThat(a.intervalMs()).isEqualTo(HistoryInterval.H1.millis());
            assertThat(a.size()).isEqualTo(Protocol.MAX_HISTORY_BARS);
            assertThat(a.time(a.size() - 1)).isEqualTo(HistoryInterval.H1.bucket(System.currentTimeMillis()));
            v2.send(new Message.History(2, "AAPL", "1h", a.time(0), Protocol.MAX_HISTORY_BARS));
            Message.HistoryBars second = v2.next(Message.HistoryBars.class);
            assertThat(second.more()).isFalse();
            Bars b = second.bars();
            assertThat(b.time(b.size() - 1) + HistoryInterval.H1.millis()).isEqualTo(a.time(0));
            long days = (a.time(a.size() - 1) - b.time(0)) / HistoryInterval.D1.millis();
            assertThat(days).isEqualTo(SimulatorConfig.DERIVED_HISTORY_DAYS);
            assertThat(b.time(0) % HistoryInterval.D1.millis()).as("from a UTC midnight").isZero();
            for (Bars bars : List.of(a, b)) {
                for (int i = 1; i < bars.size(); i++) {
                    assertThat(bars.time(i) - bars.time(i - 1)).isEqualTo(HistoryInterval.H1.millis());
                    assertThat(bars.high(i)).isGreaterThanOrEqualTo(Math.max(bars.open(i), bars.close(i)));
                    assertThat(bars.low(i)).isLessThanOrEqualTo(Math.min(bars.open(i), bars.close(i)));
                }
            }
            v2.send(new Message.History(3, "AAPL", "1D", b.time(0), 10));
            Message.HistoryBars none = v2.next(Message.HistoryBars.class);
            assertThat(none.bars().size()).isZero();
            assertThat(none.more()).isFalse();
        }
    }

    @Test
    void theHistorysSecondsAreTheV1SnapshotsBarsDerivedAndLive() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config());
             FeedTestClient v1 = FeedTestClient.connect(sim.uri());
             FeedTestClient v2 = FeedTestClient.connectV2(sim.uri(), true)) {
            v1.next(Message.Welcome.class);
            v2.next(Message.Welcome.class);
            v1.send(new Message.Subscribe(1, List.of("MSFT"), null));
            v1.next(Message.Subscribed.class);
            Bars snap = v1.next(Message.Snapshot.class).bars();
            long last = snap.time(snap.size() - 1);
            v2.send(new Message.History(1, "MSFT", "1s", last, 3000));
            Bars hist = v2.next(Message.HistoryBars.class).bars();
            assertThat(hist.size()).isEqualTo(3000);
            int offset = snap.size() - 1 - hist.size();
            for (int i = 0; i < hist.size(); i++) {
                assertThat(hist.time(i)).isEqualTo(snap.time(offset + i));
                assertThat(new double[] {hist.open(i), hist.high(i), hist.low(i), hist.close(i), hist.volume(i)})
                        .as("bar at %d", hist.time(i))
                        .containsExactly(snap.open(offset + i), snap.high(offset + i), snap.low(offset + i),
                                snap.close(offset + i), snap.volume(offset + i));
            }
        }
    }

    @Test
    void badHistoryRequestsGetTheExistingErrorCodes() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config());
             FeedTestClient v2 = FeedTestClient.connectV2(sim.uri(), false)) {
            v2.next(Message.Welcome.class);
            v2.send(new Message.History(1, "AAPL", "2h", null, 10));
            assertError(v2.next(Message.Error.class), 1, ErrorCode.BAD_REQUEST);
            v2.send(new Message.History(2, "AAPL", "1h", null, 0));
            assertError(v2.next(Message.Error.class), 2, ErrorCode.BAD_REQUEST);
            v2.send(new Message.History(3, "AAPL", "1h", null, Protocol.MAX_HISTORY_BARS + 1));
            assertError(v2.next(Message.Error.class), 3, ErrorCode.BAD_REQUEST);
            v2.send(new Message.History(4, "NOPE", "1h", null, 10));
            Message.Error unknown = v2.next(Message.Error.class);
            assertError(unknown, 4, ErrorCode.UNKNOWN_SYMBOL);
            assertThat(unknown.symbol()).isEqualTo("NOPE");
            v2.send(new Message.History(5, null, "1h", null, 10));
            assertError(v2.next(Message.Error.class), 5, ErrorCode.BAD_REQUEST);
            v2.send(new Message.History(6, "AAPL", null, null, 10));
            assertError(v2.next(Message.Error.class), 6, ErrorCode.BAD_REQUEST);
            v2.send(new Message.History(7, "AAPL", "1m", null, null));
            assertThat(v2.next(Message.HistoryBars.class).bars().size()).isEqualTo(Protocol.DEFAULT_HISTORY_BARS);
        }
    }

    @Test
    void historyPagesCountAgainstTheConnectionsCatchUpBudget() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config().withCatchUpBudget(200_000, 1));
             FeedTestClient v2 = FeedTestClient.connectV2(sim.uri(), false)) {
            v2.next(Message.Welcome.class);
            v2.send(new Message.History(1, "AAPL", "1m", null, Protocol.MAX_HISTORY_BARS));
            assertThat(v2.next(Message.HistoryBars.class).bars().size()).isEqualTo(Protocol.MAX_HISTORY_BARS);
            v2.send(new Message.History(2, "AAPL", "1m", null, 10));
            Message.Error e = v2.next(Message.Error.class);
            assertError(e, 2, ErrorCode.RATE_LIMITED);
            assertThat(e.symbol()).isEqualTo("AAPL");
        }
    }

    @Test
    void permessageDeflateIsAcceptedAndNothingElse() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config())) {
            org.eclipse.jetty.websocket.client.ClientUpgradeRequest request =
                    new org.eclipse.jetty.websocket.client.ClientUpgradeRequest(sim.uri());
            request.addExtensions("fragment", Protocol.DEFLATE_EXTENSION, "identity");
            try (FeedTestClient c = FeedTestClient.connect(request)) {
                assertThat(c.session().getUpgradeResponse().getExtensions())
                        .extracting(org.eclipse.jetty.websocket.api.ExtensionConfig::getName)
                        .containsExactly(Protocol.DEFLATE_EXTENSION);
                assertThat(c.next(Message.Welcome.class).protocol()).isEqualTo(1);
                c.send(new Message.Subscribe(1, List.of("AAPL"), null));
                c.next(Message.Subscribed.class);
                assertThat(c.next(Message.Snapshot.class).bars().size()).isGreaterThanOrEqualTo(3599);
            }
        }
    }

    @Test
    void deflateConnectionsDroppedMidStreamAreOnlyDroppedConnections() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config().withRate(500))) {
            for (int round = 0; round < 5; round++) {
                List<FeedTestClient> clients = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    FeedTestClient c = FeedTestClient.connectV2(sim.uri(), true);
                    clients.add(c);
                    c.next(Message.Welcome.class);
                    c.send(new Message.Subscribe(1, List.of("AAPL", "MSFT"), null));
                    c.send(new Message.History(2, "AAPL", "1s", null, Protocol.MAX_HISTORY_BARS));
                }
                for (FeedTestClient c : clients) {
                    c.next(Message.Subscribed.class);
                }
                sim.faults().dropAllConnections();
                for (FeedTestClient c : clients) {
                    c.awaitClose();
                    c.close();
                }
            }
            assertThat(sim.failure()).isNotDone();
            try (FeedTestClient after = FeedTestClient.connectV2(sim.uri(), true)) {
                assertThat(after.next(Message.Welcome.class).protocol()).isEqualTo(2);
            }
        }
    }

    private static void assertError(Message.Error e, long id, ErrorCode code) {
        assertThat(e.id()).isEqualTo(id);
        assertThat(e.code()).as(e.message()).isEqualTo(code);
    }
}
