package io.stockmonitor.soak;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.stockmonitor.feed.testing.HostileFrame;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Injects faults at random until a deadline: one after another from the calling thread, with pauses, each drawn from
 * a generator seeded with the run's seed, so a seed gives the same faults (kind, target, duration, pause) in the
 * same order; which connection a hostile frame lands on depends on what is open at that moment. The first round
 * draws every fault kind and every hostile frame once, in a seeded order, so even a short run covers them all; then
 * kinds are drawn by weight. Faults with a duration overlap: their ends run on a timer. Every fault goes to the
 * fault log with its time.
 */
final class ChaosSchedule implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChaosSchedule.class);

    private final SoakSettings settings;
    private final SplittableRandom random;
    private final SimulatorAdmin admin;
    private final PublishedTruth truth;
    private final List<ProxyPath> paths;
    private final PathOutages outages;
    private final PrintWriter log;
    private final ScheduledExecutorService ends = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "soak-fault-ends");
        t.setDaemon(true);
        return t;
    });
    private final Map<Fault, Long> applied = new EnumMap<>(Fault.class);
    private final Map<HostileFrame, Long> hostileArmed = new EnumMap<>(HostileFrame.class);
    private final List<Object> firstRound = new ArrayList<>();
    private long hostileNoTarget;
    /** Hostile frames of the first round no connection could take yet: tried again before each later fault. */
    private final List<HostileFrame> retry = new ArrayList<>();
    private int longOutages;
    private int step;
    private int delays;
    private long startNanos;

    ChaosSchedule(SoakSettings settings, SimulatorAdmin admin, PublishedTruth truth, List<ProxyPath> paths,
                  PathOutages outages, PrintWriter log) {
        this.settings = settings;
        // Apart from the simulator's own use of the seed: the same seed, another stream of numbers.
        this.random = new SplittableRandom(settings.seed() ^ 0x50A4C4A05L);
        this.admin = admin;
        this.truth = truth;
        this.paths = List.copyOf(paths);
        this.outages = outages;
        this.log = log;
        List<Object> round = new ArrayList<>();
        for (Fault f : Fault.values()) {
            if (f != Fault.HOSTILE_FRAME) {
                round.add(f);
            }
        }
        round.addAll(List.of(HostileFrame.values()));
        while (!round.isEmpty()) {
            firstRound.add(round.remove(random.nextInt(round.size())));
        }
    }

    /** Injects faults until {@code deadlineNanos} ({@link System#nanoTime()}). */
    void runUntil(long deadlineNanos) throws IOException, InterruptedException {
        startNanos = System.nanoTime();
        while (System.nanoTime() < deadlineNanos) {
            step++;
            retryHostile();
            Object next = firstRound.isEmpty() ? draw() : firstRound.remove(0);
            if (next instanceof HostileFrame h) {
                if (!hostile(h, random.nextInt(paths.size()), random.nextLong()) && !retry.contains(h)) {
                    retry.add(h);
                }
            } else {
                apply((Fault) next);
            }
            long pause = random.nextLong(settings.minFaultGapMs(), settings.maxFaultGapMs() + 1);
            LockSupport.parkNanos(Math.min(TimeUnit.MILLISECONDS.toNanos(pause),
                    Math.max(0, deadlineNanos - System.nanoTime())));
        }
    }

    private Fault draw() {
        int total = 0;
        for (Fault f : Fault.values()) {
            total += f.weight;
        }
        int x = random.nextInt(total);
        for (Fault f : Fault.values()) {
            x -= f.weight;
            if (x < 0) {
                return f;
            }
        }
        throw new IllegalStateException();
    }

    private void apply(Fault fault) throws IOException, InterruptedException {
        ProxyPath path = paths.get(random.nextInt(paths.size()));
        String symbol = settings.symbols().get(random.nextInt(settings.symbols().size()));
        long lasts = random.nextLong(500, settings.longestFaultMs() + 1);
        switch (fault) {
            case PROXY_RESET -> {
                path.proxy().resetAll();
                note(fault, path.name());
            }
            case BLACK_HOLE -> {
                path.blackHole(true);
                later(lasts, () -> path.blackHole(false));
                note(fault, path.name() + " for " + lasts + " ms");
            }
            case THROTTLE -> {
                long rate = random.nextLong(2_000, 20_001);
                path.throttle(rate);
                later(lasts, () -> path.throttle(0));
                note(fault, path.name() + " at " + rate + " B/s for " + lasts + " ms");
            }
            case LONG_OUTAGE -> {
                if (++longOutages > settings.maxLongOutages()) {
                    path.proxy().resetAll();
                    note(Fault.PROXY_RESET, path.name() + " (instead of one long outage too many)");
                    return;
                }
                long outage = settings.longOutage().toMillis();
                long now = System.currentTimeMillis();
                outages.add(path.name(), now, now + outage);
                path.outage(true);
                later(outage, () -> path.outage(false));
                note(fault, path.name() + " down for " + outage + " ms");
            }
            case SIM_DROP -> {
                admin.post("drop");
                note(fault, "every connection");
            }
            case SILENCE -> {
                admin.post(String.format(Locale.ROOT, "silence?seconds=%.3f", lasts / 1000.0));
                note(fault, lasts + " ms");
            }
            case NEW_EPOCH -> newEpoch();
            case DUPLICATE -> {
                admin.post("duplicate?symbol=" + symbol);
                note(fault, symbol);
            }
            case SWAP -> {
                admin.post("swap?symbol=" + symbol);
                note(fault, symbol);
            }
            case DELAY -> {
                long ms = random.nextLong(20, 401);
                delay(ms);
                later(lasts, () -> delay(0));
                note(fault, ms + " ms a frame for " + lasts + " ms");
            }
            case HOSTILE_FRAME -> hostile(HostileFrame.values()[random.nextInt(HostileFrame.values().length)],
                    random.nextInt(paths.size()), random.nextLong());
        }
    }

    private void newEpoch() throws IOException, InterruptedException {
        truth.endOfEpoch(truth.epochCount() - 1, admin.lastSeqs());
        JsonNode reply = admin.post("new-epoch");
        String epoch = reply.get("epoch").asText();
        truth.epochStarted(epoch);
        note(Fault.NEW_EPOCH, epoch);
    }

    /** Arms {@code frame} (see {@link #arm}); logs it, or that no connection could take it. */
    private boolean hostile(HostileFrame frame, int first, long pick) {
        if (arm(frame, first, pick)) {
            return true;
        }
        hostileNoTarget++;
        log(Fault.HOSTILE_FRAME + " " + frame + ": no connection could take it now");
        return false;
    }

    /**
     * Arms {@code frame} on a connection through the path {@code first}, else through the other; false when none
     * could take it. The connection is picked with a generator of its own ({@code pick}): how many draws that takes
     * depends on what is open, and the schedule must not.
     */
    private boolean arm(HostileFrame frame, int first, long pick) {
        for (int i = 0; i < paths.size(); i++) {
            ProxyPath path = paths.get((first + i) % paths.size());
            if (path.relay().arm(frame, new SplittableRandom(pick))) {
                hostileArmed.merge(frame, 1L, Long::sum);
                note(Fault.HOSTILE_FRAME, frame + " on a connection through " + path.name());
                return true;
            }
        }
        return false;
    }

    /** First-round hostile frames that found no connection, tried again without drawing from the schedule. */
    private void retryHostile() {
        retry.removeIf(frame -> arm(frame, step % paths.size(), settings.seed() + step));
    }

    /** Overlapping delays: each sets its own, the last to end clears it. */
    private synchronized void delay(long ms) {
        delays = Math.max(0, delays + (ms > 0 ? 1 : -1));
        if (ms > 0 || delays == 0) {
            try {
                admin.post("delay?ms=" + ms);
            } catch (IOException e) {
                LOG.warn("soak: could not set the simulator's delay to {} ms", ms, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void later(long ms, Runnable end) {
        ends.schedule(end, ms, TimeUnit.MILLISECONDS);
    }

    private void note(Fault fault, String detail) {
        applied.merge(fault, 1L, Long::sum);
        log(fault + " " + detail);
    }

    private void log(String line) {
        log.printf(Locale.ROOT, "%9.3f s  %s%n", (System.nanoTime() - startNanos) / 1e9, line);
        log.flush();
    }

    /**
     * Ends every fault now: the timed ones' ends are dropped, every path is healed, the delay cleared, and a silence
     * (which the simulator ends on its own) waited out.
     */
    void healAll() throws IOException, InterruptedException {
        ends.shutdownNow();
        ends.awaitTermination(10, TimeUnit.SECONDS);
        for (ProxyPath p : paths) {
            p.heal();
        }
        admin.post("delay?ms=0");
        log("heal: every fault ended");
        await("the simulator's silence to end").atMost(Duration.ofMillis(settings.longestFaultMs() + 30_000))
                .pollInterval(Duration.ofMillis(200)).until(() -> !admin.status().get("silent").asBoolean());
    }

    Map<Fault, Long> applied() {
        return applied;
    }

    Map<HostileFrame, Long> hostileArmed() {
        return hostileArmed;
    }

    long hostileNoTarget() {
        return hostileNoTarget;
    }

    long total() {
        return applied.values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        ends.shutdownNow();
    }
}
