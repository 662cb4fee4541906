package io.stockmonitor.market;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The quote's sizes, the last trade's size and time, and the previous close read alone (for alerts). */
class QuoteSizesTest {
    private final MarketModel model = new MarketModel(MarketLimits.defaults(), () -> 1_000L);
    private final QuoteView q = new QuoteView();

    @Test
    void sizesAndTheLastTradeAreInTheQuote() {
        model.addSymbol("BTCUSDT");
        model.readQuote("BTCUSDT", q);
        assertThat(q.lastSize()).isNaN();
        assertThat(q.lastTradeTs()).isEqualTo(-1);
        assertThat(q.bidSize()).isNaN();
        model.applyTick("BTCUSDT", 1, 900, 91_000.5, 0.015, Double.NaN, Double.NaN, 950);
        model.applyQuote("BTCUSDT", 91_000.4, 91_000.6, 1.25, 0.5, 960);
        model.readQuote("BTCUSDT", q);
        assertThat(q.lastSize()).isEqualTo(0.015);
        assertThat(q.lastTradeTs()).isEqualTo(900);
        assertThat(q.bidSize()).isEqualTo(1.25);
        assertThat(q.askSize()).isEqualTo(0.5);
        model.applyQuote("BTCUSDT", Double.NaN, 91_000.7, Double.NaN, 0.75, 970);
        model.readQuote("BTCUSDT", q);
        assertThat(q.bidSize()).as("a side not quoted keeps its size").isEqualTo(1.25);
        assertThat(q.askSize()).isEqualTo(0.75);
        model.applyQuote("BTCUSDT", 91_000.3, Double.NaN, 980);
        model.readQuote("BTCUSDT", q);
        assertThat(q.bidSize()).as("a quote without sizes").isNaN();
    }

    @Test
    void thePreviousCloseAlone() {
        assertThat(model.prevClose("AAPL")).isNaN();
        model.addSymbol("AAPL");
        assertThat(model.prevClose("AAPL")).isNaN();
        model.applyDayStats("AAPL", Double.NaN, Double.NaN, Double.NaN, 188.2, Double.NaN);
        assertThat(model.prevClose("AAPL")).isEqualTo(188.2);
    }
}
