package io.stockmonitor.feed;

/** Where the feed connection is; see {@link ConnectionStatus} for the details of each state. */
public enum ConnectionState {
    /** First connection attempt in progress. */
    CONNECTING,
    /** Welcome received, protocol version accepted; data flows. */
    CONNECTED,
    /** The connection was lost or an attempt failed; another try is scheduled. */
    RECONNECTING,
    /** Retrying cannot help (unauthorized, protocol mismatch, malformed URL) until the user changes something. */
    FAILED,
    /** Closed by the user. */
    CLOSED
}
