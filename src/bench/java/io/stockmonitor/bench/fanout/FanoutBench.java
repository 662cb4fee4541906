package io.stockmonitor.bench.fanout;

import io.stockmonitor.simulator.EmbeddedSimulator;
import io.stockmonitor.simulator.SimulatorConfig;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Fan-out benchmark: the simulator in this JVM, a load generator ({@link FanoutLoadGeneratorMain}) in a separate JVM
 * with N connections each subscribed to S symbols at R ticks/s per symbol, so N x S x R messages/s are delivered.
 * Reports delivered ticks/s and publish-to-receive latency p50/p99.
 *
 * <p>Args (all optional): {@code --connections 1000 --symbols 20 --rate 5 --warmup 10 --seconds 20}
 */
public final class FanoutBench {
    public static void main(String[] args) throws Exception {
        int connections = 1000;
        int symbolCount = 20;
        double rate = 5;
        int warmup = 10;
        int seconds = 20;
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--connections" -> connections = Integer.parseInt(args[i + 1]);
                case "--symbols" -> symbolCount = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                case "--warmup" -> warmup = Integer.parseInt(args[i + 1]);
                case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        SimulatorConfig config = SimulatorConfig.defaults().withPort(0).withRate(rate)
                .withMaxClients(connections + 10).withAdmin(true);
        List<String> symbols = new ArrayList<>();
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config)) {
            symbols.addAll(sim.symbols().subList(0, Math.min(symbolCount, sim.symbols().size())));
            String javaBin = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            List<String> command = List.of(javaBin, "-Xmx1g", "-XX:+UseParallelGC", "-cp",
                    System.getProperty("java.class.path"), FanoutLoadGeneratorMain.class.getName(),
                    sim.uri().toString(), sim.epoch(), Integer.toString(connections), Integer.toString(warmup),
                    Integer.toString(seconds), String.join(",", symbols));
            System.out.printf("fan-out: %d connections x %d symbols x %.1f ticks/s = %.0f expected msg/s; "
                    + "warm-up %d s, measure %d s%n", connections, symbols.size(), rate,
                    connections * symbols.size() * rate, warmup, seconds);
            Process loadgen = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            long publishedAtStart = sim.ticksPublished();
            long startNanos = System.nanoTime();
            String result = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(loadgen.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    if (line.startsWith("RESULT")) {
                        result = line;
                        break;
                    }
                    System.out.println("loadgen> " + line);
                }
            }
            double elapsed = (System.nanoTime() - startNanos) / 1e9;
            long published = sim.ticksPublished() - publishedAtStart;
            if (!loadgen.waitFor(60, TimeUnit.SECONDS)) {
                loadgen.destroy();
            }
            System.out.println(result == null ? "load generator gave no result (exit " + loadgen.exitValue() + ")"
                    : result);
            System.out.printf("simulator: published %.0f ticks/s over the run, slow consumers closed: %d%n",
                    published / elapsed, sim.slowConsumersClosed());
        }
    }
}
