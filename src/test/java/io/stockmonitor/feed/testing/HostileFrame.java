package io.stockmonitor.feed.testing;

/**
 * What a {@link HostileRelay} can slip into a server's stream to one client (docs/RELIABILITY.md), and what a
 * correct client does about it. None of them may ever become a trade.
 */
public enum HostileFrame {
    /** A text frame that is not JSON: counted as a bad frame. */
    GARBAGE_TEXT(false),
    /** A tick cut off in the middle: a bad frame. */
    TRUNCATED_JSON(false),
    /** 50,000 nested arrays: the parser's depth limit, a bad frame. */
    DEEP_NESTING(false),
    /** A message type the protocol does not have: a bad frame. */
    UNKNOWN_TYPE(false),
    /** A well-formed tick for a symbol nobody subscribed: a bad frame. */
    UNKNOWN_SYMBOL_TICK(true),
    /** A well-formed tick with a forged price and a seq the client has long applied: dropped as a duplicate. */
    STALE_FORGED_TICK(true),
    /** A well-formed tick with a forged price and a seq far ahead: a gap, resynced by resume, never applied. */
    FUTURE_FORGED_TICK(true),
    /** A heartbeat announcing a seq far ahead: a gap, resynced by resume. */
    FORGED_HEARTBEAT(true),
    /**
     * The next real tick with its price made negative (a middlebox corrupting a frame): a bad frame; the client
     * counts that seq as one lost trade (by design, see BadServerTest) and records the gap.
     */
    CORRUPTED_TICK(true),
    /** A text frame that is not UTF-8: the WebSocket layer closes the connection (1007); reconnect, resume. */
    INVALID_UTF8(false),
    /** A frame header announcing 64 MiB (over the client's 4 MiB): closed with 1009; reconnect, resume. */
    OVERSIZE_HEADER(false),
    /** A binary frame (the protocol uses text only): counted and skipped. */
    BINARY_FRAME(false),
    /** A ping: answered with a pong, nothing else. */
    PING(false),
    /** An error frame about no symbol: logged, the stream goes on. */
    ERROR_FRAME(false),
    /** A close frame the server never sent: the client closes; reconnect, resume. */
    FORGED_CLOSE(false);

    private final boolean needsTicks;

    HostileFrame(boolean needsTicks) {
        this.needsTicks = needsTicks;
    }

    /** True when the frame is built from the ticks the relay has seen on the connection (a symbol, a seq). */
    public boolean needsTicks() {
        return needsTicks;
    }
}
