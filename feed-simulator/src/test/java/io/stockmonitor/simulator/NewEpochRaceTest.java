package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.ResyncReason;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * New epochs while clients connect and resume (found by the chaos soak): a subscribe racing a new epoch must be
 * answered wholly in one epoch or the other. Before the fix, a connection that opened while the new epoch was being
 * set up, and resumed a position the old epoch really had, was told "ahead" with a snapshot at seq 0 under the old
 * epoch's name, then got the new epoch's ticks under that name: the old history, to the client, went on with other
 * prices.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class NewEpochRaceTest {
    private static final int CYCLES = 40;

    @Test
    void aResumeRacingANewEpochIsAnsweredInOneEpochOrTheOther() throws Exception {
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            symbols.add(String.format("S%03d", i));
        }
        SimulatorConfig config = SimulatorConfig.defaults().withPort(0).withSymbols(symbols).withRate(50);
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config)) {
            FeedHub hub = (FeedHub) sim.faults();
            SymbolFeed feed = hub.feed("S000");
            AtomicBoolean stop = new AtomicBoolean();
            Thread restarter = new Thread(() -> {
                SplittableRandom r = new SplittableRandom(7);
                for (int i = 0; i < CYCLES && !stop.get(); i++) {
                    hub.restartWithNewEpoch();
                    LockSupport.parkNanos(r.nextLong(5_000_000, 15_000_000));
                }
                stop.set(true);
            }, "new-epochs");
            WebSocketClient jetty = FeedTestClient.newJettyClient();
            int answered = 0;
            List<String> wrong = new ArrayList<>();
            restarter.start();
            try {
                while (!stop.get()) {
                    // A position the current epoch really has: the epoch and the seq read together under the lock.
                    String epoch;
                    long seq;
                    feed.lock.lock();
                    try {
                        epoch = hub.epoch();
                        seq = feed.lastSeq();
                    } finally {
                        feed.lock.unlock();
                    }
                    if (seq < 1) {
                        LockSupport.parkNanos(1_000_000);
                        continue;
                    }
                    try (FeedTestClient c = FeedTestClient.connect(jetty, sim.uri())) {
                        c.send(new Message.Subscribe(1, List.of("S000"), new Message.Resume(epoch,
                                Map.of("S000", seq))));
                        Message.Subscribed reply = reply(c);
                        if (reply != null) {
                            answered++;
                            if (!reply.resumed() && reply.reason() == ResyncReason.AHEAD) {
                                wrong.add("resumed " + epoch + "#" + seq + ", answered " + reply);
                            }
                        }
                    }
                }
            } finally {
                stop.set(true);
                restarter.join(30_000);
                jetty.stop();
            }
            assertThat(answered).as("subscribes answered").isPositive();
            assertThat(wrong).as("resumes of a real position answered 'ahead'").isEmpty();
        }
    }

    /** The subscribed reply, or null when the connection was dropped first (a new epoch drops every connection). */
    private static Message.Subscribed reply(FeedTestClient c) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (System.nanoTime() < deadline) {
            Message m = c.poll(20);
            if (m instanceof Message.Subscribed s) {
                return s;
            }
            if (m == null && c.isClosed()) {
                return null;
            }
        }
        throw new AssertionError("no reply to a subscribe within 10 s on an open connection");
    }
}
