package io.stockmonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefreshPacerTest {
    private static final long FRAME_MS = 16;

    /** Runs {@code frames} frames from {@code start} with the given delay; returns how many refreshed. */
    private static int run(RefreshPacer pacer, long start, int frames, java.util.function.LongUnaryOperator delayAt) {
        int refreshed = 0;
        for (int i = 0; i < frames; i++) {
            long now = start + i * FRAME_MS;
            if (pacer.shouldRefresh(now, delayAt.applyAsLong(now))) {
                refreshed++;
            }
        }
        return refreshed;
    }

    @Test
    void everyFrameRefreshesWhileTheFeedKeepsUpEvenWithAConstantClockSkew() {
        RefreshPacer pacer = new RefreshPacer();
        // The server's clock is 700 ms behind ours: every delay reads about 700 ms, steadily.
        assertThat(run(pacer, 0, 600, now -> 700 + now % 7)).isEqualTo(600);
        assertThat(pacer.intervalMs()).isZero();
    }

    @Test
    void refreshesLessWhileTheFeedFallsBehindAndEveryFrameAgainOnceCaughtUp() {
        RefreshPacer pacer = new RefreshPacer();
        run(pacer, 0, 300, now -> 5); // about 5 s keeping up: the usual delay is 5 ms
        // Falling behind: the newest tick is older and older (the reader is starved).
        int refreshedWhileBehind = run(pacer, 5_000, 300, now -> 5 + (now - 5_000) / 10);
        assertThat(pacer.intervalMs()).isEqualTo(RefreshPacer.SLOWEST_INTERVAL_MS);
        assertThat(refreshedWhileBehind).isLessThan(150);

        int refreshedAfterCatchingUp = run(pacer, 10_000, 600, now -> 6);
        assertThat(pacer.intervalMs()).isZero();
        assertThat(refreshedAfterCatchingUp).isGreaterThan(500);
    }

    @Test
    void neverSlowerThanTenRefreshesASecond() {
        RefreshPacer pacer = new RefreshPacer();
        run(pacer, 0, 100, now -> 5);
        int refreshed = run(pacer, 1_600, 625, now -> 10_000 + now); // hopelessly behind for 10 s
        assertThat(pacer.intervalMs()).isEqualTo(RefreshPacer.SLOWEST_INTERVAL_MS);
        assertThat(refreshed).isBetween(90, 110);
    }

    @Test
    void anUnknownDelayKeepsTheCurrentPace() {
        RefreshPacer pacer = new RefreshPacer();
        assertThat(run(pacer, 0, 100, now -> Long.MIN_VALUE)).isEqualTo(100);
    }
}
