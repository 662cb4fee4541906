package io.stockmonitor.bench.cluster;

import io.stockmonitor.cluster.ClusterSettings;
import io.stockmonitor.cluster.testing.TestRedis;
import io.stockmonitor.simulator.EmbeddedSimulator;
import io.stockmonitor.simulator.SimulatorConfig;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Feed servers sharing a history in a real Redis (embedded-redis's redis-server), measured with a load generator in
 * its own JVM ({@link ClusterLoadGeneratorMain}):
 * <ul>
 *   <li>{@code fanout}: the in-memory server with N connections, the in-memory server with 2N (the same total as
 *       next), then two Redis-backed nodes with N connections each, in the same run: delivered ticks/s and
 *       publish-to-receive p50/p99;</li>
 *   <li>{@code failover}: N connections on the node that does not produce; the producer is killed (no lease given
 *       up): time until every connection has a tick of every symbol again, gaps and duplicates;</li>
 *   <li>{@code storm}: 2N connections (protocol v2) on a node that does not produce; it is killed: time until every
 *       connection is live on the other node again, bytes received meanwhile.</li>
 * </ul>
 *
 * <p>Args (all optional): {@code --scenario all|fanout|failover|storm --connections 1000 --symbols 20 --rate 5
 * --warmup 10 --seconds 20}
 */
public final class ClusterBench {
    private int connections = 1000;
    private int symbolCount = 20;
    private double rate = 5;
    private int warmup = 10;
    private int seconds = 20;

    public static void main(String[] args) throws Exception {
        ClusterBench b = new ClusterBench();
        String scenario = "all";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--scenario" -> scenario = args[i + 1];
                case "--connections" -> b.connections = Integer.parseInt(args[i + 1]);
                case "--symbols" -> b.symbolCount = Integer.parseInt(args[i + 1]);
                case "--rate" -> b.rate = Double.parseDouble(args[i + 1]);
                case "--warmup" -> b.warmup = Integer.parseInt(args[i + 1]);
                case "--seconds" -> b.seconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        try {
            if (scenario.equals("all") || scenario.equals("fanout")) {
                b.fanout();
            }
            if (scenario.equals("all") || scenario.equals("failover")) {
                b.failover();
            }
            if (scenario.equals("all") || scenario.equals("storm")) {
                b.storm();
            }
        } catch (Exception | Error e) {
            e.printStackTrace();
            System.exit(1); // the servers' threads would keep a failed run alive
        }
        System.exit(0);
    }

    private SimulatorConfig config() {
        return SimulatorConfig.defaults().withPort(0).withRate(rate).withMaxClients(2 * connections + 100);
    }

    private List<String> symbols(EmbeddedSimulator sim) {
        return sim.symbols().subList(0, Math.min(symbolCount, sim.symbols().size()));
    }

    private EmbeddedSimulator node(TestRedis redis, String id) throws Exception {
        SimulatorConfig c = config().withSymbols(List.of());
        EmbeddedSimulator n = EmbeddedSimulator.start(c, null, ClusterSettings.parse(redis.url(), null, "bench", id));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!n.serving() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        return n;
    }

    private static EmbeddedSimulator producerOf(EmbeddedSimulator a, EmbeddedSimulator b) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (a.producing()) {
                return a;
            }
            if (b.producing()) {
                return b;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("no producer");
    }

    void fanout() throws Exception {
        System.out.printf("== fan-out: %d symbols x %.1f ticks/s, %d connections per server; warm-up %d s, "
                + "measure %d s%n", symbolCount, rate, connections, warmup, seconds);
        try (EmbeddedSimulator memory = EmbeddedSimulator.start(config())) {
            LoadGenerator g = new LoadGenerator(connections, symbols(memory), memory.uri().toString());
            measure(List.of(g), "in memory, 1 server");
        }
        // The same total as the two nodes below (2 load generators, 2N connections) on one in-memory server.
        try (EmbeddedSimulator memory = EmbeddedSimulator.start(config())) {
            LoadGenerator g1 = new LoadGenerator(connections, symbols(memory), memory.uri().toString());
            LoadGenerator g2 = new LoadGenerator(connections, symbols(memory), memory.uri().toString());
            measure(List.of(g1, g2), "in memory, 1 server, 2 x N");
        }
        try (TestRedis redis = TestRedis.start(false)) {
            EmbeddedSimulator a = node(redis, "a");
            EmbeddedSimulator b = node(redis, "b");
            try {
                LoadGenerator ga = new LoadGenerator(connections, symbols(a), a.uri().toString());
                LoadGenerator gb = new LoadGenerator(connections, symbols(b), b.uri().toString());
                measure(List.of(ga, gb), "Redis, 2 servers");
            } finally {
                a.close();
                b.close();
            }
        }
    }

    private void measure(List<LoadGenerator> gens, String label) throws Exception {
        for (LoadGenerator g : gens) {
            g.await("READY");
        }
        Thread.sleep(warmup * 1000L);
        gens.forEach(g -> g.send("RESET"));
        Thread.sleep(seconds * 1000L);
        for (LoadGenerator g : gens) {
            g.send("REPORT");
            System.out.println(label + ": " + g.await("RESULT"));
            g.quit();
        }
    }

    void failover() throws Exception {
        System.out.printf("== failover: %d connections on the node that does not produce, %d symbols x %.1f/s%n",
                connections, symbolCount, rate);
        killAndRecover("failover", connections, true);
    }

    void storm() throws Exception {
        System.out.printf("== reconnect storm (v2): %d connections move from a killed node to the other%n",
                2 * connections);
        killAndRecover("storm", 2 * connections, false);
    }

    /**
     * Two nodes; {@code n} connections on the one that does not produce (that may move to the producer); then the
     * producer ({@code killProducer}) or their own node is killed as a crash would, and the load generator says when
     * every connection has a tick of every symbol again.
     */
    private void killAndRecover(String label, int n, boolean killProducer) throws Exception {
        try (TestRedis redis = TestRedis.start(false)) {
            EmbeddedSimulator a = node(redis, "a");
            EmbeddedSimulator b = node(redis, "b");
            EmbeddedSimulator producer = producerOf(a, b);
            EmbeddedSimulator other = producer == a ? b : a;
            LoadGenerator g = new LoadGenerator(n, symbols(a), other.uri().toString(), producer.uri().toString());
            g.await("READY");
            Thread.sleep(warmup * 1000L);
            g.send("MARK");
            g.await("MARKED");
            (killProducer ? producer : other).halt();
            System.out.println(label + ": " + g.recovery());
            g.quit();
            a.close();
            b.close();
        }
    }

    /** The load generator's JVM, driven by lines on its stdin. */
    private static final class LoadGenerator {
        private final Process process;
        private final PrintWriter in;
        private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        LoadGenerator(int connections, List<String> symbols, String... uris) throws Exception {
            String javaBin = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            List<String> command = new ArrayList<>(List.of(javaBin, "-Xmx1g", "-XX:+UseParallelGC", "-cp",
                    System.getProperty("java.class.path"), ClusterLoadGeneratorMain.class.getName(),
                    Integer.toString(connections), String.join(",", symbols)));
            command.addAll(List.of(uris));
            process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
            Thread reader = new Thread(() -> {
                try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                        StandardCharsets.UTF_8))) {
                    for (String line = out.readLine(); line != null; line = out.readLine()) {
                        lines.add(line);
                    }
                } catch (java.io.IOException e) {
                    lines.add("EOF " + e);
                }
            }, "loadgen-out");
            reader.setDaemon(true);
            reader.start();
        }

        void send(String command) {
            in.println(command);
        }

        String await(String prefix) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(1, TimeUnit.SECONDS);
                if (line != null && line.startsWith(prefix)) {
                    return line;
                }
                if (line == null && !process.isAlive()) {
                    throw new IllegalStateException("the load generator exited (" + process.exitValue() + ")");
                }
            }
            throw new IllegalStateException("no " + prefix + " from the load generator");
        }

        /** Polls until every connection has a tick of every symbol after the mark (at most 60 s). */
        String recovery() throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String last = null;
            while (System.nanoTime() < deadline) {
                Thread.sleep(200);
                send("RECOVERY");
                last = await("RECOVERY");
                if (last.contains("pending=0 ")) {
                    Thread.sleep(2_000); // late duplicates or gaps would show now
                    send("RECOVERY");
                    return await("RECOVERY");
                }
            }
            return "not recovered in 60 s: " + last;
        }

        void quit() throws InterruptedException {
            send("QUIT");
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }
}
