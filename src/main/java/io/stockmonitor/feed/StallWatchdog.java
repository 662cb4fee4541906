package io.stockmonitor.feed;

/**
 * Notices a connection that went quiet: a half-open TCP connection shows no error for minutes, but a server sends a
 * heartbeat every {@code heartbeatMs}, so "no frame at all for a few heartbeats" means the connection is dead.
 * Times are {@link System#nanoTime()}-style monotonic nanoseconds. Not thread-safe: the feed thread owns it.
 */
final class StallWatchdog {
    private long lastFrameNanos;
    private long limitNanos = Long.MAX_VALUE;

    /** Starts watching with the given silence limit, counting from {@code nowNanos}. */
    void arm(long nowNanos, long limitNanos) {
        this.lastFrameNanos = nowNanos;
        this.limitNanos = limitNanos;
    }

    /** Changes the limit (e.g. once the welcome announced the heartbeat), keeping the last frame time. */
    void limit(long limitNanos) {
        this.limitNanos = limitNanos;
    }

    void disarm() {
        limitNanos = Long.MAX_VALUE;
    }

    void frame(long nowNanos) {
        lastFrameNanos = nowNanos;
    }

    long silentNanos(long nowNanos) {
        return nowNanos - lastFrameNanos;
    }

    long limitNanos() {
        return limitNanos;
    }

    boolean stalled(long nowNanos) {
        return limitNanos != Long.MAX_VALUE && nowNanos - lastFrameNanos >= limitNanos;
    }
}
