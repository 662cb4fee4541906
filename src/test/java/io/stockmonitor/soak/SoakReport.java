package io.stockmonitor.soak;

import io.stockmonitor.feed.testing.HostileFrame;
import io.stockmonitor.protocol.ResyncReason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one chaos soak and its verdict. A run fails on: a tick applied twice, a tick not as published, a
 * tick missing without a snapshot the protocol calls for or a corrupted frame to explain it, a snapshot without a
 * reason, an observer not caught up at the end, memory not flat within the bounds, the app not exiting cleanly, the
 * simulator dying, or a fault kind never injected.
 */
public final class SoakReport {
    SoakSettings settings;
    String machine;
    String topology;
    double wallSeconds;
    double chaosSeconds;
    Map<Fault, Long> faults = new EnumMap<>(Fault.class);
    Map<HostileFrame, Long> hostileArmed = new EnumMap<>(HostileFrame.class);
    Map<HostileFrame, Long> hostileWritten = new EnumMap<>(HostileFrame.class);
    long hostileNoTarget;
    int epochs;
    final StreamTally fleet = new StreamTally();
    StreamTally app = new StreamTally();
    ClientFleet.FleetCounters fleetCounters;
    ReconnectTimes fleetReconnects;
    ReconnectTimes appReconnects;
    MemoryWatch simulatorMemory;
    MemoryWatch appMemory;
    int appExit = -1;
    String appSummary = "";
    long appRecordLines;
    boolean simulatorAlive;
    final List<String> setupProblems = new ArrayList<>();

    StreamTally all() {
        StreamTally t = new StreamTally();
        t.add(fleet);
        t.add(app);
        return t;
    }

