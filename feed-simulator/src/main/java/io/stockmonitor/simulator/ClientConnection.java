package io.stockmonitor.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockmonitor.protocol.ErrorCode;
import io.stockmonitor.protocol.HistoryInterval;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.Protocol;
import io.stockmonitor.protocol.ProtocolException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's WebSocket session: reads requests and answers them, and owns the send queue through which every
 * frame to the client goes. Remembers, per symbol, whether it is subscribed and the last seq queued to it, so a
 * heartbeat never announces a seq the client has not been sent yet.
 */
public final class ClientConnection implements Session.Listener.AutoDemanding {
    private static final Logger LOG = LoggerFactory.getLogger(ClientConnection.class);
    /** How long a flooding client gets to take its queued frames before the 1008 close goes out without them. */
    private static final long CLOSE_DRAIN_GRACE_MILLIS = 5_000;
    /** How long a client closed with 1013 has to take the close frame before its TCP connection is dropped. */
    private static final long SLOW_CLOSE_GRACE_MILLIS = 2_000;

    private final FeedHub hub;
    private final RequestRateLimiter limiter = new RequestRateLimiter();
    private final java.util.concurrent.atomic.AtomicBoolean slowClosed = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Session session;
    private volatile SendQueue queue;
    // Guarded by queue.lock().
    private final boolean[] subscribed;
    private final long[] lastSeq;
    private final CatchUpBudget catchUp;
    private final Admissions.Slot slot;
    /** The client negotiated {@link Protocol#SUBPROTOCOL_V2}: lean snapshots and history requests. */
    private final boolean v2;

    ClientConnection(FeedHub hub, Admissions.Slot slot, boolean v2) {
        this.hub = hub;
        this.slot = slot;
        this.v2 = v2;
        this.catchUp = new CatchUpBudget(hub.config().catchUpBurstBytes(), hub.config().catchUpBytesPerSecond(),
                System.nanoTime());
        this.subscribed = new boolean[hub.symbolCount()];
        this.lastSeq = new long[hub.symbolCount()];
    }

    @Override
    public void onWebSocketOpen(Session s) {
        this.session = s;
        if (!slot.open()) {
            // Its reservation lapsed before the upgrade completed and the slots are taken meanwhile.
            s.close(Protocol.CLOSE_TRY_AGAIN_LATER, "simulated feed is at its client limit", Callback.NOOP);
            return;
        }
        SimulatorConfig config = hub.config();
        this.queue = new SendQueue(s, config.sendQueueFrames(), config.sendQueueBytes(), hub.sendBudget(), hub.gate(),
                hub.senders(), hub.failure());
        hub.register(this);
        offer(v2 ? hub.welcomeFrameV2() : hub.welcomeFrame());
    }

    @Override
    public void onWebSocketText(String text) {
        try {
            onRequest(text);
        } catch (VirtualMachineError e) {
            // On Jetty's thread, but the same memory is everyone's: fatal for the simulator, like on its own threads.
            hub.failure().report("request handling", e);
            throw e;
        }
    }

