package io.stockmonitor.cluster;

/** What became of an append. */
public enum AppendResult {
    /** Appended. */
    APPENDED,
    /** The lease is not (or no longer) the caller's: it must stop producing. */
    NOT_LEADER,
    /** The shared epoch is another one (or gone): the caller's history is over. */
    OTHER_EPOCH,
    /** The seq is not the stream's next: the caller's idea of the stream is wrong (read it again). */
    OUT_OF_SEQUENCE
}
