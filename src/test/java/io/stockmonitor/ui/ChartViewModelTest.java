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
        assertThat(chart.refresh(port.market, port.market.version())).isTrue();
        assertThat(chart.barCount()).isEqualTo(10);
        assertThat(chart.bars().close(9)).isEqualTo(19.0);
        assertThat(chart.lastPrice()).isEqualTo(19.0);
        assertThat(chart.refresh(port.market, port.market.version())).isFalse();

        chart.modeProperty().set(ChartMode.TICKS);
        assertThat(chart.refresh(port.market, port.market.version())).isTrue();
        assertThat(chart.tickCount()).isEqualTo(10);
        assertThat(chart.barCount()).isZero();

        chart.show("B");
        assertThat(chart.refresh(port.market, port.market.version())).isTrue();
        assertThat(chart.tickCount()).isZero();
        assertThat(chart.lastPrice()).isNaN();

        long before = chart.dataVersionProperty().get();
        port.tick("B", 5, T0 + 11_000);
        assertThat(chart.refresh(port.market, port.market.version())).isTrue();
        assertThat(chart.tickCount()).isEqualTo(1);
        assertThat(chart.dataVersionProperty().get()).isEqualTo(before + 1);
    }
}
