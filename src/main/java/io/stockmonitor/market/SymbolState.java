package io.stockmonitor.market;

import io.stockmonitor.protocol.Bars;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.ResyncReason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;

/**
 * All state of one symbol, guarded by a seqlock: the single writer makes {@link #lockSeq} odd, writes plain
 * fields, and makes it even again with a release store, so it never waits for a reader; a reader copies the fields
 * between two reads of {@link #lockSeq} and retries when they differ or were odd. Readers therefore see torn state
 * only inside an attempt that is thrown away, and every read path is written to survive it (bounded loops,
 * indices reduced modulo the capacity).
 *
 * <p>Bar and tick prices are ints in units of {@code 1/scale} dollars: {@link #FINE_SCALE} (1/10,000 $, exact to a
 * hundredth of a cent up to $214,748.36) until a price does not fit, then {@link #COARSE_SCALE} (cents, up to
 * $21,474,836.47) for good; the switch rescales what is stored once. Quote fields stay doubles, exactly as received.
 */
final class SymbolState {
    static final int FINE_SCALE = 10_000;
    static final int COARSE_SCALE = 100;
    private static final VarHandle LOCK_SEQ;

    static {
        try {
            LOCK_SEQ = MethodHandles.lookup().findVarHandle(SymbolState.class, "lockSeq", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final String symbol;
    private final int markerLimit;
    @SuppressWarnings("unused") // accessed through LOCK_SEQ
    private long lockSeq;

    private long version;
    private long seq;
    private double last = Double.NaN;
    private double bid = Double.NaN;
    private double ask = Double.NaN;
    private double open = Double.NaN;
    private double high = Double.NaN;
    private double low = Double.NaN;
    private double prevClose = Double.NaN;
    private long volume;
    private double previousLast = Double.NaN;
    private long lastChangeAtMs = -1;
    private long lastUpdateMs = -1;
    private long confirmedAtMs = -1;
    private boolean resyncing;
    private boolean hasData;
    private int scale = FINE_SCALE;
    private final BarRing[] bars;
    private final TickRing ticks;

    // Writer-only bookkeeping (never read by readers).
    private long lastDataTs = BarRing.NONE;
    private boolean disconnectOpen;

    /** Copy-on-write: markers change a few times an hour, readers take the list as it is. */
    private volatile List<GapMarker> markers = List.of();

    SymbolState(String symbol, MarketLimits limits) {
        this.symbol = symbol;
        this.markerLimit = limits.markersPerSymbol();
        BarInterval[] intervals = BarInterval.values();
        bars = new BarRing[intervals.length];
        for (BarInterval interval : intervals) {
            bars[interval.ordinal()] = new BarRing(interval.millis(), limits.barsFor(interval));
        }
        ticks = new TickRing(limits.recentTicksPerSymbol());
    }

    // ---------------------------------------------------------------- write side (single writer)

    void applyTick(long tickSeq, long ts, double price, long size, double tickBid, double tickAsk, long receivedAtMs) {
        checkPrice(price);
        beginWrite();
        try {
            long scaled = Math.round(price * scale);
            if (scaled > Integer.MAX_VALUE) {
                switchToCoarse();
                scaled = Math.round(price * scale);
            }
            int p = (int) scaled;
            long barTs = Math.max(ts, bars[0].newestStart());
            for (BarRing ring : bars) {
                ring.add(barTs, p, p, p, p, size);
            }
            ticks.add(ts, p, size);
            if (hasData && price != last) {
                previousLast = last;
                lastChangeAtMs = receivedAtMs;
            }
            seq = tickSeq;
            last = price;
            bid = tickBid;
            ask = tickAsk;
            if (Double.isNaN(open)) {
                open = price;
            }
            if (!(high >= price)) {
                high = price;
            }
            if (!(low <= price)) {
                low = price;
            }
            volume += Math.max(0, size);
            lastUpdateMs = receivedAtMs;
            resyncing = false;
            hasData = true;
            version++;
        } finally {
            endWrite();
        }
        lastDataTs = lastDataTs == BarRing.NONE ? ts : Math.max(lastDataTs, ts);
        if (disconnectOpen) {
            closeDisconnect(receivedAtMs);
        }
    }

    void applySnapshot(Message.Snapshot snapshot, ResyncReason reason, long missedTicks, long receivedAtMs) {
        checkPrice(snapshot.last());
        Bars snapBars = snapshot.bars();
        int n = snapBars == null ? 0 : snapBars.size();
        double maxPrice = snapshot.last();
        for (int i = 0; i < n; i++) {
            maxPrice = Math.max(maxPrice, snapBars.high(i));
        }
        long fromTs = lastDataTs != BarRing.NONE ? lastDataTs : n > 0 ? snapBars.time(0) : receivedAtMs;
        long toTs = Math.max(fromTs, receivedAtMs);
        beginWrite();
        try {
            if (scale == FINE_SCALE && Math.round(maxPrice * FINE_SCALE) > Integer.MAX_VALUE) {
                switchToCoarse();
            }
            for (BarRing ring : bars) {
                ring.clear();
            }
            for (int i = 0; i < n; i++) {
                addSnapshotBar(snapBars, i);
            }
            if (hasData && snapshot.last() != last) {
                previousLast = last;
                lastChangeAtMs = receivedAtMs;
            }
            seq = snapshot.seq();
            last = snapshot.last();
            bid = snapshot.bid();
            ask = snapshot.ask();
            open = snapshot.open();
            high = snapshot.high();
            low = snapshot.low();
            prevClose = snapshot.prevClose();
            volume = snapshot.volume();
            lastUpdateMs = receivedAtMs;
            resyncing = false;
            hasData = true;
            version++;
        } finally {
            endWrite();
        }
        lastDataTs = toTs;
        if (disconnectOpen) {
            closeDisconnect(receivedAtMs);
        }
        addMarker(new GapMarker(symbol, fromTs, toTs, reason, missedTicks));
    }

    private void addSnapshotBar(Bars b, int i) {
        double o = b.open(i);
        double h = b.high(i);
        double l = b.low(i);
        double c = b.close(i);
        if (!validBarPrice(o) || !validBarPrice(h) || !validBarPrice(l) || !validBarPrice(c)) {
            return;
        }
        int eo = encode(o);
        int ec = encode(c);
        // Normalised so that low <= open, close <= high holds whatever the server sent.
        int eh = Math.max(encode(h), Math.max(eo, ec));
        int el = Math.min(encode(l), Math.min(eo, ec));
        long ts = Math.max(b.time(i), bars[0].newestStart());
        for (BarRing ring : bars) {
            ring.add(ts, eo, eh, el, ec, b.volume(i));
        }
    }

    private boolean validBarPrice(double p) {
        return p > 0 && Math.round(p * scale) <= Integer.MAX_VALUE;
    }

    private int encode(double price) {
        return (int) Math.round(price * scale);
    }

    private void switchToCoarse() {
        int divisor = FINE_SCALE / COARSE_SCALE;
        for (BarRing ring : bars) {
            ring.rescale(divisor);
        }
        ticks.rescale(divisor);
        scale = COARSE_SCALE;
    }

    private static void checkPrice(double price) {
        if (!(price > 0) || Math.round(price * COARSE_SCALE) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("price out of range: " + price);
        }
    }

    void markResyncing() {
        beginWrite();
        resyncing = true;
        version++;
        endWrite();
    }

    void confirmCurrent(long atMs) {
        beginWrite();
        confirmedAtMs = Math.max(confirmedAtMs, atMs);
        version++;
        endWrite();
    }

    void openDisconnect(long atMs) {
        if (!disconnectOpen) {
            disconnectOpen = true;
            addMarker(new GapMarker(symbol, atMs, Long.MAX_VALUE, null, -1));
        }
    }

    void closeDisconnect(long atMs) {
        if (!disconnectOpen) {
            return;
        }
        disconnectOpen = false;
        List<GapMarker> current = markers;
        List<GapMarker> next = new ArrayList<>(current.size());
        for (GapMarker m : current) {
            next.add(m.isDisconnect() && m.isOpen()
                    ? new GapMarker(symbol, m.fromTs(), Math.max(m.fromTs(), atMs), null, -1) : m);
        }
        markers = List.copyOf(next);
    }

    private void addMarker(GapMarker marker) {
        List<GapMarker> current = markers;
        int keep = Math.min(current.size(), markerLimit - 1);
        List<GapMarker> next = new ArrayList<>(keep + 1);
        next.addAll(current.subList(current.size() - keep, current.size()));
        next.add(marker);
        markers = List.copyOf(next);
    }

    private void beginWrite() {
        long s = (long) LOCK_SEQ.getOpaque(this);
        LOCK_SEQ.setOpaque(this, s + 1);
        VarHandle.storeStoreFence();
    }

    private void endWrite() {
        long s = (long) LOCK_SEQ.getOpaque(this);
        LOCK_SEQ.setRelease(this, s + 1);
    }

    // ---------------------------------------------------------------- read side (any thread)

    private long readBegin() {
        long s;
        int spins = 0;
        while (((s = (long) LOCK_SEQ.getAcquire(this)) & 1) != 0) {
            // The writer holds the symbol for microseconds; only a snapshot rebuild takes longer.
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        return s;
    }

    private boolean readValid(long s) {
        VarHandle.loadLoadFence();
        return (long) LOCK_SEQ.getOpaque(this) == s;
    }

    void readQuote(QuoteView v, long nowMs, boolean connectionUp, long staleAfterMs) {
        long confirmed;
        boolean resync;
        long s;
        do {
            s = readBegin();
            v.version = version;
            v.seq = seq;
            v.last = last;
            v.bid = bid;
            v.ask = ask;
            v.open = open;
            v.high = high;
            v.low = low;
            v.prevClose = prevClose;
            v.volume = volume;
            v.previousLast = previousLast;
            v.lastChangeAtMs = lastChangeAtMs;
            v.lastUpdateMs = lastUpdateMs;
            v.hasData = hasData;
            confirmed = confirmedAtMs;
            resync = resyncing;
        } while (!readValid(s));
        v.symbol = symbol;
        double diff = v.last - v.prevClose;
        v.change = Math.round(diff * FINE_SCALE) / (double) FINE_SCALE;
        v.changePercent = v.prevClose > 0 ? diff / v.prevClose * 100.0 : Double.NaN;
        if (!(v.prevClose > 0)) {
            v.change = Double.NaN;
        }
        long ref = Math.max(v.lastUpdateMs, confirmed);
        v.ageMs = ref < 0 ? -1 : Math.max(0, nowMs - ref);
        if (!connectionUp) {
            v.freshness = Freshness.STALE;
        } else if (resync) {
            v.freshness = Freshness.RESYNCING;
        } else if (!v.hasData || v.ageMs >= staleAfterMs) {
            v.freshness = Freshness.STALE;
        } else {
            v.freshness = Freshness.LIVE;
        }
    }

    int readBars(BarInterval interval, long fromTs, BarBuffer into) {
        BarRing ring = bars[interval.ordinal()];
        int n;
        long s;
        do {
            s = readBegin();
            n = ring.readInto(fromTs, into, scale);
        } while (!readValid(s));
        return n;
    }

    int readTicks(long fromTs, TickBuffer into) {
        int n;
        long s;
        do {
            s = readBegin();
            n = ticks.readInto(fromTs, into, scale);
        } while (!readValid(s));
        return n;
    }

    List<GapMarker> markers(long fromTs) {
        List<GapMarker> all = markers;
        List<GapMarker> result = new ArrayList<>(all.size());
        for (GapMarker m : all) {
            if (m.toTs() >= fromTs) {
                result.add(m);
            }
        }
        return result;
    }
}
