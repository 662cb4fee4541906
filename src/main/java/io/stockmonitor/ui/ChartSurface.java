package io.stockmonitor.ui;

import io.stockmonitor.chart.ChartGap;
import io.stockmonitor.chart.PriceChart;
import io.stockmonitor.market.BarBuffer;
import io.stockmonitor.market.GapMarker;
import io.stockmonitor.market.TickBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands the chart view model's buffers to the {@link PriceChart}; the one place that knows the chart's API. Called at
 * most once per frame (no allocation per frame); gap spans are converted only when they changed.
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
    }

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
        if (!symbol.equals(shownSymbol)) {
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
            chart.setTicks(t.times(), t.prices(), t.sizes(), 0, model.tickCount());
        } else {
            BarBuffer b = model.bars();
            chart.setCandles(b.times(), b.opens(), b.highs(), b.lows(), b.closes(), b.volumes(), 0,
                    model.barCount());
        }
        chart.setLastPrice(model.lastPrice());
        List<GapMarker> gaps = model.gaps();
        if (!gaps.equals(shownGaps)) {
            shownGaps = gaps;
            List<ChartGap> spans = new ArrayList<>(gaps.size());
            for (GapMarker g : gaps) {
                spans.add(new ChartGap(g.fromTs(), Math.max(g.fromTs(), g.toTs()), label(g)));
            }
            chart.setGaps(spans);
        }
    }

    /** What a gap's label says: how it ended, with the counts the source knows. */
    static String label(GapMarker g) {
        String what = switch (g.cause()) {
            case DISCONNECT -> "disconnected";
            case SEQUENCE -> "trades skipped";
            case RESYNC -> g.reason() == null ? "resync" : "resync: " + g.reason().wire();
        };
        return switch (g.recovery()) {
            case PENDING -> g.isOpen() ? what : what + " · refilling";
            case EXACT -> g.refilled() > 0 ? what + " · " + g.refilled() + " trades refilled, nothing lost"
                    : what + " · resumed, nothing lost";
            case BY_TIME -> what + " · refilled by time" + (g.refilled() >= 0 ? " (" + g.refilled() + " trades)" : "")
                    + ", completeness not provable";
            case LOST -> what + (g.missed() >= 0 ? " · " + g.missed() + " missed" : " · trades lost");
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
