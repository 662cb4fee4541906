package io.stockmonitor.simulator;

import io.stockmonitor.protocol.HistoryInterval;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.ResyncReason;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * One symbol's simulated market and its subscribers. The lock makes publishing a tick and setting up a
 * subscription mutually exclusive, which is what guarantees a subscriber sees every seq exactly once: the
 * history read (replay or snapshot) and the registration happen atomically, so a tick is either in the replay or
 * sent live, never both and never neither.
 */
final class SymbolFeed {
    final ReentrantLock lock = new ReentrantLock();
    final int index;
    final String symbol;

    private final SymbolSpec spec;
    private final long seed;
    private final double rate;
    private final int historyTicks;
    private PriceModel model;
    private TickHistory history;
    private SecondBars bars;
    /** Live bars per {@link HistoryInterval} (index 0 is {@link #bars}). */
    private IntervalBars[] live;
    private DerivedHistory derived;
    private long open;
    private long high;
    private long low;
    private long prevClose;
    private long volume;
    private volatile ClientConnection[] subscribers = new ClientConnection[0];
    private boolean duplicateNext;
    private int swapState; // 0 none, 1 hold the next tick, 2 holding one
    private ByteBuffer heldFrame;
    private long heldSeq;

    SymbolFeed(int index, SymbolSpec spec, long seed, double rate, int historyTicks, int epochIndex, long nowMs) {
        this.index = index;
        this.symbol = spec.symbol();
        this.spec = spec;
        this.seed = seed;
        this.rate = rate;
        this.historyTicks = historyTicks;
        reset(epochIndex, nowMs);
    }

    /** Forgets history and restarts seq at 1 (a new epoch). Caller holds the lock. */
    void reset(int epochIndex, long nowMs) {
        model = new PriceModel(spec, seed, epochIndex, rate);
        history = new TickHistory(historyTicks);
        bars = new SecondBars();
        live = new IntervalBars[HistoryInterval.values().length];
        live[0] = bars;
        for (int i = 1; i < live.length; i++) {
            live[i] = new IntervalBars(HistoryInterval.values()[i].millis(), SimulatorConfig.LIVE_BARS_PER_INTERVAL);
        }
        derived = new DerivedHistory(spec, seed, epochIndex, nowMs, model.priceCents(), rate,
                SimulatorConfig.DERIVED_HISTORY_DAYS);
        volume = 0;
        duplicateNext = false;
        swapState = 0;
        heldFrame = null;
        backfillBars();
        prevClose = derived.previousDayCloseCents();
        open = model.priceCents();
        high = open;
        low = open;
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
                live[interval.ordinal()].put(partial[0], partial[1], partial[2], partial[3], partial[4], partial[5]);
            }
        }
    }

    /**
     * Publishes the next tick: history, day stats, bars, then one shared frame to every subscriber. Returns the
     * tick record when {@code wantRecord} (for publish listeners), else null.
     */
    Message.Tick publish(long nowMs, TickEncoder encoder, boolean wantRecord) {
        return publish(nowMs, encoder, wantRecord, null, null);
    }

    /**
     * As {@link #publish(long, TickEncoder, boolean)}, and hands the tick with the epoch it belongs to to
     * {@code hub}'s listeners under the lock and before any subscriber can receive it.
     */
    Message.Tick publish(long nowMs, TickEncoder encoder, boolean wantRecord, FeedHub hub, String epoch) {
        lock.lock();
        try {
            model.next();
            long price = model.priceCents();
            long size = model.size();
            history.append(nowMs, price, size, model.bidCents(), model.askCents());
            long seq = history.lastSeq();
            for (IntervalBars ring : live) {
                ring.add(nowMs, price, size);
            }
            high = Math.max(high, price);
            low = Math.min(low, price);
            volume += size;
            ByteBuffer frame = encoder.tick(symbol, seq, nowMs, price, size, model.bidCents(), model.askCents());
            Message.Tick tick = wantRecord ? new Message.Tick(symbol, seq, nowMs, price / 100.0, size,
                    model.bidCents() / 100.0, model.askCents() / 100.0) : null;
            // Listeners first: a test that looks a received tick up among the published ones must find it.
            if (tick != null && hub != null) {
                hub.notifyListeners(epoch, tick);
            }
            fanOut(seq, frame);
            return tick;
        } finally {
            lock.unlock();
        }
    }

    private void fanOut(long seq, ByteBuffer frame) {
        if (swapState == 1) {
            heldFrame = frame;
            heldSeq = seq;
            swapState = 2;
            return;
        }
        ClientConnection[] subs = subscribers;
        boolean anyClosed = false;
        for (ClientConnection c : subs) {
            boolean open = c.sendTick(index, seq, frame);
            if (open && duplicateNext) {
                open = c.sendTick(index, seq, frame);
            }
            if (open && swapState == 2) {
                open = c.sendTick(index, heldSeq, heldFrame);
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
            long last = history.lastSeq();
            ResyncReason reason;
            if (after == null) {
                reason = ResyncReason.NEW;
            } else if (!currentEpoch.equals(resumeEpoch)) {
                reason = ResyncReason.EPOCH_CHANGED;
            } else if (after > last) {
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
                for (long seq = after + 1; seq <= last && accepted; seq++) {
                    accepted = c.sendTick(index, seq, encoder.tick(symbol, seq, history.ts(seq),
                            history.priceCents(seq), history.size(seq), history.bidCents(seq),
                            history.askCents(seq)));
                }
            } else {
                accepted = c.sendSubscribed(index, new Message.Subscribed(requestId, symbol, currentEpoch, false,
                        null, reason), last)
                        && c.sendSnapshot(index, snapshot(currentEpoch, nowMs, c.leanSnapshots()), last);
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
            long liveFrom = derived.end(interval);
            BarColumns out = new BarColumns(interval.millis(), limit);
            ring.copyNewestFirst(liveFrom, beforeMs, out);
            // Live bars since the start all kept: the derived ones follow on; else the history ends at the oldest kept.
            boolean continuous = ring.newestEvicted() < liveFrom;
            boolean olderLive = ring.oldestStart() < out.oldest() && ring.oldestStart() >= liveFrom;
            return new HistoryPage(requestId, symbol, interval, out, continuous ? derived : null,
                    Math.min(beforeMs, out.oldest()), olderLive);
        } finally {
            lock.unlock();
        }
    }

    /** The symbol's state; {@code lean} (v2) leaves the bars out: a v2 client asks for them with history requests. */
    private Message.Snapshot snapshot(String epoch, long nowMs, boolean lean) {
        long last = history.lastSeq();
        long price = last == 0 ? model.priceCents() : history.priceCents(last);
        long bid = last == 0 ? model.bidCents() : history.bidCents(last);
        long ask = last == 0 ? model.askCents() : history.askCents(last);
        return new Message.Snapshot(symbol, epoch, last, price / 100.0, bid / 100.0, ask / 100.0, open / 100.0,
                high / 100.0, low / 100.0, prevClose / 100.0, volume, lean ? null : bars.lastHour(nowMs));
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
