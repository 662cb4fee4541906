package io.stockmonitor.feed;

import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.FeedLatency;
import io.stockmonitor.market.HistoryBars;
import io.stockmonitor.market.MarketModel;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection supervisor every source shares: connect, reconnect with jittered backoff, a handshake deadline and
 * a silence watchdog per socket, a planned second socket for a rollover, request pacing, the connection state
 * machine and its status; the single writer of the {@link MarketModel}. What the frames mean is the
 * {@link FeedSession}'s business.
 *
 * <p>Threading: one feed thread (a single-threaded scheduler) owns all state, the session's included. Jetty
 * callbacks, timers, HTTP responses and the public methods only post tasks to it. Each socket is a
 * {@link SocketConnection} with an id; the feed thread drops whatever comes from a socket it no longer holds.
 *
 * <p>States: CONNECTING (first attempt, until a socket is established), CONNECTED (a socket is established),
 * RECONNECTING (lost; the next attempt is scheduled), FAILED (retrying cannot help), CLOSED (by the user). Only the
 * session's {@link FeedLink#established} ends a handshake; frames before it (heartbeats, garbage) do not extend
 * the handshake deadline.
 */
public final class ConnectionSupervisor implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSupervisor.class);
    private static final AtomicInteger INSTANCES = new AtomicInteger();
    /** Watchdog checks run this many times per silence limit, so detection is late by at most 1/CHECKS of it. */
    private static final int WATCH_CHECKS_PER_LIMIT = 30;

    private final FeedClientConfig config;
    private final MarketModel market;
    private final FeedLatency latency = new FeedLatency();
    private final ScheduledThreadPoolExecutor feed;
    private final WebSocketClient webSocket;
    private final boolean ownsWebSocket;
    private final Backoff backoff;
    private final FeedCounters counters = new FeedCounters();
    private final RateLimitedLog badFrameLog = new RateLimitedLog(LOG);
    private final CopyOnWriteArrayList<FeedListener> listeners = new CopyOnWriteArrayList<>();
    private final TradeOutput output;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final String label;
    private final Link link = new Link();
    private final FeedSession session;
    private final RequestPacer<Paced> pacer;
    private volatile ConnectionStatus status;
    private volatile Thread feedThread;
    private volatile long lastStallSilenceMs = -1;
    /** The newest socket, for {@link #framesWaiting()} from any thread. */
    private volatile SocketConnection latestSocket;

    // ---- feed-thread state ----
    private final Set<String> symbols = new LinkedHashSet<>();
    /** The session heard start(): from now on it hears of every symbol added. */
    private boolean sessionStarted;
    private int nextSocketId;
    private SocketConnection primary;
    private SocketConnection standby;
    private ScheduledFuture<?> retryTask;
    private ScheduledFuture<?> watchTask;
    private ScheduledFuture<?> pacerTask;

    /** A frame waiting for the pacer, and the socket it is for. */
    private record Paced(int socket, String text, Runnable onSent) {
    }

    /**
     * A supervisor for the session {@code sessions} makes, over {@code webSocket}.
     *
     * @param label         what the user sees as the feed (a URL without query, or a provider's name)
     * @param ownsWebSocket true when this supervisor starts and stops {@code webSocket}; false for a shared, started
     *                      client (many supervisors in one process, e.g. tests)
     */
    public ConnectionSupervisor(FeedClientConfig config, MarketModel market, FeedSession.Factory sessions,
                                String label, WebSocketClient webSocket, boolean ownsWebSocket) {
        this.config = Objects.requireNonNull(config, "config");
        this.market = Objects.requireNonNull(market, "market");
        this.label = Objects.requireNonNull(label, "label");
        this.webSocket = Objects.requireNonNull(webSocket, "webSocket");
        this.ownsWebSocket = ownsWebSocket;
        SplittableRandom random = new SplittableRandom();
        this.backoff = new Backoff(config.backoffFirstMs(), config.backoffCapMs(), config.backoffResetAfterMs(),
                random::nextDouble);
        int n = INSTANCES.incrementAndGet();
        this.feed = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "feed-" + n);
            t.setDaemon(true);
            feedThread = t;
            return t;
        }) {
            @Override
            protected void afterExecute(Runnable task, Throwable thrown) {
                super.afterExecute(task, thrown);
                taskFailed(task, thrown);
            }
        };
        feed.setRemoveOnCancelPolicy(true);
        feed.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        // Once closed, what a task still running schedules (the watchdog's next check, a retry) has nothing left to
        // do: dropped, instead of a RejectedExecutionException thrown on the feed thread in the middle of its work.
        feed.setRejectedExecutionHandler(new java.util.concurrent.ThreadPoolExecutor.DiscardPolicy());
        this.output = new TradeOutput(market, counters, latency, this::emit);
        status = new ConnectionStatus(ConnectionState.CONNECTING, 0, 0, label, "not started",
                System.currentTimeMillis());
        this.session = sessions.create(link);
        this.pacer = new RequestPacer<>(session.requestsPerSecond());
        // The rows exist at once (the window shows them waiting); the session hears of them once started.
        for (String symbol : config.symbols()) {
            try {
                market.addSymbol(symbol);
            } catch (IllegalStateException e) {
                continue;
            }
            symbols.add(symbol);
        }
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
        post(() -> {
            session.start();
            sessionStarted = true;
            for (String symbol : symbols) {
                session.subscribe(symbol);
            }
            connect();
        });
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

    /** What the user sees as the feed. */
    public String label() {
        return label;
    }

    /** Symbols the source offers (for completion), empty until known. */
    public List<FeedSession.SymbolInfo> sourceSymbols() {
        return session.symbols();
    }

    /** Frames the newest socket read that the feed thread has not handled yet (bounded). Any thread. */
    int framesWaiting() {
        SocketConnection c = latestSocket;
        return c == null ? 0 : c.waitingFrames();
    }

    /** How long the connection had been silent when the watchdog last aborted it; -1 if it never did. */
    public long lastStallSilenceMs() {
        return lastStallSilenceMs;
    }

    /** Adds a symbol; any thread. A source that does not know it emits {@link FeedEvent.SymbolRejected}. */
    public void subscribe(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        post(() -> {
            if (!symbols.contains(symbol)) {
                addSymbol(symbol);
            }
        });
    }

    /** Bars a history request asks for at most (a few screens of a wide chart). */
    public static final int HISTORY_PAGE_BARS = 1_000;

    /**
     * Loads older bars of the symbol's {@code interval} ending before {@code beforeMs} from the source's history,
     * into the market model; any thread. One request per symbol and interval at a time; the model's
     * {@link io.stockmonitor.market.HistoryState} says when it is loading and when there is nothing older.
     */
    public void loadHistory(String symbol, BarInterval interval, long beforeMs) {
        post(() -> {
            if (!symbols.contains(symbol) || !sessionStarted || market.historyState(symbol, interval).loading()
                    || market.historyState(symbol, interval).exhausted()) {
                return;
            }
            market.historyLoading(symbol, interval);
            boolean asked = session.history(symbol, interval, beforeMs, HISTORY_PAGE_BARS,
                    new FeedSession.HistoryResult() {
                        @Override
                        public void bars(HistoryBars bars, boolean reachedStart) {
                            if (symbols.contains(symbol)) {
                                market.applyHistory(symbol, bars);
                                market.historyLoaded(symbol, interval, bars.oldest(),
                                        reachedStart || bars.count() == 0);
                            }
                        }

                        @Override
                        public void failed(String reason) {
                            LOG.info("feed {}: no history of {} {} ({})", label, symbol, interval.label(),
                                    PeerText.escape(reason));
                            market.historyLoaded(symbol, interval, Long.MAX_VALUE, false);
                        }
                    });
            if (!asked) {
                market.historyLoaded(symbol, interval, Long.MAX_VALUE, true);
            }
        });
    }

    /** Removes a symbol and its data from the model; any thread. */
    public void unsubscribe(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        post(() -> {
            if (symbols.remove(symbol)) {
                market.removeSymbol(symbol);
                if (sessionStarted) {
                    session.unsubscribe(symbol);
                }
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
        post(() -> output.sink(sink));
    }

    /**
     * Adds a listener that sees every applied trade and settled gap after the model and the record (alerts); any
     * thread: it joins on the feed thread, before any trade that task order puts after it.
     */
    public void addTradeListener(TradeListener listener) {
        Objects.requireNonNull(listener, "listener");
        post(() -> output.addListener(listener));
    }

    public void removeTradeListener(TradeListener listener) {
        post(() -> output.removeListener(listener));
    }

    /** Runs {@code task} on the feed thread soon, without waiting; any thread. Dropped once closed. */
    public void execute(Runnable task) {
        post(Objects.requireNonNull(task, "task"));
    }

    /**
     * Runs {@code task} on the feed thread every {@code periodMs} (fixed delay) until the returned future is
     * cancelled or the supervisor closed; any thread. Null when already closed.
     */
    public ScheduledFuture<?> every(long periodMs, Runnable task) {
        Objects.requireNonNull(task, "task");
        // After close the executor discards new work (see the constructor): say so instead of a future never run.
        return feed.isShutdown() ? null : feed.scheduleWithFixedDelay(task, periodMs, periodMs, TimeUnit.MILLISECONDS);
    }

    /** Runs {@code task} on the feed thread and waits for it (tests, benchmarks). */
    public void onFeedThread(Runnable task) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        post(() -> {
            try {
                task.run();
                done.complete(null);
            } catch (RuntimeException | Error e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("feed-thread task failed", e);
        }
    }

    /** Closes every socket (CLOSED) and stops the feed thread; waits briefly for both. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (Thread.currentThread() == feedThread) {
            shutDownOnFeedThread();
            feed.shutdown();
        } else {
            feed.execute(this::shutDownOnFeedThread);
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

    /** Runs {@code task} on the feed thread; once closed, dropped (late callbacks have nothing left to update). */
    void post(Runnable task) {
        feed.execute(task);
    }

    private void addSymbol(String symbol) {
        try {
            market.addSymbol(symbol);
        } catch (IllegalStateException e) {
            emit(new FeedEvent.SymbolRejected(symbol, null, e.getMessage()));
            return;
        }
        symbols.add(symbol);
        if (sessionStarted) {
            session.subscribe(symbol);
        }
    }

    private void shutDownOnFeedThread() {
        cancelTimers();
        if (retryTask != null) {
            retryTask.cancel(false);
        }
        session.close();
        for (SocketConnection c : new SocketConnection[] {standby, primary}) {
            if (c == null) {
                continue;
            }
            Session s = c.session;
            if (s != null && s.isOpen()) {
                s.close();
            } else {
                c.abort();
            }
        }
        primary = null;
        standby = null;
        setStatus(ConnectionState.CLOSED, 0, 0, "closed by the user");
    }

    private void connect() {
        if (closed.get() || status.state() == ConnectionState.FAILED) {
            return;
        }
        SocketConnection c = open();
        if (c == null) {
            return;
        }
        primary = c;
        if (status.state() == ConnectionState.CONNECTING && !"connecting".equals(status.detail())) {
            setStatus(ConnectionState.CONNECTING, 0, 0, "connecting");
        }
    }

    /** Starts a socket for the session's next request; null after {@link #fail} when none can be made. */
    private SocketConnection open() {
        SocketRequest request;
        try {
            request = session.nextRequest();
        } catch (IllegalArgumentException e) {
            fail(e.getMessage());
            return null;
        }
        URI uri = request.uri();
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equalsIgnoreCase("ws") || scheme.equalsIgnoreCase("wss"))
                || uri.getHost() == null) {
            fail("malformed URL: " + request.label() + " (expected ws://HOST:PORT/path or wss://...)");
            return null;
        }
        SocketConnection c = new SocketConnection(this, ++nextSocketId, request);
        latestSocket = c;
        long now = System.nanoTime();
        c.lastFrameNanos = now;
        c.handshakeDeadlineNanos = now + TimeUnit.MILLISECONDS.toNanos(config.handshakeTimeoutMs());
        ClientUpgradeRequest upgrade = new ClientUpgradeRequest(uri);
        for (Map.Entry<String, String> h : request.headers().entrySet()) {
            upgrade.setHeader(h.getKey(), h.getValue());
        }
        if (!request.subprotocols().isEmpty()) {
            upgrade.setSubProtocols(request.subprotocols());
        }
        if (!request.extensions().isEmpty()) {
            upgrade.addExtensions(request.extensions().toArray(String[]::new));
        }
        scheduleWatch();
        try {
            CompletableFuture<Session> f = webSocket.connect(c, upgrade);
            c.upgrade = f;
            f.whenComplete((s, error) -> {
                if (error != null) {
                    post(() -> onConnectFailed(c, error));
                }
            });
        } catch (Exception e) {
            post(() -> onConnectFailed(c, e));
        }
        return c;
    }

    private boolean holds(SocketConnection c) {
        return c != null && (c == primary || c == standby);
    }

    void onOpen(SocketConnection c, Session s) {
        if (!holds(c)) {
            s.disconnect();
            return;
        }
        c.lastFrameNanos = System.nanoTime();
        session.opened(c.id);
    }

    void onConnectFailed(SocketConnection c, Throwable error) {
        if (!holds(c)) {
            return;
        }
        Throwable cause = unwrap(error);
        if (c == standby) {
            LOG.info("feed {}: the replacement socket failed: {}", label, c.request.redact(describe(cause)));
            standby = null;
            session.lost(c.id, false);
            return;
        }
        if (cause instanceof UpgradeException u) {
            int code = u.getResponseStatusCode();
            if (code == 401 || code == 403) {
                fail("HTTP " + code + " unauthorized: check the token or key");
                return;
            }
            if (code == 404) {
                fail("HTTP 404: no feed at " + c.request.label());
                return;
            }
            if (code >= 300 && code < 400) {
                fail("HTTP " + code + ": the server redirects elsewhere, and redirects are not followed "
                        + "(connect to the address you mean directly)");
                return;
            }
            lost("upgrade failed: HTTP " + code);
            return;
        }
        Optional<String> refused = CertificateFailure.describe(error, c.request.uri().getHost(), config.trust());
        if (refused.isPresent()) {
            fail(c.request.redact(refused.get()));
            return;
        }
        // Jetty's messages name the URL, and a provider's URL may carry a token in its query: show the label.
        lost("cannot connect: " + c.request.redact(describe(cause)));
    }

    void onClosed(SocketConnection c, String detail) {
        if (!holds(c)) {
            return;
        }
        if (c == standby) {
            standby = null;
            session.lost(c.id, c.established);
            return;
        }
        if (standby != null && standby.established) {
            // The replacement already carries the feed: the old socket's end is no loss.
            LOG.info("feed {}: socket {} ended ({}); the replacement carries on", label, c.id, detail);
            promoteStandby();
            session.lost(c.id, true);
            return;
        }
        lost(detail);
    }

    void onText(SocketConnection c, String text) {
        if (!holds(c)) {
            return;
        }
        counters.add(FeedCounters.Counter.MESSAGES_RECEIVED);
        long now = System.nanoTime();
        c.lastFrameNanos = now;
        long badBefore = counters.get(FeedCounters.Counter.BAD_FRAMES);
        try {
            session.text(c.id, text);
        } catch (RuntimeException e) {
            // Our bug, not the peer's fault: the frame is lost and counted, and the frames behind it still get read.
            counters.add(FeedCounters.Counter.BAD_FRAMES);
            badFrameLog.error("frame-failed", System.nanoTime(), "feed {}: a frame could not be handled", label, e);
        }
        noteUsable(c, counters.get(FeedCounters.Counter.BAD_FRAMES) == badBefore, now);
    }

    /**
     * Frames keep a connection alive only while some of them can be used: one whose frames have all been bad for as
     * long as the silence limit is dropped as a stalled one is, and a new one made. A stream gone bad for good (seen
     * in a soak: every frame of one connection "not a JSON object", thousands a second) would otherwise hold the
     * client CONNECTED forever with nothing applied.
     */
    private void noteUsable(SocketConnection c, boolean usable, long now) {
        if (usable) {
            c.unusableSinceNanos = 0;
            return;
        }
        if (c.unusableSinceNanos == 0) {
            c.unusableSinceNanos = now;
            return;
        }
        if (c.established && holds(c) && now - c.unusableSinceNanos >= c.silenceLimitNanos) {
            drop(c, "only unusable frames for " + TimeUnit.NANOSECONDS.toMillis(now - c.unusableSinceNanos)
                    + " ms (limit " + TimeUnit.NANOSECONDS.toMillis(c.silenceLimitNanos) + " ms)");
        }
    }

    /**
     * The executor keeps what a task threw inside the task's future, where nobody looks: a failure on the feed thread
     * is logged instead of vanishing.
     */
    private void taskFailed(Runnable task, Throwable thrown) {
        Throwable failure = thrown;
        if (failure == null && task instanceof java.util.concurrent.Future<?> f && f.isDone() && !f.isCancelled()) {
            try {
                f.get();
            } catch (ExecutionException e) {
                failure = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (failure != null) {
            badFrameLog.error("task-failed", System.nanoTime(), "feed {}: a task on the feed thread failed", label,
                    failure);
        }
    }

    /** A binary frame: a bad frame (no source speaks binary), counted and skipped; still a sign of life. */
    void onBinary(SocketConnection c, int bytes) {
        if (!holds(c)) {
            return;
        }
        long now = System.nanoTime();
        c.lastFrameNanos = now;
        link.bad("binary", "a binary frame of " + bytes + " bytes; the feed speaks text frames only");
        noteUsable(c, false, now);
    }

    void onPing(SocketConnection c) {
        if (holds(c)) {
            c.lastFrameNanos = System.nanoTime();
        }
    }

    /** A pong: a sign of life; {@code sentNanos} is our ping's payload (-1 when it is not ours). */
    void onPong(SocketConnection c, long sentNanos) {
        if (!holds(c)) {
            return;
        }
        long now = System.nanoTime();
        c.lastFrameNanos = now;
        long rttMs = TimeUnit.NANOSECONDS.toMillis(now - sentNanos);
        if (sentNanos != -1 && rttMs >= 0 && rttMs < TimeUnit.MINUTES.toMillis(10)) {
            latency.recordRtt(rttMs);
        }
    }

    private void promoteStandby() {
        primary = standby;
        standby = null;
        latestSocket = primary;
    }

    private SocketConnection byId(int id) {
        if (primary != null && primary.id == id) {
            return primary;
        }
        if (standby != null && standby.id == id) {
            return standby;
        }
        return null;
    }

    private void checkSockets() {
        watchTask = null;
        long now = System.nanoTime();
        for (SocketConnection c : new SocketConnection[] {standby, primary}) {
            if (!holds(c)) {
                continue;
            }
            String why = null;
            if (!c.established && now - c.handshakeDeadlineNanos >= 0) {
                why = "timed out: handshake not complete within " + config.handshakeTimeoutMs() + " ms";
            } else if (c.established && c.silentNanos(now) >= c.silenceLimitNanos) {
                long silentMs = TimeUnit.NANOSECONDS.toMillis(c.silentNanos(now));
                lastStallSilenceMs = silentMs;
                why = "stalled: no frame for " + silentMs + " ms (limit "
                        + TimeUnit.NANOSECONDS.toMillis(c.silenceLimitNanos) + " ms)";
            }
            if (why != null) {
                drop(c, why);
            }
        }
        if (primary != null || standby != null) {
            scheduleWatch();
        }
    }

    /** Gives up socket {@code c} for {@code why}: a replacement socket quietly, the live one as a lost connection. */
    private void drop(SocketConnection c, String why) {
        if (c == standby) {
            LOG.info("feed {}: replacement socket {} {}", label, c.id, why);
            standby = null;
            c.abort();
            session.lost(c.id, c.established);
        } else {
            onClosed(c, why);
            c.abort();
        }
    }

    private void scheduleWatch() {
        if (watchTask != null) {
            watchTask.cancel(false);
        }
        long limit = TimeUnit.MILLISECONDS.toNanos(config.handshakeTimeoutMs());
        for (SocketConnection c : new SocketConnection[] {primary, standby}) {
            if (c != null && c.established) {
                limit = Math.min(limit, c.silenceLimitNanos);
            }
        }
        long period = Math.max(TimeUnit.MILLISECONDS.toNanos(5), limit / WATCH_CHECKS_PER_LIMIT);
        period = Math.min(period, TimeUnit.MILLISECONDS.toNanos(250));
        watchTask = feed.schedule(this::checkSockets, period, TimeUnit.NANOSECONDS);
    }

    /** The connection is gone (or an attempt failed): schedule the next try. */
    private void lost(String detail) {
        long now = System.currentTimeMillis();
        if (dropAll(now)) {
            backoff.disconnected(now);
            counters.add(FeedCounters.Counter.CONNECTIONS_LOST);
        }
        if (closed.get()) {
            return;
        }
        counters.add(FeedCounters.Counter.RECONNECTS);
        long delay = backoff.nextDelayMs();
        setStatus(ConnectionState.RECONNECTING, backoff.attempt(), now + delay, detail);
        retryTask = feed.schedule(this::connect, delay, TimeUnit.MILLISECONDS);
    }

    /** Retrying cannot help: stop until the user changes something. */
    private void fail(String detail) {
        dropAll(System.currentTimeMillis());
        setStatus(ConnectionState.FAILED, 0, 0, detail);
    }

    /** Tears every socket down; returns whether one had been established (was CONNECTED). */
    private boolean dropAll(long nowMs) {
        SocketConnection p = primary;
        SocketConnection s = standby;
        primary = null;
        standby = null;
        boolean wasConnected = (p != null && p.established) || (s != null && s.established);
        cancelTimers();
        if (wasConnected) {
            market.connectionLost(nowMs);
        }
        for (SocketConnection c : new SocketConnection[] {s, p}) {
            if (c != null) {
                c.abort();
                session.lost(c.id, c.established);
            }
        }
        return wasConnected;
    }

    private void cancelTimers() {
        if (watchTask != null) {
            watchTask.cancel(false);
            watchTask = null;
        }
        if (pacerTask != null) {
            pacerTask.cancel(false);
            pacerTask = null;
        }
        pacer.clear();
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

    private void drainRequests() {
        long wait = pacer.drain(System.nanoTime(), this::sendNow);
        if (wait >= 0 && pacerTask == null) {
            pacerTask = feed.schedule(() -> {
                pacerTask = null;
                drainRequests();
            }, wait, TimeUnit.NANOSECONDS);
        }
    }

    private void sendNow(Paced p) {
        SocketConnection c = byId(p.socket());
        Session s = c == null ? null : c.session;
        if (s != null) {
            if (p.onSent() != null) {
                p.onSent().run();
            }
            s.sendText(p.text(), Callback.NOOP);
        }
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

    /** The session's view of this supervisor. */
    private final class Link implements FeedLink {
        @Override
        public void send(int socket, String text) {
            send(socket, text, null);
        }

        @Override
        public void send(int socket, String text, Runnable onSent) {
            pacer.offer(new Paced(socket, text, onSent));
            drainRequests();
        }

        @Override
        public void established(int socket, String detail, long silenceLimitMs) {
            SocketConnection c = byId(socket);
            if (c == null || c.established) {
                return;
            }
            c.established = true;
            c.silenceLimitNanos = TimeUnit.MILLISECONDS.toNanos(silenceLimitMs);
            c.lastFrameNanos = System.nanoTime();
            scheduleWatch();
            if (status.state() != ConnectionState.CONNECTED) {
                long now = System.currentTimeMillis();
                backoff.connected(now);
                setStatus(ConnectionState.CONNECTED, 0, 0, detail);
                market.connectionRestored(now);
            } else {
                LOG.info("feed {}: socket {} established: {}", label, socket, detail);
            }
        }

        @Override
        public void detail(String detail) {
            ConnectionStatus current = status;
            if (current.state() != ConnectionState.CONNECTED || current.detail().equals(detail)) {
                return;
            }
            // The same CONNECTED period goes on: its start stays.
            ConnectionStatus next = new ConnectionStatus(ConnectionState.CONNECTED, 0, 0, label, detail,
                    current.sinceMs());
            status = next;
            LOG.info("feed {} {}: {}", label, ConnectionState.CONNECTED, detail);
            emit(new FeedEvent.StateChanged(next));
        }

        @Override
        public void ping(int socket) {
            SocketConnection c = byId(socket);
            Session s = c == null ? null : c.session;
            if (s != null && s.isOpen()) {
                s.sendPing(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(0, System.nanoTime()), Callback.NOOP);
            }
        }

        @Override
        public void silenceLimit(int socket, long silenceLimitMs) {
            SocketConnection c = byId(socket);
            if (c != null && c.established) {
                c.silenceLimitNanos = TimeUnit.MILLISECONDS.toNanos(silenceLimitMs);
                scheduleWatch();
            }
        }

        @Override
        public void fail(String reason) {
            ConnectionSupervisor.this.fail(reason);
        }

        @Override
        public void reconnect(String reason) {
            lost(reason);
        }

        @Override
        public int rollover(String reason) {
            if (standby != null || primary == null || !primary.established || closed.get()) {
                return -1;
            }
            LOG.info("feed {}: opening a replacement socket ({})", label, reason);
            SocketConnection c = open();
            if (c == null) {
                return -1;
            }
            standby = c;
            latestSocket = primary;
            return c.id;
        }

        @Override
        public void retire(int socket) {
            SocketConnection c = byId(socket);
            if (c == null) {
                return;
            }
            c.retired = true;
            if (c == primary) {
                if (standby != null) {
                    promoteStandby();
                } else {
                    primary = null;
                }
            } else {
                standby = null;
            }
            Session s = c.session;
            if (s != null && s.isOpen()) {
                s.close(1000, "replaced", Callback.NOOP);
            } else {
                c.abort();
            }
            session.lost(c.id, c.established);
            if (primary == null) {
                lost("socket " + socket + " retired with no replacement");
            }
        }

        @Override
        public String subprotocol(int socket) {
            SocketConnection c = byId(socket);
            org.eclipse.jetty.websocket.api.Session s = c == null ? null : c.session;
            return s == null || s.getUpgradeResponse() == null ? null : s.getUpgradeResponse().getAcceptedSubProtocol();
        }

        @Override
        public int primarySocket() {
            if (primary != null && primary.established) {
                return primary.id;
            }
            return standby != null && standby.established ? standby.id : -1;
        }

        @Override
        public void dropSymbol(String symbol) {
            if (symbols.remove(symbol)) {
                market.removeSymbol(symbol);
            }
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, long delayMs) {
            return feed.schedule(task, Math.max(0, delayMs), TimeUnit.MILLISECONDS);
        }

        @Override
        public void post(Runnable task) {
            ConnectionSupervisor.this.post(task);
        }

        @Override
        public HttpClient http() {
            return webSocket.getHttpClient();
        }

        @Override
        public MarketModel market() {
            return market;
        }

        @Override
        public FeedCounters counters() {
            return counters;
        }

        @Override
        public FeedLatency latency() {
            return latency;
        }

        @Override
        public TradeOutput output() {
            return output;
        }

        @Override
        public void emit(FeedEvent event) {
            ConnectionSupervisor.this.emit(event);
        }

        @Override
        public RateLimitedLog peerLog() {
            return badFrameLog;
        }

        @Override
        public void bad(String kind, String detail) {
            counters.add(FeedCounters.Counter.BAD_FRAMES);
            badFrameLog.warn(kind, detail, System.nanoTime());
        }

        @Override
        public FeedClientConfig config() {
            return config;
        }
    }
}
