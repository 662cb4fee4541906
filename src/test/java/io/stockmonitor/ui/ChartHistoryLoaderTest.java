package io.stockmonitor.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.market.BarInterval;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChartHistoryLoaderTest {
    private static final long NOW = 1_795_338_123_456L;

    @Test
    void asksOnceForTheShownIntervalThenAgainOnlyAfterTheRetryPause() {
        FakeFeedPort port = new FakeFeedPort(List.of("AAPL"), List.of("AAPL"), () -> NOW);
        ChartHistoryLoader loader = new ChartHistoryLoader();
        loader.frame(port, port.market, "AAPL", BarInterval.H1, NOW);
        loader.frame(port, port.market, "AAPL", BarInterval.H1, NOW + 16);
        long endOfThisHour = (NOW / 3_600_000L + 1) * 3_600_000L;
        assertThat(port.historyRequests).containsExactly("AAPL 1h " + endOfThisHour);

        loader.frame(port, port.market, "AAPL", BarInterval.H1, NOW + ChartHistoryLoader.RETRY_MS);
        assertThat(port.historyRequests).hasSize(2);
    }

    @Test
    void asksNothingWhileLoadingOrOnceTheHistoryAnswered() {
        FakeFeedPort port = new FakeFeedPort(List.of("AAPL"), List.of("AAPL"), () -> NOW);
        ChartHistoryLoader loader = new ChartHistoryLoader();
        port.market.historyLoading("AAPL", BarInterval.M1);
        loader.frame(port, port.market, "AAPL", BarInterval.M1, NOW);
        port.market.historyLoaded("AAPL", BarInterval.M1, NOW - 60_000, false);
        loader.frame(port, port.market, "AAPL", BarInterval.M1, NOW + ChartHistoryLoader.RETRY_MS);
        port.market.historyLoaded("AAPL", BarInterval.D1, Long.MAX_VALUE, true);
        loader.frame(port, port.market, "AAPL", BarInterval.D1, NOW);
        loader.frame(port, port.market, "AAPL", null, NOW);
        loader.frame(port, port.market, "", BarInterval.S1, NOW);
        assertThat(port.historyRequests).isEmpty();
    }
}
