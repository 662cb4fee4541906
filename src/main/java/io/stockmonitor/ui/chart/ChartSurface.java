package io.stockmonitor.ui.chart;

import io.stockmonitor.chart.ChartGap;
import io.stockmonitor.chart.PriceChart;
import io.stockmonitor.indicators.IndicatorSpec;
import io.stockmonitor.market.BarBuffer;
import io.stockmonitor.market.GapMarker;
import io.stockmonitor.market.HistoryState;
import io.stockmonitor.market.TickBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands the chart view model's buffers to the {@link PriceChart}; the one place that knows the chart's API. Called at
 * most once per frame (no allocation per frame); gap spans are converted only when they changed.
 *
 * <p>The chart keeps its own series and the view model reads only what is new, so a frame moves the live bar and
 * any new bars or ticks (upsert / append), never the whole series; a full copy happens only when the view model
 * read everything again (another symbol or interval, or the model rewrote its bars). When the chart scrolls to its
 * oldest bar it asks for older ones through {@link ChartViewModel#requestOlder}.
 */
public final class ChartSurface {
    private final ChartViewModel model;
    private final PriceChart chart = new PriceChart(ChartViewModel.CHART_TICKS, ChartViewModel.CHART_BARS);
    private List<GapMarker> shownGaps = List.of();
    private String shownSymbol = "";
    private ChartMode shownMode;
    private long updates;

    private ChartSurface(ChartViewModel model) {
        this.model = model;
        chart.setId("priceChart");
        chart.followLiveProperty().bindBidirectional(model.followLiveProperty());
        chart.setOnNeedOlder(model::requestOlder);
        // The crosshair in time across the link group: mouse events only, never per tick.
        chart.hoveredTimeProperty().addListener((obs, old, now) -> model.hoveredTimeProperty().set(now.longValue()));
        model.linkedCrosshairTimeProperty().addListener((obs, old, now) -> chart.showLinkedCrosshair(now.longValue()));
        // Until the window offers a way to choose them, the chart shows the usual set (or the property's, for
        // demonstrations and screenshots).
        String specs = System.getProperty(INDICATORS_PROPERTY, IndicatorSpec.DEFAULTS);
        try {
            IndicatorSpec.parseAll(specs).forEach(chart.indicators()::add);
        } catch (RuntimeException e) {
            IndicatorSpec.parseAll(IndicatorSpec.DEFAULTS).forEach(chart.indicators()::add);
        }
    }

    /** System property listing the chart's indicators ({@link IndicatorSpec} text, comma-separated). */
    public static final String INDICATORS_PROPERTY = "stockmonitor.chart.indicators";

    static ChartSurface create(ChartViewModel model) {
        return new ChartSurface(model);
    }

    public PriceChart node() {
        return chart;
    }

    /** Called when the view model's buffers were refilled. */
    void update() {
        updates++;
        String symbol = model.symbolProperty().get();
        ChartMode mode = model.modeProperty().get();
        if (!symbol.equals(shownSymbol) || mode != shownMode) {
            // Another series: the chart forgets the old one and fits its view to the new data.
            chart.clear();
            shownSymbol = symbol;
            shownGaps = List.of();
        }
        if (mode != shownMode) {
            shownMode = mode;
            if (mode.isTicks()) {
                chart.setMode(io.stockmonitor.chart.ChartMode.TICK_LINE);
            } else {
                chart.setMode(io.stockmonitor.chart.ChartMode.CANDLES);
                chart.setIntervalMillis(mode.interval().millis());
            }
        }
        if (mode.isTicks()) {
            TickBuffer t = model.ticks();
            if (model.replaced()) {
                chart.setTicks(t.times(), t.prices(), t.sizes(), 0, model.tickCount());
            } else {
                for (int i = 0; i < model.tickCount(); i++) {
                    chart.ticks().append(t.time(i), t.price(i), t.size(i));
                }
                chart.markDirty();
            }
            chart.setOlderDataAvailable(false);
        } else {
            BarBuffer b = model.bars();
            if (model.replaced()) {
                chart.setCandles(b.times(), b.opens(), b.highs(), b.lows(), b.closes(), b.volumes(), 0,
                        model.barCount());
            } else {
                for (int i = 0; i < model.barCount(); i++) {
                    chart.candles().upsert(b.time(i), b.open(i), b.high(i), b.low(i), b.close(i), b.volume(i));
                }
                chart.markDirty();
            }
            HistoryState h = model.history();
            chart.setOlderDataAvailable(!h.exhausted() && !h.loading());
        }
        chart.setLastPrice(model.lastPrice());
        chart.setLiveClock(model.liveClockMs());
        List<GapMarker> gaps = model.gaps();
        if (!gaps.equals(shownGaps)) {
            shownGaps = gaps;
            List<ChartGap> spans = new ArrayList<>(gaps.size());
            for (GapMarker g : gaps) {
                spans.add(new ChartGap(g.fromTs(), Math.max(g.fromTs(), g.toTs()), label(g), kind(g)));
            }
            chart.setGaps(spans);
        }
    }

    /**
     * What a gap's label says, outcome first (the chart shows the part before the first " · " when the whole
     * label does not fit): how it ended, with the counts the source knows, then what happened.
     */
    static String label(GapMarker g) {
        String what = switch (g.cause()) {
            case DISCONNECT -> "disconnected";
            case SEQUENCE -> "trades skipped";
            case RESYNC -> g.reason() == null ? "resync" : "resync: " + g.reason().wire();
        };
        return switch (g.recovery()) {
            case PENDING -> g.isOpen() ? what : "refilling · " + what;
            case EXACT -> g.refilled() > 0 ? "nothing lost · " + g.refilled() + " trades refilled · " + what
                    : "resumed, nothing lost · " + what;
            case BY_TIME -> "refilled by time" + (g.refilled() >= 0 ? " · " + g.refilled() + " trades" : "")
                    + " · completeness not provable · " + what;
            case LOST -> (g.missed() > 0 ? g.missed() + " trades missed" : "trades lost") + " · " + what;
        };
    }

    /** How the chart shades a gap. */
    static ChartGap.Kind kind(GapMarker g) {
        return switch (g.recovery()) {
            case PENDING -> ChartGap.Kind.PENDING;
            case EXACT -> ChartGap.Kind.RECOVERED;
            case BY_TIME -> ChartGap.Kind.UNPROVEN;
            case LOST -> ChartGap.Kind.LOST;
        };
    }

    /** How many times the chart was handed new data (tests). */
    public long updates() {
        return updates;
    }

    void zoomIn() {
        chart.zoomIn();
    }

    void zoomOut() {
        chart.zoomOut();
    }
}
