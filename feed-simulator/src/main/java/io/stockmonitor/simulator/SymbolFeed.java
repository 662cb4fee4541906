package io.stockmonitor.simulator;

import io.stockmonitor.protocol.HistoryInterval;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.ResyncReason;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One symbol's history as this server holds it (its ticks for resume, its bars, its day statistics) and its
 * subscribers. Ticks come in as {@link TickRecord}s in seq order, from whatever produces them: this server's
 * simulated market or relay, or a shared history that another server produced into. The lock makes applying a tick
 * and setting up a subscription mutually exclusive, which is what guarantees a subscriber sees every seq exactly
 * once: the history read (replay or snapshot) and the registration happen atomically, so a tick is either in the
 * replay or sent live, never both and never neither.
 */
final class SymbolFeed {
    final ReentrantLock lock = new ReentrantLock();
    final int index;
    final String symbol;

    private final int historyTicks;
    private TickHistory history;
    private SecondBars bars;
    /** Live bars per {@link HistoryInterval} (index 0 is {@link #bars}). */
    private IntervalBars[] live;
    private DerivedHistory derived;
    /** Start of the oldest live bar that is whole: bars before it are the derived ones, or none. */
    private long liveFromMs;
    private double last;
    private double bid;
    private double ask;
    private double open;
    private double high;
    private double low;
    private double prevClose;
    private double volume;
    private volatile ClientConnection[] subscribers = new ClientConnection[0];
    private boolean duplicateNext;
    private int swapState; // 0 none, 1 hold the next tick, 2 holding one
    private ByteBuffer heldFrame;
    private long heldSeq;
    private UpstreamGap heldGap;

    SymbolFeed(int index, String symbol, int historyTicks, EpochStart start) {
        this.index = index;
        this.symbol = symbol;
        this.historyTicks = historyTicks;
        reset(start);
    }

    /** Forgets history and restarts seq at 1 (a new epoch). Caller holds the lock. */
    void reset(EpochStart start) {
        history = new TickHistory(historyTicks);
        bars = new SecondBars();
        live = new IntervalBars[HistoryInterval.values().length];
        live[0] = bars;
        for (int i = 1; i < live.length; i++) {
            live[i] = new IntervalBars(HistoryInterval.values()[i].millis(), SimulatorConfig.LIVE_BARS_PER_INTERVAL);
        }
        derived = start.derived();
        liveFromMs = Long.MIN_VALUE;
        duplicateNext = false;
        swapState = 0;
        heldFrame = null;
        heldGap = null;
        if (derived != null) {
            backfillBars();
        }
        last = start.price();
        bid = start.bid();
        ask = start.ask();
        prevClose = start.prevClose();
        open = last;
        high = last;
        low = last;
        volume = 0;
    }

    /**
     * An hour of derived 1 s bars before the start, so a v1 snapshot's chart has history at once; and in each coarser
     * interval the derived part of the bar that holds the start, which the live ticks then extend.
     */
    private void backfillBars() {
        BarColumns hour = new BarColumns(HistoryInterval.S1.millis(), SecondBars.CAPACITY - 1);
        derived.copyNewestFirst(HistoryInterval.S1, derived.anchorMs(), hour);
        hour.putOldestFirst(bars);
        for (HistoryInterval interval : HistoryInterval.values()) {
            long[] partial = interval == HistoryInterval.S1 ? null : derived.partialBar(interval);
            if (partial != null) {
                live[interval.ordinal()].put(partial[0], partial[1] / 100.0, partial[2] / 100.0, partial[3] / 100.0,
                        partial[4] / 100.0, partial[5]);
            }
        }
    }

