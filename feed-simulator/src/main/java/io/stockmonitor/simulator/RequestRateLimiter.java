package io.stockmonitor.simulator;

import io.stockmonitor.protocol.Protocol;

/**
 * Counts one connection's requests per one-second window. Over {@link #LIMIT_PER_SECOND} a request is refused
 * (the first refusal answers {@code rate_limited}); a flood that goes on past twice the limit in a window after
 * the warning closes the connection (1008). Called from the connection's reading thread only.
 */
final class RequestRateLimiter {
    static final int LIMIT_PER_SECOND = Protocol.MAX_REQUESTS_PER_SECOND;
    static final int CLOSE_AFTER_PER_SECOND = 2 * LIMIT_PER_SECOND;
    private static final long WINDOW_NANOS = 1_000_000_000L;

    enum Verdict { ALLOW, WARN, DROP, CLOSE }

    private long windowStart = System.nanoTime();
    private int count;
    private boolean warned;

    Verdict onRequest(long nowNanos) {
        if (nowNanos - windowStart >= WINDOW_NANOS) {
            if (count <= LIMIT_PER_SECOND) {
                warned = false;
            }
            windowStart = nowNanos;
            count = 0;
        }
        count++;
        if (count <= LIMIT_PER_SECOND) {
            return Verdict.ALLOW;
        }
        if (!warned) {
            warned = true;
            return Verdict.WARN;
        }
        return count > CLOSE_AFTER_PER_SECOND ? Verdict.CLOSE : Verdict.DROP;
    }
}
