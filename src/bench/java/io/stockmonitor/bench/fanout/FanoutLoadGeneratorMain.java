package io.stockmonitor.bench.fanout;

import io.stockmonitor.bench.FrameText;
import io.stockmonitor.protocol.Protocol;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * The load generator of {@link FanoutBench}, run as a separate JVM: opens N WebSocket connections, subscribes each
 * to the given symbols (resuming from the current seqs, so no snapshot), and measures delivered ticks/s and publish-to-receive
 * latency (tick {@code ts} vs this machine's clock). Prints one result line starting with {@code RESULT}.
 *
 * <p>Args: URI EPOCH CONNECTIONS WARMUP_S MEASURE_S SYMBOL[,SYMBOL...]
 */
public final class FanoutLoadGeneratorMain {

    private final LongAdder ticks = new LongAdder();
    private final LongAdder frames = new LongAdder();
    private final LongAdder gaps = new LongAdder();
    private final Recorder latency = new Recorder(TimeUnit.SECONDS.toMillis(60), 3);
    private final AtomicInteger closed = new AtomicInteger();
    private volatile boolean stopping;

    public static void main(String[] args) throws Exception {
        new FanoutLoadGeneratorMain().run(URI.create(args[0]), args[1], Integer.parseInt(args[2]),
                Integer.parseInt(args[3]), Integer.parseInt(args[4]), List.of(args[5].split(",")), System.out);
    }

    private void run(URI uri, String epoch, int connections, int warmupS, int measureS, List<String> symbols,
                     PrintStream out) throws Exception {
        QueuedThreadPool threads = new QueuedThreadPool(64, 4);
        threads.setName("loadgen");
        HttpClient http = new HttpClient();
        http.setExecutor(threads);
        WebSocketClient client = new WebSocketClient(http);
        client.setMaxTextMessageSize(Protocol.MAX_SERVER_FRAME_BYTES);
        client.setIdleTimeout(Duration.ofMinutes(5));
        http.setMaxConnectionsPerDestination(connections + 16);
        client.start();
        List<Session> sessions = new ArrayList<>();
        int batch = 50;
        java.net.http.HttpClient admin = java.net.http.HttpClient.newHttpClient();
        URI status = URI.create("http://" + uri.getHost() + ":" + uri.getPort() + "/admin/status");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        for (int i = 0; i < connections; i += batch) {
            // Resume from the latest seqs (read from the admin endpoint): a short replay instead of a snapshot of
            // a few hundred KiB per symbol, so the warm-up measures fan-out rather than snapshot transfer.
            com.fasterxml.jackson.databind.JsonNode seqs = json.readTree(admin.send(
                    java.net.http.HttpRequest.newBuilder(status).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body()).get("lastSeqs");
            StringBuilder after = new StringBuilder();
            for (String s : symbols) {
                after.append(after.length() == 0 ? "" : ",").append('"').append(s).append("\":")
                        .append(seqs.get(s).asLong());
            }
            String subscribe = "{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\"" + String.join("\",\"", symbols)
                    + "\"],\"resume\":{\"epoch\":\"" + epoch + "\",\"after\":{" + after + "}}}";
            List<CompletableFuture<Session>> pending = new ArrayList<>();
            for (int j = i; j < Math.min(connections, i + batch); j++) {
                pending.add(client.connect(new Listener(), uri));
            }
            for (CompletableFuture<Session> f : pending) {
                Session s = f.get(60, TimeUnit.SECONDS);
                s.sendText(subscribe, Callback.NOOP);
                sessions.add(s);
            }
        }
        System.err.println("loadgen: " + sessions.size() + " connections subscribed to " + symbols.size()
                + " symbols; warming up " + warmupS + " s");
        Thread.sleep(warmupS * 1000L);
        ticks.reset();
        frames.reset();
        gaps.reset();
        latency.reset();
        long start = System.nanoTime();
        Thread.sleep(measureS * 1000L);
        double seconds = (System.nanoTime() - start) / 1e9;
        long delivered = ticks.sum();
        long allFrames = frames.sum();
        Histogram h = latency.getIntervalHistogram();
        out.printf("RESULT connections=%d open=%d ticks=%d seconds=%.2f ticksPerSecond=%.0f framesPerSecond=%.0f "
                        + "p50Ms=%d p90Ms=%d p99Ms=%d p999Ms=%d maxMs=%d gaps=%d closed=%d%n",
                connections, connections - closed.get(), delivered, seconds, delivered / seconds, allFrames / seconds,
                h.getValueAtPercentile(50), h.getValueAtPercentile(90), h.getValueAtPercentile(99),
                h.getValueAtPercentile(99.9), h.getMaxValue(), gaps.sum(), closed.get());
        out.flush();
        stopping = true;
        for (Session s : sessions) {
            s.close();
        }
        client.stop();
    }

    /** Reads only what the measurement needs from each frame (type, symbol slot via seq continuity, ts). */
    public final class Listener implements Session.Listener.AutoDemanding {
        private final java.util.HashMap<String, long[]> lastSeq = new java.util.HashMap<>();

        @Override
        public void onWebSocketText(String text) {
            long now = System.currentTimeMillis();
            frames.increment();
            if (!text.startsWith("{\"type\":\"tick\"")) {
                return;
            }
            ticks.increment();
            latency.recordValue(Math.max(0, now - FrameText.ts(text)));
            String symbol = FrameText.symbol(text);
            long seq = FrameText.seq(text);
            long[] last = lastSeq.computeIfAbsent(symbol, k -> new long[] {-1});
            if (last[0] >= 0 && seq != last[0] + 1) {
                gaps.increment();
            }
            last[0] = seq;
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            callback.succeed();
            closed.incrementAndGet();
            if (statusCode != 1000 && statusCode != 1001 && !stopping) {
                System.err.println("loadgen: connection closed " + statusCode + " " + reason);
            }
        }
    }
}
