package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.Protocol;
import io.stockmonitor.protocol.ResyncReason;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FeedSimulatorBasicsTest {
    private static EmbeddedSimulator sim;

    @BeforeAll
    static void start() throws Exception {
        sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0).withRate(50).withHeartbeatMs(200));
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void welcomeAnnouncesProtocolEpochAndSymbols() throws Exception {
        try (FeedTestClient c = FeedTestClient.connect(sim.uri())) {
            Message.Welcome w = c.next(Message.Welcome.class);
            assertThat(w.protocol()).isEqualTo(Protocol.VERSION);
            assertThat(w.server()).startsWith("feed-simulator/");
            assertThat(w.epoch()).isEqualTo(sim.epoch());
            assertThat(w.symbols()).hasSizeGreaterThanOrEqualTo(20).contains("AAPL", "MSFT").isEqualTo(sim.symbols());
            assertThat(w.heartbeatMs()).isEqualTo(200);
            assertThat(w.historyTicks()).isEqualTo(Protocol.DEFAULT_HISTORY_TICKS);
        }
        assertThat(sim.uri().toString()).matches("ws://127\\.0\\.0\\.1:\\d+/feed");
    }

    @Test
    void newSubscriptionGetsSubscribedSnapshotThenConsecutiveTicks() throws Exception {
        try (FeedTestClient c = FeedTestClient.connect(sim.uri())) {
            c.next(Message.Welcome.class);
            c.send(new Message.Subscribe(7, List.of("AAPL"), null));
            Message.Subscribed sub = c.next(Message.Subscribed.class);
            assertThat(sub.id()).isEqualTo(7);
            assertThat(sub.symbol()).isEqualTo("AAPL");
            assertThat(sub.resumed()).isFalse();
            assertThat(sub.reason()).isEqualTo(ResyncReason.NEW);
            Message.Snapshot snap = c.next(Message.Snapshot.class);
            assertThat(snap.symbol()).isEqualTo("AAPL");
            assertThat(snap.epoch()).isEqualTo(sim.epoch());
            assertThat(snap.bid()).isLessThan(snap.ask());
            assertThat(snap.bars().size()).isGreaterThan(3000);
            assertThat(snap.bars().intervalMs()).isEqualTo(1000);
            long expected = snap.seq() + 1;
            for (int i = 0; i < 20; i++) {
                Message.Tick t = c.next(Message.Tick.class);
                assertThat(t.symbol()).isEqualTo("AAPL");
                assertThat(t.seq()).isEqualTo(expected++);
                assertThat(t.bid()).isLessThan(t.ask());
                assertThat(Math.round(t.price() * 100) / 100.0).isEqualTo(t.price());
            }
        }
    }

    @Test
    void pingPongHeartbeatAndUnsubscribe() throws Exception {
        try (FeedTestClient c = FeedTestClient.connect(sim.uri())) {
            c.next(Message.Welcome.class);
            c.send(new Message.Ping(4));
            Message.Pong pong = c.next(Message.Pong.class);
            assertThat(pong.id()).isEqualTo(4);
            assertThat(pong.ts()).isPositive();

            c.send(new Message.Subscribe(1, List.of("MSFT"), null));
            c.next(Message.Subscribed.class);
            c.next(Message.Snapshot.class);
            Message.Heartbeat heartbeat = nextHeartbeat(c);
            assertThat(heartbeat.seqs()).containsOnlyKeys("MSFT");

            c.send(new Message.Unsubscribe(3, List.of("MSFT")));
            List<Message> rest = c.until(m -> m instanceof Message.Unsubscribed);
            Message.Unsubscribed u = (Message.Unsubscribed) rest.get(rest.size() - 1);
            assertThat(u.id()).isEqualTo(3);
            assertThat(u.symbol()).isEqualTo("MSFT");
            assertThat(nextHeartbeat(c).seqs()).isEmpty();
        }
    }

    private static Message.Heartbeat nextHeartbeat(FeedTestClient c) throws InterruptedException {
        while (true) {
            Message m = c.frames.poll(FeedTestClient.WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
            assertThat(m).as("a heartbeat").isNotNull();
            if (m instanceof Message.Heartbeat hb) {
                return hb;
            }
        }
    }
}
