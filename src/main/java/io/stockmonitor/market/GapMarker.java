package io.stockmonitor.market;

import io.stockmonitor.protocol.ResyncReason;

/**
 * A span the UI must shade and label: data missing, refilled, or replaced by a snapshot. Times are epoch ms on the
 * chart's (tick ts) axis.
 *
 * @param toTs     {@link Long#MAX_VALUE} while the span is still open (the connection is still down)
 * @param cause    what opened it
 * @param recovery how it ended; {@link GapKind#PENDING} until the source knows
 * @param reason   why a snapshot replaced the data ({@link GapCause#RESYNC} only), else null
 * @param missed   trades lost for good, -1 when unknown (0 unless {@code recovery} is {@link GapKind#LOST})
 * @param refilled trades recovered from the provider's history (refills), -1 when unknown
 */
public record GapMarker(String symbol, long fromTs, long toTs, GapCause cause, GapKind recovery, ResyncReason reason,
                        long missed, long refilled) {

    /** An open connection-down span, not settled. */
    static GapMarker disconnect(String symbol, long fromTs) {
        return new GapMarker(symbol, fromTs, Long.MAX_VALUE, GapCause.DISCONNECT, GapKind.PENDING, null, -1, -1);
    }

    /** True for a connection-down span. */
    public boolean isDisconnect() {
        return cause == GapCause.DISCONNECT;
    }

    public boolean isOpen() {
        return toTs == Long.MAX_VALUE;
    }

    public boolean isPending() {
        return recovery == GapKind.PENDING;
    }

    GapMarker closedAt(long atMs) {
        return new GapMarker(symbol, fromTs, Math.max(fromTs, atMs), cause, recovery, reason, missed, refilled);
    }

    GapMarker settled(GapKind kind, long lost, long recovered, long atMs) {
        long end = isOpen() ? Math.max(fromTs, atMs) : toTs;
        return new GapMarker(symbol, fromTs, end, cause, kind, reason, lost, recovered);
    }
}
