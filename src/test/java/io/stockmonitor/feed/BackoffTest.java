package io.stockmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void windowsDoubleFromTheFirstAndStopAtTheCap() {
        Backoff b = new Backoff(250, 10_000, 10_000, () -> 0.5);
        assertThat(b.windowMs(1)).isEqualTo(250);
        assertThat(b.windowMs(2)).isEqualTo(500);
        assertThat(b.windowMs(3)).isEqualTo(1_000);
        assertThat(b.windowMs(6)).isEqualTo(8_000);
        assertThat(b.windowMs(7)).isEqualTo(10_000);
        assertThat(b.windowMs(1_000)).isEqualTo(10_000);
    }

    @Test
    void fullJitterCoversTheWholeWindowIncludingBothEnds() {
        assertThat(new Backoff(250, 10_000, 10_000, () -> 0.0).nextDelayMs()).isZero();
        assertThat(new Backoff(250, 10_000, 10_000, () -> 0.999_999_9).nextDelayMs()).isEqualTo(250);
        SplittableRandom r = new SplittableRandom(7);
        Backoff b = new Backoff(250, 10_000, 10_000, r::nextDouble);
        for (int attempt = 1; attempt <= 30; attempt++) {
            long delay = b.nextDelayMs();
            assertThat(delay).isBetween(0L, b.windowMs(attempt));
            assertThat(b.attempt()).isEqualTo(attempt);
        }
    }

    @Test
    void attemptsResetOnlyAfterAStableConnection() {
        Backoff b = new Backoff(250, 10_000, 10_000, () -> 0.5);
        b.nextDelayMs();
        b.nextDelayMs();
        b.connected(1_000);
        b.disconnected(1_000 + 9_999);
        assertThat(b.attempt()).as("a connection that dropped within 10 s does not reset").isEqualTo(2);
        b.nextDelayMs();
        b.connected(50_000);
        b.disconnected(60_000);
        assertThat(b.attempt()).isZero();
        assertThat(b.nextDelayMs()).isBetween(0L, 250L);
    }
}
