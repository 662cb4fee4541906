package io.stockmonitor.feed;

import io.stockmonitor.market.FeedLatency;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.protocol.ErrorCode;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.MessageCodec;
import io.stockmonitor.protocol.Protocol;
import io.stockmonitor.protocol.ProtocolException;
import io.stockmonitor.protocol.ResyncReason;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.transport.HttpClientTransportOverHTTP;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed client: one WebSocket connection for every subscribed symbol, reconnect with jittered backoff, stall
 * detection, resume without gap or duplicate, and the single writer of the {@link MarketModel}.
 *
 * <p>Threading: one feed thread (a single-threaded scheduler) owns all state. Jetty callbacks, timers and the public
 * methods only post tasks to it; each connection attempt is a {@link FeedConnection} with a generation number, and
 * the feed thread drops whatever comes from a connection that is no longer the current one.
 */
public final class FeedClient implements AutoCloseable {
    /** Our request budget: below the server's {@link Protocol#MAX_REQUESTS_PER_SECOND}, with room for clock skew. */
    static final int REQUESTS_PER_SECOND = Protocol.MAX_REQUESTS_PER_SECOND * 4 / 5;
    /** How long a subscribe waits for others to join its request. */
    static final long SUBSCRIBE_COALESCE_MS = 20;
    private static final Logger LOG = LoggerFactory.getLogger(FeedClient.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** Close the old WebSocketClient's sessions this long at most when the client is closed. */
    private static final long STOP_TIMEOUT_MS = 2_000;
    /** Stall checks run this many times per silence limit, so detection is late by at most 1/CHECKS of it. */
    private static final int STALL_CHECKS_PER_LIMIT = 30;

    private final FeedClientConfig config;
    private final MarketModel market;
    private final FeedLatency latency = new FeedLatency();
    private final ScheduledThreadPoolExecutor feed;
    private final WebSocketClient webSocket;
    private final boolean ownsWebSocket;
    private final MessageCodec codec = new MessageCodec();
    private final SymbolTable table = new SymbolTable();
    private final ResumeTracker tracker = new ResumeTracker();
    private final TickIngest ingest;
    private final Backoff backoff;
    private final StallWatchdog watchdog = new StallWatchdog();
    private final ClientCounters counters = new ClientCounters();
    private final RateLimitedLog badFrameLog = new RateLimitedLog(LOG);
    private final CopyOnWriteArrayList<FeedListener> listeners = new CopyOnWriteArrayList<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String label;
    private volatile ConnectionStatus status;
    private volatile List<String> serverSymbols = List.of();
    private volatile Thread feedThread;
    private volatile long lastStallSilenceMs = -1;
    private volatile long heartbeatMs;

    /** The newest connection attempt, for {@link #framesWaiting()} from any thread. */
    private volatile FeedConnection latestConnection;

    // ---- feed-thread state ----
    private int generation;
    private FeedConnection current;
    private Session session;
    private boolean welcomed;
    private long nextRequestId = 1;
    private ScheduledFuture<?> retryTask;
    private ScheduledFuture<?> stallTask;
    private ScheduledFuture<?> pingTask;
    private ScheduledFuture<?> flushTask;
    private ScheduledFuture<?> pacerTask;
    private final RequestPacer pacer = new RequestPacer(REQUESTS_PER_SECOND);
    private long pingId = -1;
    private long pingSentNanos;

    public FeedClient(FeedClientConfig config, MarketModel market) {
        this(config, market, null);
    }

    /**
     * A client on a shared, started {@link WebSocketClient} (many clients in one process, e.g. tests); null makes
     * the client create, configure and stop its own.
     */
    public FeedClient(FeedClientConfig config, MarketModel market, WebSocketClient sharedWebSocket) {
        this.config = Objects.requireNonNull(config, "config");
        this.market = Objects.requireNonNull(market, "market");
        this.label = config.serverLabel();
        SplittableRandom random = new SplittableRandom();
        this.backoff = new Backoff(config.backoffFirstMs(), config.backoffCapMs(), config.backoffResetAfterMs(),
                random::nextDouble);
        int n = INSTANCES.incrementAndGet();
        this.feed = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "feed-" + n);
            t.setDaemon(true);
            feedThread = t;
            return t;
        });
        feed.setRemoveOnCancelPolicy(true);
        feed.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        if (sharedWebSocket == null) {
            webSocket = newWebSocketClient("wss".equalsIgnoreCase(config.server().getScheme()));
            ownsWebSocket = true;
        } else {
            webSocket = sharedWebSocket;
            ownsWebSocket = false;
        }
        ingest = new TickIngest(table, tracker, market, counters, latency, new TickIngest.Escalation() {
            @Override
            public void gap(ResumeTracker.Position position, long seenSeq) {
                FeedClient.this.gap(position, seenSeq);
            }

            @Override
            public void bad(String kind, String detail) {
                FeedClient.this.bad(kind, detail);
            }
        });
        status = new ConnectionStatus(ConnectionState.CONNECTING, 0, 0, label, "not started",
                System.currentTimeMillis());
        for (String symbol : config.symbols()) {
            addPosition(symbol);
        }
    }

    /** A WebSocket client configured for this protocol (server frames up to a snapshot's size), for ws:// and wss://. */
    public static WebSocketClient newWebSocketClient() {
        return newWebSocketClient(true);
    }

    /**
     * As {@link #newWebSocketClient()}; without {@code tls} the client can only reach ws:// URLs, and in exchange it
     * does not set up TLS when it starts. That set-up loads the trust store and a few hundred JSSE classes: about a
     * quarter of a second of CPU on a small machine, in the middle of the desktop app's start-up.
     */
    public static WebSocketClient newWebSocketClient(boolean tls) {
        WebSocketClient client = tls ? new WebSocketClient()
                : new WebSocketClient(new HttpClient(new HttpClientTransportOverHTTP(new PlainClientConnector())));
        client.setMaxTextMessageSize(Protocol.MAX_SERVER_FRAME_BYTES);
        client.setMaxFrameSize(Protocol.MAX_SERVER_FRAME_BYTES);
        client.setStopTimeout(STOP_TIMEOUT_MS);
        // Our own stall detection ends dead connections long before this; it only guards a client nobody reads.
        client.setIdleTimeout(java.time.Duration.ofMinutes(5));
        client.setStopAtShutdown(false);
        return client;
    }

    /** Connects in the background; state changes arrive as {@link FeedEvent.StateChanged}. */
    public void start() {
        if (!started.compareAndSet(false, true)) {
            return;
        }
        if (ownsWebSocket) {
            try {
                webSocket.start();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start the WebSocket client", e);
            }
        }
        post(this::connect);
    }

    public ConnectionStatus status() {
        return status;
    }

    public FeedStats stats() {
        return counters;
    }

    /** Tick delay (receive - ts) and ping round trips of this client. */
    public FeedLatency latency() {
        return latency;
    }

    public MarketModel market() {
        return market;
    }

    /** Symbols the server offers, from the latest welcome; empty until then. */
    public List<String> serverSymbols() {
        return serverSymbols;
    }

    /** Heartbeat period announced by the latest welcome, 0 before. */
    public long heartbeatMs() {
        return heartbeatMs;
    }

    /** Frames the newest connection read that the feed thread has not handled yet (bounded). Any thread. */
    int framesWaiting() {
        FeedConnection c = latestConnection;
        return c == null ? 0 : c.waitingFrames();
    }

    /** How long the connection had been silent when stall detection last aborted it; -1 if it never did. */
    public long lastStallSilenceMs() {
        return lastStallSilenceMs;
    }

    /** Adds a symbol; any thread. Unknown to the server: {@link FeedEvent.SymbolRejected}. */
    public void subscribe(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        post(() -> {
            ResumeTracker.Position p = tracker.get(symbol);
            if (p != null && p.phase() != ResumeTracker.Phase.REMOVING) {
                return;
            }
            addPosition(symbol);
            if (welcomed && session != null && flushTask == null) {
                // A burst of adds (a pasted list, a restored watchlist) goes out as a few batched requests.
                flushTask = feed.schedule(() -> {
                    flushTask = null;
                    if (welcomed) {
                        sendAll(tracker.subscribeRequests(tracker.idle(), this::nextId));
                    }
                }, SUBSCRIBE_COALESCE_MS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Removes a symbol and its data from the model; any thread. */
    public void unsubscribe(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        post(() -> {
            ResumeTracker.Position p = tracker.get(symbol);
            if (p == null) {
                return;
            }
            market.removeSymbol(symbol);
            if (welcomed && session != null && p.phase() != ResumeTracker.Phase.IDLE) {
                p.phase = ResumeTracker.Phase.REMOVING;
                request(new Message.Unsubscribe(nextId(), List.of(symbol)));
            } else {
                forget(symbol);
            }
        });
    }

    public void addListener(FeedListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(FeedListener listener) {
        listeners.remove(listener);
    }

    /** Sees every applied tick on the feed thread (the headless recorder); null removes it. */
    public void setTickSink(TickSink sink) {
        post(() -> ingest.sink(sink));
    }

    /** Closes the connection (CLOSED) and stops the feed thread; waits briefly for both. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() == feedThread) {
            shutDownOnFeedThread();
            feed.shutdown();
        } else {
            try {
                feed.execute(this::shutDownOnFeedThread);
            } catch (RejectedExecutionException e) {
                // already stopped
            }
            feed.shutdown();
            try {
                if (!feed.awaitTermination(5, TimeUnit.SECONDS)) {
                    feed.shutdownNow();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                feed.shutdownNow();
            }
        }
        if (ownsWebSocket) {
            try {
                webSocket.stop();
            } catch (Exception e) {
                LOG.debug("WebSocket client did not stop cleanly", e);
            }
        }
    }

    // ================================================================ feed thread

    void post(Runnable task) {
        try {
            feed.execute(task);
        } catch (RejectedExecutionException e) {
            // Closed: late callbacks have nothing left to update.
        }
    }

    private void shutDownOnFeedThread() {
        cancelTimers();
        if (retryTask != null) {
            retryTask.cancel(false);
        }
        FeedConnection c = current;
        current = null;
        Session s = session;
        session = null;
        welcomed = false;
        if (s != null && s.isOpen()) {
            s.close();
        } else if (c != null) {
            c.abort();
        }
        setStatus(ConnectionState.CLOSED, 0, 0, "closed by the user");
    }

    private void connect() {
        if (closed.get() || status.state() == ConnectionState.FAILED) {
            return;
        }
        URI uri = config.server();
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"))
                || uri.getHost() == null) {
            fail("malformed URL: " + uri + " (expected ws://HOST:PORT/feed)");
            return;
        }
        FeedConnection c = new FeedConnection(this, ++generation);
        current = c;
        latestConnection = c;
        welcomed = false;
        if (status.state() == ConnectionState.CONNECTING && !"connecting".equals(status.detail())) {
            setStatus(ConnectionState.CONNECTING, 0, 0, "connecting");
        }
        ClientUpgradeRequest request = new ClientUpgradeRequest(uri);
        if (config.token() != null && !config.token().isEmpty()) {
            request.setHeader("Authorization", "Bearer " + config.token());
        }
        watchdog.arm(System.nanoTime(), TimeUnit.MILLISECONDS.toNanos(config.welcomeTimeoutMs()));
        scheduleStallCheck();
        try {
            CompletableFuture<Session> f = webSocket.connect(c, request);
            c.upgrade = f;
            f.whenComplete((s, error) -> {
                if (error != null) {
                    post(() -> onConnectFailed(c, error));
                }
            });
        } catch (Exception e) {
            onConnectFailed(c, e);
        }
    }

    void onOpen(FeedConnection c, Session s) {
        if (c != current) {
            s.disconnect();
            return;
        }
        session = s;
        watchdog.frame(System.nanoTime());
    }

    void onConnectFailed(FeedConnection c, Throwable error) {
        if (c != current) {
            return;
        }
        Throwable cause = unwrap(error);
        if (cause instanceof UpgradeException u) {
            int code = u.getResponseStatusCode();
            if (code == 401 || code == 403) {
                fail("HTTP " + code + " unauthorized: check the token");
                return;
            }
            if (code == 404) {
                fail("HTTP 404: no feed at " + label);
                return;
            }
            lost("upgrade failed: HTTP " + code);
            return;
        }
        lost("cannot connect: " + describe(cause));
    }

    void onClosed(FeedConnection c, String detail) {
        if (c != current) {
            return;
        }
        lost(detail);
    }

    void onText(FeedConnection c, String text) {
        if (c != current) {
            return;
        }
        handleFrame(text);
    }

    private void handleFrame(String text) {
        counters.messagesReceived++;
        watchdog.frame(System.nanoTime());
        if (ingest.tryTick(text)) {
            return;
        }
        Message message;
        try {
            message = codec.decode(text);
        } catch (ProtocolException e) {
            bad(e.code().wire(), e.getMessage());
            return;
        }
        if (message instanceof Message.Tick t) {
            ingest.handle(t);
        } else if (message instanceof Message.Welcome w) {
            onWelcome(w);
        } else if (message instanceof Message.Subscribed s) {
            onSubscribed(s);
        } else if (message instanceof Message.Snapshot s) {
            onSnapshot(s);
        } else if (message instanceof Message.Heartbeat h) {
            onHeartbeat(h);
        } else if (message instanceof Message.Pong p) {
            onPong(p);
        } else if (message instanceof Message.Unsubscribed u) {
            ResumeTracker.Position p = tracker.get(u.symbol());
            if (p != null && p.phase() == ResumeTracker.Phase.REMOVING) {
                forget(u.symbol());
            }
        } else if (message instanceof Message.Error e) {
            onError(e);
        } else {
            bad("unexpected", "a client message from the server: " + message.getClass().getSimpleName());
        }
    }

    private void gap(ResumeTracker.Position p, long seenSeq) {
        long expected = p.last() + 1;
        counters.gaps++;
        counters.resyncs++;
        LOG.info("gap in {}: expected seq {}, saw {}; resyncing the symbol", p.symbol(), expected, seenSeq);
        emit(new FeedEvent.GapDetected(p.symbol(), expected, seenSeq));
        request(tracker.startResync(p, nextId()));
        market.markResyncing(p.symbol());
    }

    private void onWelcome(Message.Welcome w) {
        if (welcomed) {
            bad("unexpected", "a second welcome");
            return;
        }
        if (w.protocol() != Protocol.VERSION) {
            fail("protocol version mismatch: server speaks " + w.protocol() + ", this client "
                    + Protocol.VERSION);
            return;
        }
        welcomed = true;
        serverSymbols = w.symbols() == null ? List.of() : List.copyOf(w.symbols());
        long hb = w.heartbeatMs() > 0 ? w.heartbeatMs() : Protocol.DEFAULT_HEARTBEAT_MS;
        heartbeatMs = hb;
        watchdog.limit((long) (TimeUnit.MILLISECONDS.toNanos(hb) * config.stallHeartbeats()));
        long now = System.currentTimeMillis();
        backoff.connected(now);
        setStatus(ConnectionState.CONNECTED, 0, 0, "connected to " + w.server() + ", epoch " + w.epoch());
        market.connectionRestored(now);
        sendAll(tracker.subscribeRequests(tracker.idle(), this::nextId));
        schedulePing();
    }

    private void onSubscribed(Message.Subscribed s) {
        ResumeTracker.Position p = tracker.get(s.symbol());
        if (p == null || p.phase() != ResumeTracker.Phase.SUBSCRIBING) {
            return;
        }
        if (tracker.onSubscribed(p, s)) {
            // Ticks replayed from here on were published before now: they are history, not feed latency.
            p.liveFromMs = System.currentTimeMillis();
            counters.resumes++;
            emit(new FeedEvent.Resumed(s.symbol(), s.epoch(), p.last()));
        }
    }

    private void onSnapshot(Message.Snapshot snapshot) {
        ResumeTracker.Position p = tracker.get(snapshot.symbol());
        if (p == null || p.phase() != ResumeTracker.Phase.AWAITING_SNAPSHOT) {
            bad("unexpected-snapshot", "snapshot for " + snapshot.symbol() + " not asked for");
            return;
        }
        ResyncReason reason = tracker.snapshotReason(p);
        long missed = tracker.onSnapshot(p, snapshot);
        market.applySnapshot(snapshot, reason, missed, System.currentTimeMillis());
        emit(new FeedEvent.SnapshotApplied(snapshot.symbol(), snapshot.epoch(), snapshot.seq(), reason, missed));
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
                market.confirmCurrent(p.symbol(), now);
            }
        }
    }

    private void onPong(Message.Pong pong) {
        if (pong.id() == pingId) {
            latency.recordRtt(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - pingSentNanos));
            pingId = -1;
        }
    }

    private void onError(Message.Error e) {
        if (e.code() == ErrorCode.UNAUTHORIZED) {
            fail("unauthorized: " + e.message());
            return;
        }
        if (e.symbol() != null && (e.code() == ErrorCode.UNKNOWN_SYMBOL || e.code() == ErrorCode.TOO_MANY_SYMBOLS)) {
            LOG.warn("feed refused {}: {} {}", e.symbol(), e.code().wire(), e.message());
            if (tracker.get(e.symbol()) != null) {
                forget(e.symbol());
                market.removeSymbol(e.symbol());
            }
            emit(new FeedEvent.SymbolRejected(e.symbol(), e.code(), e.message()));
            return;
        }
        LOG.warn("feed error {}: {}", e.code() == null ? "?" : e.code().wire(), e.message());
        emit(new FeedEvent.ServerError(e.code(), e.message()));
    }

    private void checkStall() {
        stallTask = null;
        if (current == null) {
            return;
        }
        long now = System.nanoTime();
        if (watchdog.stalled(now)) {
            long silentMs = TimeUnit.NANOSECONDS.toMillis(watchdog.silentNanos(now));
            FeedConnection c = current;
            if (welcomed) {
                lastStallSilenceMs = silentMs;
                lost("stalled: no frame for " + silentMs + " ms (heartbeat " + heartbeatMs + " ms)");
            } else {
                lost("timed out: no welcome within " + silentMs + " ms");
            }
            c.abort();
            return;
        }
        scheduleStallCheck();
    }

    private void scheduleStallCheck() {
        if (stallTask != null) {
            stallTask.cancel(false);
        }
        long limit = watchdog.limitNanos();
        long period = limit == Long.MAX_VALUE ? TimeUnit.MILLISECONDS.toNanos(100)
                : Math.max(TimeUnit.MILLISECONDS.toNanos(5), limit / STALL_CHECKS_PER_LIMIT);
        period = Math.min(period, TimeUnit.MILLISECONDS.toNanos(250));
        stallTask = feed.schedule(this::checkStall, period, TimeUnit.NANOSECONDS);
    }

    private void schedulePing() {
        if (pingTask != null) {
            pingTask.cancel(false);
        }
        pingTask = feed.scheduleWithFixedDelay(() -> {
            if (welcomed && session != null) {
                pingId = nextId();
                request(new Message.Ping(pingId));
            }
        }, Math.min(1000, config.pingIntervalMs()), config.pingIntervalMs(), TimeUnit.MILLISECONDS);
    }

    /** The current connection is gone (or an attempt failed): schedule the next try. */
    private void lost(String detail) {
        long now = System.currentTimeMillis();
        if (dropCurrent(now)) {
            backoff.disconnected(now);
        }
        if (closed.get()) {
            return;
        }
        counters.reconnects++;
        long delay = backoff.nextDelayMs();
        setStatus(ConnectionState.RECONNECTING, backoff.attempt(), now + delay, detail);
        retryTask = feed.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Retrying cannot help: stop until the user changes something. */
    private void fail(String detail) {
        dropCurrent(System.currentTimeMillis());
        setStatus(ConnectionState.FAILED, 0, 0, detail);
    }

    /** Tears the current connection down (if any); returns whether it had been welcomed (was CONNECTED). */
    private boolean dropCurrent(long now) {
        FeedConnection c = current;
        current = null;
        session = null;
        boolean wasConnected = welcomed;
        welcomed = false;
        cancelTimers();
        watchdog.disarm();
        if (wasConnected) {
            market.connectionLost(now);
        }
        forgetRemoving();
        tracker.connectionLost();
        if (c != null) {
            c.abort();
        }
        return wasConnected;
    }

    private void cancelTimers() {
        if (stallTask != null) {
            stallTask.cancel(false);
            stallTask = null;
        }
        if (pingTask != null) {
            pingTask.cancel(false);
            pingTask = null;
        }
        if (flushTask != null) {
            flushTask.cancel(false);
            flushTask = null;
        }
        if (pacerTask != null) {
            pacerTask.cancel(false);
            pacerTask = null;
        }
        pacer.clear();
        pingId = -1;
    }

    private void setStatus(ConnectionState state, int attempt, long nextRetryAtMs, String detail) {
        ConnectionStatus next = new ConnectionStatus(state, attempt, nextRetryAtMs, label, detail,
                System.currentTimeMillis());
        status = next;
        if (state == ConnectionState.RECONNECTING) {
            LOG.info("feed {} {}: {} (attempt {}, next try in {} ms)", label, state, detail, attempt,
                    Math.max(0, nextRetryAtMs - next.sinceMs())); // full jitter can pick 0 ms
        } else if (state == ConnectionState.FAILED) {
            LOG.warn("feed {} {}: {}", label, state, detail);
        } else {
            LOG.info("feed {} {}: {}", label, state, detail);
        }
        emit(new FeedEvent.StateChanged(next));
    }

    private void emit(FeedEvent event) {
        for (FeedListener l : listeners) {
            try {
                l.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("feed listener failed on {}", event, e);
            }
        }
    }

    private void bad(String kind, String detail) {
        counters.badFrames++;
        badFrameLog.warn(kind, detail, System.nanoTime());
    }

    private ResumeTracker.Position addPosition(String symbol) {
        ResumeTracker.Position p = tracker.add(symbol);
        table.add(symbol);
        market.addSymbol(symbol);
        return p;
    }

    /** Unsubscribes in flight are complete once the connection is gone. */
    private void forgetRemoving() {
        List<String> removing = new java.util.ArrayList<>();
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

    /** Every request goes through the pacer, so bursts (many resyncs at once) never trip the server's limit. */
    private void request(Message.Request message) {
        pacer.offer(message);
        drainRequests();
    }

    private void drainRequests() {
        long wait = pacer.drain(System.nanoTime(), this::send);
        if (wait >= 0 && pacerTask == null) {
            pacerTask = feed.schedule(() -> {
                pacerTask = null;
                drainRequests();
            }, wait, TimeUnit.NANOSECONDS);
        }
    }

    private void send(Message message) {
        Session s = session;
        if (s != null) {
            if (message instanceof Message.Ping) {
                pingSentNanos = System.nanoTime();
            }
            s.sendText(codec.encode(message), Callback.NOOP);
        }
    }

    private long nextId() {
        return nextRequestId++;
    }

    private static Throwable unwrap(Throwable t) {
        Throwable cause = t;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (!(cause instanceof UpgradeException)) {
            for (Throwable c = cause; c != null; c = c.getCause()) {
                if (c instanceof UpgradeException) {
                    return c;
                }
            }
        }
        return cause;
    }

    private static String describe(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
