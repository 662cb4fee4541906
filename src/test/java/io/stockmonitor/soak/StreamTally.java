package io.stockmonitor.soak;

import io.stockmonitor.protocol.ResyncReason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the checking of one observer's streams (or of all, added up) found. "Lost" is split by cause: a snapshot the
 * protocol calls for (a resume older than the server's history), a tick a hostile relay corrupted, a new epoch (the
 * old epoch's tail, counted once the run is over), and unexplained: only that last kind fails a run.
 */
final class StreamTally {
    /** How many problems are kept word for word; beyond that they are only counted. */
    private static final int KEPT_PROBLEMS = 40;

    long ticksVerified;
    long duplicates;
    long forged;
    long lostUnexplained;
    long lostBeyondHistory;
    long lostCorrupted;
    long epochTailsLost;
    long epochHeadsCovered;
    long notCaughtUp;
    long anomalies;
    final Map<ResyncReason, long[]> snapshots = new EnumMap<>(ResyncReason.class);
    final List<String> problems = new ArrayList<>();
    long problemsDropped;

    void snapshot(ResyncReason reason, boolean justified) {
        snapshots.computeIfAbsent(reason, r -> new long[2])[justified ? 0 : 1]++;
    }

    long snapshotsJustified() {
        return snapshots.values().stream().mapToLong(v -> v[0]).sum();
    }

    long snapshotsUnjustified() {
        return snapshots.values().stream().mapToLong(v -> v[1]).sum();
    }

    void problem(String text) {
        if (problems.size() < KEPT_PROBLEMS) {
            problems.add(text);
        } else {
            problemsDropped++;
        }
    }

    /** True when nothing here fails a run. */
    boolean clean() {
        return duplicates == 0 && forged == 0 && lostUnexplained == 0 && snapshotsUnjustified() == 0
                && notCaughtUp == 0 && anomalies == 0;
    }

    void add(StreamTally o) {
        ticksVerified += o.ticksVerified;
        duplicates += o.duplicates;
        forged += o.forged;
        lostUnexplained += o.lostUnexplained;
        lostBeyondHistory += o.lostBeyondHistory;
        lostCorrupted += o.lostCorrupted;
        epochTailsLost += o.epochTailsLost;
        epochHeadsCovered += o.epochHeadsCovered;
        notCaughtUp += o.notCaughtUp;
        anomalies += o.anomalies;
        o.snapshots.forEach((r, v) -> {
            long[] mine = snapshots.computeIfAbsent(r, k -> new long[2]);
            mine[0] += v[0];
            mine[1] += v[1];
        });
        for (String p : o.problems) {
            problem(p);
        }
        problemsDropped += o.problemsDropped;
    }
}
