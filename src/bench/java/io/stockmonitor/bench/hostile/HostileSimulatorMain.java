package io.stockmonitor.bench.hostile;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.stockmonitor.simulator.EmbeddedSimulator;
import io.stockmonitor.simulator.SimulatorConfig;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.NotificationEmitter;
import javax.management.openmbean.CompositeData;

/**
 * The simulator side of {@link HostileClientBench}, in its own JVM so that the heap it reports is the server's
 * alone. Default settings except the tick rate. Prints {@code READY <uri>}, then every 250 ms a {@code STAT} line:
 * heap used now, the most heap still used after any GC so far, bytes in send queues, connections, 1013 closes and
 * ticks published. On a {@code GC} line from standard input it collects garbage and prints {@code LIVE} (heap in use
 * after a full collection). Stops when its standard input ends; prints {@code FAILED} if the simulator shut itself
 * down.
 *
 * <p>Args: RATE
 */
public final class HostileSimulatorMain {
    private static final AtomicLong MAX_AFTER_GC = new AtomicLong();

    public static void main(String[] args) throws Exception {
        double rate = Double.parseDouble(args[0]);
        watchGarbageCollections();
        SimulatorConfig config = SimulatorConfig.defaults().withPort(0).withRate(rate);
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(config)) {
            System.out.println("READY " + sim.uri() + " " + sim.epoch());
            sim.failure().thenAccept(t -> System.out.println("FAILED " + t));
            Thread stats = new Thread(() -> printStats(sim), "bench-stats");
            stats.setDaemon(true);
            stats.start();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (line.equals("GC")) {
                    // Live heap: what the server really holds at this moment, garbage collected.
                    System.gc();
                    System.out.println("LIVE used=" + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed()
                            + " queued=" + sim.queuedBytes() + " connections=" + sim.connectionCount());
                }
                // The harness closes our stdin to stop us.
            }
        }
    }

    private static void printStats(EmbeddedSimulator sim) {
        while (true) {
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            System.out.printf("STAT heapUsed=%d maxAfterGc=%d queued=%d connections=%d slowClosed=%d ticks=%d%n",
                    heap.getUsed(), MAX_AFTER_GC.get(), sim.queuedBytes(), sim.connectionCount(),
                    sim.slowConsumersClosed(), sim.ticksPublished());
            System.out.flush();
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Heap in use right after each collection: what the server really holds, without its garbage. */
    private static void watchGarbageCollections() {
        java.util.Set<String> heapPools = new java.util.HashSet<>();
        for (java.lang.management.MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == java.lang.management.MemoryType.HEAP) {
                heapPools.add(pool.getName());
            }
        }
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            if (!(gc instanceof NotificationEmitter emitter)) {
                continue;
            }
            emitter.addNotificationListener((notification, handback) -> {
                if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
                    return;
                }
                GarbageCollectionNotificationInfo info =
                        GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
                long used = 0;
                for (java.util.Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
                    if (heapPools.contains(e.getKey())) {
                        used += e.getValue().getUsed();
                    }
                }
                MAX_AFTER_GC.accumulateAndGet(used, Math::max);
            }, null, null);
        }
    }
}
