package io.stockmonitor.bench.hostile;

import io.stockmonitor.bench.FrameText;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.MessageCodec;
import io.stockmonitor.protocol.Protocol;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Hostile-client load benchmark. The simulator runs in a separate JVM ({@link HostileSimulatorMain}) at its default
 * settings, so the heap it reports is the server's alone and a server failure shows as a process that stops
 * reporting rather than taking the harness down with it. The hostile clients run in a third JVM
 * ({@link HostileAttackMain}), by default under {@code nice -n 19}: on a 2-core machine that stands for attackers on
 * other machines ({@code --attacker-nice 0} runs them at normal priority). One well-behaved client, subscribed to
 * every symbol,
 * measures publish-to-receive latency (tick {@code ts} against this machine's clock, 1 ms resolution) first with
 * nothing else connected, then while hostile clients run:
 * <ul>
 *   <li>non-readers: upgrade with a 4 KiB receive buffer, never read, re-subscribe to everything 45 times a
 *       second (under the request limit); reconnect when cut off;</li>
 *   <li>re-subscribe flooders: the same, but reading (and discarding) everything;</li>
 *   <li>a connect storm: N upgrades within S seconds, each closed once answered;</li>
 *   <li>slow half-open upgrades: requests that never finish, a header byte a second; reopened when closed.</li>
 * </ul>
 * Every loop is bounded by the phase deadline; everything is on loopback.
 *
 * <p>Args (all optional): {@code --rate 20 --warmup 5 --quiet 20 --attack 30 --non-readers 8 --flooders 8
 * --connects 2000 --connect-seconds 10 --slow 50 --server-heap 1g --heap-bound-mb 640 --attacker-nice 19}
 */
public final class HostileClientBench {
    private static final MessageCodec CODEC = new MessageCodec();

    private final Recorder latency = new Recorder(TimeUnit.MINUTES.toMillis(10), 3);
    private final AtomicLong ticks = new AtomicLong();
    private final AtomicLong gaps = new AtomicLong();
    private final CompletableFuture<Integer> wellBehavedClosed = new CompletableFuture<>();
    private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();
    private volatile String[] latestStat = new String[0];
    private final Map<String, Long> maxStat = new ConcurrentHashMap<>();
    private volatile boolean serverFailed;
    private volatile String liveLine = "none";

    public static void main(String[] args) throws Exception {
        Map<String, String> o = new HashMap<>(Map.of("--rate", "20", "--warmup", "5", "--quiet", "20", "--attack", "30",
                "--non-readers", "8", "--flooders", "8", "--connects", "2000", "--connect-seconds", "10",
                "--slow", "50", "--server-heap", "1g"));
        o.put("--heap-bound-mb", "640");
        o.put("--attacker-nice", "19");
        for (int i = 0; i + 1 < args.length; i += 2) {
            if (!o.containsKey(args[i])) {
                throw new IllegalArgumentException("unknown option " + args[i]);
            }
            o.put(args[i], args[i + 1]);
        }
        new HostileClientBench().run(o);
    }

    private long count(String name) {
        AtomicLong c = counters.get(name);
        return c == null ? 0 : c.get();
    }

    private void run(Map<String, String> o) throws Exception {
        double rate = Double.parseDouble(o.get("--rate"));
        String javaBin = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
        File serverLog = new File("target/hostile-bench-server.log");
        // The standalone simulator's logging set-up: logs to stderr, stdout carries READY and STAT lines only.
        Process server = new ProcessBuilder(javaBin, "-Xmx" + o.get("--server-heap"),
                "-Dlogback.configurationFile=feed-simulator-logback.xml", "-cp",
                System.getProperty("java.class.path"), HostileSimulatorMain.class.getName(), o.get("--rate"))
                .redirectError(serverLog).start();
        BufferedReader serverOut = new BufferedReader(new InputStreamReader(server.getInputStream(),
                StandardCharsets.UTF_8));
        String ready = serverOut.readLine();
        for (int skipped = 0; ready != null && !ready.startsWith("READY ") && skipped < 100; skipped++) {
            ready = serverOut.readLine();
        }
        if (ready == null || !ready.startsWith("READY ")) {
            throw new IllegalStateException("simulator did not start: " + ready + " (see " + serverLog + ")");
        }
        URI uri = URI.create(ready.split(" ")[1]);
        java.io.Writer serverIn = new java.io.OutputStreamWriter(server.getOutputStream(), StandardCharsets.UTF_8);
        Thread statReader = new Thread(() -> readStats(serverOut), "bench-server-stats");
        statReader.setDaemon(true);
        statReader.start();

        WebSocketClient jetty = new WebSocketClient();
        jetty.setMaxTextMessageSize(Protocol.MAX_SERVER_FRAME_BYTES);
        jetty.setIdleTimeout(Duration.ofMinutes(5));
        jetty.start();
        WellBehaved listener = new WellBehaved();
        jetty.connect(listener, uri).get(30, TimeUnit.SECONDS);
        List<String> symbols = listener.symbols.get(30, TimeUnit.SECONDS);
        System.out.printf(Locale.ROOT, "hostile-client bench: %s, %d symbols x %.0f ticks/s; server JVM -Xmx%s (own "
                        + "process), attackers in their own JVM at nice %s, %d cores, load average %.1f%n", uri,
                symbols.size(), rate, o.get("--server-heap"), o.get("--attacker-nice"),
                Runtime.getRuntime().availableProcessors(),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());

        pause(Integer.parseInt(o.get("--warmup")));
        latency.reset();
        ticks.set(0);
        maxStat.clear();
        long quietStart = System.nanoTime();
        pause(Integer.parseInt(o.get("--quiet")));
        Histogram quiet = latency.getIntervalHistogram();
        double quietTicks = ticks.getAndSet(0) / ((System.nanoTime() - quietStart) / 1e9);
        long quietGaps = gaps.getAndSet(0);
        Map<String, Long> quietServer = new HashMap<>(maxStat);
        maxStat.clear();

        int attackSeconds = Integer.parseInt(o.get("--attack"));
        List<String> attackCommand = new ArrayList<>();
        int nice = Integer.parseInt(o.get("--attacker-nice"));
        if (nice > 0) {
            attackCommand.addAll(List.of("nice", "-n", Integer.toString(nice)));
        }
        // The attackers run 3 s past the measured window, so the live heap is taken while they are still at it.
        attackCommand.addAll(List.of(javaBin, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                HostileAttackMain.class.getName(), uri.toString(), Integer.toString(attackSeconds + 3),
                o.get("--non-readers"), o.get("--flooders"), o.get("--connects"), o.get("--connect-seconds"),
                o.get("--slow"), String.join(",", symbols)));
        long attackStart = System.nanoTime();
        Process attackers = new ProcessBuilder(attackCommand).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        pause(attackSeconds);
        Histogram attack = latency.getIntervalHistogram();
        double attackTicks = ticks.getAndSet(0) / ((System.nanoTime() - attackStart) / 1e9);
        long attackGaps = gaps.getAndSet(0);
        serverIn.write("GC\n");
        serverIn.flush();
        String result = null;
        try (BufferedReader attackOut = new BufferedReader(new InputStreamReader(attackers.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = attackOut.readLine(); line != null; line = attackOut.readLine()) {
                if (line.startsWith("RESULT")) {
                    result = line;
                    break;
                }
            }
        }
        if (!attackers.waitFor(30, TimeUnit.SECONDS)) {
            attackers.destroy();
        }
        if (result != null) {
            for (String kv : result.substring(7).split(" ")) {
                String[] p = kv.split("=");
                counters.put(p[0], new AtomicLong(Long.parseLong(p[1])));
            }
        }
        Map<String, Long> attackServer = new HashMap<>(maxStat);
        pause(3);

        long p99Quiet = quiet.getValueAtPercentile(99);
        long p99Attack = attack.getValueAtPercentile(99);
        System.out.printf(Locale.ROOT, "well-behaved quiet : %.0f ticks/s, latency p50 %d ms, p99 %d ms, max %d ms, "
                        + "gaps %d%n", quietTicks, quiet.getValueAtPercentile(50), p99Quiet, quiet.getMaxValue(),
                quietGaps);
        System.out.printf(Locale.ROOT, "well-behaved attack: %.0f ticks/s, latency p50 %d ms, p99 %d ms, max %d ms, "
                        + "gaps %d; p99 attack/quiet %.2f (target <= 2)%n", attackTicks,
                attack.getValueAtPercentile(50), p99Attack, attack.getMaxValue(), attackGaps,
                p99Attack / (double) Math.max(1, p99Quiet));
        System.out.printf(Locale.ROOT, "well-behaved client still connected after the attack: %s%n",
                !wellBehavedClosed.isDone() ? "yes" : "no (close " + wellBehavedClosed.getNow(null) + ")");
        int connects = Integer.parseInt(o.get("--connects"));
        System.out.printf(Locale.ROOT, "attackers: non-readers connected %d, cut off %d; flooders connected %d, "
                        + "cut off %d; connect storm %d of %d done in %.1f s (101: %d, 503: %d, failed: %d); slow "
                        + "upgrades opened %d, closed by the server %d%n", count("non-reader.connected"),
                count("non-reader.cut"), count("flooder.connected"), count("flooder.cut"), count("connect.done"),
                connects, count("connect.nanos") / 1e9, count("connect.101"), count("connect.503"),
                count("connect.failed"), count("slow.opened"), count("slow.closed"));
        long mib = 1024 * 1024;
        long bound = Long.parseLong(o.get("--heap-bound-mb"));
        long live = -1;
        for (String kv : liveLine.split(" ")) {
            if (kv.startsWith("used=")) {
                live = Long.parseLong(kv.substring(5));
            }
        }
        System.out.printf(Locale.ROOT, "server heap: used max quiet %d MiB, attack %d MiB; after-GC max quiet %d MiB, "
                        + "attack %d MiB; live (full GC, attackers still on) %d MiB (bound %d MiB: %s); send queues "
                        + "max %d MiB (bound 512 MiB); 1013 closes %d; server %s%n",
                quietServer.getOrDefault("heapUsed", 0L) / mib,
                attackServer.getOrDefault("heapUsed", 0L) / mib, quietServer.getOrDefault("maxAfterGc", 0L) / mib,
                attackServer.getOrDefault("maxAfterGc", 0L) / mib, live / mib, bound,
                live >= 0 && live / mib <= bound ? "under" : "OVER",
                attackServer.getOrDefault("queued", 0L) / mib, attackServer.getOrDefault("slowClosed", 0L),
                serverFailed ? "FAILED" : server.isAlive() ? "alive" : "exited " + server.exitValue());

        jetty.stop();
        serverIn.close();
        if (!server.waitFor(30, TimeUnit.SECONDS)) {
            server.destroy();
        }
    }

    private static void pause(int seconds) throws InterruptedException {
        Thread.sleep(seconds * 1000L);
    }

    private void readStats(BufferedReader serverOut) {
        try {
            for (String line = serverOut.readLine(); line != null; line = serverOut.readLine()) {
                if (line.startsWith("LIVE ")) {
                    liveLine = line.substring(5);
                }
                if (line.startsWith("FAILED")) {
                    serverFailed = true;
                    System.out.println("server> " + line);
                }
                if (!line.startsWith("STAT ")) {
                    continue;
                }
                latestStat = line.substring(5).split(" ");
                for (String kv : latestStat) {
                    String[] p = kv.split("=");
                    maxStat.merge(p[0], Long.parseLong(p[1]), Math::max);
                }
            }
        } catch (IOException e) {
            // server gone
        }
    }

    /** The well-behaved client: subscribes to every symbol, measures each tick, checks seq continuity. */
    public final class WellBehaved implements Session.Listener.AutoDemanding {
        final CompletableFuture<List<String>> symbols = new CompletableFuture<>();
        private final Map<String, long[]> lastSeq = new HashMap<>();
        private Session session;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String text) {
            long now = System.currentTimeMillis();
            if (text.startsWith("{\"type\":\"tick\"")) {
                String symbol = FrameText.symbol(text);
                long seq = FrameText.seq(text);
                long ts = FrameText.ts(text);
                latency.recordValue(Math.max(0, now - ts));
                ticks.incrementAndGet();
                long[] last = lastSeq.computeIfAbsent(symbol, k -> new long[] {-1});
                if (last[0] >= 0 && seq != last[0] + 1) {
                    gaps.incrementAndGet();
                }
                last[0] = seq;
                return;
            }
            try {
                Message m = CODEC.decode(text);
                if (m instanceof Message.Welcome w) {
                    session.sendText("{\"type\":\"subscribe\",\"id\":1,\"symbols\":[\""
                            + String.join("\",\"", w.symbols()) + "\"]}", Callback.NOOP);
                    symbols.complete(w.symbols());
                } else if (m instanceof Message.Snapshot s) {
                    lastSeq.put(s.symbol(), new long[] {s.seq()});
                }
            } catch (io.stockmonitor.protocol.ProtocolException | RuntimeException e) {
                System.err.println("well-behaved client: bad frame " + e);
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            wellBehavedClosed.complete(statusCode);
            callback.succeed();
        }
    }
}
