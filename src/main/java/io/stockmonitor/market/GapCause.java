package io.stockmonitor.market;

/** What opened a gap marker. */
public enum GapCause {
    /** The connection was down (or stalled) from the marker's start to its end. */
    DISCONNECT,
    /** The feed skipped ahead on a live connection: ids or sequence numbers jumped. */
    SEQUENCE,
    /** The server replaced the symbol's state with a snapshot (protocol sources): what it stood for is gone. */
    RESYNC
}
