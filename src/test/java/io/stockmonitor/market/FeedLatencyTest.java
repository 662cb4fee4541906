package io.stockmonitor.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class FeedLatencyTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final FeedLatency latency = new FeedLatency(now::get, 60_000);

    @Test
    void percentilesOfTheWindow() {
        assertThat(latency.snapshot().p50Ms()).isEqualTo(-1);
        for (int i = 1; i <= 1_000; i++) {
            latency.recordTickDelay(i);
        }
        latency.recordTickDelay(-5); // clock skew counts as 0
        latency.recordRtt(12);
        latency.recordRtt(30);
        LatencySnapshot s = latency.snapshot();
        assertThat(s.ticks()).isEqualTo(1_001);
        assertThat((double) s.p50Ms()).isCloseTo(500, within(10.0));
        assertThat((double) s.p99Ms()).isCloseTo(990, within(15.0));
        assertThat((double) s.maxMs()).isCloseTo(1_000, within(10.0));
        assertThat(s.lastRttMs()).isEqualTo(30);
        assertThat(s.rttMaxMs()).isEqualTo(30);
    }

    @Test
    void oldSamplesLeaveTheWindowButStayInTheTotal() {
        for (int i = 0; i < 100; i++) {
            latency.recordTickDelay(900);
        }
        latency.snapshot();
        now.addAndGet(30_000);
        latency.recordTickDelay(5);
        assertThat((double) latency.snapshot().maxMs()).isCloseTo(900, within(10.0));
        now.addAndGet(45_000);
        LatencySnapshot later = latency.snapshot();
        assertThat(later.ticks()).isEqualTo(1);
        assertThat(later.maxMs()).isEqualTo(5);
        now.addAndGet(60_000);
        assertThat(latency.snapshot().ticks()).isZero();
        LatencySnapshot total = latency.totalSnapshot();
        assertThat(total.ticks()).isEqualTo(101);
        assertThat((double) total.p50Ms()).isCloseTo(900, within(10.0));
    }

}
