package io.stockmonitor.feed;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * Logs bad server frames at most once per kind per period, with the count of the ones it kept quiet about, so a
 * misbehaving server cannot flood the log. Not thread-safe: the feed thread owns it.
 */
final class RateLimitedLog {
    static final long PERIOD_NANOS = 10_000_000_000L;

    private final Logger log;
    private final Map<String, long[]> lastAndSuppressed = new HashMap<>();

    RateLimitedLog(Logger log) {
        this.log = log;
    }

    /** Returns true when this call was logged. */
    boolean warn(String kind, String detail, long nowNanos) {
        long[] state = lastAndSuppressed.computeIfAbsent(kind, k -> new long[] {nowNanos - PERIOD_NANOS, 0});
        if (nowNanos - state[0] < PERIOD_NANOS) {
            state[1]++;
            return false;
        }
        long suppressed = state[1];
        state[0] = nowNanos;
        state[1] = 0;
        if (suppressed > 0) {
            log.warn("bad frame from the feed ({}): {} (and {} more of this kind in the last period)", kind, detail,
                    suppressed);
        } else {
            log.warn("bad frame from the feed ({}): {}", kind, detail);
        }
        return true;
    }
}
