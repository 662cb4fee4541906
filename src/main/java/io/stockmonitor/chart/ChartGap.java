package io.stockmonitor.chart;

import java.util.Objects;

/**
 * A span of time with missing data (a resync, a disconnection), shaded on the chart and labelled.
 *
 * @param fromMillis start of the span (epoch ms, inclusive)
 * @param toMillis   end of the span (epoch ms); a span still open (disconnected now) may use {@link Long#MAX_VALUE}
 * @param label      short text shown in the span, e.g. "resync: too_old, 42 missed" or "disconnected"
 */
public record ChartGap(long fromMillis, long toMillis, String label) {

    public ChartGap {
        Objects.requireNonNull(label, "label");
        if (toMillis < fromMillis) {
            throw new IllegalArgumentException("toMillis < fromMillis: " + toMillis + " < " + fromMillis);
        }
    }
}
