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
 * <p>Bar and tick prices are ints in units of {@code 1/scale} of the quote currency, {@code scale} a power of ten
 * chosen at the symbol's first price: 1/10,000 for ordinary prices (exact to a hundredth of a cent), finer for
 * prices under a few dollars so they keep at least six significant digits (crypto pairs quoted in fractions of a
 * cent), never finer than 1e-12. When a price no longer fits an int the scale coarsens by powers of ten, at most to
 * cents (up to 21,474,836.47), and what is stored is rescaled once. Quote fields stay doubles, exactly as received.
 */
final class SymbolState {
    /** The scale of an ordinary price: 1/10,000. */
    static final long FINE_SCALE = 10_000;
    /** The coarsest scale: cents. */
    static final long COARSE_SCALE = 100;
    /** The finest scale: 1e-12 (a price of 0.00000001 still has four digits). */
    static final long FINEST_SCALE = 1_000_000_000_000L;
    /** A price scaled at its symbol's first price is at least this (six significant digits). */
    private static final long MIN_SCALED_PRICE = 100_000;
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
    private double volume;
    private double lastSize = Double.NaN;
    private long lastTradeTs = -1;
    private double bidSize = Double.NaN;
    private double askSize = Double.NaN;
    private double previousLast = Double.NaN;
    private long lastChangeAtMs = -1;
    private long lastUpdateMs = -1;
    private long confirmedAtMs = -1;
    /** How late the newest live trade arrived (receive time minus its own time), 0 before any. */
    private long liveDelayMs;
    private boolean resyncing;
    private boolean refilling;
    private boolean hasData;
    private GapKind lastGapKind;
    private long lastGapAtMs = -1;
    private long lastGapMissed = -1;
    private long lastGapRefilled = -1;
    private long scale;
    /**
     * Counts writes that change bars or ticks already stored, other than the newest bar (a snapshot's rebuild, history
     * inserted before or between bars, a rescale): a reader that follows the series incrementally (new bars, the live
     * one updated) re-reads everything when this moved.
     */
    private long rewrites;
    private final BarRing[] bars;
    private final TickRing ticks;

    // Writer-only bookkeeping (never read by readers).
    private long lastDataTs = BarRing.NONE;
    private boolean disconnectOpen;

    /** Per interval, how far back the source's history reaches; replaced whole (volatile elements by publication). */
    private final java.util.concurrent.atomic.AtomicReferenceArray<HistoryState> history =
            new java.util.concurrent.atomic.AtomicReferenceArray<>(BarInterval.values().length);

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

    /** The scale for a symbol whose first price is {@code price}: see the class comment. */
    static long initialScale(double price) {
        long s = FINE_SCALE;
        while (s < FINEST_SCALE && price * s < MIN_SCALED_PRICE) {
            s *= 10;
        }
        while (s > COARSE_SCALE && Math.round(price * s) > Integer.MAX_VALUE) {
            s /= 10;
        }
        return s;
    }

    // ---------------------------------------------------------------- write side (single writer)

