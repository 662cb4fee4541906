package io.stockmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockmonitor.protocol.Message;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RequestPacerTest {
    private static final long SECOND = 1_000_000_000L;
    private final List<Long> sent = new ArrayList<>();

    @Test
    void sendsUpToTheBudgetThenWaitsForTheNextWindowInOrder() {
        RequestPacer<Message.Ping> pacer = new RequestPacer<>(40);
        for (long id = 1; id <= 100; id++) {
            pacer.offer(new Message.Ping(id));
        }
        long t = 5 * SECOND;
        assertThat(pacer.drain(t, r -> sent.add(r.id()))).isEqualTo(SECOND);
        assertThat(sent).hasSize(40);

        assertThat(pacer.drain(t + SECOND / 2, r -> sent.add(r.id()))).isEqualTo(SECOND / 2);
        assertThat(sent).hasSize(40);

        assertThat(pacer.drain(t + SECOND, r -> sent.add(r.id()))).isEqualTo(SECOND);
        assertThat(pacer.drain(t + 2 * SECOND, r -> sent.add(r.id()))).isEqualTo(-1);
        assertThat(sent).hasSize(100);
        for (int i = 0; i < sent.size(); i++) {
            assertThat(sent.get(i)).isEqualTo(i + 1L);
        }
        assertThat(pacer.waiting()).isZero();
    }

    @Test
    void nothingWaitingMeansNothingToSchedule() {
        RequestPacer<Message.Ping> pacer = new RequestPacer<>(40);
        assertThat(pacer.drain(0, r -> sent.add(r.id()))).isEqualTo(-1);
        pacer.offer(new Message.Ping(1));
        pacer.clear();
        assertThat(pacer.drain(1, r -> sent.add(r.id()))).isEqualTo(-1);
        assertThat(sent).isEmpty();
        assertThatThrownBy(() -> new RequestPacer<Message.Ping>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
