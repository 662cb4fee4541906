package io.stockmonitor.ui;

/**
 * Decides, once per pulse, whether the window takes the market model's changes in this frame: every frame while
 * the feed keeps up, fewer (down to {@value #SLOWEST_INTERVAL_MS} ms apart) while it falls behind.
 *
 * <p>Why: on a machine without a GPU (JavaFX's software pipeline) drawing a busy watchlist and chart costs tens of
 * milliseconds a frame, on the same cores that read the feed. Drawing as often as possible there starves the feed
 * client, which then falls behind the server and is eventually dropped as a slow consumer: prices late by seconds,
 * shown smoothly. A trader is better served by fewer frames of current prices. So the window draws less when the
 * feed's newest tick keeps arriving later than usual, and goes back to every frame once it has caught up.
 *
 * <p>"Later than usual" is measured against the lowest delay seen over the last minute or two, not against zero, so a
 * constant clock difference between the feed server and this machine does not count as falling behind. Not
 * thread-safe: FX thread only.
 */
public final class RefreshPacer {
    /**
     * The feed counts as behind when its newest tick is this much later than its usual delay for
     * {@value #SUSTAINED_MS} ms on end: a garbage collection or a burst of JIT work delays a few frames' ticks by tens
     * of milliseconds, which is not a backlog and must not cost frames.
     */
    static final long BEHIND_MS = 100;
    /** ... and as caught up again when within this of its usual delay, as long. */
    static final long CAUGHT_UP_MS = 30;
    static final long SUSTAINED_MS = 300;
    /** The slowest refresh while behind: 10 frames a second still shows a moving market. */
    static final long SLOWEST_INTERVAL_MS = 100;
    /** The first step down from every frame: about 40 frames a second. */
    static final long FIRST_STEP_MS = 25;
    /** How often the interval may change: long enough to see the effect of the last change. */
    static final long ADJUST_EVERY_MS = 500;
    /** The usual delay is the lowest of this window and the one before it. */
    static final long BASELINE_WINDOW_MS = 60_000;

    private long intervalMs;
    private long lastRefreshMs = Long.MIN_VALUE / 2;
    private long lastAdjustMs = Long.MIN_VALUE / 2;
    private long windowStartMs = Long.MIN_VALUE;
    private long currentMin = Long.MAX_VALUE;
    private long previousMin = Long.MAX_VALUE;
    /** Since when the lag has been above {@link #BEHIND_MS} (or below {@link #CAUGHT_UP_MS}); MIN_VALUE if not. */
    private long behindSinceMs = Long.MIN_VALUE;
    private long caughtUpSinceMs = Long.MIN_VALUE;

    /**
     * @param delayMs the feed's newest tick delay ({@link FeedPort#lastTickDelayMs()}), {@link Long#MIN_VALUE} when
     *                unknown (then only the current interval applies)
     * @return whether this frame should take the model's changes
     */
    public boolean shouldRefresh(long nowMs, long delayMs) {
        if (delayMs != Long.MIN_VALUE) {
            adjust(nowMs, delayMs);
        }
        if (nowMs - lastRefreshMs >= intervalMs) {
            lastRefreshMs = nowMs;
            return true;
        }
        return false;
    }

    /** 0 while every frame refreshes; otherwise the least time between two refreshes. */
    public long intervalMs() {
        return intervalMs;
    }

    private static boolean sustained(long sinceMs, long nowMs) {
        return sinceMs != Long.MIN_VALUE && nowMs - sinceMs >= SUSTAINED_MS;
    }

    private void adjust(long nowMs, long delayMs) {
        if (windowStartMs == Long.MIN_VALUE || nowMs - windowStartMs >= BASELINE_WINDOW_MS) {
            previousMin = currentMin;
            currentMin = Long.MAX_VALUE;
            windowStartMs = nowMs;
        }
        currentMin = Math.min(currentMin, delayMs);
        long lag = delayMs - Math.min(currentMin, previousMin);
        behindSinceMs = lag > BEHIND_MS ? (behindSinceMs == Long.MIN_VALUE ? nowMs : behindSinceMs) : Long.MIN_VALUE;
        caughtUpSinceMs = lag < CAUGHT_UP_MS ? (caughtUpSinceMs == Long.MIN_VALUE ? nowMs : caughtUpSinceMs)
                : Long.MIN_VALUE;
        if (nowMs - lastAdjustMs < ADJUST_EVERY_MS) {
            return;
        }
        if (sustained(behindSinceMs, nowMs) && intervalMs < SLOWEST_INTERVAL_MS) {
            intervalMs = Math.min(SLOWEST_INTERVAL_MS, Math.max(FIRST_STEP_MS, intervalMs * 2));
            lastAdjustMs = nowMs;
        } else if (sustained(caughtUpSinceMs, nowMs) && intervalMs > 0) {
            intervalMs = intervalMs / 2 < FIRST_STEP_MS ? 0 : intervalMs / 2;
            lastAdjustMs = nowMs;
        }
    }
}
