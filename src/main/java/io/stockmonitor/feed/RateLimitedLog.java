package io.stockmonitor.feed;

import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;

/**
 * A log line a peer can cause (a bad frame, an error message, a gap) is written at most once per kind per period,
 * with the count of the ones kept quiet, so a hostile or broken server cannot flood the log or roll the log file.
 * The kinds are the caller's own words (never peer text), so the map of kinds stays small. Not thread-safe: the
 * feed thread owns it.
 */
public final class RateLimitedLog {
    /** One line per kind per this period. */
    public static final long PERIOD_NANOS = 10_000_000_000L;
    /** Kinds remembered at most; beyond it, a new kind shares one slot (still bounded). */
    static final int MAX_KINDS = 256;

    private final Logger log;
    private final Map<String, long[]> lastAndSuppressed = new HashMap<>();

    public RateLimitedLog(Logger log) {
        this.log = log;
    }

    /** A bad frame: returns true when this call was logged. */
    public boolean warn(String kind, String detail, long nowNanos) {
        return warn(kind, nowNanos, "bad frame from the feed ({}): {}", kind, detail);
    }

    /**
     * Logs {@code format} at WARN unless a line of {@code kind} went out within the period; every argument that came
     * from a peer must already be escaped ({@link PeerText}). Returns true when logged.
     */
    public boolean warn(String kind, long nowNanos, String format, Object... args) {
        return log(log::warn, kind, nowNanos, format, args);
    }

    /** As {@link #warn(String, long, String, Object...)} at ERROR (a last Throwable argument logs its stack trace). */
    public boolean error(String kind, long nowNanos, String format, Object... args) {
        return log(log::error, kind, nowNanos, format, args);
    }

    /** As {@link #warn(String, long, String, Object...)} at INFO. */
    public boolean info(String kind, long nowNanos, String format, Object... args) {
        return log(log::info, kind, nowNanos, format, args);
    }

    private boolean log(java.util.function.BiConsumer<String, Object[]> level, String kind, long nowNanos,
                        String format, Object[] args) {
        long suppressed = admit(kind, nowNanos);
        if (suppressed < 0) {
            return false;
        }
        level.accept(suppressed > 0 ? format + " (and " + suppressed + " more of this kind in the last period)" : format,
                args);
        return true;
    }

    /** -1 when the line must be kept quiet, else how many were kept quiet since the last one. */
    private long admit(String kind, long nowNanos) {
        String key = lastAndSuppressed.size() >= MAX_KINDS && !lastAndSuppressed.containsKey(kind) ? "(other)" : kind;
        long[] state = lastAndSuppressed.computeIfAbsent(key, k -> new long[] {nowNanos - PERIOD_NANOS, 0});
        if (nowNanos - state[0] < PERIOD_NANOS) {
            state[1]++;
            return -1;
        }
        long suppressed = state[1];
        state[0] = nowNanos;
        state[1] = 0;
        return suppressed;
    }
}