    /** Binary frames are not part of the protocol: answered with an error (and rate-limited like requests). */
    @Override
    public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
        callback.succeed();
        onRequest(null);
    }

    /** A text frame, or null for a binary frame. */
    private void onRequest(String text) {
        if (isClosed()) {
            // Cut off (too slow, flooding, shutting down): its requests would only make work nobody reads.
            return;
        }
        switch (limiter.onRequest(System.nanoTime())) {
            case ALLOW -> {
                if (text == null) {
                    sendError(null, ErrorCode.BAD_REQUEST, "binary frames are not used; send JSON text frames", null);
                } else {
                    handle(text);
                }
            }
            case WARN -> sendError(text == null ? null : requestId(text), ErrorCode.RATE_LIMITED,
                    "more than " + RequestRateLimiter.LIMIT_PER_SECOND
                            + " requests per second; requests are dropped and a continued flood closes the connection",
                    null);
            case DROP -> {
            }
            case CLOSE -> closeAfterQueued(Protocol.CLOSE_POLICY_VIOLATION, "request flood");
        }
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
        release();
        callback.succeed();
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        LOG.debug("simulated feed connection error: {}", PeerText.forLog(cause.toString()));
        release();
    }

    private void release() {
        SendQueue q = queue;
        if (q != null) {
            q.closeQueue();
        }
        hub.unregister(this);
        slot.release();
    }

    private void handle(String text) {
        Message message;
        try {
            // A v1 connection reads v1 only: v2's types are unknown to it, exactly as before v2 existed.
            message = (v2 ? hub.codec() : hub.codecV1()).decode(text);
        } catch (ProtocolException e) {
            sendError(e.code() == ErrorCode.BAD_JSON ? null : requestId(text), e.code(), e.getMessage(), null);
            return;
        }
        if (message instanceof Message.Subscribe s) {
            subscribe(s);
        } else if (message instanceof Message.Unsubscribe u) {
            unsubscribe(u);
        } else if (message instanceof Message.History h && v2) {
            history(h);
        } else if (message instanceof Message.Ping p) {
            offer(utf8(hub.codec().encode(new Message.Pong(p.id(), System.currentTimeMillis()))));
        } else {
            sendError(requestId(text), ErrorCode.UNKNOWN_TYPE,
                    "\"" + typeName(message) + "\" is a server message, not a request", null);
        }
    }

    private void subscribe(Message.Subscribe s) {
        Set<String> symbols = validSymbols(s.id(), s.symbols());
        if (symbols == null) {
            return;
        }
        Message.Resume resume = s.resume();
        Map<String, Long> after = Map.of();
        if (resume != null) {
            if (resume.epoch() == null || resume.after() == null) {
                sendError(s.id(), ErrorCode.BAD_REQUEST, "resume needs \"epoch\" and \"after\"", null);
                return;
            }
            for (Map.Entry<String, Long> e : resume.after().entrySet()) {
                if (e.getValue() == null || e.getValue() < 0) {
                    sendError(s.id(), ErrorCode.BAD_REQUEST, "resume.after." + echo(e.getKey())
                            + " must be a seq >= 0", e.getKey());
                    return;
                }
            }
            after = resume.after();
        }
        for (String symbol : symbols) {
            SymbolFeed feed = hub.feed(symbol);
            if (feed == null) {
                sendError(s.id(), ErrorCode.UNKNOWN_SYMBOL, "no such symbol in this simulated feed: " + echo(symbol),
                        symbol);
                continue;
            }
            SendQueue q = queue;
            if (!catchUp.available(System.nanoTime())) {
                sendError(s.id(), ErrorCode.RATE_LIMITED, "snapshot and replay budget of this connection used up ("
                        + catchUp.perSecond() / 1024 + " KiB/s); not (re)subscribed, try again later", symbol);
                continue;
            }
            if (q.bytes() > hub.config().catchUpBacklogBytes()) {
                // It is not reading what it already has: more snapshots would only fill memory until its 1013.
                sendError(s.id(), ErrorCode.RATE_LIMITED, "send queue backlog over "
                        + hub.config().catchUpBacklogBytes() / 1024 + " KiB; not (re)subscribed, read what was sent "
                        + "and try again", symbol);
                continue;
            }
            long before = q.bytesQueuedEver();
            feed.subscribe(this, s.id(), hub::epoch, resume == null ? null : resume.epoch(), after.get(symbol),
                    hub.encoder(), System.currentTimeMillis());
            q.requestPendingWrites(hub.snapshotFrames());
            catchUp.charge(q.bytesQueuedEver() - before);
        }
    }

    private void unsubscribe(Message.Unsubscribe u) {
        Set<String> symbols = validSymbols(u.id(), u.symbols());
        if (symbols == null) {
            return;
        }
        for (String symbol : symbols) {
            SymbolFeed feed = hub.feed(symbol);
            if (feed == null) {
                sendError(u.id(), ErrorCode.UNKNOWN_SYMBOL, "no such symbol in this simulated feed: " + echo(symbol),
                        symbol);
                continue;
            }
            feed.unsubscribe(this, u.id());
        }
    }

    /** The request's distinct symbols, or null after answering with an error. */
    private Set<String> validSymbols(long id, List<String> symbols) {
        if (symbols == null || symbols.isEmpty()) {
            sendError(id, ErrorCode.BAD_REQUEST, "\"symbols\" must be a non-empty array", null);
            return null;
        }
        if (symbols.size() > FeedHub.MAX_SYMBOLS_PER_REQUEST) {
            sendError(id, ErrorCode.TOO_MANY_SYMBOLS, "at most " + FeedHub.MAX_SYMBOLS_PER_REQUEST
                    + " symbols per request", null);
            return null;
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (String symbol : symbols) {
            if (symbol == null) {
                sendError(id, ErrorCode.BAD_REQUEST, "a symbol is null", null);
                return null;
            }
            distinct.add(symbol);
        }
        return distinct;
    }

    /**
     * v2: a page of bars, checked, then copied and derived ({@link HistoryPage}) and written on the snapshot thread
     * like a snapshot; its bytes count against the catch-up budget and the send bounds like a snapshot's.
     */
    private void history(Message.History h) {
        HistoryInterval interval = h.interval() == null ? null : HistoryInterval.ofWire(h.interval());
        if (interval == null) {
            sendError(h.id(), ErrorCode.BAD_REQUEST, "\"interval\" must be one of 1s, 5s, 15s, 1m, 5m, 15m, 1h, 4h, 1D; got "
                    + (h.interval() == null ? "none" : "\"" + echo(h.interval()) + "\""), h.symbol());
            return;
        }
        int limit = h.limit() == null ? Protocol.DEFAULT_HISTORY_BARS : h.limit();
        if (limit < 1 || limit > Protocol.MAX_HISTORY_BARS) {
            sendError(h.id(), ErrorCode.BAD_REQUEST, "\"limit\" must be 1.." + Protocol.MAX_HISTORY_BARS + "; got " + limit,
                    h.symbol());
            return;
        }
        if (h.symbol() == null) {
            sendError(h.id(), ErrorCode.BAD_REQUEST, "\"symbol\" is missing", null);
            return;
        }
        SymbolFeed feed = hub.feed(h.symbol());
        if (feed == null) {
            sendError(h.id(), ErrorCode.UNKNOWN_SYMBOL, "no such symbol in this simulated feed: " + echo(h.symbol()),
                    h.symbol());
            return;
        }
        SendQueue q = queue;
        if (!catchUp.available(System.nanoTime())) {
            sendError(h.id(), ErrorCode.RATE_LIMITED, "snapshot, replay and history budget of this connection used up ("
                    + catchUp.perSecond() / 1024 + " KiB/s); ask again later", h.symbol());
            return;
        }
        if (q.bytes() > hub.config().catchUpBacklogBytes()) {
            sendError(h.id(), ErrorCode.RATE_LIMITED, "send queue backlog over "
                    + hub.config().catchUpBacklogBytes() / 1024 + " KiB; read what was sent and ask again", h.symbol());
            return;
        }
        long before = h.before() == null ? Long.MAX_VALUE : h.before();
        HistoryPage page = feed.historyPage(h.id(), interval, before, limit);
        long queuedBefore = q.bytesQueuedEver();
        if (!q.reserve(page.estimatedBytes(), hub.snapshotFrames().writer(page))) {
            refused(q);
            return;
        }
        q.requestPendingWrites(hub.snapshotFrames());
        catchUp.charge(q.bytesQueuedEver() - queuedBefore);
    }

    /** True on a v2 connection: snapshots carry no bars. */
    boolean leanSnapshots() {
        return v2;
    }

    private static String typeName(Message m) {
        if (m instanceof Message.HistoryBars) {
            return "bars";
        }
        String name = m.getClass().getSimpleName();
        return Character.toLowerCase(name.charAt(0)) + name.substring(1);
    }

    /** The numeric {@code id} of a frame that failed to decode, if it has one. */
    private Long requestId(String text) {
        try {
            JsonNode node = hub.codec().mapper().readTree(text);
            JsonNode id = node == null ? null : node.get("id");
            return id != null && id.canConvertToLong() && id.isIntegralNumber() ? id.asLong() : null;
        } catch (Exception e) {
            return null;
        }
    }

    /** Both texts may quote the peer: bounded, and control characters replaced, before they go back. */
    private void sendError(Long id, ErrorCode code, String message, String symbol) {
        offer(utf8(hub.codec().encode(new Message.Error(id, code,
                PeerText.bounded(message, SimulatorConfig.MAX_ERROR_MESSAGE_CHARS), echo(symbol)))));
    }

    private static String echo(String symbol) {
        return PeerText.bounded(symbol, SimulatorConfig.MAX_ECHOED_SYMBOL_CHARS);
    }

    // ---- frames to the client; the feed's lock orders them per symbol ----

    private static ByteBuffer utf8(String frame) {
        return ByteBuffer.wrap(frame.getBytes(StandardCharsets.UTF_8));
    }

    /** Queues a shared tick frame; the send itself happens on a sender thread, not the publisher's. */
    boolean sendTick(int symbolIndex, long seq, ByteBuffer frame) {
        SendQueue q = queue;
        synchronized (q.lock()) {
            if (!q.enqueue(frame)) {
                return refused(q);
            }
            if (seq > lastSeq[symbolIndex]) {
                lastSeq[symbolIndex] = seq;
            }
        }
        q.requestSend();
        return true;
    }

    /**
     * v2: the upstream gap just before tick {@code seq}, ahead of that tick. A v1 connection has no such frame: it
     * gets the ticks alone, exactly as v1 describes them.
     */
    boolean sendUpstreamGap(int symbolIndex, String symbol, long seq, UpstreamGap gap) {
        if (!v2) {
            return true;
        }
        SendQueue q = queue;
        ByteBuffer frame = utf8(hub.codec().encode(new Message.Gap(symbol, seq, gap.kind().wire(), gap.refilled(),
                gap.missed(), gap.fromTs(), gap.toTs())));
        synchronized (q.lock()) {
            if (!q.enqueue(frame)) {
                return refused(q);
            }
        }
        q.requestSend();
        return true;
    }

    boolean sendSubscribed(int symbolIndex, Message.Subscribed subscribedMessage, long seqBefore) {
        SendQueue q = queue;
        ByteBuffer frame = utf8(hub.codec().encode(subscribedMessage));
        synchronized (q.lock()) {
            if (!q.enqueue(frame)) {
                return refused(q);
            }
            subscribed[symbolIndex] = true;
            lastSeq[symbolIndex] = seqBefore;
        }
        q.iterate();
        return true;
    }

    /**
     * Keeps the snapshot's place in the queue (under the feed lock, so it comes before the symbol's next tick); the
     * snapshot thread writes it after the lock is released ({@link SnapshotFrames}).
     */
    boolean sendSnapshot(int symbolIndex, Message.Snapshot snapshot, long seq) {
        SendQueue q = queue;
        if (snapshot.bars() == null) {
            // A lean (v2) snapshot is a few hundred bytes: written here, not worth a turn on the snapshot thread.
            ByteBuffer frame = utf8(hub.codec().encode(snapshot));
            synchronized (q.lock()) {
                if (!q.enqueue(frame)) {
                    return refused(q);
                }
                lastSeq[symbolIndex] = seq;
            }
            q.iterate();
            return true;
        }
        synchronized (q.lock()) {
            if (!q.reserve(SnapshotFrames.estimatedBytes(snapshot), hub.snapshotFrames().writer(snapshot))) {
                return refused(q);
            }
            lastSeq[symbolIndex] = seq;
        }
        return true;
    }

    void sendUnsubscribed(int symbolIndex, Message.Unsubscribed message) {
        SendQueue q = queue;
        ByteBuffer frame = utf8(hub.codec().encode(message));
        synchronized (q.lock()) {
            subscribed[symbolIndex] = false;
            if (!q.enqueue(frame)) {
                refused(q);
                return;
            }
        }
        q.iterate();
    }

    /** Closes the connection with 1013 when a write to it has been pending for too long (the timer thread). */
    void checkStalled(long nowNanos) {
        SendQueue q = queue;
        if (q != null && q.stalledLongerThan(
                java.util.concurrent.TimeUnit.MILLISECONDS.toNanos(SimulatorConfig.SEND_STALL_TIMEOUT_MS), nowNanos)) {
            q.failSlow();
            refused(q);
        }
    }

    void sendHeartbeat(long nowMs, TickEncoder encoder) {
        SendQueue q = queue;
        if (q == null) {
            return;
        }
        synchronized (q.lock()) {
            if (!q.enqueue(encoder.heartbeat(nowMs, hub.symbolNames(), lastSeq, subscribed))) {
                refused(q);
                return;
            }
        }
        q.iterate();
    }

    /**
     * A frame was refused: the queue is closed, and if it overflowed the client is closed with 1013. The close
     * runs on the timer thread: this may be called under a feed lock and the queue lock, and Jetty can call back
     * into the connection from inside close().
     */
    private boolean refused(SendQueue q) {
        if (q.overflowed() && !hub.isClosing() && slowClosed.compareAndSet(false, true)) {
            hub.countSlowConsumer();
            hub.gate().schedule(this::closeSlowConsumer, 0, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
        return false;
    }

    private void closeSlowConsumer() {
        Session s = session;
        LOG.info("simulated feed client {} too slow: send queue over its bound ({} frames, {} bytes, or its share "
                        + "of {} bytes for all clients) or no write completed for {} ms, closing with {}",
                s == null ? "?" : s.getRemoteSocketAddress(), hub.config().sendQueueFrames(),
                hub.config().sendQueueBytes(), hub.config().totalSendQueueBytes(), SimulatorConfig.SEND_STALL_TIMEOUT_MS,
                Protocol.CLOSE_TRY_AGAIN_LATER);
        close(Protocol.CLOSE_TRY_AGAIN_LATER, "send queue overflow: consumer too slow");
        // The close frame waits behind what the client did not read; one that still does not read never takes it.
        hub.gate().schedule(this::disconnect, SLOW_CLOSE_GRACE_MILLIS, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    private void offer(ByteBuffer frame) {
        SendQueue q = queue;
        if (!q.offer(frame)) {
            refused(q);
        }
    }

    void close(int code, String reason) {
        SendQueue q = queue;
        if (q != null) {
            q.closeQueue();
        }
        Session s = session;
        if (s != null) {
            s.close(code, reason, Callback.NOOP);
        }
    }

    /**
     * Closes once the frames already queued are sent: the {@code rate_limited} error that explains a 1008 must
     * reach the client before the close frame, even when answers to the flood are still queued.
     */
    private void closeAfterQueued(int code, String reason) {
        SendQueue q = queue;
        if (q != null) {
            q.closeAfterDrain(code, reason, CLOSE_DRAIN_GRACE_MILLIS);
        }
    }

    /** Abrupt close without a close frame. */
    void disconnect() {
        SendQueue q = queue;
        if (q != null) {
            q.closeQueue();
        }
        Session s = session;
        if (s != null) {
            s.disconnect();
        }
    }

    /** True once the connection no longer takes frames (closed, dropped, or too slow). */
    boolean isClosed() {
        SendQueue q = queue;
        return q == null || q.isQueueClosed();
    }

    /** Resumes sending after a silence or delay ends. */
    void wake() {
        SendQueue q = queue;
        if (q != null) {
            q.iterate();
        }
    }

    int queuedFrames() {
        SendQueue q = queue;
        return q == null ? 0 : q.size();
    }
}
