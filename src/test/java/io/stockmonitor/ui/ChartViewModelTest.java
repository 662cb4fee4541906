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
}
