package io.stockmonitor.source.v1;

import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.Protocol;
import io.stockmonitor.protocol.ResyncReason;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where the client is in each symbol's stream: (epoch, last applied seq) and the subscription phase on the current
 * connection. Decides, for each tick, whether to apply it, drop it as a duplicate, ignore it (the symbol is being
 * resynced) or resync because of a gap; builds the resume requests. Pure logic, no I/O; the feed thread owns it.
 */
public final class ResumeTracker {
    /** A symbol's subscription on the current connection. */
    public enum Phase {
        /** Not requested on this connection yet (also: after a connection loss). */
        IDLE,
        /** Subscribe sent, reply not yet in; its ticks are ignored. */
        SUBSCRIBING,
        /** The server said it cannot replay; waiting for the snapshot, ticks ignored. */
        AWAITING_SNAPSHOT,
        /** Ticks flow and are checked against {@code last}. */
        LIVE,
        /** The user unsubscribed; waiting for the reply, ticks ignored. */
        REMOVING
    }

    /** What to do with a tick. */
    public enum Verdict { APPLY, DUPLICATE, GAP, IGNORE }

    /** One symbol's position. */
    public static final class Position {
        final String symbol;
        String epoch;
        long last;
        Phase phase = Phase.IDLE;
        /** True while a resync caused by a gap is in flight (a snapshot reply then reports reason GAP). */
        boolean resyncing;
        ResyncReason pendingReason;
        /** Ticks with an earlier {@code ts} arrived as a resume replay: applied, but not counted as feed latency. */
        long liveFromMs;
        /** Where the last resync started ({@link #last} then), to notice resyncs that get nowhere. */
        long resyncFrom = -1;
        /** Resyncs in a row that did not get past {@link #resyncFrom}. */
        int fruitlessResyncs;

        Position(String symbol) {
            this.symbol = symbol;
        }

        public String symbol() {
            return symbol;
        }

        /** Epoch of {@link #last}, or null before any data. */
        public String epoch() {
            return epoch;
        }

        public long last() {
            return last;
        }

        public Phase phase() {
            return phase;
        }

        boolean hasPosition() {
            return epoch != null;
        }
    }

    private final Map<String, Position> positions = new LinkedHashMap<>();

    /** Adds the symbol (idempotent); returns its position. */
    public Position add(String symbol) {
        return positions.computeIfAbsent(symbol, Position::new);
    }

    public Position get(String symbol) {
        return positions.get(symbol);
    }

    public Position remove(String symbol) {
        return positions.remove(symbol);
    }

    public Collection<Position> all() {
        return positions.values();
    }

    /** The connection is gone: nothing is subscribed any more, positions are kept for the resume. */
    public void connectionLost() {
        positions.values().removeIf(p -> p.phase == Phase.REMOVING);
        for (Position p : positions.values()) {
            p.phase = Phase.IDLE;
            p.resyncing = false;
            p.pendingReason = null;
        }
    }

    /**
     * The subscribe requests for {@code symbols} (all IDLE ones when null): one plain subscribe for the symbols
     * without a position, and one resume per epoch for the others, each split to at most
     * {@link Protocol#MAX_SYMBOLS_PER_REQUEST} symbols. Marks them SUBSCRIBING.
     */
    public List<Message.Subscribe> subscribeRequests(Collection<Position> which, java.util.function.LongSupplier ids) {
        List<String> fresh = new ArrayList<>();
        Map<String, Map<String, Long>> byEpoch = new LinkedHashMap<>();
        for (Position p : which) {
            if (p.hasPosition()) {
                byEpoch.computeIfAbsent(p.epoch, e -> new LinkedHashMap<>()).put(p.symbol, p.last);
            } else {
                fresh.add(p.symbol);
            }
            p.phase = Phase.SUBSCRIBING;
        }
        List<Message.Subscribe> requests = new ArrayList<>();
        int max = Protocol.MAX_SYMBOLS_PER_REQUEST;
        for (int from = 0; from < fresh.size(); from += max) {
            requests.add(new Message.Subscribe(ids.getAsLong(),
                    List.copyOf(fresh.subList(from, Math.min(fresh.size(), from + max))), null));
        }
        for (Map.Entry<String, Map<String, Long>> e : byEpoch.entrySet()) {
            List<String> symbols = List.copyOf(e.getValue().keySet());
            for (int from = 0; from < symbols.size(); from += max) {
                Map<String, Long> after = new LinkedHashMap<>();
                for (String symbol : symbols.subList(from, Math.min(symbols.size(), from + max))) {
                    after.put(symbol, e.getValue().get(symbol));
                }
                requests.add(new Message.Subscribe(ids.getAsLong(), List.copyOf(after.keySet()),
                        new Message.Resume(e.getKey(), after)));
            }
        }
        return requests;
    }

