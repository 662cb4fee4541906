package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.protocol.Message;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Subscribing while a fast publisher (5,000 ticks/s) runs: every round, whether it starts from a snapshot or a
 * resume, must continue with exactly the next seq and then consecutive seqs, no gap and no duplicate.
 */
class SubscribeRaceTest {
    private static final int ROUNDS = 60;
    private static final int TICKS_PER_ROUND = 150;

    @Test
    void subscriptionsRacingTheFastPublisherSeeNoGapAndNoDuplicate() throws Exception {
        SimulatorConfig config = SimulatorConfig.defaults().withPort(0).withSymbols(List.of("AAPL", "MSFT"))
                .withRate(2500).withHistoryTicks(50_000);
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config);
             FeedTestClient c = FeedTestClient.connect(sim.uri())) {
            String epoch = c.next(Message.Welcome.class).epoch();
            long last = -1;
            for (int round = 0; round < ROUNDS; round++) {
                long id = round + 1;
                boolean resume = round % 2 == 1 && last >= 0;
                c.send(new Message.Subscribe(id, List.of("AAPL"),
                        resume ? new Message.Resume(epoch, Map.of("AAPL", last)) : null));
                List<Message> before = c.until(m -> m instanceof Message.Subscribed s && s.id() == id);
                assertThat(before).allMatch(m -> m instanceof Message.Tick || m instanceof Message.Unsubscribed
                        || m instanceof Message.Subscribed);
                Message.Subscribed sub = (Message.Subscribed) before.get(before.size() - 1);
                assertThat(sub.resumed()).as("round %d resumed", round).isEqualTo(resume);
                long expected = resume ? last + 1 : c.next(Message.Snapshot.class).seq() + 1;
                for (int i = 0; i < TICKS_PER_ROUND; i++) {
                    Message.Tick t = c.next(Message.Tick.class);
                    assertThat(t.symbol()).isEqualTo("AAPL");
                    assertThat(t.seq()).as("round %d tick %d", round, i).isEqualTo(expected);
                    expected++;
                }
                last = expected - 1;
                long unsubscribeId = 10_000 + round;
                c.send(new Message.Unsubscribe(unsubscribeId, List.of("AAPL")));
                List<Message> tail = c.until(m -> m instanceof Message.Unsubscribed u && u.id() == unsubscribeId);
                for (Message m : tail) {
                    if (m instanceof Message.Tick t) {
                        assertThat(t.seq()).isEqualTo(expected++);
                    }
                }
                last = expected - 1;
            }
        }
    }
}
