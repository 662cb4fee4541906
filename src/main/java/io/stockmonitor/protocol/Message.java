package io.stockmonitor.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * One frame of protocol v1 or v2. The JSON {@code type} property selects the record; see {@code docs/PROTOCOL.md}.
 * {@link History}, {@link HistoryBars} and {@link Gap} exist in v2 only: a v1 connection treats them as unknown types.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Message.Welcome.class, name = "welcome"),
    @JsonSubTypes.Type(value = Message.Subscribe.class, name = "subscribe"),
    @JsonSubTypes.Type(value = Message.Unsubscribe.class, name = "unsubscribe"),
    @JsonSubTypes.Type(value = Message.Ping.class, name = "ping"),
    @JsonSubTypes.Type(value = Message.Subscribed.class, name = "subscribed"),
    @JsonSubTypes.Type(value = Message.Unsubscribed.class, name = "unsubscribed"),
    @JsonSubTypes.Type(value = Message.Snapshot.class, name = "snapshot"),
    @JsonSubTypes.Type(value = Message.Tick.class, name = "tick"),
    @JsonSubTypes.Type(value = Message.Heartbeat.class, name = "heartbeat"),
    @JsonSubTypes.Type(value = Message.Pong.class, name = "pong"),
    @JsonSubTypes.Type(value = Message.Error.class, name = "error"),
    @JsonSubTypes.Type(value = Message.History.class, name = "history"),
    @JsonSubTypes.Type(value = Message.HistoryBars.class, name = "bars"),
    @JsonSubTypes.Type(value = Message.Gap.class, name = "gap"),
})
public sealed interface Message {

    /** Marker for frames a client sends; each carries an {@code id} the replies echo. */
    sealed interface Request extends Message {
        long id();
    }

    /** Server's first frame on every connection. */
    record Welcome(int protocol, String server, String epoch, long heartbeatMs, int historyTicks,
                   java.util.List<String> symbols) implements Message {
    }

    /** Resume position: the epoch the client last saw and, per symbol, the last seq it applied. */
    record Resume(String epoch, java.util.Map<String, Long> after) {
    }

    /** Subscribe to symbols, optionally resuming from a known position. */
    record Subscribe(long id, java.util.List<String> symbols, Resume resume) implements Request {
    }

    record Unsubscribe(long id, java.util.List<String> symbols) implements Request {
    }

    record Ping(long id) implements Request {
    }

    /**
     * Reply to a subscribe, one per symbol. When {@code resumed} the replayed ticks after {@code after} follow;
     * otherwise {@code reason} says why and a snapshot follows.
     */
    record Subscribed(long id, String symbol, String epoch, boolean resumed, Long after, ResyncReason reason)
            implements Message {
    }

    record Unsubscribed(long id, String symbol) implements Message {
    }

    /** Full state of one symbol at {@code seq}; ticks from {@code seq + 1} follow. */
    record Snapshot(String symbol, String epoch, long seq, double last, double bid, double ask, double open,
                    double high, double low, double prevClose, long volume, Bars bars) implements Message {
    }

    /**
     * One price update. {@code ts} is the exchange (simulator) time in epoch milliseconds; {@code bid} and {@code ask}
     * are optional (null when the frame has none: the quote stays as it was). {@code size} is whole shares from the
     * simulator, a fraction from a relay of a venue that trades fractions.
     */
    record Tick(String symbol, long seq, long ts, double price, double size, Double bid, Double ask)
            implements Message {
    }

    /** Sent every {@code heartbeatMs}: the latest seq of each symbol the connection is subscribed to. */
    record Heartbeat(long ts, java.util.Map<String, Long> seqs) implements Message {
    }

    record Pong(long id, long ts) implements Message {
    }

    /**
     * v2: up to {@code limit} bars of {@code interval} (a {@link HistoryInterval} label) of {@code symbol} that start
     * before {@code before} (epoch ms; null: now), answered with {@link HistoryBars}. {@code limit} null means
     * {@link Protocol#DEFAULT_HISTORY_BARS}; at most {@link Protocol#MAX_HISTORY_BARS}.
     */
    record History(long id, String symbol, String interval, Long before, Integer limit) implements Request {
    }

    /**
     * v2: the reply to {@link History}: the newest bars before the asked time, oldest first; {@code more} says
     * whether older bars exist (ask again with {@code before} = the first bar's time).
     */
    record HistoryBars(long id, String symbol, String interval, Bars bars, boolean more) implements Message {
    }

    /**
     * v2: the server's own upstream (a provider it relays) was missing trades just before tick {@code seq} of
     * {@code symbol}, which comes next; {@code kind} ({@code exact}, {@code by_time}, {@code lost}) says how that
     * ended: {@code refilled} of the ticks before {@code seq} were recovered for it, {@code missed} were lost for good
     * (-1: unknown), between {@code fromTs} and {@code toTs}. Part of the history: a replay carries it too.
     */
    record Gap(String symbol, long seq, String kind, long refilled, long missed, long fromTs, long toTs)
            implements Message {
    }

    /** An error about a request ({@code id} is null when the request could not be read). */
    record Error(@JsonInclude(JsonInclude.Include.ALWAYS) Long id, ErrorCode code, String message, String symbol) implements Message {
    }
}
