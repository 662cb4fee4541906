package io.stockmonitor.bench.cluster;

import io.stockmonitor.bench.FrameText;
import io.stockmonitor.protocol.Protocol;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The load generator of {@link ClusterBench}, in its own JVM: N protocol v2 connections to the first of the given
 * servers, each subscribed to the symbols. A connection that is closed reconnects to the next server and resumes from
 * the last seq it had of each symbol (as the desktop client does), so it counts every gap and duplicate across the
 * move. Driven by lines on stdin: {@code RESET} (start measuring), {@code REPORT} (print a {@code RESULT} line),
 * {@code MARK} (answered {@code MARKED}, then comes the failure: later lines report how long until every connection
 * had a tick of every symbol after it, and the bytes received since), {@code RECOVERY} (print that as a
 * {@code RECOVERY} line), {@code QUIT}.
 *
 * <p>Args: CONNECTIONS SYMBOL[,SYMBOL...] URI [URI...]
 */
public final class ClusterLoadGeneratorMain {

    private final List<URI> servers = new ArrayList<>();
    private final List<String> symbols;
    private final LongAdder ticks = new LongAdder();
    private final LongAdder gaps = new LongAdder();
    private final LongAdder duplicates = new LongAdder();
    private final LongAdder snapshots = new LongAdder();
    private final LongAdder bytesSinceMark = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final Recorder latency = new Recorder(TimeUnit.SECONDS.toMillis(60), 3);
    private final AtomicLong lastFirstTickAfterMark = new AtomicLong();
    private final LongAdder pendingAfterMark = new LongAdder();
    private volatile long markMs = Long.MAX_VALUE;
    private volatile boolean stopping;
    private WebSocketClient client;

    private ClusterLoadGeneratorMain(List<String> symbols) {
        this.symbols = symbols;
    }

    public static void main(String[] args) throws Exception {
        ClusterLoadGeneratorMain g = new ClusterLoadGeneratorMain(List.of(args[1].split(",")));
        for (int i = 2; i < args.length; i++) {
            g.servers.add(URI.create(args[i]));
        }
        try {
            g.run(Integer.parseInt(args[0]));
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // Jetty's threads would keep a failed load generator alive
        }
    }

