package io.stockmonitor.ui;

import io.stockmonitor.chart.ChartGap;
import io.stockmonitor.chart.PriceChart;
import io.stockmonitor.market.BarBuffer;
import io.stockmonitor.market.GapMarker;
import io.stockmonitor.market.TickBuffer;
import io.stockmonitor.protocol.ResyncReason;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands the chart view model's buffers to the {@link PriceChart}; the one place that knows the chart's API. Called at
 * most once per frame; volumes are widened into reusable arrays (no allocation per frame), gap spans are converted
 * only when they changed.
 */
public final class ChartSurface {
    private final ChartViewModel model;
    private final PriceChart chart = new PriceChart(ChartViewModel.CHART_TICKS, ChartViewModel.CHART_BARS);
    private final double[] barVolumes = new double[ChartViewModel.CHART_BARS];
    private final double[] tickVolumes = new double[ChartViewModel.CHART_TICKS];
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
            int n = model.tickCount();
            long[] sizes = t.sizes();
            for (int i = 0; i < n; i++) {
                tickVolumes[i] = sizes[i];
            }
            chart.setTicks(t.times(), t.prices(), tickVolumes, 0, n);
        } else {
            BarBuffer b = model.bars();
            int n = model.barCount();
            long[] volumes = b.volumes();
            for (int i = 0; i < n; i++) {
                barVolumes[i] = volumes[i];
            }
            chart.setCandles(b.times(), b.opens(), b.highs(), b.lows(), b.closes(), barVolumes, 0, n);
        }
        chart.setLastPrice(model.lastPrice());
        List<GapMarker> gaps = model.gaps();
        if (!gaps.equals(shownGaps)) {
            shownGaps = gaps;
            List<ChartGap> spans = new ArrayList<>(gaps.size());
            for (GapMarker g : gaps) {
                if (g.reason() == ResyncReason.NEW) {
                    continue; // the first snapshot of a new subscription: nothing is missing
                }
                spans.add(new ChartGap(g.fromTs(), Math.max(g.fromTs(), g.toTs()), label(g)));
            }
            chart.setGaps(spans);
        }
    }

    static String label(GapMarker g) {
        if (g.isDisconnect()) {
            return "disconnected";
        }
        String reason = g.reason() == null ? "resync" : "resync: " + g.reason().wire();
        return g.missedTicks() >= 0 ? reason + ", " + g.missedTicks() + " missed" : reason;
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
