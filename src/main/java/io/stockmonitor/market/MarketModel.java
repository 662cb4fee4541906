package io.stockmonitor.market;

import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.ResyncReason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Prices, day statistics, recent ticks, bars and gap markers of every subscribed symbol.
 *
 * <p>Threading: exactly one writer (the feed thread, or calls serialised with a happens-before edge) calls the
 * write methods; any thread may read, typically the UI once per frame. Each symbol has its own seqlock
 * ({@link SymbolState}), so the writer never waits for a reader and a reader always gets a consistent copy.
 * {@link #applyTick} allocates nothing.
 */
public final class MarketModel {
    private static final VarHandle VERSION;

    static {
        try {
            VERSION = MethodHandles.lookup().findVarHandle(MarketModel.class, "version", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MarketLimits limits;
    private final LongSupplier clockMs;
    private final ConcurrentHashMap<String, SymbolState> states = new ConcurrentHashMap<>();
    private volatile List<String> symbols = List.of();
    private volatile boolean connectionUp = true;
    @SuppressWarnings("unused") // accessed through VERSION
    private long version;

    public MarketModel(MarketLimits limits, LongSupplier clockMs) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.clockMs = Objects.requireNonNull(clockMs, "clockMs");
    }

    public MarketLimits limits() {
        return limits;
    }

    // ---------------------------------------------------------------- write side: the single feed thread only

    /** Idempotent. Allocates the symbol's storage up front (about 1 MB with the default limits). */
    public void addSymbol(String symbol) {
        Objects.requireNonNull(symbol, "symbol");
        if (states.containsKey(symbol)) {
            return;
        }
        if (states.size() >= limits.maxSymbols()) {
            throw new IllegalStateException("at most " + limits.maxSymbols() + " symbols; cannot add " + symbol);
        }
        SymbolState state = new SymbolState(symbol, limits);
        if (!connectionUp) {
            state.openDisconnect(clockMs.getAsLong());
        }
        states.put(symbol, state);
        List<String> next = new ArrayList<>(symbols);
        next.add(symbol);
        symbols = List.copyOf(next);
        bumpVersion();
    }

    /** Forgets the symbol and its history; no-op when unknown. */
    public void removeSymbol(String symbol) {
        if (states.remove(symbol) != null) {
            List<String> next = new ArrayList<>(symbols);
            next.remove(symbol);
            symbols = List.copyOf(next);
            bumpVersion();
        }
    }

    /**
     * Applies one accepted tick (the feed already dropped duplicates); ignored for an unknown symbol. A {@code ts}
     * older than the symbol's current 1 s bar updates that bar (history is never rewritten). NaN {@code bid} or
     * {@code ask} keeps the current quote (sources whose quotes come apart from trades). No allocation.
     *
     * @throws IllegalArgumentException for a price that is not positive and finite or above $21,474,836.47 (the
     *                                  feed validates first; this is a last line of defence)
     */
    public void applyTick(String symbol, long seq, long ts, double price, double size, double bid, double ask,
                          long receivedAtMs) {
        applyTick(symbol, seq, ts, price, size, bid, ask, receivedAtMs, true);
    }

    /**
     * As {@link #applyTick(String, long, long, double, double, double, double, long)}; {@code live} false for a
     * replayed or refilled trade, whose lateness is history, not a delayed feed (see {@link Freshness#DELAYED}).
     */
    public void applyTick(String symbol, long seq, long ts, double price, double size, double bid, double ask,
                          long receivedAtMs, boolean live) {
        SymbolState state = states.get(symbol);
        if (state != null) {
            state.applyTick(seq, ts, price, size, bid, ask, receivedAtMs, live);
            bumpVersion();
        }
    }

    /**
     * Replaces the symbol's quote, day stats, 1 s bars and the derived bars (rebuilt from the snapshot's 1 s bars)
     * and, when the symbol had data before, leaves a {@link GapCause#RESYNC} marker ({@link GapKind#LOST}) from the
     * last data before it to the snapshot time, taken as {@code receivedAtMs} (a pending disconnection becomes part
     * of it). A symbol's first snapshot leaves no marker: nothing shown was replaced. Recent ticks are kept: they
     * were really received, and the marker shows where the discontinuity is. Ends RESYNCING.
     */
    public void applySnapshot(Message.Snapshot snapshot, ResyncReason reason, long missedTicks, long receivedAtMs) {
        SymbolState state = states.get(snapshot.symbol());
        if (state != null) {
            state.applySnapshot(snapshot, reason, missedTicks, receivedAtMs);
            bumpVersion();
        }
    }

    /** A quote (best bid and ask) apart from any trade; NaN keeps a side. No allocation. */
    public void applyQuote(String symbol, double bid, double ask, long receivedAtMs) {
        applyQuote(symbol, bid, ask, Double.NaN, Double.NaN, receivedAtMs);
    }

    /** As {@link #applyQuote(String, double, double, long)}, with the sizes at the bid and ask (NaN unknown). */
    public void applyQuote(String symbol, double bid, double ask, double bidSize, double askSize, long receivedAtMs) {
        SymbolState state = states.get(symbol);
        if (state != null) {
            state.applyQuote(bid, ask, bidSize, askSize, receivedAtMs);
            bumpVersion();
        }
    }

    /**
     * The provider's day (or rolling 24 h) statistics: open, high, low, previous close (or the price 24 h ago), and
     * volume; NaN keeps a field. Later trades extend high, low and volume.
     */
    public void applyDayStats(String symbol, double open, double high, double low, double prevClose, double volume) {
        SymbolState state = states.get(symbol);
        if (state != null) {
            state.applyDayStats(open, high, low, prevClose, volume);
            bumpVersion();
        }
    }

    /**
     * The source found trades missing after {@code fromTs} (its last applied trade) and is fetching them:
     * {@link Freshness#REFILLING} until {@link #settleGaps}; the span joins a pending disconnection or opens a
     * marker of its own.
     */
    public void markRefilling(String symbol, long fromTs, long atMs) {
        SymbolState state = states.get(symbol);
        if (state != null) {
            state.markRefilling(fromTs, atMs);
            bumpVersion();
        }
    }

    /**
     * Settles every pending gap of the symbol: {@link GapKind#EXACT} (resumed, or refilled and proven by ids),
     * {@link GapKind#BY_TIME} or {@link GapKind#LOST}, with the trades refilled and lost when known (-1 unknown).
     */
    public void settleGaps(String symbol, GapKind kind, long missed, long refilled, long atMs) {
        SymbolState state = states.get(symbol);
        if (state != null) {
            state.settleGaps(kind, missed, refilled, atMs);
            bumpVersion();
        }
    }

    /**
     * Chart history from the provider (its candles), oldest first: stored where the model has no bar of its own yet,
     * for {@code interval} and the coarser intervals it divides. Live data always wins over history.
     */
    public void applyHistory(String symbol, BarInterval interval, long[] times, double[] open, double[] high,
                             double[] low, double[] close, double[] volume, int count) {
        SymbolState state = states.get(symbol);
        if (state != null && count > 0) {
            state.applyHistory(interval, times, open, high, low, close, volume, count);
            bumpVersion();
        }
    }

    /** As {@link #applyHistory(String, BarInterval, long[], double[], double[], double[], double[], double[], int)}. */
    public void applyHistory(String symbol, HistoryBars bars) {
        applyHistory(symbol, bars.interval(), bars.times(), bars.open(), bars.high(), bars.low(), bars.close(),
                bars.volume(), bars.count());
    }

    /** A history request for the symbol's {@code interval} is under way (writer). */
    public void historyLoading(String symbol, BarInterval interval) {
        SymbolState state = states.get(symbol);
        if (state != null) {
            state.history(interval, new HistoryState(state.history(interval).oldestMs(),
                    state.history(interval).exhausted(), true));
            bumpVersion();
        }
    }

    /**
     * The history answered: it now reaches back to {@code oldestMs} ({@link Long#MAX_VALUE}: nothing came), and
     * {@code exhausted} when there is nothing older (writer).
     */
    public void historyLoaded(String symbol, BarInterval interval, long oldestMs, boolean exhausted) {
        SymbolState state = states.get(symbol);
        if (state != null) {
            HistoryState was = state.history(interval);
            state.history(interval, new HistoryState(Math.min(was.oldestMs(), oldestMs), exhausted, false));
            bumpVersion();
        }
    }

    /** How far back the symbol's {@code interval} reaches from the history; any thread. */
    public HistoryState historyState(String symbol, BarInterval interval) {
        SymbolState state = states.get(symbol);
        return state == null ? HistoryState.NONE : state.history(interval);
    }

    /** The feed asked the server to resync the symbol: RESYNCING until the next snapshot or tick. */
    public void markResyncing(String symbol) {
        SymbolState state = states.get(symbol);
        if (state != null) {
            state.markResyncing();
            bumpVersion();
        }
    }

    /**
     * The server confirmed (e.g. by a heartbeat's seq) that the symbol's latest data is still current: a quiet
     * symbol stays LIVE without ticks. Does not change {@link QuoteView#lastUpdateMs()}.
     */
    public void confirmCurrent(String symbol, long atMs) {
        SymbolState state = states.get(symbol);
        if (state != null) {
            state.confirmCurrent(atMs);
            bumpVersion();
        }
    }

    /**
     * Connection down: every symbol is STALE until data flows again, and each gets an open disconnected span
     * ({@link GapMarker#isDisconnect()}, reason {@code null}) from {@code atMs}.
     */
    public void connectionLost(long atMs) {
        connectionUp = false;
        for (SymbolState state : states.values()) {
            state.openDisconnect(atMs);
        }
        bumpVersion();
    }

    /**
     * Connection back: closes the disconnected spans at {@code atMs}. Quotes stay STALE until their data flows
     * again (a resumed tick, a snapshot, or {@link #confirmCurrent}).
     */
    public void connectionRestored(long atMs) {
        connectionUp = true;
        for (SymbolState state : states.values()) {
            state.closeDisconnect(atMs);
        }
        bumpVersion();
    }

    private void bumpVersion() {
        // Single writer: a plain read and a release store are enough, and cheaper than a volatile increment.
        VERSION.setRelease(this, (long) VERSION.get(this) + 1);
    }

    // ---------------------------------------------------------------- read side: any thread

    /**
     * Increments on every write; the UI compares it with the previous frame's to skip work. A quote that merely
     * ages (LIVE to STALE after {@link MarketLimits#staleAfterMs()}) does not change it: re-read freshness at
     * least every second or so.
     */
    public long version() {
        return (long) VERSION.getAcquire(this);
    }

    public boolean connectionUp() {
        return connectionUp;
    }

    /** Snapshot copy, in the order of {@link #addSymbol}. */
    public List<String> symbols() {
        return symbols;
    }

    /** Consistent copy of one symbol's quote into {@code into}; false (into untouched) if the symbol is unknown. */
    public boolean readQuote(String symbol, QuoteView into) {
        SymbolState state = states.get(symbol);
        if (state == null) {
            return false;
        }
        state.readQuote(into, clockMs.getAsLong(), connectionUp, limits.staleAfterMs(), limits.delayedAfterMs());
        return true;
    }

    /**
     * Copies the bars starting at or after {@code fromTs}, oldest first (the newest ones if more than
     * {@code into.capacity()}); intervals without ticks have no bar. Returns the count (0 for an unknown symbol).
     * Reading from the start of the newest bar already held gives the live bar and any new ones, in O(new bars); a
     * change of {@link BarBuffer#rewrites()} says older bars changed too (read everything again then).
     */
    public int readBars(String symbol, BarInterval interval, long fromTs, BarBuffer into) {
        SymbolState state = states.get(symbol);
        if (state == null) {
            into.clear();
            return 0;
        }
        return state.readBars(interval, fromTs, into);
    }

    /**
     * The symbol's previous close (the day's reference for change %), NaN when unknown or the symbol is not in the
     * model. Cheaper than {@link #readQuote} for a caller that needs only this, per trade (alerts).
     */
    public double prevClose(String symbol) {
        SymbolState state = states.get(symbol);
        return state == null ? Double.NaN : state.readPrevClose();
    }

    /**
     * Copies recent ticks with ts at or after {@code fromTs}, oldest first (newest if more than capacity);
     * {@link TickBuffer#endCount()} tells how many the symbol had taken in all.
     */
    public int readTicks(String symbol, long fromTs, TickBuffer into) {
        SymbolState state = states.get(symbol);
        if (state == null) {
            into.clear();
            return 0;
        }
        return state.readTicks(fromTs, into);
    }

    /**
     * Copies the ticks numbered {@code cursor} and later, oldest first (a symbol's ticks are numbered from 0 in
     * arrival order; pass {@link TickBuffer#endCount()} of the previous read to get only what is new). If the ring
     * dropped some of them, {@link TickBuffer#firstNumber()} is above {@code cursor}; if stored ticks were rewritten
     * (a rescale), {@link TickBuffer#rewrites()} moved: read everything again then. Returns the count.
     */
    public int readTicksAfter(String symbol, long cursor, TickBuffer into) {
        SymbolState state = states.get(symbol);
        if (state == null) {
            into.clear();
            return 0;
        }
        return state.readTicksAfter(cursor, into);
    }

    /** Gap markers of the symbol ending at or after {@code fromTs} (open ones included), oldest first. */
    public List<GapMarker> gapMarkers(String symbol, long fromTs) {
        SymbolState state = states.get(symbol);
        return state == null ? List.of() : state.markers(fromTs);
    }
}
