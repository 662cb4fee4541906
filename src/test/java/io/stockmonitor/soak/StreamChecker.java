package io.stockmonitor.soak;

import io.stockmonitor.protocol.ResyncReason;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks, as it happens, everything one observer (a feed client, or the headless app's record) applied, symbol by
 * symbol, against what the simulator published: every tick the next seq of its epoch and the very tick published
 * (price, size, time), none twice, none skipped unless a snapshot the protocol calls for, or a tick a hostile relay
 * corrupted, accounts for it. Keeps only a position per symbol, so it runs for hours. Calls come in the observer's
 * order (one feed thread, or one record reader).
 */
final class StreamChecker {
    private final String name;
    private final PublishedTruth truth;
    private final Map<String, Position> streams = new HashMap<>();
    private final List<EpochChange> epochChanges = new ArrayList<>();
    private final StreamTally tally = new StreamTally();

    private static final class Position {
        String epoch;
        int epochIndex;
        long last;
    }

    /** A symbol moved to a new epoch after applying {@code last} of the old one; the snapshot stood at newSeq. */
    private record EpochChange(String symbol, int oldIndex, long last, long newSeq) {
    }

    StreamChecker(String name, PublishedTruth truth) {
        this.name = name;
        this.truth = truth;
    }

    String name() {
        return name;
    }

    synchronized void tick(String symbol, String epoch, long seq, long ts, double price, double size) {
        Position p = streams.get(symbol);
        if (p == null || !p.epoch.equals(epoch)) {
            tally.anomalies++;
            tally.problem(name + ": " + symbol + " tick " + epoch + "#" + seq + " outside its stream ("
                    + (p == null ? "no snapshot yet" : "stream in epoch " + p.epoch) + ")");
            return;
        }
        if (seq <= p.last) {
            tally.duplicates++;
            tally.problem(name + ": " + symbol + " #" + seq + " applied again (last applied #" + p.last + ")");
            return;
        }
        if (seq > p.last + 1) {
            tally.lostUnexplained += seq - p.last - 1;
            tally.problem(name + ": " + symbol + " #" + (p.last + 1) + ".." + (seq - 1) + " never applied, "
                    + "no snapshot or counted gap for them");
        }
        p.last = seq;
        String wrong = truth.check(p.epochIndex, symbol, seq, ts, price, size);
        if (wrong != null) {
            tally.forged++;
            tally.problem(name + ": " + symbol + " #" + seq + " is not the published tick: " + wrong);
        }
        tally.ticksVerified++;
    }

    synchronized void snapshot(String symbol, String epoch, long seq, ResyncReason reason) {
        int index = truth.epochIndex(epoch);
        Position p = streams.get(symbol);
        if (index < 0) {
            tally.anomalies++;
            tally.problem(name + ": " + symbol + " snapshot in an epoch the simulator never had: " + epoch);
            return;
        }
        if (p == null) {
            p = new Position();
            streams.put(symbol, p);
            justify(symbol, reason, reason == ResyncReason.NEW, "the first subscribe");
        } else if (!p.epoch.equals(epoch)) {
            boolean later = index > p.epochIndex;
            justify(symbol, reason, reason == ResyncReason.EPOCH_CHANGED && later, "a new epoch");
            epochChanges.add(new EpochChange(symbol, p.epochIndex, p.last, seq));
        } else {
            long skipped = seq - p.last;
            boolean beyondHistory = skipped > truth.historyTicks()
                    && (reason == ResyncReason.TOO_OLD || reason == ResyncReason.GAP);
            justify(symbol, reason, beyondHistory, "a resume older than the server's history");
            if (beyondHistory) {
                tally.lostBeyondHistory += skipped;
            } else {
                tally.lostUnexplained += Math.max(0, skipped);
                tally.problem(name + ": " + symbol + " " + reason.wire() + " snapshot at #" + seq + " after #"
                        + p.last + " (" + skipped + " ticks skipped, history " + truth.historyTicks() + ")");
            }
        }
        p.epoch = epoch;
        p.epochIndex = index;
        p.last = seq;
    }

    private void justify(String symbol, ResyncReason reason, boolean justified, String because) {
        tally.snapshot(reason, justified);
        if (!justified) {
            tally.problem(name + ": " + symbol + " snapshot '" + reason.wire() + "' without " + because);
        }
    }

    /**
     * A counted lost gap (the record's {@code "recovered":"none"}). The one after a same-epoch snapshot repeats what
     * the snapshot said; one right after the position is a tick the client refused as unusable, which only a
     * corrupted frame explains here (the simulator publishes nothing unusable).
     */
    synchronized void lost(String symbol, Long from, Long to) {
        Position p = streams.get(symbol);
        if (from == null || to == null || p == null || to == p.last) {
            return;
        }
        if (from != p.last + 1 || to < from) {
            tally.anomalies++;
            tally.problem(name + ": " + symbol + " lost gap " + from + ".." + to + " at position #" + p.last);
            return;
        }
        for (long seq = from; seq <= to; seq++) {
            if (truth.corrupted(p.epoch, symbol, seq)) {
                tally.lostCorrupted++;
            } else {
                tally.lostUnexplained++;
                tally.problem(name + ": " + symbol + " #" + seq + " counted lost, yet no relay corrupted it");
            }
        }
        p.last = to;
    }

    /** True when every symbol of {@code target} has reached its seq in {@code epoch}. */
    synchronized boolean reached(String epoch, Map<String, Long> target) {
        for (Map.Entry<String, Long> e : target.entrySet()) {
            Position p = streams.get(e.getKey());
            if (p == null || !p.epoch.equals(epoch) || p.last < e.getValue()) {
                return false;
            }
        }
        return true;
    }

    /** The symbols not yet at {@code target}, with where they are. */
    synchronized String behind(String epoch, Map<String, Long> target) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Long> e : target.entrySet()) {
            Position p = streams.get(e.getKey());
            if (p == null || !p.epoch.equals(epoch) || p.last < e.getValue()) {
                b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(" at ")
                        .append(p == null ? "nothing" : (p.epoch.equals(epoch) ? "" : p.epoch + "#") + p.last)
                        .append(" of ").append(e.getValue());
            }
        }
        return b.toString();
    }

    /** Something the observer reported that no correct stream contains (a record line that is not one). */
    synchronized void anomaly(String what) {
        tally.anomalies++;
        tally.problem(name + ": " + what);
    }

    /**
     * The run is over: every symbol must have reached {@code target} (the simulator's last seqs once the faults had
     * stopped) in {@code epoch}; tails of old epochs are counted now that every observer has reported.
     */
    synchronized StreamTally finish(String epoch, Map<String, Long> target) {
        for (Map.Entry<String, Long> e : target.entrySet()) {
            Position p = streams.get(e.getKey());
            if (p == null || !p.epoch.equals(epoch) || p.last < e.getValue()) {
                tally.notCaughtUp++;
                tally.problem(name + ": " + e.getKey() + " ended at " + (p == null ? "nothing"
                        : p.epoch + "#" + p.last) + ", the simulator had published " + epoch + "#" + e.getValue());
            }
        }
        for (EpochChange c : epochChanges) {
            tally.epochTailsLost += Math.max(0, truth.lastPublished(c.oldIndex(), c.symbol()) - c.last());
            tally.epochHeadsCovered += c.newSeq();
        }
        epochChanges.clear();
        return tally;
    }
}
