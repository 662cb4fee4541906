package io.stockmonitor.market;

import java.util.Objects;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Latency of the feed: receive time - tick ts and ping RTT, as HdrHistograms over a sliding window (default the
 * last 60 s, in 6 rotating slices) plus a total since start (for the headless summary).
 *
 * <p>Thread-safe: recording goes through HdrHistogram {@link Recorder}s (wait-free, allocation-free; the
 * multi-writer kind so a Jetty callback on another thread cannot corrupt it); readers are serialised. Samples are
 * moved into the current slice whenever a reader asks, so the window is exact to one slice when the UI polls every
 * frame, and coarser when nobody reads for longer than a slice.
 */
public final class FeedLatency {
    public static final long DEFAULT_WINDOW_MS = 60_000;
    /** Delays above an hour (or below 0, from clock skew) are clamped into range. */
    static final long HIGHEST_MS = 3_600_000;
    private static final int SLICES = 6;

    private final LongSupplier clockMs;
    private final long windowMs;
    private final Window delays;
    private final Window rtts;
    private volatile long lastRttMs = -1;
    private volatile long lastTickDelayMs = Long.MIN_VALUE;

    public FeedLatency() {
        this(System::currentTimeMillis, DEFAULT_WINDOW_MS);
    }

    public FeedLatency(LongSupplier clockMs, long windowMs) {
        if (windowMs < SLICES) {
            throw new IllegalArgumentException("window too small: " + windowMs);
        }
        this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
        this.windowMs = windowMs;
        delays = new Window(windowMs / SLICES);
        rtts = new Window(windowMs / SLICES);
    }

    /** Receive time - tick ts of one tick; negative values (clock skew) count as 0. */
    public void recordTickDelay(long delayMs) {
        lastTickDelayMs = delayMs;
        delays.recorder.recordValue(clamp(delayMs));
    }

    /**
     * Receive time - tick ts of the latest live tick as recorded (negative with clock skew), or
     * {@link Long#MIN_VALUE} before the first: how far behind the feed the reader is right now.
     */
    public long lastTickDelayMs() {
        return lastTickDelayMs;
    }

    public void recordRtt(long rttMs) {
        lastRttMs = rttMs;
        rtts.recorder.recordValue(clamp(rttMs));
    }

    /** Figures over the sliding window ending now. */
    public synchronized LatencySnapshot snapshot() {
        long now = clockMs.getAsLong();
        Histogram d = delays.window(now);
        Histogram r = rtts.window(now);
        return new LatencySnapshot(windowMs, d.getTotalCount(), percentile(d, 50), percentile(d, 99),
                max(d), lastRttMs, percentile(r, 50), max(r));
    }

    /** Figures over everything recorded since this object was made. */
    public synchronized LatencySnapshot totalSnapshot() {
        long now = clockMs.getAsLong();
        delays.window(now);
        rtts.window(now);
        Histogram d = delays.total;
        Histogram r = rtts.total;
        return new LatencySnapshot(Long.MAX_VALUE, d.getTotalCount(), percentile(d, 50), percentile(d, 99),
                max(d), lastRttMs, percentile(r, 50), max(r));
    }

    private static long clamp(long ms) {
        return Math.max(0, Math.min(HIGHEST_MS, ms));
    }

    private static long percentile(Histogram h, double p) {
        return h.getTotalCount() == 0 ? -1 : h.getValueAtPercentile(p);
    }

    private static long max(Histogram h) {
        return h.getTotalCount() == 0 ? -1 : h.getMaxValue();
    }

    /** Rotating slices of one measure; only touched under the owner's lock except {@link #recorder}. */
    private static final class Window {
        final Recorder recorder = new Recorder(1, HIGHEST_MS, 2);
        final long sliceMs;
        final Histogram[] slices = new Histogram[SLICES];
        final long[] sliceIds = new long[SLICES];
        final Histogram interval = newHistogram();
        final Histogram sum = newHistogram();
        final Histogram total = newHistogram();

        Window(long sliceMs) {
            this.sliceMs = sliceMs;
            for (int i = 0; i < SLICES; i++) {
                slices[i] = newHistogram();
                sliceIds[i] = Long.MIN_VALUE;
            }
        }

        Histogram window(long now) {
            long id = Math.floorDiv(now, sliceMs);
            int slot = (int) Math.floorMod(id, (long) SLICES);
            if (sliceIds[slot] != id) {
                slices[slot].reset();
                sliceIds[slot] = id;
            }
            interval.reset();
            recorder.getIntervalHistogramInto(interval);
            slices[slot].add(interval);
            total.add(interval);
            sum.reset();
            for (int i = 0; i < SLICES; i++) {
                if (sliceIds[i] > id - SLICES) {
                    sum.add(slices[i]);
                }
            }
            return sum;
        }

        private static Histogram newHistogram() {
            return new Histogram(1, HIGHEST_MS, 2);
        }
    }
}
