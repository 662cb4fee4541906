package io.stockmonitor.ui.chart;

import io.stockmonitor.ui.FeedPort;

import io.stockmonitor.market.BarBuffer;
import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.GapMarker;
import io.stockmonitor.market.HistoryState;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.market.QuoteView;
import io.stockmonitor.market.TickBuffer;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * What the chart shows (symbol, interval or tick line, follow-live) and the data it draws: once per frame, and only
 * when the market model changed, what is new of the visible symbol's bars or ticks is read into reusable primitive
 * buffers; {@link #dataVersionProperty()} then ticks once so the view hands them to the chart.
 *
 * <p>Incremental: after a full read (another symbol or interval, or the model rewrote stored bars: a snapshot,
 * inserted history, a rescale), a frame reads only the bars from the newest one held (the live bar and any new
 * ones) or the ticks after the last one read, so the cost of a frame does not depend on how much history is shown.
 * {@link #replaced()} says which the buffers hold. The model is only read (its seqlock contract: the feed thread
 * writes, this thread copies consistent state).
 */
public final class ChartViewModel {
    /** Bars the chart holds: every bar the market keeps for any interval (8 h of 1 s bars, a week of 1 m bars). */
    public static final int CHART_BARS = maxBars();
    /** Ticks handed to the chart in tick-line mode (the market keeps about this many per symbol). */
    public static final int CHART_TICKS = 20_000;

    private final ReadOnlyStringWrapper symbol = new ReadOnlyStringWrapper(this, "symbol", "");
    private final ObjectProperty<ChartMode> mode = new SimpleObjectProperty<>(this, "mode", ChartMode.S1);
    private final BooleanProperty followLive = new SimpleBooleanProperty(this, "followLive", true);
    private final ObjectProperty<LinkGroup> group = new SimpleObjectProperty<>(this, "group", LinkGroup.DEFAULT);
    /** The time under this chart's pointer, {@link #NO_TIME} when it is not over the plot (set by the view). */
    private final javafx.beans.property.LongProperty hoveredTime =
            new javafx.beans.property.SimpleLongProperty(this, "hoveredTime", NO_TIME);
    /** The time another chart of the link group points at, {@link #NO_TIME} when none (shown by the view). */
    private final javafx.beans.property.LongProperty linkedCrosshairTime =
            new javafx.beans.property.SimpleLongProperty(this, "linkedCrosshairTime", NO_TIME);
    private final ReadOnlyLongWrapper dataVersion = new ReadOnlyLongWrapper(this, "dataVersion");
    private final BarBuffer bars = new BarBuffer(CHART_BARS);
    private final TickBuffer ticks = new TickBuffer(CHART_TICKS);
    private final QuoteView quote = new QuoteView();
    /** While other symbols change, the shown one is read again at least this often (a safety net). */
    static final long REREAD_MS = 1_000;
    private List<GapMarker> gaps = List.of();
    private long liveClockMs = Long.MIN_VALUE;
    private double lastPrice = Double.NaN;
    private int barCount;
    private int tickCount;
    private long readVersion = Long.MIN_VALUE;
    /** The shown symbol's own change counter at the last read, and when that read was. */
    private long readSymbolVersion = Long.MIN_VALUE;
    private long readAtMs = Long.MIN_VALUE / 2;
    private boolean readConnectionUp;
    private String readSymbol;
    private ChartMode readMode;
    private boolean replaced;
    private boolean haveSeries;
    private long readRewrites;
    private long tickCursor;
    private long newestBarStart;
    private long oldestMs;
    private HistoryState history = HistoryState.NONE;
    private HistoryRequests historyRequests = (sym, interval, beforeMs) -> { };

    /** Where requests for older bars go: the session's {@code FeedPort.requestHistory}. */
    @FunctionalInterface
    public interface HistoryRequests {
        void request(String symbol, BarInterval interval, long beforeMs);
    }

    private static int maxBars() {
        MarketLimits limits = MarketLimits.defaults();
        int max = 0;
        for (BarInterval i : BarInterval.values()) {
            max = Math.max(max, limits.barsFor(i));
        }
        return max;
    }

    public ChartViewModel() {
        group.addListener((obs, old, now) -> {
            if (now == null) {
                group.set(old == null ? LinkGroup.DEFAULT : old);
            }
        });
        mode.addListener((obs, old, now) -> {
            if (now == null) {
                mode.set(old == null ? ChartMode.S1 : old);
            }
        });
    }

    public ReadOnlyStringProperty symbolProperty() {
        return symbol.getReadOnlyProperty();
    }

    public void show(String s) {
        symbol.set(s == null ? "" : s);
    }

    /**
     * The chart's colour group: charts of one group change symbol together, and the first chart's group follows the
     * watchlist; {@link LinkGroup#NONE}: the chart keeps its own symbol. Never null.
     */
    public ObjectProperty<LinkGroup> groupProperty() {
        return group;
    }

    /** No time: no pointer over the chart (the chart's {@code PriceChart.NO_TIME}). */
    public static final long NO_TIME = Long.MIN_VALUE;

    /** The time under this chart's pointer while it is over the plot; {@link #NO_TIME} otherwise. */
    public javafx.beans.property.LongProperty hoveredTimeProperty() {
        return hoveredTime;
    }

    /** The time the pointer over another chart of this chart's link group is at; {@link #NO_TIME} when none. */
    public javafx.beans.property.LongProperty linkedCrosshairTimeProperty() {
        return linkedCrosshairTime;
    }

    public ObjectProperty<ChartMode> modeProperty() {
        return mode;
    }

    public BooleanProperty followLiveProperty() {
        return followLive;
    }

    /** Ticks whenever the buffers below were refilled. */
    public ReadOnlyLongProperty dataVersionProperty() {
        return dataVersion.getReadOnlyProperty();
    }

    /**
     * True when the buffers hold the whole series (replace what is shown); false when they hold only what changed
     * since the previous read: bars from the newest one shown (update it, append the rest) or ticks after the last.
     */
    public boolean replaced() {
        return replaced;
    }

    /** How far back the shown symbol's bars of the shown interval reach, and whether older ones can be asked for. */
    public HistoryState history() {
        return history;
    }

    /** Where {@link #requestOlder} sends its requests (the session's port; replaced when the session changes). */
    public void setHistoryRequests(HistoryRequests requests) {
        historyRequests = requests == null ? (sym, interval, beforeMs) -> { } : requests;
    }

    /**
     * The chart reached its oldest bar: asks for bars before {@code beforeMs} of the shown symbol and interval,
     * unless the history is loading or exhausted (the supervisor also keeps one request outstanding at most).
     */
    public void requestOlder(long beforeMs) {
        ChartMode m = mode.get();
        String s = symbol.get();
        if (s.isEmpty() || m.isTicks() || history.exhausted() || history.loading()) {
            return;
        }
        historyRequests.request(s, m.interval(), beforeMs);
    }

    /** Valid bars in {@link #bars()} (0 in tick-line mode or with no symbol); see {@link #replaced()}. */
    public int barCount() {
        return barCount;
    }

    /** Valid ticks in {@link #ticks()} (0 in candle mode or with no symbol). */
    public int tickCount() {
        return tickCount;
    }

    /** Bars of the shown symbol, oldest first (valid when the mode is an interval). */
    public BarBuffer bars() {
        return bars;
    }

    /** Recent ticks of the shown symbol, oldest first (valid in tick-line mode). */
    public TickBuffer ticks() {
        return ticks;
    }

    public List<GapMarker> gaps() {
        return gaps;
    }

    /** The last traded price, NaN when unknown. */
    public double lastPrice() {
        return lastPrice;
    }

    /** While a gap is open the chart's time moves this often, without data. */
    static final long OPEN_GAP_CLOCK_MS = 250;

    /**
     * The time the chart's live edge keeps up with: now while one of the shown gaps is still open (the feed is
     * down and time goes on), else {@link Long#MIN_VALUE} (the data alone decide).
     */
    public long liveClockMs() {
        return liveClockMs;
    }

    /**
     * Frame loop: re-reads only if the market, the symbol or the mode changed, or (a few times a second) while a
     * gap is open so the chart's time keeps moving; true if it did.
     */
    public boolean refresh(MarketModel market, long marketVersion, long nowMs) {
        String s = symbol.get();
        ChartMode m = mode.get();
        boolean open = hasOpenGap();
        boolean clockDue = open && nowMs - liveClockMs >= OPEN_GAP_CLOCK_MS;
        if (marketVersion == readVersion && s.equals(readSymbol) && m == readMode && !clockDue) {
            return false;
        }
        // The market changed, but perhaps only other symbols: the chart draws when its own series did (its symbol's
        // version, its history's state), and at least once a second while anything changed.
        long symbolVersion = s.isEmpty() || !market.readQuote(s, quote) ? Long.MIN_VALUE : quote.version();
        HistoryState historyNow = s.isEmpty() || m.isTicks() ? HistoryState.NONE : market.historyState(s, m.interval());
        boolean up = market.connectionUp();
        if (s.equals(readSymbol) && m == readMode && !clockDue && symbolVersion == readSymbolVersion
                && historyNow.equals(history) && up == readConnectionUp && nowMs - readAtMs < REREAD_MS) {
            return false;
        }
        readSymbolVersion = symbolVersion;
        readConnectionUp = up;
        readAtMs = nowMs;
        boolean sameSeries = haveSeries && s.equals(readSymbol) && m == readMode;
        readVersion = marketVersion;
        readSymbol = s;
        readMode = m;
        if (s.isEmpty()) {
            barCount = 0;
            tickCount = 0;
            gaps = List.of();
            lastPrice = Double.NaN;
            replaced = true;
            haveSeries = false;
            history = HistoryState.NONE;
        } else {
            if (m.isTicks()) {
                readTicks(market, s, sameSeries);
                history = HistoryState.NONE;
            } else {
                readBars(market, s, m.interval(), sameSeries);
                history = market.historyState(s, m.interval());
            }
            haveSeries = true;
            gaps = market.gapMarkers(s, oldestMs);
            lastPrice = market.readQuote(s, quote) && quote.hasData() ? quote.last() : Double.NaN;
        }
        liveClockMs = hasOpenGap() ? nowMs : Long.MIN_VALUE;
        dataVersion.set(dataVersion.get() + 1);
        return true;
    }

    private void readTicks(MarketModel market, String s, boolean incremental) {
        barCount = 0;
        if (incremental) {
            tickCount = market.readTicksAfter(s, tickCursor, ticks);
            // Ticks lost between two reads (the ring lapped them) or rewritten: read everything again.
            incremental = ticks.rewrites() == readRewrites && ticks.firstNumber() <= tickCursor;
        }
        if (!incremental) {
            tickCount = market.readTicks(s, 0, ticks);
            oldestMs = tickCount > 0 ? ticks.time(0) : 0;
        }
        replaced = !incremental;
        tickCursor = ticks.endCount();
        readRewrites = ticks.rewrites();
    }

    private void readBars(MarketModel market, String s, BarInterval interval, boolean incremental) {
        tickCount = 0;
        if (incremental) {
            barCount = market.readBars(s, interval, newestBarStart, bars);
            // Older bars changed, or more new bars than the buffer holds: read everything again.
            incremental = bars.rewrites() == readRewrites && barCount < bars.capacity();
        }
        if (!incremental) {
            barCount = market.readBars(s, interval, 0, bars);
            oldestMs = barCount > 0 ? bars.time(0) : 0;
        }
        replaced = !incremental;
        readRewrites = bars.rewrites();
        if (barCount > 0) {
            newestBarStart = bars.time(barCount - 1);
        } else if (!incremental) {
            newestBarStart = 0;
        }
    }

    private boolean hasOpenGap() {
        for (GapMarker g : gaps) {
            if (g.isOpen()) {
                return true;
            }
        }
        return false;
    }
}
