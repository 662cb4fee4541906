package io.stockmonitor.bench.storm;

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
 * Reconnect storm benchmark: for each protocol mode (v1, v2, v2 + permessage-deflate) a fresh simulator in this JVM
 * and a load generator ({@link StormLoadGeneratorMain}) in its own JVM with N clients subscribed to S symbols. Once
 * every client has a tick on every symbol, the simulator restarts with a new epoch (every connection dropped, history
 * gone); the clients reconnect at once and resubscribe, resuming from the old epoch, so each symbol comes back as a
 * snapshot. Reports, per mode, the time from the drop until every client has a tick of the new epoch on every
 * symbol, and the bytes the clients read from their sockets meanwhile (WebSocket frames as sent, compressed where
 * deflate was negotiated), then the bytes per second of the live tick stream.
 *
 * <p>Args (all optional): {@code --connections 1000 --symbols 20 --rate 5 --modes v1,v2,v2deflate}
 */
public final class StormBench {
    public static void main(String[] args) throws Exception {
        int connections = 1000;
        int symbolCount = 20;
        double rate = 5;
        List<String> modes = List.of("v1", "v2", "v2deflate");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--connections" -> connections = Integer.parseInt(args[i + 1]);
                case "--symbols" -> symbolCount = Integer.parseInt(args[i + 1]);
                case "--rate" -> rate = Double.parseDouble(args[i + 1]);
                case "--modes" -> modes = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        System.out.printf("storm: %d clients x %d symbols at %.1f ticks/s per symbol; modes %s%n", connections,
                symbolCount, rate, modes);
        List<String> results = new ArrayList<>();
        for (String mode : modes) {
            results.add(mode + ": " + run(mode, connections, symbolCount, rate));
            System.gc();
        }
        System.out.println("---- results");
        results.forEach(System.out::println);
    }

    private static String run(String mode, int connections, int symbolCount, double rate) throws Exception {
        // Room for the old connections' slots to be given back while the new ones arrive (a refused upgrade is
        // retried after 100-300 ms, and counted); every other bound at its default.
        SimulatorConfig config = SimulatorConfig.defaults().withPort(0).withRate(rate)
                .withMaxClients(connections + 100);
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config)) {
            List<String> symbols = sim.symbols().subList(0, Math.min(symbolCount, sim.symbols().size()));
            String javaBin = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
            List<String> command = List.of(javaBin, "-Xmx1g", "-XX:+UseParallelGC", "-cp",
                    System.getProperty("java.class.path"), StormLoadGeneratorMain.class.getName(),
                    sim.uri().toString(), mode, Integer.toString(connections), String.join(",", symbols));
            Process loadgen = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String result = null;
            try (BufferedReader out = new BufferedReader(new InputStreamReader(loadgen.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    System.out.println("loadgen[" + mode + "]> " + line);
                    if (line.equals("READY")) {
                        // Every client is live: the restart. Its connections drop, history and seqs are gone.
                        sim.faults().restartWithNewEpoch();
                    } else if (line.startsWith("RESULT")) {
                        result = line.substring("RESULT".length()).trim();
                        break;
                    }
                }
            }
            if (!loadgen.waitFor(60, TimeUnit.SECONDS)) {
                loadgen.destroy();
            }
            return (result == null ? "no result (load generator exit " + loadgen.exitValue() + ")" : result)
                    + " slowConsumersClosed=" + sim.slowConsumersClosed();
        }
    }
}
