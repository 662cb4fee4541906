package io.stockmonitor.feed;

import java.util.function.DoubleSupplier;

/**
 * Reconnect delays: exponential with full jitter. Attempt n waits a uniformly random time in
 * [0, min(cap, first * 2^(n-1))], so a crash-looping server does not see every client come back at once. The attempt
 * count resets only when a connection had stayed up for {@code resetAfterMs}; a server that accepts and drops at once
 * keeps the delays growing.
 *
 * <p>Not thread-safe: the feed thread owns it.
 */
public final class Backoff {
    private final long firstWindowMs;
    private final long capMs;
    private final long resetAfterMs;
    private final DoubleSupplier random;
    private int attempt;
    private long connectedAtMs = -1;

    /**
     * @param random uniform in [0, 1); one independent source per client (never a shared seed)
     */
    public Backoff(long firstWindowMs, long capMs, long resetAfterMs, DoubleSupplier random) {
        if (firstWindowMs <= 0 || capMs < firstWindowMs || resetAfterMs < 0) {
            throw new IllegalArgumentException("bad backoff bounds: first " + firstWindowMs + " cap " + capMs
                    + " resetAfter " + resetAfterMs);
        }
        this.firstWindowMs = firstWindowMs;
        this.capMs = capMs;
        this.resetAfterMs = resetAfterMs;
        this.random = random;
    }

    /** Upper bound of the delay of attempt {@code n} (1-based). */
    public long windowMs(int n) {
        if (n <= 1) {
            return firstWindowMs;
        }
        int shift = Math.min(n - 1, 40);
        long window = firstWindowMs << shift;
        return window <= 0 || window > capMs ? capMs : window;
    }

    /** Counts one more attempt and returns its delay in ms. */
    public long nextDelayMs() {
        attempt++;
        long window = windowMs(attempt);
        long delay = (long) (random.getAsDouble() * (window + 1));
        return Math.min(Math.max(delay, 0), window);
    }

    /** Attempts since the last reset. */
    public int attempt() {
        return attempt;
    }

    /** A connection came up (welcome accepted) at {@code nowMs}. */
    public void connected(long nowMs) {
        connectedAtMs = nowMs;
    }

    /** The connection went down at {@code nowMs}; resets the attempts if it had been stable long enough. */
    public void disconnected(long nowMs) {
        if (connectedAtMs >= 0 && nowMs - connectedAtMs >= resetAfterMs) {
            attempt = 0;
        }
        connectedAtMs = -1;
    }

    /** Forgets every attempt (e.g. the user asked to reconnect now). */
    public void reset() {
        attempt = 0;
        connectedAtMs = -1;
    }
}
