package io.stockmonitor.feed.testing;

/**
 * What a {@link HostileRelay} can slip into a server's stream to one client (docs/RELIABILITY.md), and what a
 * correct client does about it. None of them may ever become a trade.
 */
public enum HostileFrame {
    /** A text frame that is not JSON. */
    GARBAGE_TEXT(Reaction.BAD_FRAME, false),
    /** A tick cut off in the middle. */
    TRUNCATED_JSON(Reaction.BAD_FRAME, false),
    /** 50,000 nested arrays: the parser's depth limit. */
    DEEP_NESTING(Reaction.BAD_FRAME, false),
    /** A message type the protocol does not have. */
    UNKNOWN_TYPE(Reaction.BAD_FRAME, false),
    /** A well-formed tick for a symbol nobody subscribed. */
    UNKNOWN_SYMBOL_TICK(Reaction.BAD_FRAME, true),
    /** A well-formed tick with a forged price and a seq the client has long applied. */
    STALE_FORGED_TICK(Reaction.DUPLICATE, true),
    /** A well-formed tick with a forged price and a seq far ahead: never applied. */
    FUTURE_FORGED_TICK(Reaction.RESYNC, true),
    /** A heartbeat announcing a seq far ahead. */
    FORGED_HEARTBEAT(Reaction.RESYNC, true),
    /**
     * The next real tick with its price made negative (a middlebox corrupting a frame): the client counts that seq as
     * one lost trade (by design, see BadServerTest: a resync would bring a server's own bad tick back) and records
     * the gap.
     */
    CORRUPTED_TICK(Reaction.BAD_FRAME, true),
    /** A text frame that is not UTF-8: the WebSocket layer closes the connection (1007). */
    INVALID_UTF8(Reaction.RECONNECT, false),
    /** A frame header announcing 64 MiB, over the client's 4 MiB: closed with 1009. */
    OVERSIZE_HEADER(Reaction.RECONNECT, false),
    /** A binary frame (the protocol uses text only). */
    BINARY_FRAME(Reaction.BAD_FRAME, false),
    /** A ping: answered with a pong. */
    PING(Reaction.NONE, false),
    /** An error frame about no symbol: logged, the stream goes on. */
    ERROR_FRAME(Reaction.NONE, false),
    /** A close frame the server never sent. */
    FORGED_CLOSE(Reaction.RECONNECT, false);

    /** What a correct client does about one such frame. */
    public enum Reaction {
        /** Counts one bad frame and goes on. */
        BAD_FRAME,
        /** Drops it as a duplicate. */
        DUPLICATE,
        /** Sees a gap and resyncs the symbol by resume. */
        RESYNC,
        /** Loses the connection, reconnects and resumes. */
        RECONNECT,
        /** Nothing to count. */
        NONE
    }

    private final Reaction reaction;
    private final boolean needsTicks;

    HostileFrame(Reaction reaction, boolean needsTicks) {
        this.reaction = reaction;
        this.needsTicks = needsTicks;
    }

    public Reaction reaction() {
        return reaction;
    }

    /** True when the frame is built from the ticks the relay has seen on the connection (a symbol, a seq). */
    public boolean needsTicks() {
        return needsTicks;
    }
}
