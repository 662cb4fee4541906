package io.stockmonitor.soak;

import static org.awaitility.Awaitility.await;

import io.stockmonitor.feed.ConnectionState;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos soak of issue 10 (docs/RELIABILITY.md): the simulator in its own process, two real TCP proxies with a
 * hostile relay each, the real app in headless record mode in its own process through one of them, and the other
 * connections as the product's feed client in this JVM, some straight to the simulator, the rest through the
 * proxies; faults at random from one seed for the set time; then every fault is ended and every stream must have
 * caught up with the simulator, and every tick any of them applied is checked against what was published.
 */
public final class ChaosSoak {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosSoak.class);
    /** Every wait for the system to settle: generous, a busy shared machine is slow. */
    private static final Duration SETTLE = Duration.ofSeconds(120);

    private final SoakSettings s;
    private final SoakReport report = new SoakReport();
    /** What every stream must have reached at the end: the simulator's epoch and last seqs once faults stopped. */
    private String targetEpoch;
    private Map<String, Long> target;

    private ChaosSoak(SoakSettings settings) {
        this.s = settings;
        report.settings = settings;
    }

    /** Runs a soak; the report is also written to {@code outDir/report.txt}. */
    public static SoakReport run(SoakSettings settings) throws Exception {
        return new ChaosSoak(settings).run();
    }

    private long startNanos;

    /** Logs how far the run is, for reading a slow run's log. */
    private void phase(String what) {
        LOG.info("chaos soak, seed {}, at {} s: {}", s.seed(), (System.nanoTime() - startNanos) / 1_000_000_000L,
                what);
    }

    private SoakReport run() throws Exception {
        Files.createDirectories(s.outDir());
        startNanos = System.nanoTime();
        long start = startNanos;
        report.machine = machine();
        LOG.info("chaos soak: seed {} (replay with --seed {}), {} of faults, output in {}", s.seed(), s.seed(),
                s.chaos(), s.outDir().toAbsolutePath());
        List<AutoCloseable> open = new ArrayList<>();
        try (PrintWriter faultLog = new PrintWriter(Files.newBufferedWriter(s.outDir().resolve("faults.log"),
                StandardCharsets.UTF_8))) {
            faultLog.println("# seed " + s.seed());
            SimulatorProcess sim = SimulatorProcess.start(s, s.outDir());
            open.add(sim);
            List<ProxyPath> paths = List.of(new ProxyPath("proxy A", sim.uri()), new ProxyPath("proxy B", sim.uri()));
            open.addAll(paths);
            PublishedTruth truth = new PublishedTruth(s, List.of(paths.get(0).relay(), paths.get(1).relay()));
            truth.epochStarted(sim.admin().epoch());
            PathOutages outages = new PathOutages();
            report.fleetReconnects = new ReconnectTimes(outages);
            report.appReconnects = new ReconnectTimes(outages);
            HeadlessAppProcess app = HeadlessAppProcess.start(s, s.outDir(), paths.get(0), truth,
                    report.appReconnects);
            open.add(app);
            ClientFleet fleet = ClientFleet.start(s, fleetPaths(sim.uri(), paths), truth, report.fleetReconnects);
            open.add(fleet);
            ScheduledExecutorService background = Executors.newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, "soak-background");
                t.setDaemon(true);
                return t;
            });
            open.add(background::shutdownNow);
            background.scheduleWithFixedDelay(() -> follow(app), 0, 500, TimeUnit.MILLISECONDS);

            phase("simulator, proxies, app and clients started");
            if (!settled("every connection up", () -> fleet.allConnected() && fleet.ticksApplied() > 0
                    && app.connectedFor(0))) {
                notConnected(fleet, "before the faults");
                if (!app.connectedFor(0)) {
                    report.setupProblems.add("the app not connected before the faults (by its log)");
                }
            }
            // Not a wait for anything: the warm-up is a span of time by definition.
            LockSupport.parkNanos(s.warmup().toNanos());
            report.simulatorMemory = new MemoryWatch("simulator", sim.process().pid(), s.outDir());
            report.appMemory = new MemoryWatch("app", app.process().pid(), s.outDir());
            sampleBoth();
            if (!s.sampleEvery().isZero()) {
                long every = s.sampleEvery().toMillis();
                background.scheduleAtFixedRate(this::sampleBoth, every, every, TimeUnit.MILLISECONDS);
            }

            phase("first memory sample taken; faults start");
            long chaosStart = System.nanoTime();
            try (ChaosSchedule chaos = new ChaosSchedule(s, sim.admin(), truth, paths, outages, faultLog)) {
                chaos.runUntil(chaosStart + s.chaos().toNanos());
                report.chaosSeconds = (System.nanoTime() - chaosStart) / 1e9;
                chaos.healAll();
                report.faults.putAll(chaos.applied());
                report.hostileArmed.putAll(chaos.hostileArmed());
                report.hostileNoTarget = chaos.hostileNoTarget();
            }
            for (ProxyPath p : paths) {
                p.relay().injected().forEach((k, v) -> report.hostileWritten.merge(k, v, Long::sum));
            }
            report.epochs = truth.epochCount();
            phase("faults ended, every path healed");

            settle(sim, fleet, app);
            report.simulatorAlive = sim.process().alive();
            background.shutdownNow();
            background.awaitTermination(60, TimeUnit.SECONDS);
            sampleBoth();
            phase("everyone caught up, last memory sample taken; stopping the app");
            report.appExit = app.stop();
            app.poll();
            report.appSummary = app.summary();
            report.appRecordLines = app.recordLines();
            finish(sim, fleet, app);
        } finally {
            for (int i = open.size() - 1; i >= 0; i--) {
                try {
                    open.get(i).close();
                } catch (Exception e) {
                    LOG.warn("soak: closing {} failed", open.get(i), e);
                }
            }
        }
        report.wallSeconds = (System.nanoTime() - start) / 1e9;
        report.machine += String.format(Locale.ROOT, "; load average at the end %.1f", loadAverage());
        Files.writeString(s.outDir().resolve("report.txt"), report.text(), StandardCharsets.UTF_8);
        return report;
    }

    /** Names each client and its path: 2 in 5 through proxy A, 2 in 5 through proxy B, 1 in 5 direct. */
    private Map<String, ClientFleet.Path> fleetPaths(URI direct, List<ProxyPath> paths) {
        Map<String, ClientFleet.Path> fleet = new LinkedHashMap<>();
        int[] counts = new int[3];
        for (int i = 0; i < s.connections() - 1; i++) {
            int kind = i % 5 < 2 ? 0 : i % 5 < 4 ? 1 : 2;
            counts[kind]++;
            String name = String.format(Locale.ROOT, "client-%02d (%s)", i + 1, kind == 2 ? "direct"
                    : paths.get(kind).name());
            fleet.put(name, kind == 2 ? new ClientFleet.Path(direct, "direct")
                    : new ClientFleet.Path(paths.get(kind).feed(), paths.get(kind).name()));
        }
        report.topology = String.format(Locale.ROOT, "%d connections: the headless app and %d clients through proxy "
                + "A, %d clients through proxy B, %d clients direct", s.connections(), counts[0], counts[1], counts[2]);
        return fleet;
    }

    /**
     * After the faults: everyone reconnects and catches up with what the simulator had published by then. A stream
     * that does not within the settle time is reported (its position against the target), not waited for forever.
     */
    private void settle(SimulatorProcess sim, ClientFleet fleet, HeadlessAppProcess app) throws Exception {
        if (!settled("every client connected again", fleet::allConnected)) {
            notConnected(fleet, "after the faults");
        }
        targetEpoch = sim.admin().epoch();
        target = sim.admin().lastSeqs();
        if (!settled("every client caught up", () -> fleet.members().stream()
                .allMatch(m -> m.checker().reached(targetEpoch, target)))) {
            for (ClientFleet.Member m : fleet.members()) {
                if (!m.checker().reached(targetEpoch, target)) {
                    report.setupProblems.add(m.name() + " behind after the faults: " + m.client().status().state()
                            + " " + m.checker().behind(targetEpoch, target) + "; " + m.client().stats());
                }
            }
        }
        // The app's record comes through a buffer: its log says when it is connected; a few seconds connected are
        // plenty to replay what it missed.
        settled("the app connected again", () -> app.checker().reached(targetEpoch, target)
                || app.connectedFor(TimeUnit.SECONDS.toNanos(3)));
    }

    private void notConnected(ClientFleet fleet, String when) {
        for (ClientFleet.Member m : fleet.members()) {
            if (m.client().status().state() != ConnectionState.CONNECTED) {
                report.setupProblems.add(m.name() + " not connected " + when + ": " + m.client().status());
            }
        }
    }

    /** Reads the app's log and record; a failure is logged, never allowed to end the reading for good. */
    private static void follow(HeadlessAppProcess app) {
        try {
            app.poll();
        } catch (RuntimeException e) {
            LOG.error("soak: reading the app's log or record failed", e);
        }
    }

    /** Waits up to {@link #SETTLE} for {@code condition}; false (and logged) when it did not come. */
    private boolean settled(String what, Callable<Boolean> condition) {
        try {
            await(what).atMost(SETTLE).pollInterval(Duration.ofMillis(200)).until(condition);
            phase(what);
            return true;
        } catch (ConditionTimeoutException e) {
            phase("NOT " + what + " within " + SETTLE.toSeconds() + " s");
            return false;
        }
    }

    private void finish(SimulatorProcess sim, ClientFleet fleet, HeadlessAppProcess app) throws Exception {
        for (ClientFleet.Member m : fleet.members()) {
            report.fleet.add(m.checker().finish(targetEpoch, target));
        }
        report.app = app.checker().finish(targetEpoch, target);
        report.fleetCounters = fleet.counters();
        fleet.close();
        if (sim.stop() < 0) {
            report.setupProblems.add("the simulator did not stop on SIGTERM");
        }
    }

    private void sampleBoth() {
        MemoryWatch[] watches = {report.simulatorMemory, report.appMemory};
        Thread[] threads = new Thread[watches.length];
        for (int i = 0; i < watches.length; i++) {
            MemoryWatch w = watches[i];
            threads[i] = new Thread(w::sample, "soak-memory-" + w.name());
            threads[i].start();
        }
        for (Thread t : threads) {
            try {
                t.join(120_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private static String machine() {
        long memMiB = -1;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memMiB = Long.parseLong(line.replaceAll("\\D", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux: left out
        }
        return String.format(Locale.ROOT, "%s, %d cores, %d MiB RAM, Java %s, %s; load average at the start %.1f "
                        + "(other builds share the machine)", Instant.now(),
                Runtime.getRuntime().availableProcessors(), memMiB, System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"), loadAverage());
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

}