    /** A trade; NaN {@code tickBid}/{@code tickAsk} keep the current quote (sources that quote apart from trades). */
    void applyTick(long tickSeq, long ts, double price, double size, double tickBid, double tickAsk,
                   long receivedAtMs, boolean live) {
        checkPrice(price);
        beginWrite();
        try {
            fitScale(price);
            int p = encode(price);
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
            lastSize = size;
            lastTradeTs = ts;
            if (!Double.isNaN(tickBid)) {
                bid = tickBid;
            }
            if (!Double.isNaN(tickAsk)) {
                ask = tickAsk;
            }
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
            if (live) {
                liveDelayMs = Math.max(0, receivedAtMs - ts);
            }
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

    /** The best bid and ask changed (sources that quote apart from trades); NaN keeps a side (and its size). */
    void applyQuote(double newBid, double newAsk, double newBidSize, double newAskSize, long receivedAtMs) {
        beginWrite();
        if (!Double.isNaN(newBid)) {
            bid = newBid;
            bidSize = newBidSize;
        }
        if (!Double.isNaN(newAsk)) {
            ask = newAsk;
            askSize = newAskSize;
        }
        lastUpdateMs = receivedAtMs;
        version++;
        endWrite();
    }

    /** The provider's day (or 24 h) statistics; NaN keeps a field. Later trades extend them as with a snapshot. */
    void applyDayStats(double dayOpen, double dayHigh, double dayLow, double previousClose, double dayVolume) {
        beginWrite();
        if (!Double.isNaN(dayOpen)) {
            open = dayOpen;
        }
        if (!Double.isNaN(dayHigh)) {
            high = dayHigh;
        }
        if (!Double.isNaN(dayLow)) {
            low = dayLow;
        }
        if (!Double.isNaN(previousClose)) {
            prevClose = previousClose;
        }
        if (!Double.isNaN(dayVolume)) {
            volume = dayVolume;
        }
        version++;
        endWrite();
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
        boolean hadData = hasData;
        beginWrite();
        try {
            if (scale == 0) {
                scale = initialScale(snapshot.last());
            }
            fitScale(maxPrice);
            rewrites++;
            for (BarRing ring : bars) {
                ring.clear();
            }
            // The bars from the source's history went with the rings: a chart must ask again (a v2 snapshot has none).
            for (int i = 0; i < history.length(); i++) {
                history.set(i, null);
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
            refilling = false;
            hasData = true;
            if (hadData) {
                lastGapKind = GapKind.LOST;
                lastGapAtMs = receivedAtMs;
                lastGapMissed = missedTicks;
                lastGapRefilled = -1;
            }
            version++;
        } finally {
            endWrite();
        }
        lastDataTs = toTs;
        if (disconnectOpen) {
            closeDisconnect(receivedAtMs);
        }
        if (hadData) {
            // One marker per incident: a pending span (e.g. the disconnection that led here) becomes the resync.
            replacePending(new GapMarker(symbol, fromTs, toTs, GapCause.RESYNC, GapKind.LOST, reason, missedTicks, -1));
        } else {
            // Nothing was on screen before: the snapshot is the symbol's first state, not a gap in it.
            removePending();
        }
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

    /** Inside a write: picks the scale at the first price, coarsens it when {@code price} does not fit an int. */
    private void fitScale(double price) {
        if (scale == 0) {
            scale = initialScale(price);
            return;
        }
        long divisor = 1;
        while (scale / divisor > COARSE_SCALE && Math.round(price * (scale / divisor)) > Integer.MAX_VALUE) {
            divisor *= 10;
        }
        if (divisor > 1) {
            for (BarRing ring : bars) {
                ring.rescale(divisor);
            }
            ticks.rescale(divisor);
            scale /= divisor;
            rewrites++;
        }
    }

    private static void checkPrice(double price) {
        if (!(price > 0) || Math.round(price * COARSE_SCALE) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("price out of range: " + price);
        }
    }

    /**
     * Bars of {@code interval} from the provider's history (oldest first): each goes into its slot of that interval's
     * ring and, aggregated, into the coarser rings it divides, wherever no data is there yet. Finer rings are left
     * alone (a minute bar says nothing about its seconds).
     */
    void applyHistory(BarInterval interval, long[] times, double[] o, double[] h, double[] l, double[] c, double[] v,
                      int n) {
        double maxPrice = 0;
        for (int i = 0; i < n; i++) {
            maxPrice = Math.max(maxPrice, h[i]);
        }
        if (!(maxPrice > 0)) {
            return;
        }
        checkPrice(maxPrice);
        beginWrite();
        try {
            fitScale(maxPrice);
            rewrites++;
            for (BarInterval target : BarInterval.values()) {
                if (target.millis() >= interval.millis() && target.millis() % interval.millis() == 0) {
                    insertAggregated(bars[target.ordinal()], times, o, h, l, c, v, n);
                }
            }
            version++;
        } finally {
            endWrite();
        }
    }

    private void insertAggregated(BarRing ring, long[] times, double[] o, double[] h, double[] l, double[] c,
                                  double[] v, int n) {
        int i = 0;
        while (i < n) {
            if (!validBarPrice(o[i]) || !validBarPrice(h[i]) || !validBarPrice(l[i]) || !validBarPrice(c[i])) {
                i++;
                continue;
            }
            long bucket = Math.floorDiv(times[i], ring.intervalMs);
            int eo = encode(o[i]);
            int eh = encode(h[i]);
            int el = encode(l[i]);
            int ec = encode(c[i]);
            double ev = v[i];
            int j = i + 1;
            while (j < n && Math.floorDiv(times[j], ring.intervalMs) == bucket) {
                if (validBarPrice(h[j]) && validBarPrice(l[j]) && validBarPrice(c[j])) {
                    eh = Math.max(eh, encode(h[j]));
                    el = Math.min(el, encode(l[j]));
                    ec = encode(c[j]);
                    ev += v[j];
                }
                j++;
            }
            ring.insertHistory(bucket * ring.intervalMs, eo, Math.max(eh, Math.max(eo, ec)),
                    Math.min(el, Math.min(eo, ec)), ec, ev);
            i = j;
        }
    }

    HistoryState history(BarInterval interval) {
        HistoryState h = history.get(interval.ordinal());
        return h == null ? HistoryState.NONE : h;
    }

    void history(BarInterval interval, HistoryState state) {
        history.set(interval.ordinal(), state);
    }

    void markResyncing() {
        beginWrite();
        resyncing = true;
        version++;
        endWrite();
    }

    /**
     * The source found data missing from {@code fromTs} and is fetching it: REFILLING until {@link #settleGaps}. A
     * pending span (a disconnection not settled yet) is the same incident; otherwise a new marker opens.
     */
    void markRefilling(long fromTs, long atMs) {
        beginWrite();
        refilling = true;
        version++;
        endWrite();
        if (!hasPending()) {
            addMarker(new GapMarker(symbol, Math.min(fromTs, atMs), Math.max(fromTs, atMs), GapCause.SEQUENCE,
                    GapKind.PENDING, null, -1, -1));
        }
    }

    /**
     * Every pending span of the symbol ends as {@code kind}: the source resumed or refilled it ({@code refilled}
     * trades), or gave up ({@code missed} trades lost, -1 unknown). Ends REFILLING.
     */
    void settleGaps(GapKind kind, long missed, long refilled, long atMs) {
        boolean any = hasPending();
        beginWrite();
        refilling = false;
        if (any) {
            lastGapKind = kind;
            lastGapAtMs = atMs;
            lastGapMissed = missed;
            lastGapRefilled = refilled;
        }
        version++;
        endWrite();
        if (any) {
            List<GapMarker> next = new ArrayList<>(markers.size());
            for (GapMarker m : markers) {
                next.add(m.isPending() ? m.settled(kind, missed, refilled, atMs) : m);
            }
            markers = List.copyOf(next);
        }
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
            addMarker(GapMarker.disconnect(symbol, atMs));
        }
    }

    void closeDisconnect(long atMs) {
        if (!disconnectOpen) {
            return;
        }
        disconnectOpen = false;
        List<GapMarker> next = new ArrayList<>(markers.size());
        for (GapMarker m : markers) {
            next.add(m.isDisconnect() && m.isOpen() ? m.closedAt(atMs) : m);
        }
        markers = List.copyOf(next);
    }

    private boolean hasPending() {
        for (GapMarker m : markers) {
            if (m.isPending()) {
                return true;
            }
        }
        return false;
    }

    private void replacePending(GapMarker replacement) {
        List<GapMarker> next = new ArrayList<>(markers.size() + 1);
        long from = replacement.fromTs();
        for (GapMarker m : markers) {
            if (m.isPending()) {
                from = Math.min(from, m.fromTs());
            } else {
                next.add(m);
            }
        }
        markers = List.copyOf(next);
        addMarker(new GapMarker(symbol, from, replacement.toTs(), replacement.cause(), replacement.recovery(),
                replacement.reason(), replacement.missed(), replacement.refilled()));
    }

    private void removePending() {
        List<GapMarker> next = new ArrayList<>(markers.size());
        for (GapMarker m : markers) {
            if (!m.isPending()) {
                next.add(m);
            }
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

    void readQuote(QuoteView v, long nowMs, boolean connectionUp, long staleAfterMs, long delayedAfterMs) {
        long confirmed;
        boolean resync;
        boolean refill;
        long priceScale;
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
            v.lastSize = lastSize;
            v.lastTradeTs = lastTradeTs;
            v.bidSize = bidSize;
            v.askSize = askSize;
            v.previousLast = previousLast;
            v.lastChangeAtMs = lastChangeAtMs;
            v.lastUpdateMs = lastUpdateMs;
            v.hasData = hasData;
            v.lastGapKind = lastGapKind;
            v.lastGapAtMs = lastGapAtMs;
            v.lastGapMissed = lastGapMissed;
            v.lastGapRefilled = lastGapRefilled;
            confirmed = confirmedAtMs;
            v.liveDelayMs = liveDelayMs;
            resync = resyncing;
            refill = refilling;
            priceScale = scale;
        } while (!readValid(s));
        v.symbol = symbol;
        double diff = v.last - v.prevClose;
        double rounding = priceScale == 0 ? FINE_SCALE : priceScale;
        v.change = Math.round(diff * rounding) / rounding;
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
        } else if (refill) {
            v.freshness = Freshness.REFILLING;
        } else if (!v.hasData || v.ageMs >= staleAfterMs) {
            v.freshness = Freshness.STALE;
        } else if (v.liveDelayMs > delayedAfterMs) {
            v.freshness = Freshness.DELAYED;
        } else {
            v.freshness = Freshness.LIVE;
        }
    }

    double readPrevClose() {
        double v;
        long s;
        do {
            s = readBegin();
            v = prevClose;
        } while (!readValid(s));
        return v;
    }

    int readBars(BarInterval interval, long fromTs, BarBuffer into) {
        BarRing ring = bars[interval.ordinal()];
        int n;
        long s;
        do {
            s = readBegin();
            n = ring.readInto(fromTs, into, Math.max(1, scale));
            into.rewrites = rewrites;
        } while (!readValid(s));
        return n;
    }

    int readTicks(long fromTs, TickBuffer into) {
        int n;
        long s;
        do {
            s = readBegin();
            n = ticks.readInto(fromTs, into, Math.max(1, scale));
            into.rewrites = rewrites;
        } while (!readValid(s));
        return n;
    }

    int readTicksAfter(long cursor, TickBuffer into) {
        int n;
        long s;
        do {
            s = readBegin();
            n = ticks.readAfter(cursor, into, Math.max(1, scale));
            into.rewrites = rewrites;
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
