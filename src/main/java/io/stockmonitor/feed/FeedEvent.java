package io.stockmonitor.feed;

import io.stockmonitor.market.GapKind;
import io.stockmonitor.protocol.ErrorCode;
import io.stockmonitor.protocol.ResyncReason;

/** Every connection event; the UI, the log and the headless recorder see the same ones, in the same order. */
public sealed interface FeedEvent {
    /** The connection changed state. */
    record StateChanged(ConnectionStatus status) implements FeedEvent {
    }

    /** The server accepted a resume: the ticks after {@code after} are replayed, no gap. */
    record Resumed(String symbol, String epoch, long after) implements FeedEvent {
    }

    /**
     * A snapshot replaced the symbol's state.
     *
     * @param missedTicks ticks the client never saw that the snapshot covers, or -1 when unknown
     */
    record SnapshotApplied(String symbol, String epoch, long seq, ResyncReason reason, long missedTicks)
            implements FeedEvent {
    }

    /** A sequence jump (or a heartbeat naming a tick never received): the symbol is resynced alone. */
    record GapDetected(String symbol, long expectedSeq, long seenSeq) implements FeedEvent {
    }

    /**
     * Trades were missing from a symbol's stream, and this is how it ended: refilled and proven complete by ids
     * ({@link GapKind#EXACT}), refilled by time ({@link GapKind#BY_TIME}), or lost ({@link GapKind#LOST}). Comes
     * after the refilled trades, so a record reader has seen them when it reads this.
     *
     * @param fromId   first missing id (seq), null when unknown
     * @param toId     last missing id (seq), null when unknown
     * @param fromTs   time of the last trade before the hole
     * @param toTs     time of the first trade after it (or when the source gave up)
     * @param refilled trades recovered, -1 when unknown
     * @param missed   trades lost for good, -1 when unknown (0 for exact)
     */
    record GapSettled(String symbol, GapKind kind, Long fromId, Long toId, long fromTs, long toTs, long refilled,
                      long missed) implements FeedEvent {
    }

    /** The server refused a symbol (e.g. unknown to it); the client stops asking for it. */
    record SymbolRejected(String symbol, ErrorCode code, String message) implements FeedEvent {
    }

    /** An error frame not about one symbol. */
    record ServerError(ErrorCode code, String message) implements FeedEvent {
    }
}
