package io.stockmonitor.source.alpaca;

import io.stockmonitor.source.RestGate;
import org.eclipse.jetty.http.HttpFields;

/**
 * Alpaca's REST rate window, as its answers state it: {@code X-RateLimit-Remaining} calls are left until
 * {@code X-RateLimit-Reset} ("unix timestamp (seconds) when the window resets"). The plan's figure (200 a minute on
 * the free plan) is read only through secondary summaries, so the headers are honoured rather than the figure: once
 * none is left, calls wait for the reset (a 429 carries the headers too, and documents no {@code Retry-After}).
 * Between answers, each call sent counts against what the last answer said. Feed thread only.
 */
final class AlpacaRateWindow implements RestGate.Budget {
    static final String REMAINING = "X-RateLimit-Remaining";
    static final String RESET = "X-RateLimit-Reset";
    /** A reset further away than this is not believed (a wrong clock or header must not stop the feed for long). */
    static final long MAX_WAIT_MS = 120_000;

    private int remaining = Integer.MAX_VALUE;
    private long resetAtMs = Long.MIN_VALUE;

    @Override
    public long waitMs(int weight, long nowMs) {
        if (nowMs >= resetAtMs) {
            remaining = Integer.MAX_VALUE;
        }
        if (remaining < weight) {
            return Math.min(MAX_WAIT_MS, resetAtMs - nowMs + 1);
        }
        if (remaining != Integer.MAX_VALUE) {
            remaining -= weight;
        }
        return 0;
    }

    @Override
    public void observe(HttpFields headers, long nowMs) {
        String left = headers.get(REMAINING);
        String reset = headers.get(RESET);
        if (left == null || reset == null) {
            return;
        }
        try {
            int n = Integer.parseInt(left.trim());
            long at = Long.parseLong(reset.trim()) * 1_000;
            if (n >= 0 && at > nowMs - MAX_WAIT_MS) {
                remaining = n;
                resetAtMs = Math.min(at, nowMs + MAX_WAIT_MS);
            }
        } catch (NumberFormatException e) {
            // Not numbers: the plain call rate still applies.
        }
    }
}
