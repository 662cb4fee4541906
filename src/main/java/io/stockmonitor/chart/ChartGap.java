package io.stockmonitor.chart;

import java.util.Objects;

/**
 * A span of time with missing data (a resync, a disconnection, skipped trades), shaded on the chart and labelled
 * by how it ended.
 *
 * @param fromMillis start of the span (epoch ms, inclusive)
 * @param toMillis   end of the span (epoch ms); a span still open (disconnected now) may use {@link Long#MAX_VALUE}
 * @param label      short text shown in the span, e.g. "disconnected · 49 trades refilled, nothing lost"
 * @param kind       how the span ended, which decides its shading
 */
public record ChartGap(long fromMillis, long toMillis, String label, Kind kind) {
    /** How a span ended, from nothing to fear to data lost. */
    public enum Kind {
        /** Still open or being refilled: the data may yet come. */
        PENDING,
        /** Nothing lost (resumed, or refilled and proven by ids): a faint mark, the candles stay readable. */
        RECOVERED,
        /** Refilled, but completeness cannot be proven. */
        UNPROVEN,
        /** Data missing for good. */
        LOST
    }

    public ChartGap {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(kind, "kind");
        if (toMillis < fromMillis) {
            throw new IllegalArgumentException("toMillis < fromMillis: " + toMillis + " < " + fromMillis);
        }
    }

    /** A span whose data are lost (the strongest shading). */
    public ChartGap(long fromMillis, long toMillis, String label) {
        this(fromMillis, toMillis, label, Kind.LOST);
    }
}