    long faultTotal() {
        return faults.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Why the run failed; empty when it passed. */
    public List<String> failures() {
        List<String> f = new ArrayList<>(setupProblems);
        StreamTally t = all();
        if (t.duplicates > 0) {
            f.add(t.duplicates + " ticks applied twice");
        }
        if (t.forged > 0) {
            f.add(t.forged + " ticks not as published");
        }
        if (t.lostUnexplained > 0) {
            f.add(t.lostUnexplained + " ticks lost without a reason the protocol gives");
        }
        if (t.snapshotsUnjustified() > 0) {
            f.add(t.snapshotsUnjustified() + " snapshots without a reason");
        }
        if (t.notCaughtUp > 0) {
            f.add(t.notCaughtUp + " streams not caught up at the end");
        }
        if (t.anomalies > 0) {
            f.add(t.anomalies + " anomalies in the streams");
        }
        if (t.ticksVerified == 0 || app.ticksVerified == 0) {
            f.add("no tick verified" + (app.ticksVerified == 0 ? " in the app's record" : ""));
        }
        for (MemoryWatch m : new MemoryWatch[] {simulatorMemory, appMemory}) {
            String why = m == null ? "memory not measured"
                    : m.notFlat(settings.heapGrowthMiB(), settings.rssGrowthMiB());
            if (why != null) {
                f.add("memory not flat: " + why);
            }
        }
        // SIGTERM ends a JVM with 143 (128 + 15) whatever its code: the summary shows it finished its run.
        if (appExit != 0 && appExit != 143 || !appSummary.contains("headless summary")) {
            f.add("the app exited with " + appExit + (appSummary.contains("headless summary") ? ""
                    : " without its summary"));
        }
        if (!simulatorAlive) {
            f.add("the simulator died during the run");
        }
        for (Fault k : Fault.values()) {
            if (faults.getOrDefault(k, 0L) == 0) {
                f.add("fault " + k + " never injected");
            }
        }
        return f;
    }

    public boolean passed() {
        return failures().isEmpty();
    }

    public String text() {
        StringBuilder b = new StringBuilder();
        StreamTally t = all();
        line(b, "Chaos soak, seed %d (replay: --seed %d)", settings.seed(), settings.seed());
        line(b, "machine: %s", machine);
        line(b, "run: %.0f s of faults, %.0f s in all; %s", chaosSeconds, wallSeconds, topology);
        line(b, "feed: %d symbols x %.1f ticks/s, resume history %d ticks per symbol (%.0f s), long outage %d s",
                settings.symbols().size(), settings.ratePerSymbol(), settings.historyTicks(),
                settings.historyTicks() / settings.ratePerSymbol(), settings.longOutage().toSeconds());
        line(b, "");
        line(b, "faults: %d in all; %d epochs", faultTotal(), epochs);
        for (Map.Entry<Fault, Long> e : faults.entrySet()) {
            line(b, "  %-14s %6d", e.getKey(), e.getValue());
        }
        line(b, "hostile frames (armed / written to a client): %s; no connection to take one: %d",
                hostileSummary(), hostileNoTarget);
        line(b, "hostile frames a client must count as bad: %d written; bad frames counted: %d by the clients, %s by "
                + "the app (a frame written just before a connection ends may never be read)", badFramesWritten(),
                fleetCounters == null ? 0 : fleetCounters.badFrames, appCount("bad frames"));
        line(b, "");
        line(b, "ticks verified: %d (%d by the %d clients, %d in the app's record of %d lines)", t.ticksVerified,
                fleet.ticksVerified, settings.connections() - 1, app.ticksVerified, appRecordLines);
        line(b, "duplicated: %d    not as published (forged): %d", t.duplicates, t.forged);
        line(b, "lost, unexplained: %d", t.lostUnexplained);
        line(b, "lost, justified: %d skipped by snapshots after resumes older than the history (too_old); "
                + "%d corrupted by the relay (the client counts such a tick lost); %d undelivered tails of "
                + "old epochs; %d ticks of new epochs stood in for by their snapshots", t.lostBeyondHistory,
                t.lostCorrupted, t.epochTailsLost, t.epochHeadsCovered);
        line(b, "snapshots: %d justified, %d not: %s", t.snapshotsJustified(), t.snapshotsUnjustified(),
                snapshotSummary(t));
        line(b, "caught up at the end: %s", t.notCaughtUp == 0 ? "every stream" : t.notCaughtUp + " streams NOT");
        if (fleetCounters != null) {
            ClientFleet.FleetCounters c = fleetCounters;
            line(b, "clients' own counters: %d ticks, %d duplicates dropped, %d bad frames, %d gaps detected, %d "
                    + "resyncs, %d connections lost, %d symbol resumes", c.ticks, c.duplicatesDropped, c.badFrames,
                    c.gaps, c.resyncs, c.connectionsLost, c.symbolsResumed);
        }
        line(b, "reconnect time (down to connected again): clients %s; app %s", fleetReconnects, appReconnects);
        line(b, "");
        for (MemoryWatch m : new MemoryWatch[] {simulatorMemory, appMemory}) {
            if (m != null) {
                line(b, "memory, %s: %s", m.name(), String.join("; ", m.describe()));
            }
        }
        line(b, "memory bound (last sample vs the first, taken after the warm-up): live heap +%d MiB, RSS +%d MiB",
                settings.heapGrowthMiB(), settings.rssGrowthMiB());
        line(b, "app: exit %d%s; %s", appExit, appExit == 143 ? " (SIGTERM)" : "",
                appSummary.replace("\n", "\n     "));
        List<String> problems = new ArrayList<>(t.problems);
        if (!problems.isEmpty()) {
            line(b, "");
            line(b, "problems (first %d of %d):", problems.size(), problems.size() + t.problemsDropped);
            problems.forEach(p -> line(b, "  %s", p));
        }
        List<String> failures = failures();
        line(b, "");
        line(b, "RESULT: %s", failures.isEmpty() ? "PASS" : "FAIL: " + String.join("; ", failures));
        return b.toString();
    }

    private long badFramesWritten() {
        long n = 0;
        for (Map.Entry<HostileFrame, Long> e : hostileWritten.entrySet()) {
            if (e.getKey().reaction() == HostileFrame.Reaction.BAD_FRAME) {
                n += e.getValue();
            }
        }
        return n;
    }

    /** A count from the app's summary ("bad frames 3"), or "?" when it printed none. */
    private String appCount(String name) {
        Matcher m = Pattern.compile(name + " (\\d+)").matcher(appSummary);
        return m.find() ? m.group(1) : "?";
    }

    private String hostileSummary() {
        List<String> parts = new ArrayList<>();
        for (HostileFrame h : HostileFrame.values()) {
            parts.add(h + " " + hostileArmed.getOrDefault(h, 0L) + "/" + hostileWritten.getOrDefault(h, 0L));
        }
        return String.join(", ", parts);
    }

    private static String snapshotSummary(StreamTally t) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<ResyncReason, long[]> e : t.snapshots.entrySet()) {
            parts.add(e.getKey().wire() + " " + e.getValue()[0] + (e.getValue()[1] > 0 ? " (+" + e.getValue()[1]
                    + " unjustified)" : ""));
        }
        return String.join(", ", parts);
    }

    private static void line(StringBuilder b, String format, Object... args) {
        b.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
