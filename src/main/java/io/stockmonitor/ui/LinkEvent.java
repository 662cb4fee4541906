package io.stockmonitor.ui;

/** The connection events the window reacts to; produced on the feed thread, consumed by the frame loop. */
public sealed interface LinkEvent {
    /** The connection entered a new state. */
    record StateChanged(ConnectionInfo info) implements LinkEvent {}

    /** The server accepted a resume: the stream continued without a gap. */
    record Resumed(String symbol) implements LinkEvent {}

    /** The server refused a symbol (unknown, not entitled, ...). */
    record SymbolRejected(String symbol, String message) implements LinkEvent {}

    /** A session was started for connect request number {@code generation}. */
    record Attached(FeedPort port, long generation) implements LinkEvent {}

    /** Starting a session failed before any connection existed. */
    record StartFailed(String server, String message, long generation) implements LinkEvent {}
}
