package io.stockmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FeedCountersTest {

    @Test
    void countersCountPerKindAndReadThroughTheStatsView() {
        FeedCounters counters = new FeedCounters();
        counters.add(FeedCounters.Counter.TICKS_APPLIED);
        counters.add(FeedCounters.Counter.TICKS_APPLIED, 4);
        counters.add(FeedCounters.Counter.SYMBOLS_RESUMED, 12);
        counters.add(FeedCounters.Counter.CONNECTIONS_LOST);
        FeedStats stats = counters;
        assertThat(stats.ticksApplied()).isEqualTo(5);
        assertThat(stats.symbolsResumed()).isEqualTo(12);
        assertThat(stats.connectionsLost()).isEqualTo(1);
        assertThat(stats.gaps()).isZero();
        assertThat(counters.toString()).contains("ticks_applied=5", "symbols_resumed=12");
    }
}