    private void run(int connections) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("loadgen");
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        client = new WebSocketClient(http);
        client.setMaxTextMessageSize(Protocol.MAX_SERVER_FRAME_BYTES);
        client.setIdleTimeout(Duration.ofMinutes(5));
        http.setMaxConnectionsPerDestination(connections + 16);
        client.start();
        List<Conn> conns = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            conns.add(new Conn());
        }
        int batch = 50;
        for (int i = 0; i < connections; i += batch) {
            List<CompletableFuture<Session>> pending = new ArrayList<>();
            for (int j = i; j < Math.min(connections, i + batch); j++) {
                pending.add(conns.get(j).connect(0));
            }
            for (int j = 0; j < pending.size(); j++) {
                firstConnect(conns.get(i + j), pending.get(j));
            }
        }
        System.out.println("READY " + connections);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        long start = System.nanoTime();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            switch (line.trim()) {
                case "RESET" -> {
                    ticks.reset();
                    gaps.reset();
                    duplicates.reset();
                    latency.reset();
                    start = System.nanoTime();
                }
                case "REPORT" -> {
                    double seconds = (System.nanoTime() - start) / 1e9;
                    Histogram h = latency.getIntervalHistogram();
                    System.out.printf("RESULT connections=%d ticksPerSecond=%.0f p50Ms=%d p90Ms=%d p99Ms=%d maxMs=%d "
                                    + "gaps=%d duplicates=%d%n", connections, ticks.sum() / seconds,
                            h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                            h.getMaxValue(), gaps.sum(), duplicates.sum());
                }
                case "MARK" -> {
                    // Counters first: the failure follows our MARKED at once, and what it causes must count.
                    bytesSinceMark.reset();
                    reconnects.reset();
                    snapshots.reset();
                    gaps.reset();
                    duplicates.reset();
                    markMs = System.currentTimeMillis();
                    for (Conn c : conns) {
                        c.markPending();
                    }
                    System.out.println("MARKED");
                }
                case "RECOVERY" -> System.out.printf("RECOVERY pending=%d allTickedAfterMs=%d bytes=%d "
                                + "reconnects=%d snapshots=%d gaps=%d duplicates=%d%n", pendingAfterMark.sum(),
                        pendingAfterMark.sum() == 0 ? lastFirstTickAfterMark.get() - markMs : -1,
                        bytesSinceMark.sum(), reconnects.sum(), snapshots.sum(), gaps.sum(), duplicates.sum());
                case "QUIT" -> {
                    stopping = true;
                    client.stop();
                    System.exit(0);
                }
                default -> System.err.println("loadgen: unknown command " + line);
            }
            System.out.flush();
        }
    }

    /** Waits for a connection's first upgrade; one refused on a busy machine is tried again (at most 5 times). */
    private static void firstConnect(Conn c, CompletableFuture<Session> first) throws Exception {
        CompletableFuture<Session> attempt = first;
        for (int tries = 1; ; tries++) {
            try {
                attempt.get(60, TimeUnit.SECONDS);
                return;
            } catch (java.util.concurrent.ExecutionException e) {
                if (tries == 5) {
                    throw e;
                }
                System.err.println("loadgen: connect failed (" + e.getCause() + "), trying again");
                Thread.sleep(100);
                attempt = c.connect(0);
            }
        }
    }

    /** One client connection: its resume positions survive a reconnect (public: Jetty calls its methods). */
    public final class Conn implements Session.Listener.AutoDemanding {
        private final Map<String, long[]> last = new HashMap<>();
        private final Map<String, Boolean> awaitingAfterMark = new HashMap<>();
        private final java.util.concurrent.atomic.AtomicBoolean down = new java.util.concurrent.atomic.AtomicBoolean();
        /** Until the first open, a failed upgrade is retried by {@link #firstConnect}, on the same server. */
        private volatile boolean opened;
        private volatile String epoch;
        private int server;

        CompletableFuture<Session> connect(int serverIndex) {
            server = serverIndex;
            ClientUpgradeRequest upgrade = new ClientUpgradeRequest(servers.get(serverIndex));
            upgrade.setSubProtocols(Protocol.SUBPROTOCOL_V2);
            try {
                return client.connect(this, upgrade);
            } catch (java.io.IOException e) {
                return CompletableFuture.failedFuture(e);
            }
        }

        synchronized void markPending() {
            for (String s : symbols) {
                Boolean before = awaitingAfterMark.put(s, Boolean.TRUE);
                if (before == null || !before) {
                    pendingAfterMark.increment();
                }
            }
        }

        @Override
        public void onWebSocketOpen(Session session) {
            opened = true;
            down.set(false);
            StringBuilder after = new StringBuilder();
            synchronized (this) {
                for (Map.Entry<String, long[]> e : last.entrySet()) {
                    after.append(after.length() == 0 ? "" : ",").append('"').append(e.getKey()).append("\":")
                            .append(e.getValue()[0]);
                }
            }
            String resume = epoch == null || after.length() == 0 ? ""
                    : ",\"resume\":{\"epoch\":\"" + epoch + "\",\"after\":{" + after + "}}";
            session.sendText("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"" + String.join("\",\"", symbols)
                    + "\"]" + resume + "}", Callback.NOOP);
        }

        @Override
        public void onWebSocketText(String text) {
            long now = System.currentTimeMillis();
            if (now >= markMs) {
                bytesSinceMark.add(text.length());
            }
            if (text.startsWith("{\"type\":\"welcome\"")) {
                return;
            }
            if (text.startsWith("{\"type\":\"snapshot\"")) {
                snapshots.increment();
                String symbol = FrameText.symbol(text);
                epoch = FrameText.epoch(text);
                synchronized (this) {
                    last.computeIfAbsent(symbol, k -> new long[1])[0] = FrameText.seq(text);
                }
                return;
            }
            if (text.startsWith("{\"type\":\"subscribed\"")) {
                epoch = FrameText.epoch(text);
                return;
            }
            if (!text.startsWith("{\"type\":\"tick\"")) {
                return;
            }
            ticks.increment();
            latency.recordValue(Math.max(0, now - FrameText.ts(text)));
            String symbol = FrameText.symbol(text);
            long seq = FrameText.seq(text);
            synchronized (this) {
                long[] l = last.computeIfAbsent(symbol, k -> new long[] {seq - 1});
                if (seq <= l[0]) {
                    duplicates.increment();
                    return;
                }
                if (seq != l[0] + 1) {
                    gaps.increment();
                }
                l[0] = seq;
                if (now >= markMs && Boolean.TRUE.equals(awaitingAfterMark.get(symbol))) {
                    awaitingAfterMark.put(symbol, Boolean.FALSE);
                    lastFirstTickAfterMark.accumulateAndGet(now, Math::max);
                    pendingAfterMark.decrement();
                }
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            callback.succeed();
            reconnect();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            reconnect();
        }

        private void reconnect() {
            if (stopping || !opened || !down.compareAndSet(false, true)) {
                return;
            }
            reconnects.increment();
            // As the desktop does after a drop: backoff with full jitter (first up to 300 ms), then the next server.
            long delay = (long) (Math.random() * 300);
            CompletableFuture.delayedExecutor(delay, TimeUnit.MILLISECONDS).execute(() -> connect(
                    (server + 1) % servers.size()).whenComplete((s, e) -> {
                        if (e != null) {
                            down.set(false);
                            reconnect();
                        }
                    }));
        }
    }
}
