package io.stockmonitor.market;

import io.stockmonitor.protocol.ResyncReason;

/**
 * A span the UI must shade: data missing or replaced by a snapshot. Times are epoch ms on the chart's (tick ts) axis.
 *
 * @param reason      why a snapshot replaced the data; {@code null} for a "disconnected" span (connection down from
 *                    {@code fromTs} to {@code toTs}, see {@link #isDisconnect()})
 * @param toTs        {@link Long#MAX_VALUE} while the span is still open
 * @param missedTicks ticks the snapshot stood in for, -1 when unknown (always -1 for a disconnected span)
 */
public record GapMarker(String symbol, long fromTs, long toTs, ResyncReason reason, long missedTicks) {

    /** True for a connection-down span, false for a snapshot (resync) span. */
    public boolean isDisconnect() {
        return reason == null;
    }

    public boolean isOpen() {
        return toTs == Long.MAX_VALUE;
    }
}
