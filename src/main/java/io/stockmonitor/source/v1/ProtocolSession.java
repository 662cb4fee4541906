package io.stockmonitor.source.v1;

import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.feed.FeedCounters;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.FeedLink;
import io.stockmonitor.feed.FeedSession;
import io.stockmonitor.feed.PeerText;
import io.stockmonitor.feed.SocketRequest;
import io.stockmonitor.feed.SymbolTable;
import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.GapKind;
import io.stockmonitor.protocol.ErrorCode;
import io.stockmonitor.protocol.HistoryInterval;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.MessageCodec;
import io.stockmonitor.protocol.Protocol;
import io.stockmonitor.protocol.ProtocolException;
import io.stockmonitor.protocol.ResyncReason;
import io.stockmonitor.source.TradeValues;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our own protocol (docs/PROTOCOL.md) as a {@link FeedSession}: the welcome ends the handshake, subscribes resume
 * from each symbol's (epoch, seq), a snapshot resyncs a symbol the server cannot replay, heartbeats confirm quiet
 * symbols and reveal lost ticks, pings measure the round trip. Every frame is handled on the feed thread.
 *
 * <p>It offers v2 ({@link Protocol#SUBPROTOCOL_V2}) and permessage-deflate on every connection, and speaks what the
 * server's welcome announces: on v2 snapshots carry no bars and the chart's bars come from {@code history} requests
 * ({@link #history}); on a v1 server the snapshots' hour of 1 s bars is all the history there is.
 */
public final class ProtocolSession implements FeedSession {
    /** Our request budget: below the server's {@link Protocol#MAX_REQUESTS_PER_SECOND}, with room for clock skew. */
    static final int REQUESTS_PER_SECOND = Protocol.MAX_REQUESTS_PER_SECOND * 4 / 5;
    /** How long a subscribe waits for others to join its request. */
    static final long SUBSCRIBE_COALESCE_MS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(ProtocolSession.class);

    private final FeedLink link;
    private final FeedClientConfig config;
    private final MessageCodec codec = new MessageCodec();
    private final SymbolTable table = new SymbolTable();
    private final ResumeTracker tracker = new ResumeTracker();
    private final TickIngest ingest;
    private volatile List<SymbolInfo> serverSymbols = List.of();
    private volatile long heartbeatMs;

    // ---- feed-thread state ----
    private int socket = -1;
    private boolean welcomed;
    private long nextRequestId = 1;
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> flushTask;
    private long pingId = -1;
    private long pingSentNanos;
    /** The current socket negotiated v2 (and its welcome said so). */
    private boolean v2;
    private final HistoryRequests histories = new HistoryRequests();

    public ProtocolSession(FeedLink link) {
        this.link = link;
        this.config = link.config();
        this.ingest = new TickIngest(table, tracker, link.counters(), link.output(), new TickIngest.Escalation() {
            @Override
            public void gap(ResumeTracker.Position position, long seenSeq) {
                ProtocolSession.this.gap(position, seenSeq);
            }

            @Override
            public void bad(String kind, String detail) {
                link.bad(kind, detail);
            }

            @Override
            public void unusable(ResumeTracker.Position position, long seq, long ts, String problem) {
                ProtocolSession.this.unusable(position, seq, ts, problem);
            }
        });
    }

    /** An epoch is opaque, but short printable ASCII (the record and the log carry it as it is). */
    static final int MAX_EPOCH_CHARS = 64;

    /** True when {@code epoch} can be one: 1 to {@link #MAX_EPOCH_CHARS} printable ASCII characters. */
    static boolean validEpoch(String epoch) {
        if (epoch == null || epoch.isEmpty() || epoch.length() > MAX_EPOCH_CHARS) {
            return false;
        }
        for (int i = 0; i < epoch.length(); i++) {
            char c = epoch.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                return false;
            }
        }
        return true;
    }

    /** Heartbeat period announced by the latest welcome, 0 before. */
    public long heartbeatMs() {
        return heartbeatMs;
    }

    @Override
    public SocketRequest nextRequest() {
        URI uri = config.server();
        SocketRequest request = SocketRequest.of(uri).withSubprotocols(List.of(Protocol.SUBPROTOCOL_V2))
                .withExtensions(List.of(Protocol.DEFLATE_EXTENSION));
        String token = config.token();
        return token == null || token.isEmpty() ? request : request.withHeader("Authorization", "Bearer " + token);
    }

    @Override
    public void opened(int s) {
        socket = s;
        welcomed = false;
    }

    @Override
    public int requestsPerSecond() {
        return REQUESTS_PER_SECOND;
    }

    @Override
    public List<SymbolInfo> symbols() {
        return serverSymbols;
    }

    @Override
    public void subscribe(String symbol) {
        ResumeTracker.Position p = tracker.get(symbol);
        if (p != null && p.phase() != ResumeTracker.Phase.REMOVING) {
            return;
        }
        tracker.add(symbol);
        table.add(symbol);
        if (welcomed && flushTask == null) {
            // A burst of adds (a pasted list, a restored watchlist) goes out as a few batched requests.
            flushTask = link.schedule(() -> {
                flushTask = null;
                if (welcomed) {
                    sendAll(tracker.subscribeRequests(tracker.idle(), this::nextId));
                }
            }, SUBSCRIBE_COALESCE_MS);
        }
    }

    @Override
    public void unsubscribe(String symbol) {
        ResumeTracker.Position p = tracker.get(symbol);
        if (p == null) {
            return;
        }
        if (welcomed && p.phase() != ResumeTracker.Phase.IDLE) {
            p.phase = ResumeTracker.Phase.REMOVING;
            request(new Message.Unsubscribe(nextId(), List.of(symbol)));
        } else {
            forget(symbol);
        }
    }

    @Override
    public void lost(int s, boolean wasEstablished) {
        if (s != socket) {
            return;
        }
        socket = -1;
        welcomed = false;
        v2 = false;
        histories.failAll("connection lost");
        cancelTimers();
        forgetRemoving();
        tracker.connectionLost();
    }

    @Override
    public void close() {
        cancelTimers();
        histories.failAll("closed");
    }

    /**
     * v2: one {@code history} request for bars of {@code interval} starting before {@code beforeMs}, answered into
     * {@code result} when its reply (or error) comes. On a v1 server there is no history beyond the snapshots' bars:
     * false.
     */
    @Override
    public boolean history(String symbol, BarInterval interval, long beforeMs, int maxBars, HistoryResult result) {
        if (!welcomed) {
            result.failed("not connected");
            return true;
        }
        HistoryInterval wire = HistoryInterval.ofWire(interval.label());
        if (!v2 || wire == null) {
            return false;
        }
        long id = nextId();
        histories.add(id, interval, result);
        request(new Message.History(id, symbol, wire.wire(), beforeMs == Long.MAX_VALUE ? null : beforeMs,
                Math.min(maxBars, Protocol.MAX_HISTORY_BARS)));
        return true;
    }

    @Override
    public void text(int s, String text) {
        if (s != socket) {
            return;
        }
        if (welcomed && ingest.tryTick(text)) {
            return;
        }
        Message message;
        try {
            message = codec.decode(text);
        } catch (ProtocolException e) {
            link.bad(e.code().wire(), e.getMessage());
            return;
        }
        if (!welcomed) {
            beforeWelcome(message);
            return;
        }
        if (message instanceof Message.Tick t) {
            ingest.handle(t);
        } else if (message instanceof Message.Subscribed sub) {
            onSubscribed(sub);
        } else if (message instanceof Message.Snapshot snap) {
            onSnapshot(snap);
        } else if (message instanceof Message.HistoryBars h) {
            if (!histories.answer(h)) {
                link.bad("unexpected-history", "history reply " + h.id() + " not asked for");
            }
        } else if (message instanceof Message.Heartbeat h) {
            onHeartbeat(h);
        } else if (message instanceof Message.Gap g && v2) {
            onUpstreamGap(g);
        } else if (message instanceof Message.Pong p) {
            onPong(p);
        } else if (message instanceof Message.Unsubscribed u) {
            ResumeTracker.Position p = tracker.get(u.symbol());
            if (p != null && p.phase() == ResumeTracker.Phase.REMOVING) {
                forget(u.symbol());
            }
        } else if (message instanceof Message.Error e) {
            onError(e);
        } else if (message instanceof Message.Welcome) {
            link.bad("unexpected", "a second welcome");
        } else {
            link.bad("unexpected", "a client message from the server: " + message.getClass().getSimpleName());
        }
    }

    /** Only a valid welcome ends the handshake; anything else before it is counted and ignored. */
    private void beforeWelcome(Message message) {
        if (message instanceof Message.Welcome w) {
            onWelcome(w);
        } else if (message instanceof Message.Error e && e.code() == ErrorCode.UNAUTHORIZED) {
            link.fail("unauthorized: " + PeerText.escape(e.message()));
        } else {
            link.bad("before-welcome", "a " + message.getClass().getSimpleName() + " frame before the welcome");
        }
    }

    /**
     * The version the upgrade negotiated must be the one the welcome announces: v2 when the server accepted
     * {@link Protocol#SUBPROTOCOL_V2}, else v1 (a server that knows nothing of v2 answers without it).
     */
    private void onWelcome(Message.Welcome w) {
        if (!validEpoch(w.epoch())) {
            link.fail("the server breaks the protocol: its welcome names an invalid epoch ("
                    + PeerText.escape(w.epoch(), 40) + ")");
            return;
        }
        boolean negotiated = Protocol.SUBPROTOCOL_V2.equals(link.subprotocol(socket));
        int expected = negotiated ? Protocol.VERSION_2 : Protocol.VERSION;
        if (w.protocol() != expected) {
            link.fail("protocol version mismatch: server speaks " + w.protocol() + ", this connection "
                    + expected + (negotiated ? " (" + Protocol.SUBPROTOCOL_V2 + " accepted)" : ""));
            return;
        }
        welcomed = true;
        v2 = negotiated;
        List<SymbolInfo> offered = new ArrayList<>();
        if (w.symbols() != null) {
            for (String symbol : w.symbols()) {
                offered.add(new SymbolInfo(symbol, null));
            }
        }
        serverSymbols = List.copyOf(offered);
        long hb = w.heartbeatMs() > 0 ? w.heartbeatMs() : Protocol.DEFAULT_HEARTBEAT_MS;
        heartbeatMs = hb;
        link.established(socket, "connected to " + PeerText.escape(w.server()) + (v2 ? " (v2)" : "") + ", epoch "
                + PeerText.escape(w.epoch()), (long) (hb * config.stallHeartbeats()));
        sendAll(tracker.subscribeRequests(tracker.idle(), this::nextId));
        schedulePing();
    }

    private void gap(ResumeTracker.Position p, long seenSeq) {
        long expected = p.last() + 1;
        link.counters().add(FeedCounters.Counter.GAPS);
        link.peerLog().info("gap", System.nanoTime(), "gap in {}: expected seq {}, saw {}; resyncing the symbol",
                p.symbol(), expected, seenSeq);
        link.emit(new FeedEvent.GapDetected(p.symbol(), expected, seenSeq));
        resync(p);
    }

    /**
     * Resubscribes the symbol alone: a resume, or (after resyncs that got nowhere) a fresh snapshot, and past that
     * with a growing wait, so a server that replays the same unusable tick forever cannot make a resync loop.
     */
    private void resync(ResumeTracker.Position p) {
        Message.Subscribe request = tracker.startResync(p, nextId());
        link.market().markResyncing(p.symbol());
        long delay = tracker.resyncDelayMs(p);
        if (delay <= 0) {
            request(request);
            return;
        }
        link.peerLog().warn("resync-backoff", System.nanoTime(),
                "{}: resyncs keep failing at seq {}; waiting {} ms before the next", p.symbol(), p.last(), delay);
        int onSocket = socket;
        link.schedule(() -> {
            if (socket == onSocket && welcomed && tracker.get(p.symbol()) == p
                    && p.phase() == ResumeTracker.Phase.SUBSCRIBING) {
                request(request);
            }
        }, delay);
    }

    /**
     * The next tick came with values that cannot be right (docs/PROTOCOL.md lists what a tick must carry): it is
     * counted, recorded as one lost tick, and the stream goes on after it instead of resyncing into the same tick.
     */
    private void unusable(ResumeTracker.Position p, long seq, long ts, String problem) {
        link.bad("bad-tick", problem);
        p.last = seq;
        long now = System.currentTimeMillis();
        long at = ts > 0 ? Math.min(ts, now) : now;
        link.output().gap(new FeedEvent.GapSettled(p.symbol(), GapKind.LOST, seq, seq, at, at, 0, 1));
    }

    private void onSubscribed(Message.Subscribed s) {
        ResumeTracker.Position p = s.symbol() == null ? null : tracker.get(s.symbol());
        if (p == null || p.phase() != ResumeTracker.Phase.SUBSCRIBING) {
            return;
        }
        if (!validEpoch(s.epoch())) {
            link.bad("bad-epoch", "a subscribed reply for " + p.symbol() + " with an invalid epoch");
            resync(p);
            return;
        }
        if (tracker.onSubscribed(p, s)) {
            // Ticks replayed from here on were published before now: they are history, not feed latency.
            p.liveFromMs = System.currentTimeMillis();
            link.counters().add(FeedCounters.Counter.SYMBOLS_RESUMED);
            link.output().nothingMissed(s.symbol());
            link.emit(new FeedEvent.Resumed(s.symbol(), s.epoch(), p.last()));
        }
    }

    private void onSnapshot(Message.Snapshot snapshot) {
        ResumeTracker.Position p = tracker.get(snapshot.symbol());
        if (p == null || p.phase() != ResumeTracker.Phase.AWAITING_SNAPSHOT) {
            link.bad("unexpected-snapshot", "snapshot for " + PeerText.escape(snapshot.symbol(), 32)
                    + " not asked for");
            return;
        }
        if (snapshot.seq() == 0 && snapshot.last() == 0 && validEpoch(snapshot.epoch())) {
            // A relayed symbol before its first trade: nothing to show yet, its ticks follow from seq 1.
            ResyncReason reason = tracker.snapshotReason(p);
            tracker.onSnapshot(p, snapshot);
            link.emit(new FeedEvent.SnapshotApplied(snapshot.symbol(), snapshot.epoch(), 0, reason, -1));
            return;
        }
        if (!validEpoch(snapshot.epoch()) || !(snapshot.last() > 0) || snapshot.last() > TradeValues.MAX_PRICE
                || snapshot.seq() < 0) {
            link.bad("bad-snapshot", "a snapshot of " + p.symbol() + " with an invalid epoch, last price ("
                    + snapshot.last() + ") or seq (" + snapshot.seq() + ")");
            resync(p);
            return;
        }
        ResyncReason reason = tracker.snapshotReason(p);
        String oldEpoch = p.epoch();
        long oldLast = p.last();
        long missed = tracker.onSnapshot(p, snapshot);
        long now = System.currentTimeMillis();
        link.market().applySnapshot(snapshot, reason, missed, now);
        link.emit(new FeedEvent.SnapshotApplied(snapshot.symbol(), snapshot.epoch(), snapshot.seq(), reason, missed));
        if (oldEpoch != null) {
            // The snapshot stands in for ticks this client never saw: a resync, counted and recorded as a gap.
            link.counters().add(FeedCounters.Counter.RESYNCS);
            boolean sameEpoch = oldEpoch.equals(snapshot.epoch());
            Long from = sameEpoch && missed > 0 ? oldLast + 1 : null;
            Long to = sameEpoch && missed > 0 ? snapshot.seq() : null;
            if (missed != 0) {
                link.output().gap(new FeedEvent.GapSettled(snapshot.symbol(), GapKind.LOST, from, to, now, now, 0,
                        missed));
            }
        }
    }

    /**
     * v2: the server's upstream (a provider it relays) missed trades just before the symbol's next tick: shown as the
     * server tells it (kind, counts, span), and recorded; the seqs go on unbroken. The ticks it refilled are the ones
     * just applied, so the record's gap line names their seqs.
     */
    private void onUpstreamGap(Message.Gap g) {
        ResumeTracker.Position p = g.symbol() == null ? null : tracker.get(g.symbol());
        GapKind kind = g.kind() == null ? null : switch (g.kind()) {
            case "exact" -> GapKind.EXACT;
            case "by_time" -> GapKind.BY_TIME;
            case "lost" -> GapKind.LOST;
            default -> null;
        };
        if (p == null || kind == null || p.phase() != ResumeTracker.Phase.LIVE || g.seq() != p.last() + 1
                || g.fromTs() > g.toTs() || g.refilled() < -1 || g.missed() < -1) {
            link.bad("bad-gap", "a gap frame for " + PeerText.escape(g.symbol(), 32) + " that does not fit its stream");
            return;
        }
        boolean refilledSeqs = g.refilled() > 0 && g.refilled() <= p.last();
        link.output().upstreamGap(new FeedEvent.GapSettled(p.symbol(), kind,
                refilledSeqs ? p.last() - g.refilled() + 1 : null, refilledSeqs ? p.last() : null, g.fromTs(),
                g.toTs(), g.refilled(), kind == GapKind.EXACT ? 0 : g.missed()));
    }

    private void onHeartbeat(Message.Heartbeat h) {
        if (h.seqs() == null) {
            return;
        }
        long now = System.currentTimeMillis();
        for (Map.Entry<String, Long> e : h.seqs().entrySet()) {
            ResumeTracker.Position p = tracker.get(e.getKey());
            Long seq = e.getValue();
            if (p == null || seq == null || p.phase() != ResumeTracker.Phase.LIVE) {
                continue;
            }
            if (seq > p.last()) {
                gap(p, seq);
            } else if (seq == p.last()) {
                link.market().confirmCurrent(p.symbol(), now);
            }
        }
    }

    private void onPong(Message.Pong pong) {
        if (pong.id() == pingId) {
            link.latency().recordRtt(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pingSentNanos));
            pingId = -1;
        }
    }

    private void onError(Message.Error e) {
        if (e.id() != null && histories.refuse(e)) {
            return;
        }
        if (e.code() == ErrorCode.UNAUTHORIZED) {
            link.fail("unauthorized: " + PeerText.escape(e.message()));
            return;
        }
        String code = e.code() == null ? "?" : e.code().wire();
        if (e.symbol() != null && (e.code() == ErrorCode.UNKNOWN_SYMBOL || e.code() == ErrorCode.TOO_MANY_SYMBOLS)) {
            link.peerLog().warn("refused-" + code, System.nanoTime(), "feed refused {}: {} {}",
                    PeerText.escape(e.symbol(), 32), code, PeerText.escape(e.message()));
            if (tracker.get(e.symbol()) != null) {
                forget(e.symbol());
                link.dropSymbol(e.symbol());
            }
            link.emit(new FeedEvent.SymbolRejected(e.symbol(), e.code(), PeerText.escape(e.message())));
            return;
        }
        link.peerLog().warn("error-" + code, System.nanoTime(), "feed error {}: {}", code,
                PeerText.escape(e.message()));
        link.emit(new FeedEvent.ServerError(e.code(), PeerText.escape(e.message())));
    }

    private void schedulePing() {
        if (pingTask != null) {
            pingTask.cancel(false);
        }
        long interval = config.pingIntervalMs();
        pingTask = link.schedule(new Runnable() {
            @Override
            public void run() {
                if (welcomed) {
                    long id = nextId();
                    pingId = id;
                    request(new Message.Ping(id), () -> pingSentNanos = System.nanoTime());
                    pingTask = link.schedule(this, interval);
                }
            }
        }, Math.min(1000, interval));
    }

    private void cancelTimers() {
        if (pingTask != null) {
            pingTask.cancel(false);
            pingTask = null;
        }
        if (flushTask != null) {
            flushTask.cancel(false);
            flushTask = null;
        }
        pingId = -1;
    }

    /** Unsubscribes in flight are complete once the connection is gone. */
    private void forgetRemoving() {
        List<String> removing = new ArrayList<>();
        for (ResumeTracker.Position p : tracker.all()) {
            if (p.phase() == ResumeTracker.Phase.REMOVING) {
                removing.add(p.symbol());
            }
        }
        removing.forEach(this::forget);
    }

    private void forget(String symbol) {
        tracker.remove(symbol);
        table.remove(symbol);
    }

    private void sendAll(List<Message.Subscribe> requests) {
        for (Message.Subscribe s : requests) {
            request(s);
        }
    }

    /** Every request goes through the supervisor's pacer, so bursts never trip the server's limit. */
    private void request(Message.Request message) {
        request(message, null);
    }

    private void request(Message.Request message, Runnable onSent) {
        if (socket >= 0) {
            link.send(socket, codec.encode(message), onSent);
        }
    }

    private long nextId() {
        return nextRequestId++;
    }
}
