package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.ResyncReason;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResumeTest {

    private static SimulatorConfig config() {
        return SimulatorConfig.defaults().withPort(0).withSymbols(List.of("AAPL", "MSFT")).withRate(100);
    }

    @Test
    void resumeWithinHistoryReplaysEveryTickAfterThenLive() throws Exception {
        Map<Long, Message.Tick> published = new ConcurrentHashMap<>();
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config())) {
            sim.addPublishListener((epoch, t) -> {
                if (t.symbol().equals("AAPL") && t.seq() <= 2000) {
                    published.put(t.seq(), t);
                }
            });
            long seen;
            try (FeedTestClient first = FeedTestClient.connect(sim.uri())) {
                first.next(Message.Welcome.class);
                first.send(new Message.Subscribe(1, List.of("AAPL"), null));
                first.next(Message.Subscribed.class);
                Message.Snapshot snap = first.next(Message.Snapshot.class);
                seen = snap.seq();
                for (int i = 0; i < 5; i++) {
                    seen = first.next(Message.Tick.class).seq();
                }
            }
            // The listener may miss the first ticks on a busy machine: resume from a seq it has seen.
            await().atMost(Duration.ofSeconds(30)).until(() -> !published.isEmpty());
            long firstRecorded = published.keySet().stream().mapToLong(Long::longValue).min().orElseThrow();
            long after = Math.max(seen, firstRecorded);
            // Let the publisher run ahead so the replay is not empty.
            await().atMost(Duration.ofSeconds(30)).until(() -> published.containsKey(after + 20));
            try (FeedTestClient second = FeedTestClient.connect(sim.uri())) {
                second.next(Message.Welcome.class);
                second.send(new Message.Subscribe(2, List.of("AAPL"),
                        new Message.Resume(sim.epoch(), Map.of("AAPL", after))));
                Message.Subscribed sub = second.next(Message.Subscribed.class);
                assertThat(sub.resumed()).isTrue();
                assertThat(sub.after()).isEqualTo(after);
                assertThat(sub.reason()).isNull();
                assertThat(sub.id()).isEqualTo(2);
                for (long expected = after + 1; expected <= after + 40; expected++) {
                    Message.Tick t = second.next(Message.Tick.class);
                    assertThat(t.seq()).isEqualTo(expected);
                    Message.Tick p = published.get(expected);
                    assertThat(t).isEqualTo(p);
                }
            }
        }
    }

    @Test
    void resumeFromZeroReplaysFromSeqOneWhileRetained() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config().withRate(20));
             FeedTestClient c = FeedTestClient.connect(sim.uri())) {
            Message.Welcome w = c.next(Message.Welcome.class);
            c.send(new Message.Subscribe(3, List.of("MSFT"), new Message.Resume(w.epoch(), Map.of("MSFT", 0L))));
            Message.Subscribed sub = c.next(Message.Subscribed.class);
            assertThat(sub.resumed()).isTrue();
            assertThat(sub.after()).isZero();
            for (long expected = 1; expected <= 10; expected++) {
                assertThat(c.next(Message.Tick.class).seq()).isEqualTo(expected);
            }
        }
    }

    @Test
    void wrongEpochTooOldAndAheadGetSnapshotWithReason() throws Exception {
        AtomicLong lastAapl = new AtomicLong();
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config().withRate(200).withHistoryTicks(20))) {
            sim.addPublishListener((epoch, t) -> {
                if (t.symbol().equals("AAPL")) {
                    lastAapl.set(t.seq());
                }
            });
            await().atMost(Duration.ofSeconds(30)).until(() -> lastAapl.get() > 100);
            try (FeedTestClient c = FeedTestClient.connect(sim.uri())) {
                String epoch = c.next(Message.Welcome.class).epoch();
                assertResync(c, 10, new Message.Resume("not-" + epoch, Map.of("AAPL", 5L)), ResyncReason.EPOCH_CHANGED);
                assertResync(c, 11, new Message.Resume(epoch, Map.of("AAPL", 1L)), ResyncReason.TOO_OLD);
                assertResync(c, 12, new Message.Resume(epoch, Map.of("AAPL", 0L)), ResyncReason.TOO_OLD);
                assertResync(c, 13, new Message.Resume(epoch, Map.of("AAPL", 1_000_000_000L)), ResyncReason.AHEAD);
                // A resume that does not name the symbol is a new subscription.
                assertResync(c, 14, new Message.Resume(epoch, Map.of("MSFT", 1L)), ResyncReason.NEW);
            }
        }
    }

    private static void assertResync(FeedTestClient c, long id, Message.Resume resume, ResyncReason reason)
            throws Exception {
        c.send(new Message.Subscribe(id, List.of("AAPL"), resume));
        List<Message> frames = c.until(m -> m instanceof Message.Subscribed s && s.id() == id);
        Message.Subscribed sub = (Message.Subscribed) frames.get(frames.size() - 1);
        assertThat(sub.resumed()).isFalse();
        assertThat(sub.reason()).isEqualTo(reason);
        assertThat(sub.after()).isNull();
        Message.Snapshot snap = c.next(Message.Snapshot.class);
        assertThat(snap.symbol()).isEqualTo("AAPL");
        Message.Tick t = c.next(Message.Tick.class);
        assertThat(t.seq()).isEqualTo(snap.seq() + 1);
    }

    @Test
    void newEpochDropsConnectionsAndOldEpochNoLongerResumes() throws Exception {
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config())) {
            String oldEpoch;
            long seen;
            try (FeedTestClient c = FeedTestClient.connect(sim.uri())) {
                oldEpoch = c.next(Message.Welcome.class).epoch();
                c.send(new Message.Subscribe(1, List.of("AAPL"), null));
                c.next(Message.Subscribed.class);
                seen = c.next(Message.Snapshot.class).seq();
                sim.faults().restartWithNewEpoch();
                assertThat(c.awaitClose()).isNotEqualTo(1000);
            }
            assertThat(sim.epoch()).isNotEqualTo(oldEpoch);
            try (FeedTestClient c = FeedTestClient.connect(sim.uri())) {
                assertThat(c.next(Message.Welcome.class).epoch()).isEqualTo(sim.epoch());
                c.send(new Message.Subscribe(2, List.of("AAPL"), new Message.Resume(oldEpoch, Map.of("AAPL", seen))));
                Message.Subscribed sub = c.next(Message.Subscribed.class);
                assertThat(sub.reason()).isEqualTo(ResyncReason.EPOCH_CHANGED);
                assertThat(sub.epoch()).isEqualTo(sim.epoch());
                Message.Snapshot snap = c.next(Message.Snapshot.class);
                assertThat(c.next(Message.Tick.class).seq()).isEqualTo(snap.seq() + 1);
            }
        }
    }
}
