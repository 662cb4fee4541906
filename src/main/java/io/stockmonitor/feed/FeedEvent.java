package io.stockmonitor.feed;

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

    /** The server refused a symbol (e.g. unknown to it); the client stops asking for it. */
    record SymbolRejected(String symbol, ErrorCode code, String message) implements FeedEvent {
    }

    /** An error frame not about one symbol. */
    record ServerError(ErrorCode code, String message) implements FeedEvent {
    }
}
