package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.protocol.ErrorCode;
import io.stockmonitor.protocol.Message;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Clients that stop reading and re-subscribe to everything in a loop (under the request rate limit) must be cut
 * off with 1013 before their queued snapshots take the heap, while a well-behaved client keeps getting every tick.
 */
class HostileClientsTest {
    private static final long MIB = 1024 * 1024;
    private static final int FLOODERS = 4;

    private static String subscribeAll(List<String> symbols) {
        return "{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"" + String.join("\",\"", symbols) + "\"]}";
    }

    @Test
    void nonReadingResubscribeFloodersAreClosedWith1013AndAWellBehavedClientMissesNothing() throws Exception {
        long perConnection = 4 * MIB;
        long total = 64 * MIB;
        SimulatorConfig config = SimulatorConfig.defaults().withPort(0).withRate(20)
                .withSendQueueBytes(perConnection).withTotalSendQueueBytes(total);
        List<RawWebSocket> flooders = new ArrayList<>();
        AtomicLong lastPublishedAapl = new AtomicLong();
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config);
             FeedTestClient good = FeedTestClient.connect(sim.uri())) {
            sim.addPublishListener((epoch, tick) -> {
                if (tick.symbol().equals("AAPL")) {
                    lastPublishedAapl.set(tick.seq());
                }
            });
            good.next(Message.Welcome.class);
            good.send(new Message.Subscribe(1, List.of("AAPL"), null));
            good.next(Message.Subscribed.class);
            long expected = good.next(Message.Snapshot.class).seq() + 1;

            for (int i = 0; i < FLOODERS; i++) {
                RawWebSocket f = RawWebSocket.open(sim.uri(), 4096);
                flooders.add(f);
                assertThat(f.upgrade(sim.uri())).isEqualTo(101);
            }
            String flood = subscribeAll(sim.symbols());
            AtomicLong maxQueued = new AtomicLong();
            // Each poll is one round of re-subscribes (about 45 a second per flooder, under the 50/s limit).
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(22)).until(() -> {
                for (RawWebSocket f : flooders) {
                    try {
                        f.sendText(flood);
                    } catch (IOException closed) {
                        // cut off: nothing more to send on it
                    }
                }
                long queued = sim.queuedBytes();
                maxQueued.accumulateAndGet(queued, Math::max);
                assertThat(queued).as("bytes queued over all connections").isLessThanOrEqualTo(total);
                return sim.slowConsumersClosed() >= FLOODERS;
            });
            assertThat(maxQueued.get()).isLessThanOrEqualTo(total);
            // Closed with 1013 (counted above); the close frame sits behind the data the flooder never read, and the
            // server's socket still holds unread requests when it closes, so the flooder sees its socket end or reset.
            for (RawWebSocket f : flooders) {
                await().atMost(Duration.ofSeconds(60)).until(() -> f.closedByServer(200));
            }

            // The well-behaved client got every AAPL tick, in order, through the flood and after it.
            long target = lastPublishedAapl.get() + 20;
            while (expected <= target) {
                Message.Tick t = good.next(Message.Tick.class);
                assertThat(t.seq()).as("AAPL seq").isEqualTo(expected);
                expected++;
            }
            assertThat(good.closeCode).isNotDone();
            assertThat(sim.slowConsumersClosed()).isEqualTo(FLOODERS);
        } finally {
            flooders.forEach(RawWebSocket::close);
        }
    }

    @Test
    void aReadingClientThatResubscribesInALoopIsRefusedSnapshotsBeyondItsBudgetAndKeepsItsStream() throws Exception {
        SimulatorConfig config = SimulatorConfig.defaults().withPort(0).withRate(20)
                .withCatchUpBudget(MIB, 64 * 1024);
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config);
             FeedTestClient c = FeedTestClient.connect(sim.uri())) {
            c.next(Message.Welcome.class);
            List<String> all = sim.symbols();
            c.send(new Message.Subscribe(1, all, null));
            int snapshots = 0;
            List<String> refused = new ArrayList<>();
            long aaplNext = -1;
            // Every symbol of the request is answered: subscribed + snapshot, or a rate_limited error naming it.
            while (snapshots + refused.size() < all.size()) {
                Message m = c.next(Message.class);
                if (m instanceof Message.Snapshot s) {
                    snapshots++;
                    if (s.symbol().equals("AAPL")) {
                        aaplNext = s.seq() + 1;
                    }
                } else if (m instanceof Message.Tick t && t.symbol().equals("AAPL") && aaplNext > 0) {
                    // AAPL's stream runs while the other symbols are still being answered.
                    assertThat(t.seq()).isEqualTo(aaplNext++);
                } else if (m instanceof Message.Error e) {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.id()).isEqualTo(1L);
                    refused.add(e.symbol());
                }
            }
            assertThat(snapshots).as("snapshots within a 1 MiB budget").isBetween(1, 10);
            assertThat(refused).doesNotContain("AAPL").hasSize(all.size() - snapshots);
            assertThat(aaplNext).isPositive();

            // A re-subscribe of AAPL while the budget is spent is refused, and its stream goes on without a break.
            c.send(new Message.Subscribe(2, List.of("AAPL"), null));
            boolean refusedAgain = false;
            for (int seen = 0; seen < 30 || !refusedAgain; ) {
                Message m = c.next(Message.class);
                if (m instanceof Message.Tick t && t.symbol().equals("AAPL")) {
                    assertThat(t.seq()).isEqualTo(aaplNext++);
                    seen++;
                } else if (m instanceof Message.Error e && e.id() == 2L) {
                    assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
                    assertThat(e.symbol()).isEqualTo("AAPL");
                    refusedAgain = true;
                } else {
                    assertThat(m).isNotInstanceOf(Message.Subscribed.class).isNotInstanceOf(Message.Snapshot.class);
                }
            }
        }
    }

    @Test
    void aClientThatStopsReadingIsClosedWhenNoWriteCompletesForTheStallTimeout() throws Exception {
        // Far under its bounds (at 50 ticks a second its frame bound takes 6 minutes to fill), but taking nothing.
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0).withRate(2));
             RawWebSocket stalled = RawWebSocket.open(sim.uri(), 4096)) {
            assertThat(stalled.upgrade(sim.uri())).isEqualTo(101);
            stalled.sendText(subscribeAll(sim.symbols()));
            await().atMost(Duration.ofSeconds(60)).until(() -> sim.slowConsumersClosed() == 1);
            assertThat(sim.queuedBytes()).isLessThan(SimulatorConfig.DEFAULT_SEND_QUEUE_BYTES);
            await().atMost(Duration.ofSeconds(60)).until(() -> stalled.closedByServer(200));
        }
    }
}