    /** Every IDLE position, in subscription order. */
    public List<Position> idle() {
        List<Position> idle = new ArrayList<>();
        for (Position p : positions.values()) {
            if (p.phase == Phase.IDLE) {
                idle.add(p);
            }
        }
        return idle;
    }

    /** The verdict on tick {@code seq}; on APPLY the position has advanced. */
    public Verdict onTick(Position p, long seq) {
        if (p.phase != Phase.LIVE) {
            return Verdict.IGNORE;
        }
        if (seq <= p.last) {
            return Verdict.DUPLICATE;
        }
        if (seq == p.last + 1) {
            p.last = seq;
            return Verdict.APPLY;
        }
        return Verdict.GAP;
    }

    /**
     * A gap was seen: the symbol alone is resubscribed with resume after its last applied seq. A resync that did not
     * get past the position the previous one started from counts as fruitless; from {@link #SNAPSHOT_AFTER} of those
     * in a row the request asks for a fresh snapshot instead (whatever the server keeps replaying at that position,
     * the stream restarts after it, and the gap is shown and counted as lost).
     */
    public Message.Subscribe startResync(Position p, long requestId) {
        p.fruitlessResyncs = p.resyncFrom == p.last ? p.fruitlessResyncs + 1 : 0;
        p.resyncFrom = p.last;
        p.phase = Phase.SUBSCRIBING;
        p.resyncing = true;
        String epoch = p.epoch;
        if (epoch == null || p.fruitlessResyncs >= SNAPSHOT_AFTER) {
            return new Message.Subscribe(requestId, List.of(p.symbol), null);
        }
        return new Message.Subscribe(requestId, List.of(p.symbol), new Message.Resume(epoch, Map.of(p.symbol, p.last)));
    }

    /** Fruitless resyncs in a row after which a resync asks for a fresh snapshot. */
    static final int SNAPSHOT_AFTER = 2;

    /** How long to wait before the next resync of {@code p}: nothing at first, then doubling from a second. */
    public long resyncDelayMs(Position p) {
        int beyond = p.fruitlessResyncs - SNAPSHOT_AFTER;
        return beyond < 0 ? 0 : Math.min(60_000L, 1_000L << Math.min(beyond, 6));
    }

    /** The server's reply to a subscribe. Returns true when it resumed (ticks after {@code after} follow). */
    public boolean onSubscribed(Position p, Message.Subscribed s) {
        if (s.resumed()) {
            p.epoch = s.epoch();
            if (s.after() != null) {
                p.last = s.after();
            }
            p.phase = Phase.LIVE;
            p.resyncing = false;
            return true;
        }
        // A resync (a gap we saw) answered with a snapshot reports GAP, whatever the server called it; a first
        // subscribe reports the server's reason.
        p.pendingReason = p.resyncing && (s.reason() == ResyncReason.TOO_OLD || s.reason() == ResyncReason.NEW
                || s.reason() == null) ? ResyncReason.GAP : s.reason() == null ? ResyncReason.NEW : s.reason();
        p.phase = Phase.AWAITING_SNAPSHOT;
        return false;
    }

    /**
     * A snapshot for a symbol awaiting one: the position jumps to its seq. Returns the ticks it covers that the
     * client never saw, or -1 when unknown (another epoch, or no earlier position).
     */
    public long onSnapshot(Position p, Message.Snapshot snapshot) {
        long missed = -1;
        if (p.epoch != null && p.epoch.equals(snapshot.epoch()) && snapshot.seq() >= p.last) {
            missed = snapshot.seq() - p.last;
        }
        p.epoch = snapshot.epoch();
        p.last = snapshot.seq();
        p.phase = Phase.LIVE;
        p.resyncing = false;
        return missed;
    }

    /** The reason to report for the snapshot that follows a non-resumed reply. */
    public ResyncReason snapshotReason(Position p) {
        return p.pendingReason == null ? ResyncReason.NEW : p.pendingReason;
    }
}
