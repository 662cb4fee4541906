package io.stockmonitor.source.testing;

import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;

/**
 * A market-data provider served from the test tree: a real Jetty server on 127.0.0.1 (ephemeral port) with the
 * provider's WebSocket and REST API, an {@link EmulatedMarket} whose trade list is the truth tests compare with,
 * and fault controls (drop, silence, ids skipped on the socket, duplicated messages, REST 429/418 with
 * Retry-After, refused upgrades, server pings that must be answered).
 *
 * <p>Threading: one emulator thread owns the market, the sockets' subscriptions and every send, so the order of
 * frames on a socket is the order in which the emulator decided them. Jetty callbacks and REST requests are
 * handed to that thread. A subclass implements the provider's wire format: {@link #configure} maps its socket
 * paths, {@link #rest} answers its REST API, {@link #stream} sends one new trade to whoever subscribed it.
 */
public abstract class ProviderEmulator implements AutoCloseable {
    /** What a REST call answers. */
    public record RestResponse(int status, Map<String, String> headers, String body) {
        public static RestResponse json(String body) {
            return new RestResponse(200, Map.of(), body);
        }

        public static RestResponse error(int status, String body) {
            return new RestResponse(status, Map.of(), body);
        }
    }

    /** One REST call as the subclass sees it. */
    public record RestRequest(String method, String path, Fields query, HttpFields headers) {
        public String param(String name) {
            return query.getValue(name);
        }
    }

    protected final EmulatedMarket market;
    private final ScheduledExecutorService loop;
    private final Server server;
    private final Set<EmulatedSocket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger upgrades = new AtomicInteger();
    private final AtomicLong restCalls = new AtomicLong();
    private final List<RestRequest> restLog = new ArrayList<>();
    private URI wsBase;
    private URI restBase;
    private ScheduledFuture<?> trading;
    private ScheduledFuture<?> pinging;

    // Faults: emulator thread only, except where noted.
    private long silentUntilNanos;
    private final Map<String, Integer> skipOnSocket = new HashMap<>();
    private final Map<String, Integer> duplicateOnSocket = new HashMap<>();
    private int restFailuresLeft;
    private int restFailureStatus;
    private long restFailureRetryAfterSeconds;
    private volatile int upgradeRefusalsLeft;
    private volatile int upgradeRefusalStatus;

