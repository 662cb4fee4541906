package io.stockmonitor.source.binance;

import io.stockmonitor.source.RestGate;
import org.eclipse.jetty.http.HttpFields;

/**
 * Binance's REST request-weight budget: per IP and per minute (6,000 in the docs' example; the live figure comes
 * from exchangeInfo's {@code rateLimits}). Every answer says what has been used this minute
 * ({@code X-MBX-USED-WEIGHT-1M}); between answers the weight of calls sent is added. A call that would take the
 * minute past {@link #RESERVE} of the limit waits for the next minute, so a refill never earns a 429, let alone a
 * ban, and leaves room for anything else on the same address.
 */
final class BinanceWeight implements RestGate.Budget {
    /** Share of the minute's limit this client allows itself. */
    static final double RESERVE = 0.8;
    static final String USED_HEADER = "X-MBX-USED-WEIGHT-1M";
    private static final long MINUTE_MS = 60_000;

    private volatile int limitPerMinute;
    private long minuteStartMs = Long.MIN_VALUE;
    private int used;

    BinanceWeight(int limitPerMinute) {
        this.limitPerMinute = limitPerMinute;
    }

    /** The limit exchangeInfo announced. */
    void limit(int perMinute) {
        if (perMinute > 0) {
            this.limitPerMinute = perMinute;
        }
    }

    @Override
    public long waitMs(int weight, long nowMs) {
        roll(nowMs);
        if (used + weight > limitPerMinute * RESERVE && used > 0) {
            return minuteStartMs + MINUTE_MS - nowMs + 1;
        }
        used += weight;
        return 0;
    }

    @Override
    public void observe(HttpFields headers, long nowMs) {
        String value = headers.get(USED_HEADER);
        if (value == null) {
            return;
        }
        try {
            int reported = Integer.parseInt(value.trim());
            roll(nowMs);
            // The server's count is the truth; calls still in flight may add to it, so never go below ours.
            used = Math.max(used, reported);
        } catch (NumberFormatException e) {
            // Not a number: keep our own count.
        }
    }

    private void roll(long nowMs) {
        long minute = nowMs - Math.floorMod(nowMs, MINUTE_MS);
        if (minute != minuteStartMs) {
            minuteStartMs = minute;
            used = 0;
        }
    }
}
