package io.stockmonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChartViewModelTest {
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void rereadsOnlyWhenMarketSymbolOrModeChanged() {
        FakeFeedPort port = new FakeFeedPort(List.of("A", "B"), List.of("A", "B"), () -> T0 + 10_000);
        for (int i = 0; i < 10; i++) {
            port.tick("A", 10 + i, T0 + i * 1_000L);
        }
        ChartViewModel chart = new ChartViewModel();
        chart.show("A");
        assertThat(chart.refresh(port.market, port.market.version(), T0)).isTrue();
        assertThat(chart.barCount()).isEqualTo(10);
        assertThat(chart.bars().close(9)).isEqualTo(19.0);
        assertThat(chart.lastPrice()).isEqualTo(19.0);
        assertThat(chart.refresh(port.market, port.market.version(), T0)).isFalse();

        chart.modeProperty().set(ChartMode.TICKS);
        assertThat(chart.refresh(port.market, port.market.version(), T0)).isTrue();
        assertThat(chart.tickCount()).isEqualTo(10);
        assertThat(chart.barCount()).isZero();

        chart.show("B");
        assertThat(chart.refresh(port.market, port.market.version(), T0)).isTrue();
        assertThat(chart.tickCount()).isZero();
        assertThat(chart.lastPrice()).isNaN();

        long before = chart.dataVersionProperty().get();
        port.tick("B", 5, T0 + 11_000);
        assertThat(chart.refresh(port.market, port.market.version(), T0)).isTrue();
        assertThat(chart.tickCount()).isEqualTo(1);
        assertThat(chart.dataVersionProperty().get()).isEqualTo(before + 1);
    }

    @Test
    void whileTheFeedIsDownTheChartsTimeMovesOnWithoutData() {
        FakeFeedPort port = new FakeFeedPort(List.of("A"), List.of("A"), () -> T0 + 10_000);
        port.tick("A", 10, T0);
        ChartViewModel chart = new ChartViewModel();
        chart.show("A");
        assertThat(chart.refresh(port.market, port.market.version(), T0 + 1_000)).isTrue();
        assertThat(chart.liveClockMs()).as("connected: the data decide").isEqualTo(Long.MIN_VALUE);

        port.market.connectionLost(T0 + 2_000);
        assertThat(chart.refresh(port.market, port.market.version(), T0 + 2_000)).isTrue();
        assertThat(chart.liveClockMs()).isEqualTo(T0 + 2_000);
        long version = port.market.version();
        assertThat(chart.refresh(port.market, version, T0 + 2_100)).as("not yet due").isFalse();
        assertThat(chart.refresh(port.market, version, T0 + 2_000 + ChartViewModel.OPEN_GAP_CLOCK_MS))
                .as("no new data, but time moved").isTrue();
        assertThat(chart.liveClockMs()).isEqualTo(T0 + 2_000 + ChartViewModel.OPEN_GAP_CLOCK_MS);

        port.market.connectionRestored(T0 + 9_000);
        assertThat(chart.refresh(port.market, port.market.version(), T0 + 9_000)).isTrue();
        assertThat(chart.liveClockMs()).isEqualTo(Long.MIN_VALUE);
    }

    @Test
    void afterAFullReadEachFrameReadsOnlyWhatIsNew() {
        FakeFeedPort port = new FakeFeedPort(List.of("A"), List.of("A"), () -> T0 + 100_000);
        for (int i = 0; i < 50; i++) {
            port.tick("A", 10 + i, T0 + i * 1_000L);
        }
        ChartViewModel chart = new ChartViewModel();
        chart.show("A");
        assertThat(chart.refresh(port.market, port.market.version(), T0)).isTrue();
        assertThat(chart.replaced()).isTrue();
        assertThat(chart.barCount()).isEqualTo(50);

        port.tick("A", 70, T0 + 49_500);
        port.tick("A", 71, T0 + 50_000);
        assertThat(chart.refresh(port.market, port.market.version(), T0)).isTrue();
        assertThat(chart.replaced()).as("only the live bar and the new one").isFalse();
        assertThat(chart.barCount()).isEqualTo(2);
        assertThat(chart.bars().time(0)).isEqualTo(T0 + 49_000);
        assertThat(chart.bars().close(0)).isEqualTo(70);
        assertThat(chart.bars().close(1)).isEqualTo(71);

        // History inserted before the bars rewrites what is stored: everything is read again.
        long[] times = {T0 - 120_000, T0 - 60_000};
        double[] p = {9, 9.5};
        port.market.applyHistory("A", io.stockmonitor.market.BarInterval.M1, times, p, p, p, p, new double[] {1, 1}, 2);
        chart.modeProperty().set(ChartMode.M1);
        assertThat(chart.refresh(port.market, port.market.version(), T0)).isTrue();
        assertThat(chart.replaced()).isTrue();
        assertThat(chart.bars().time(0)).isEqualTo(T0 - 120_000 - Math.floorMod(T0 - 120_000, 60_000L));
        port.tick("A", 72, T0 + 51_000);
        chart.refresh(port.market, port.market.version(), T0);
        assertThat(chart.replaced()).isFalse();
        assertThat(chart.barCount()).isEqualTo(1);
        port.market.applyHistory("A", io.stockmonitor.market.BarInterval.M1, new long[] {T0 - 600_000}, p, p, p, p,
                new double[] {1}, 1);
        chart.refresh(port.market, port.market.version(), T0);
        assertThat(chart.replaced()).as("a rewrite, again").isTrue();

        chart.modeProperty().set(ChartMode.TICKS);
        chart.refresh(port.market, port.market.version(), T0);
        assertThat(chart.replaced()).isTrue();
        assertThat(chart.tickCount()).isEqualTo(53);
        port.tick("A", 73, T0 + 52_000);
        port.tick("A", 74, T0 + 52_000);
        chart.refresh(port.market, port.market.version(), T0);
        assertThat(chart.replaced()).isFalse();
        assertThat(chart.tickCount()).isEqualTo(2);
        assertThat(chart.ticks().price(0)).isEqualTo(73);
        assertThat(chart.ticks().price(1)).isEqualTo(74);
        port.market.applyQuote("A", 73.5, 74.5, T0);
        chart.refresh(port.market, port.market.version(), T0);
        assertThat(chart.replaced()).isFalse();
        assertThat(chart.tickCount()).as("a quote is no tick").isZero();
    }

    @Test
    void olderBarsAreAskedForThroughThePortUnlessTheHistoryIsExhaustedOrLoading() {
        FakeFeedPort port = new FakeFeedPort(List.of("A"), List.of("A"), () -> T0 + 100_000);
        port.tick("A", 10, T0);
        ChartViewModel chart = new ChartViewModel();
        List<String> asked = new java.util.ArrayList<>();
        chart.setHistoryRequests((s, i, before) -> asked.add(s + " " + i.label() + " " + before));
        chart.show("A");
        chart.modeProperty().set(ChartMode.H1);
        chart.refresh(port.market, port.market.version(), T0);
        chart.requestOlder(T0);
        assertThat(asked).containsExactly("A 1h " + T0);

        port.market.historyLoading("A", io.stockmonitor.market.BarInterval.H1);
        chart.refresh(port.market, port.market.version(), T0);
        chart.requestOlder(T0);
        assertThat(asked).hasSize(1);
        port.market.historyLoaded("A", io.stockmonitor.market.BarInterval.H1, T0 - 3_600_000, true);
        chart.refresh(port.market, port.market.version(), T0);
        assertThat(chart.history().exhausted()).isTrue();
        chart.requestOlder(T0 - 3_600_000);
        assertThat(asked).as("nothing older to be had").hasSize(1);
    }
}