    protected ProviderEmulator(long seed) {
        this.market = new EmulatedMarket(seed, Clock.systemUTC());
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, getClass().getSimpleName() + "-loop");
            t.setDaemon(true);
            return t;
        });
        this.server = new Server();
    }

    /** Starts the server on an ephemeral loopback port; {@link #wsBase()} and {@link #restBase()} tell where. */
    public final void start() throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        WebSocketUpgradeHandler ws = WebSocketUpgradeHandler.from(server, this::configure);
        ws.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                serveRest(request, response, callback);
                return true;
            }
        });
        server.setHandler(ws);
        server.start();
        int port = connector.getLocalPort();
        wsBase = URI.create("ws://127.0.0.1:" + port);
        restBase = URI.create("http://127.0.0.1:" + port);
    }

    /** {@code ws://127.0.0.1:PORT}: the provider's socket paths hang below it. */
    public URI wsBase() {
        return wsBase;
    }

    /** {@code http://127.0.0.1:PORT}: the provider's REST paths hang below it. */
    public URI restBase() {
        return restBase;
    }

    // ------------------------------------------------------------------ provider wire format (subclasses)

    /** Maps the provider's socket paths, each to a creator that calls {@link #admit} first. */
    protected abstract void configure(ServerWebSocketContainer container);

    /** Answers one REST call, on the emulator thread; null means 404. */
    protected abstract RestResponse rest(RestRequest request);

    /** The body of an injected REST failure (e.g. Binance's {"code":-1003,...}). */
    protected abstract String restFailureBody(int status);

    /** Sends a new trade to the sockets that subscribed its symbol, on the emulator thread (use {@link #send}). */
    protected abstract void stream(EmulatedTrade trade, boolean duplicate);

    // ------------------------------------------------------------------ market

    /** Adds a symbol before or while trading (see {@link EmulatedMarket#add}). */
    public void addSymbol(String symbol, String startPrice, String tickSize, long firstId) {
        call(() -> {
            market.add(symbol, startPrice, tickSize, firstId);
            return null;
        });
    }

    /** Every emulated symbol trades at {@code perSecond} on average, until {@link #stopTrading()}. */
    public void startTrading(double perSecond) {
        call(() -> {
            if (trading != null) {
                trading.cancel(false);
            }
            long periodMicros = Math.max(100, Math.round(1_000_000 / perSecond));
            trading = loop.scheduleAtFixedRate(() -> market.symbols().forEach(this::trade), periodMicros,
                    periodMicros, TimeUnit.MICROSECONDS);
            return null;
        });
    }

    public void stopTrading() {
        call(() -> {
            if (trading != null) {
                trading.cancel(false);
                trading = null;
            }
            return null;
        });
    }

    /** Makes {@code n} trades of the symbol now and streams them (subject to the faults); returns them. */
    public List<EmulatedTrade> trade(String symbol, int n) {
        return call(() -> {
            List<EmulatedTrade> made = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                made.add(trade(symbol));
            }
            return made;
        });
    }

    private EmulatedTrade trade(String symbol) {
        EmulatedTrade t = market.next(symbol);
        if (take(skipOnSocket, symbol) || silent()) {
            return t;
        }
        stream(t, false);
        if (take(duplicateOnSocket, symbol)) {
            stream(t, true);
        }
        return t;
    }

    /** Uses one of the symbol's remaining fault counts; false when none is left. */
    private static boolean take(Map<String, Integer> counts, String symbol) {
        Integer left = counts.get(symbol);
        if (left == null) {
            return false;
        }
        if (left <= 1) {
            counts.remove(symbol);
        } else {
            counts.put(symbol, left - 1);
        }
        return true;
    }

    /** The whole trade list of the symbol so far, oldest first. */
    public List<EmulatedTrade> trades(String symbol) {
        return call(() -> market.trades(symbol));
    }

    /** Runs {@code task} on the emulator thread and waits for it. */
    public final <T> T call(Callable<T> task) {
        try {
            return loop.submit(task).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("emulator task failed", e);
        }
    }

    protected final void execute(Runnable task) {
        loop.execute(task);
    }

    protected final ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return loop.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    // ------------------------------------------------------------------ faults

    /** Closes every socket abruptly: no close frame (a network drop). */
    public void dropAll() {
        for (EmulatedSocket s : sockets) {
            s.session().disconnect();
        }
    }

    /** Sends nothing on any socket for {@code d} (trades go on into the history; frames meant for now are lost). */
    public void silence(Duration d) {
        call(() -> {
            silentUntilNanos = System.nanoTime() + d.toNanos();
            return null;
        });
    }

    protected final boolean silent() {
        return System.nanoTime() - silentUntilNanos < 0;
    }

    /** The next {@code n} trades of the symbol are never sent on any socket; REST still has them. */
    public void skipOnSocket(String symbol, int n) {
        call(() -> skipOnSocket.put(symbol, n));
    }

    /** The next {@code n} trades of the symbol are each sent twice. */
    public void duplicateOnSocket(String symbol, int n) {
        call(() -> duplicateOnSocket.put(symbol, n));
    }

    /** The next {@code count} REST calls fail with {@code status} and {@code Retry-After: seconds}. */
    public void failRest(int status, long retryAfterSeconds, int count) {
        call(() -> {
            restFailuresLeft = count;
            restFailureStatus = status;
            restFailureRetryAfterSeconds = retryAfterSeconds;
            return null;
        });
    }

    /** The next {@code count} upgrades are refused with {@code status}. */
    public void refuseUpgrades(int status, int count) {
        upgradeRefusalStatus = status;
        upgradeRefusalsLeft = count;
    }

    /**
     * Sends a WebSocket ping on every socket each {@code interval}; a socket that has not answered the previous
     * one with a pong within {@code pongDeadline} is closed (as the providers document).
     */
    public void serverPings(Duration interval, Duration pongDeadline) {
        call(() -> {
            if (pinging != null) {
                pinging.cancel(false);
            }
            pinging = loop.scheduleAtFixedRate(() -> {
                long now = System.nanoTime();
                for (EmulatedSocket s : sockets) {
                    s.ping(now, pongDeadline.toNanos());
                }
            }, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
            return null;
        });
    }

    // ------------------------------------------------------------------ counters

    /** Upgrade requests seen (refused ones included). */
    public int upgrades() {
        return upgrades.get();
    }

    public int openSockets() {
        return sockets.size();
    }

    public long restCalls() {
        return restCalls.get();
    }

    /** Every REST call so far, in order (a copy). */
    public List<RestRequest> restLog() {
        return call(() -> List.copyOf(restLog));
    }

    // ------------------------------------------------------------------ plumbing

    /**
     * Called first by every creator: counts the upgrade and applies an injected refusal. Returns false when the
     * upgrade was refused (the creator then returns null).
     */
    protected final boolean admit(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        upgrades.incrementAndGet();
        if (upgradeRefusalsLeft > 0) {
            upgradeRefusalsLeft--;
            refuse(response, callback, upgradeRefusalStatus, restFailureBody(upgradeRefusalStatus));
            return false;
        }
        return true;
    }

    /** Refuses an upgrade with an HTTP status and body. */
    protected static void refuse(ServerUpgradeResponse response, Callback callback, int status, String body) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        Content.Sink.write(response, true, body, callback);
    }

    /** Sends a text frame on the socket unless the emulator is silent. Emulator thread. */
    protected final void send(EmulatedSocket socket, String text) {
        if (!silent() && socket.session().isOpen()) {
            socket.session().sendText(text, org.eclipse.jetty.websocket.api.Callback.NOOP);
        }
    }

    protected final Set<EmulatedSocket> sockets() {
        return sockets;
    }

    private void serveRest(Request request, Response response, Callback callback) {
        restCalls.incrementAndGet();
        RestRequest r = new RestRequest(request.getMethod(), Request.getPathInContext(request),
                Request.extractQueryParameters(request), request.getHeaders());
        RestResponse reply;
        try {
            reply = call(() -> {
                restLog.add(r);
                if (restFailuresLeft > 0) {
                    restFailuresLeft--;
                    return new RestResponse(restFailureStatus,
                            Map.of("Retry-After", Long.toString(restFailureRetryAfterSeconds)),
                            restFailureBody(restFailureStatus));
                }
                RestResponse answer = rest(r);
                return answer == null ? RestResponse.error(404, "{\"error\":\"not found\"}") : answer;
            });
        } catch (RuntimeException e) {
            reply = RestResponse.error(500, "{\"error\":\"emulator failed: " + e + "\"}");
        }
        response.setStatus(reply.status());
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        reply.headers().forEach((k, v) -> response.getHeaders().put(k, v));
        Content.Sink.write(response, true, reply.body(), callback);
    }

    /** Stops trading and the server; every socket is closed. */
    @Override
    public void close() {
        loop.shutdownNow();
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("emulator did not stop", e);
        }
    }

    /**
     * One client socket. Text frames are handed to the emulator thread ({@link #onRequest}); pongs are tracked for
     * {@link #serverPings}. Public: Jetty requires endpoint classes to be.
     */
    public abstract static class EmulatedSocket implements Session.Listener.AutoDemanding {
        private final ProviderEmulator emulator;
        private volatile Session session;
        private long pingSentNanos = -1;
        private volatile long lastPongNanos;

        protected EmulatedSocket(ProviderEmulator emulator) {
            this.emulator = emulator;
        }

        public Session session() {
            return session;
        }

        /** A text frame from the client, on the emulator thread. */
        protected abstract void onRequest(String text);

        /** The socket is open, on the emulator thread (e.g. a greeting). */
        protected void onOpen() {
        }

        protected final ProviderEmulator emulator() {
            return emulator;
        }

        protected final void send(String text) {
            emulator.send(this, text);
        }

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
            emulator.sockets.add(this);
            emulator.execute(this::onOpen);
        }

        @Override
        public void onWebSocketText(String text) {
            emulator.execute(() -> onRequest(text));
        }

        @Override
        public void onWebSocketPong(ByteBuffer payload) {
            lastPongNanos = System.nanoTime();
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
            emulator.sockets.remove(this);
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            emulator.sockets.remove(this);
        }

        private void ping(long nowNanos, long deadlineNanos) {
            Session s = session;
            if (s == null || !s.isOpen()) {
                return;
            }
            if (pingSentNanos >= 0 && lastPongNanos - pingSentNanos < 0 && nowNanos - pingSentNanos > deadlineNanos) {
                s.close(1008, "pong timeout", org.eclipse.jetty.websocket.api.Callback.NOOP);
                return;
            }
            if (pingSentNanos < 0 || lastPongNanos - pingSentNanos >= 0) {
                pingSentNanos = nowNanos;
                s.sendPing(ByteBuffer.wrap(Long.toString(nowNanos).getBytes(StandardCharsets.US_ASCII)),
                        org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        }
    }
}
