package io.stockmonitor.protocol;

/** Constants of feed protocols v1 and v2 that both sides must agree on; every bound of the wire is named here. */
public final class Protocol {
    /**
     * Protocol version announced in the welcome frame of a connection that did not ask for v2; bump it for any
     * incompatible change. Outside tools depend on v1 exactly, so it stays what every such connection gets.
     */
    public static final int VERSION = 1;
    /** Version announced in the welcome frame of a connection that negotiated {@link #SUBPROTOCOL_V2}. */
    public static final int VERSION_2 = 2;
    /**
     * The WebSocket subprotocol ({@code Sec-WebSocket-Protocol}) a client offers to speak v2: lean snapshots and
     * {@code history} requests. A server that does not echo it speaks v1.
     */
    public static final String SUBPROTOCOL_V2 = "stockmonitor.v2";
    /** The WebSocket extension both sides use to compress frames when the other offers or accepts it. */
    public static final String DEFLATE_EXTENSION = "permessage-deflate";
    /**
     * Most bars one {@code history} reply carries (v2); a larger {@code limit} is a {@code bad_request}. About 250 KB
     * of JSON at the most: a page is big, so the server counts it against the connection's catch-up budget.
     */
    public static final int MAX_HISTORY_BARS = 5_000;
    /** Bars a {@code history} request without {@code limit} gets. */
    public static final int DEFAULT_HISTORY_BARS = 1_000;
    /** WebSocket path of the feed endpoint. */
    public static final String PATH = "/feed";
    /** Largest frame a server accepts from a client; larger ones close the connection with 1009. */
    public static final int MAX_CLIENT_FRAME_BYTES = 64 * 1024;
    /**
     * Largest frame a client should accept from a server: a snapshot carries an hour of 1 s bars (a few hundred
     * KiB), so Jetty's 64 KiB default is far too small.
     */
    public static final int MAX_SERVER_FRAME_BYTES = 4 * 1024 * 1024;
    /**
     * Deepest nesting of objects and arrays a frame may have (a request nests 3 deep, a snapshot 4); the general
     * decoder refuses a deeper one ({@code bad_request}), so a frame cannot make a reader recurse without bound.
     */
    public static final int MAX_NESTING_DEPTH = 16;
    /** Most symbols one subscribe or unsubscribe may name; more is answered with {@code too_many_symbols}. */
    public static final int MAX_SYMBOLS_PER_REQUEST = 100;
    /** Requests per second a server accepts from one connection before answering {@code rate_limited}. */
    public static final int MAX_REQUESTS_PER_SECOND = 50;
    /** Default heartbeat period announced in the welcome frame. */
    public static final long DEFAULT_HEARTBEAT_MS = 1000;
    /** Default number of ticks per symbol the server retains for resume. */
    public static final int DEFAULT_HISTORY_TICKS = 10_000;
    /** Interval of the bars carried by snapshots. */
    public static final long SNAPSHOT_BAR_INTERVAL_MS = 1000;

    /** Close code: going away (server shutdown). */
    public static final int CLOSE_GOING_AWAY = 1001;
    /** Close code: policy violation (request flood that continued after {@code rate_limited}). */
    public static final int CLOSE_POLICY_VIOLATION = 1008;
    /** Close code: message too big (client frame over {@link #MAX_CLIENT_FRAME_BYTES}). */
    public static final int CLOSE_MESSAGE_TOO_BIG = 1009;
    /** Close code: try again later (the consumer was too slow and its send queue overflowed). */
    public static final int CLOSE_TRY_AGAIN_LATER = 1013;

    private Protocol() {
    }
}