    /**
     * Applies {@code tick} when it is the next seq: history, bars, day statistics, then one shared frame to every
     * subscriber (on a v2 connection preceded by the upstream gap it carries, if any). {@code hub}'s publish
     * listeners see it first, under the lock, with the epoch (read under the lock: a new epoch takes every feed lock
     * to change it). Returns false, changing nothing, for any other seq.
     */
    boolean apply(TickRecord tick, TickEncoder encoder, FeedHub hub) {
        lock.lock();
        try {
            if (tick.seq() != history.lastSeq() + 1) {
                return false;
            }
            record(tick);
            ByteBuffer frame = encoder.tick(symbol, tick.seq(), tick.ts(), tick.price(), tick.size(), tick.bid(),
                    tick.ask());
            // Listeners first: a test that looks a received tick up among the published ones must find it.
            if (hub != null && hub.hasListeners()) {
                hub.notifyListeners(hub.epoch(), new Message.Tick(symbol, tick.seq(), tick.ts(), tick.price(),
                        tick.size(), tick.bid(), tick.ask()));
            }
            fanOut(tick.seq(), frame, tick.gap());
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void record(TickRecord tick) {
        history.append(tick.ts(), tick.price(), tick.size(), tick.bid(), tick.ask(), tick.gap());
        for (IntervalBars ring : live) {
            ring.add(tick.ts(), tick.price(), tick.size());
        }
        last = tick.price();
        if (!Double.isNaN(tick.bid())) {
            bid = tick.bid();
            ask = tick.ask();
        }
        open = tick.open();
        high = tick.high();
        low = tick.low();
        prevClose = tick.prevClose();
        volume = tick.volume();
    }

    /**
     * The history this server holds cannot go on from where it is (it joined a shared history late, or fell behind
     * one that was trimmed past it): it goes on at {@code nextSeq}, the oldest tick it can have, whose time is
     * {@code fromTs}. The subscribers, who would otherwise miss the ticks between, are dropped so that they come back
     * and hear so (too_old and a snapshot); the live bars start again at {@code fromTs}, since the span between is
     * not to be had.
     */
    void restartAt(long nextSeq, long fromTs) {
        lock.lock();
        try {
            for (ClientConnection c : subscribers) {
                c.disconnect();
            }
            subscribers = new ClientConnection[0];
            history.restartAfter(nextSeq - 1);
            liveFromMs = HistoryInterval.S1.bucket(fromTs);
        } finally {
            lock.unlock();
        }
    }

    private void fanOut(long seq, ByteBuffer frame, UpstreamGap gap) {
        if (swapState == 1) {
            heldFrame = frame;
            heldSeq = seq;
            heldGap = gap;
            swapState = 2;
            return;
        }
        ClientConnection[] subs = subscribers;
        boolean anyClosed = false;
        for (ClientConnection c : subs) {
            boolean open = gap == null || c.sendUpstreamGap(index, symbol, seq, gap);
            open = open && c.sendTick(index, seq, frame);
            if (open && duplicateNext) {
                open = c.sendTick(index, seq, frame);
            }
            if (open && swapState == 2) {
                open = (heldGap == null || c.sendUpstreamGap(index, symbol, heldSeq, heldGap))
                        && c.sendTick(index, heldSeq, heldFrame);
            }
            anyClosed |= !open;
        }
        if (anyClosed) {
            dropClosedSubscribers();
        }
        duplicateNext = false;
        if (swapState == 2) {
            swapState = 0;
            heldFrame = null;
            heldGap = null;
        }
    }

    void duplicateNextTick() {
        lock.lock();
        try {
            duplicateNext = true;
        } finally {
            lock.unlock();
        }
    }

    void swapNextTwoTicks() {
        lock.lock();
        try {
            if (swapState == 0) {
                swapState = 1;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Subscribes {@code c}: replies subscribed, then either the replay after the resume position or a snapshot, and
     * registers it for live ticks, all under the lock. {@code after} null means no resume position for this symbol.
     * The current epoch is read under the lock too: a new epoch takes every feed lock to change it, so the epoch a
     * reply names is always the one of the history it is answered from (read before the lock, a subscribe racing a
     * new epoch paired the old name with the new history).
     */
    void subscribe(ClientConnection c, long requestId, Supplier<String> epochNow, String resumeEpoch, Long after,
                   TickEncoder encoder, long nowMs) {
        lock.lock();
        try {
            String currentEpoch = epochNow.get();
            removeSubscriber(c);
            long lastSeq = history.lastSeq();
            ResyncReason reason;
            if (after == null) {
                reason = ResyncReason.NEW;
            } else if (!currentEpoch.equals(resumeEpoch)) {
                reason = ResyncReason.EPOCH_CHANGED;
            } else if (after > lastSeq) {
                reason = ResyncReason.AHEAD;
            } else if (after < history.firstSeq() - 1) {
                reason = ResyncReason.TOO_OLD;
            } else {
                reason = null;
            }
            boolean accepted;
            if (reason == null) {
                accepted = c.sendSubscribed(index, new Message.Subscribed(requestId, symbol, currentEpoch, true,
                        after, null), after);
                for (long seq = after + 1; seq <= lastSeq && accepted; seq++) {
                    UpstreamGap gap = history.gapBefore(seq);
                    accepted = (gap == null || c.sendUpstreamGap(index, symbol, seq, gap))
                            && c.sendTick(index, seq, encoder.tick(symbol, seq, history.ts(seq), history.price(seq),
                                    history.size(seq), history.bid(seq), history.ask(seq)));
                }
            } else {
                accepted = c.sendSubscribed(index, new Message.Subscribed(requestId, symbol, currentEpoch, false,
                        null, reason), lastSeq)
                        && c.sendSnapshot(index, snapshot(currentEpoch, nowMs, c.leanSnapshots()), lastSeq);
            }
            if (accepted) {
                ClientConnection[] subs = Arrays.copyOf(subscribers, subscribers.length + 1);
                subs[subs.length - 1] = c;
                subscribers = subs;
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * v2: the bars this server has of {@code interval} before {@code beforeMs}, newest {@code limit}: the live part
     * copied now, under the lock (so it matches the ticks sent so far); the derived part is added later by
     * {@link HistoryPage#complete}, on the snapshot thread.
     */
    HistoryPage historyPage(long requestId, HistoryInterval interval, long beforeMs, int limit) {
        lock.lock();
        try {
            IntervalBars ring = live[interval.ordinal()];
            long liveFrom = derived != null && liveFromMs == Long.MIN_VALUE ? derived.end(interval)
                    : liveFromMs == Long.MIN_VALUE ? Long.MIN_VALUE : interval.bucket(liveFromMs);
            BarColumns out = new BarColumns(interval.millis(), limit);
            ring.copyNewestFirst(liveFrom, beforeMs, out);
            // Live bars since the start all kept: the derived ones follow on; else the history ends at the oldest kept.
            boolean continuous = derived != null && liveFromMs == Long.MIN_VALUE && ring.newestEvicted() < liveFrom;
            boolean olderLive = ring.oldestStart() < out.oldest() && ring.oldestStart() >= liveFrom;
            return new HistoryPage(requestId, symbol, interval, out, continuous ? derived : null,
                    Math.min(beforeMs, out.oldest()), olderLive);
        } finally {
            lock.unlock();
        }
    }

    /**
     * The symbol's state; {@code lean} (v2) leaves the bars out: a v2 client asks for them with history requests.
     * Before its first tick a relayed symbol has no price: its snapshot at seq 0 carries zeros.
     */
    private Message.Snapshot snapshot(String epoch, long nowMs, boolean lean) {
        return new Message.Snapshot(symbol, epoch, history.lastSeq(), known(last), known(bid), known(ask),
                known(open), known(high), known(low), known(prevClose), WireNumbers.volume(volume),
                lean ? null : bars.lastHour(nowMs));
    }

    private static double known(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /** Stops live ticks to {@code c} and confirms with unsubscribed (after any tick already queued). */
    void unsubscribe(ClientConnection c, long requestId) {
        lock.lock();
        try {
            removeSubscriber(c);
            c.sendUnsubscribed(index, new Message.Unsubscribed(requestId, symbol));
        } finally {
            lock.unlock();
        }
    }

    /** Drops {@code c} without a reply (its connection closed). */
    void remove(ClientConnection c) {
        lock.lock();
        try {
            removeSubscriber(c);
        } finally {
            lock.unlock();
        }
    }

    private void dropClosedSubscribers() {
        ClientConnection[] subs = subscribers;
        int open = 0;
        ClientConnection[] kept = new ClientConnection[subs.length];
        for (ClientConnection c : subs) {
            if (!c.isClosed()) {
                kept[open++] = c;
            }
        }
        subscribers = Arrays.copyOf(kept, open);
    }

    private void removeSubscriber(ClientConnection c) {
        ClientConnection[] subs = subscribers;
        for (int i = 0; i < subs.length; i++) {
            if (subs[i] == c) {
                ClientConnection[] next = new ClientConnection[subs.length - 1];
                System.arraycopy(subs, 0, next, 0, i);
                System.arraycopy(subs, i + 1, next, i, subs.length - i - 1);
                subscribers = next;
                return;
            }
        }
    }

    /** Forgets every subscriber (a new epoch drops all connections). Caller holds the lock. */
    void clearSubscribers() {
        subscribers = new ClientConnection[0];
    }

    /** True when the history holds {@code tick}'s seq with the same time, price and size. */
    boolean holds(TickRecord tick) {
        lock.lock();
        try {
            long seq = tick.seq();
            return seq >= history.firstSeq() && seq <= history.lastSeq() && history.ts(seq) == tick.ts()
                    && history.price(seq) == tick.price() && history.size(seq) == tick.size();
        } finally {
            lock.unlock();
        }
    }

    long lastSeq() {
        lock.lock();
        try {
            return history.lastSeq();
        } finally {
            lock.unlock();
        }
    }

    long firstSeq() {
        lock.lock();
        try {
            return history.firstSeq();
        } finally {
            lock.unlock();
        }
    }

    int subscriberCount() {
        return subscribers.length;
    }
}
