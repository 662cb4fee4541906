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
    void neverSlowerThanAboutTenRefreshesASecond() {
        RefreshPacer pacer = new RefreshPacer();
        run(pacer, 0, 100, now -> 5);
        run(pacer, 1_600, 125, now -> 10_000 + now); // hopelessly behind: 2 s to step down
        int refreshed = run(pacer, 3_600, 313, now -> 10_000 + now); // and 5 s more
        assertThat(pacer.intervalMs()).isEqualTo(RefreshPacer.SLOWEST_INTERVAL_MS);
        // At most every 100 ms, on 16 ms frames: every 7th frame, about 45 in 5 s.
        assertThat(refreshed).isBetween(40, 50);
    }

    @Test
    void aShortDelaySpikeCostsNoFrames() {
        RefreshPacer pacer = new RefreshPacer();
        run(pacer, 0, 300, now -> 5);
        // A 250 ms pause (garbage collection, say): ticks read late by up to 250 ms, then back to normal.
        int refreshed = run(pacer, 4_800, 20, now -> 5 + (now - 4_800 < 250 ? 250 : 0))
                + run(pacer, 5_120, 200, now -> 5);
        assertThat(refreshed).isEqualTo(220);
        assertThat(pacer.intervalMs()).isZero();
    }

    @Test
    void anUnknownDelayKeepsTheCurrentPace() {
        RefreshPacer pacer = new RefreshPacer();
        assertThat(run(pacer, 0, 100, now -> Long.MIN_VALUE)).isEqualTo(100);
    }
}
