package io.stockmonitor.ui;

import io.stockmonitor.ui.chart.ChartViewModel;

import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Optional frame metrics for the whole-app benchmark, enabled with {@code -Dstockmonitor.frameProbe=true}: the
 * interval between pulses, the frame loop's own work, and the tick-to-screen delay (frame time minus the time stamp
 * of the newest tick the chart was handed; meaningful in tick-line mode with a local feed). Logged at exit.
 */
final class FrameProbe {
    static final String PROPERTY = "stockmonitor.frameProbe";
    private static final Logger LOG = LoggerFactory.getLogger(FrameProbe.class);
    /** Frames before this many seconds are start-up (class loading, JIT) and not recorded. */
    private static final long WARM_UP_NANOS = 10_000_000_000L;

    private final Histogram pulseMicros = new Histogram(10_000_000L, 3);
    private final Histogram workMicros = new Histogram(10_000_000L, 3);
    private final Histogram tickToScreenMs = new Histogram(600_000L, 3);
    private long firstNanos;
    private long previousNanos;
    private long shownTickTs = Long.MIN_VALUE;

    static FrameProbe fromSystemProperty() {
        return Boolean.getBoolean(PROPERTY) ? new FrameProbe() : null;
    }

    void frame(long pulseNanos, long workNanos, MainViewModel model) {
        if (firstNanos == 0) {
            firstNanos = pulseNanos;
        }
        boolean measuring = pulseNanos - firstNanos >= WARM_UP_NANOS;
        if (measuring && previousNanos != 0) {
            pulseMicros.recordValue(Math.min((pulseNanos - previousNanos) / 1_000, pulseMicros.getHighestTrackableValue()));
            workMicros.recordValue(Math.min(workNanos / 1_000, workMicros.getHighestTrackableValue()));
        }
        previousNanos = pulseNanos;
        ChartViewModel chart = model.chart();
        int n = chart.tickCount();
        if (measuring && n > 0) {
            long newest = chart.ticks().time(n - 1);
            if (newest != shownTickTs) {
                shownTickTs = newest;
                long delay = Math.max(0, System.currentTimeMillis() - newest);
                tickToScreenMs.recordValue(Math.min(delay, tickToScreenMs.getHighestTrackableValue()));
            }
        }
    }

    void report() {
        LOG.info("frame probe: pulse interval µs p50={} p99={} max={} (n={}); frame-loop work µs p50={} p99={} "
                        + "max={}; tick-to-screen ms p50={} p99={} max={} (n={})",
                pulseMicros.getValueAtPercentile(50), pulseMicros.getValueAtPercentile(99), pulseMicros.getMaxValue(),
                pulseMicros.getTotalCount(), workMicros.getValueAtPercentile(50), workMicros.getValueAtPercentile(99),
                workMicros.getMaxValue(), tickToScreenMs.getValueAtPercentile(50),
                tickToScreenMs.getValueAtPercentile(99), tickToScreenMs.getMaxValue(), tickToScreenMs.getTotalCount());
    }
}
