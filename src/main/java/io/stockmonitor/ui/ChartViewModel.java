package io.stockmonitor.ui;

import io.stockmonitor.market.BarBuffer;
import io.stockmonitor.market.GapMarker;
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
 * when the market model changed, the visible symbol's bars or ticks are copied into reusable primitive buffers;
 * {@link #dataVersionProperty()} then ticks once so the view hands them to the chart.
 */
public final class ChartViewModel {
    /** Bars handed to the chart: 1 h of 1 s bars, about 2 days of 1 m bars. */
    public static final int CHART_BARS = 3_600;
    /** Ticks handed to the chart in tick-line mode (the market keeps about this many per symbol). */
    public static final int CHART_TICKS = 20_000;

    private final ReadOnlyStringWrapper symbol = new ReadOnlyStringWrapper(this, "symbol", "");
    private final ObjectProperty<ChartMode> mode = new SimpleObjectProperty<>(this, "mode", ChartMode.S1);
    private final BooleanProperty followLive = new SimpleBooleanProperty(this, "followLive", true);
    private final ReadOnlyLongWrapper dataVersion = new ReadOnlyLongWrapper(this, "dataVersion");
    private final BarBuffer bars = new BarBuffer(CHART_BARS);
    private final TickBuffer ticks = new TickBuffer(CHART_TICKS);
    private final QuoteView quote = new QuoteView();
    private List<GapMarker> gaps = List.of();
    private long liveClockMs = Long.MIN_VALUE;
    private double lastPrice = Double.NaN;
    private int barCount;
    private int tickCount;
    private long readVersion = Long.MIN_VALUE;
    private String readSymbol;
    private ChartMode readMode;

    public ChartViewModel() {
        mode.addListener((obs, old, now) -> {
            if (now == null) {
                mode.set(old == null ? ChartMode.S1 : old);
            }
        });
    }

    public ReadOnlyStringProperty symbolProperty() {
        return symbol.getReadOnlyProperty();
    }

    void show(String s) {
        symbol.set(s == null ? "" : s);
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

    /** Valid bars in {@link #bars()} (0 in tick-line mode or with no symbol). */
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
    boolean refresh(MarketModel market, long marketVersion, long nowMs) {
        String s = symbol.get();
        ChartMode m = mode.get();
        boolean open = hasOpenGap();
        boolean clockDue = open && nowMs - liveClockMs >= OPEN_GAP_CLOCK_MS;
        if (marketVersion == readVersion && s.equals(readSymbol) && m == readMode && !clockDue) {
            return false;
        }
        readVersion = marketVersion;
        readSymbol = s;
        readMode = m;
        long from = 0;
        if (s.isEmpty()) {
            barCount = 0;
            tickCount = 0;
            gaps = List.of();
            lastPrice = Double.NaN;
        } else {
            if (m.isTicks()) {
                tickCount = market.readTicks(s, 0, ticks);
                barCount = 0;
                from = tickCount > 0 ? ticks.time(0) : 0;
            } else {
                barCount = market.readBars(s, m.interval(), 0, bars);
                tickCount = 0;
                from = barCount > 0 ? bars.time(0) : 0;
            }
            gaps = market.gapMarkers(s, from);
            lastPrice = market.readQuote(s, quote) && quote.hasData() ? quote.last() : Double.NaN;
        }
        liveClockMs = hasOpenGap() ? nowMs : Long.MIN_VALUE;
        dataVersion.set(dataVersion.get() + 1);
        return true;
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
