package io.stockmonitor.source.finnhub;

import io.stockmonitor.source.RestGate;
import org.eclipse.jetty.http.HttpFields;

/**
 * Finnhub's free plan allows "60 API calls/minute" (finnhub-js issue #2), and its answers carry no rate-limit
 * headers and its 429 no {@code Retry-After}: so the calls of a clock minute are counted here, and one that would
 * pass {@link #PER_MINUTE} waits for the next minute. The plain one-a-second pacing of the gate stays under the
 * 30-a-second cap. Feed thread only.
 */
final class FinnhubMinuteBudget implements RestGate.Budget {
    /** Calls allowed a minute: under the free plan's 60, leaving room for a second program on the same token. */
    static final int PER_MINUTE = 50;
    private static final long MINUTE_MS = 60_000;

    private long minuteStartMs = Long.MIN_VALUE;
    private int used;

    @Override
    public long waitMs(int weight, long nowMs) {
        long minute = nowMs - Math.floorMod(nowMs, MINUTE_MS);
        if (minute != minuteStartMs) {
            minuteStartMs = minute;
            used = 0;
        }
        if (used + weight > PER_MINUTE) {
            return minuteStartMs + MINUTE_MS - nowMs + 1;
        }
        used += weight;
        return 0;
    }

    @Override
    public void observe(HttpFields headers, long nowMs) {
        // Finnhub documents no rate-limit headers.
    }
}
