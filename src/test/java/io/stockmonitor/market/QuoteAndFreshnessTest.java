package io.stockmonitor.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stockmonitor.protocol.Bars;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.ResyncReason;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class QuoteAndFreshnessTest {
    private static final long T0 = 1_700_000_100_000L; // a whole 5 minutes

    private final AtomicLong now = new AtomicLong(T0);
    private final MarketModel model = new MarketModel(MarketLimits.defaults(), now::get);
    private final QuoteView quote = new QuoteView();

    @Test
    void unknownSymbolReadsFalseAndIgnoresWrites() {
        model.applyTick("NOPE", 1, T0, 10, 1, 9.99, 10.01, T0);
        assertThat(model.readQuote("NOPE", quote)).isFalse();
        assertThat(model.readBars("NOPE", BarInterval.S1, 0, new BarBuffer(4))).isZero();
        assertThat(model.gapMarkers("NOPE", 0)).isEmpty();
    }

    @Test
    void changeAndPercentAreAgainstPrevClose() {
        model.addSymbol("AAPL");
        model.applySnapshot(snapshot("AAPL", 10, 187.50, 187.50), ResyncReason.NEW, -1, T0);
        model.applyTick("AAPL", 11, T0 + 10, 189.23, 100, 189.22, 189.24, T0 + 10);

        assertThat(model.readQuote("AAPL", quote)).isTrue();
        assertThat(quote.symbol()).isEqualTo("AAPL");
        assertThat(quote.seq()).isEqualTo(11);
        assertThat(quote.last()).isEqualTo(189.23);
        assertThat(quote.change()).isEqualTo(1.73);
        assertThat(quote.changePercent()).isCloseTo(100 * 1.73 / 187.5, within(1e-9));
        assertThat(quote.volume()).isEqualTo(1_000 + 100);
        assertThat(quote.high()).isEqualTo(189.23);
        assertThat(quote.low()).isEqualTo(180.0);
        assertThat(quote.bid()).isLessThanOrEqualTo(quote.ask());
    }

    @Test
    void previousLastAndChangeTimeFollowPriceChangesOnly() {
        model.addSymbol("AAPL");
        model.applyTick("AAPL", 1, T0, 100.00, 1, 99.99, 100.01, T0);
        model.applyTick("AAPL", 2, T0 + 5, 100.10, 1, 100.09, 100.11, T0 + 5);
        model.applyTick("AAPL", 3, T0 + 9, 100.10, 1, 100.09, 100.11, T0 + 9);
        model.readQuote("AAPL", quote);
        assertThat(quote.previousLast()).isEqualTo(100.00);
        assertThat(quote.lastChangeAtMs()).isEqualTo(T0 + 5);
        assertThat(quote.lastUpdateMs()).isEqualTo(T0 + 9);
        assertThat(quote.lastChangeUp()).isTrue();
        long v = quote.version();

        model.applyTick("AAPL", 4, T0 + 12, 99.95, 1, 99.94, 99.96, T0 + 12);
        model.readQuote("AAPL", quote);
        assertThat(quote.previousLast()).isEqualTo(100.10);
        assertThat(quote.lastChangeUp()).isFalse();
        assertThat(quote.version()).isGreaterThan(v);
        assertThat(quote.change()).as("no prevClose yet").isNaN();
    }

    @Test
    void freshnessGoesLiveStaleResyncingAndBack() {
        model.addSymbol("AAPL");
        model.readQuote("AAPL", quote);
        assertThat(quote.freshness()).isEqualTo(Freshness.STALE);
        assertThat(quote.hasData()).isFalse();
        assertThat(quote.ageMs()).isEqualTo(-1);

        model.applyTick("AAPL", 1, T0, 50, 1, 49.99, 50.01, T0);
        now.set(T0 + 14_999);
        model.readQuote("AAPL", quote);
        assertThat(quote.freshness()).isEqualTo(Freshness.LIVE);

        now.set(T0 + 15_000);
        model.readQuote("AAPL", quote);
        assertThat(quote.freshness()).isEqualTo(Freshness.STALE);
        assertThat(quote.ageMs()).isEqualTo(15_000);

        model.confirmCurrent("AAPL", T0 + 15_000);
        model.readQuote("AAPL", quote);
        assertThat(quote.freshness()).as("a heartbeat confirmed it").isEqualTo(Freshness.LIVE);
        assertThat(quote.lastUpdateMs()).isEqualTo(T0);

        model.markResyncing("AAPL");
        model.readQuote("AAPL", quote);
        assertThat(quote.freshness()).isEqualTo(Freshness.RESYNCING);
        model.applySnapshot(snapshot("AAPL", 40, 51, 50), ResyncReason.GAP, 38, T0 + 15_100);
        model.readQuote("AAPL", quote);
        assertThat(quote.freshness()).isEqualTo(Freshness.LIVE);

        model.markResyncing("AAPL");
        model.applyTick("AAPL", 41, T0 + 15_200, 51.5, 1, 51.49, 51.51, T0 + 15_200);
        model.readQuote("AAPL", quote);
        assertThat(quote.freshness()).as("resumed data ends RESYNCING").isEqualTo(Freshness.LIVE);

        model.connectionLost(T0 + 16_000);
        now.set(T0 + 16_500);
        model.readQuote("AAPL", quote);
        assertThat(quote.freshness()).isEqualTo(Freshness.STALE);
        assertThat(quote.ageMs()).isEqualTo(1_300);

        model.connectionRestored(T0 + 17_000);
        model.applyTick("AAPL", 42, T0 + 17_100, 51.6, 1, 51.59, 51.61, T0 + 17_100);
        model.readQuote("AAPL", quote);
        assertThat(quote.freshness()).isEqualTo(Freshness.LIVE);
    }

    @Test
    void pricesStayExactToTheCentUpToAndBeyondAHundredThousandDollars() {
        model.addSymbol("BIG");
        double[] prices = {0.01, 1.23, 189.23, 99_999.99, 100_000.00, 123_456.78, 214_748.36, 250_000.01,
            1_234_567.89, 99_999.99};
        long ts = T0;
        BarBuffer bars = new BarBuffer(4);
        TickBuffer ticks = new TickBuffer(4);
        for (int i = 0; i < prices.length; i++) {
            ts += 1_000;
            model.applyTick("BIG", i + 1, ts, prices[i], 1, prices[i], prices[i], ts);
            model.readBars("BIG", BarInterval.S1, ts, bars);
            model.readTicks("BIG", ts, ticks);
            assertThat(bars.close(0)).isEqualTo(prices[i]);
            assertThat(ticks.price(ticks.size() - 1)).isEqualTo(prices[i]);
        }
        model.readBars("BIG", BarInterval.S1, T0, bars);
        assertThat(new double[] {bars.close(0), bars.close(1), bars.close(2), bars.close(3)})
                .as("rescaled to cents, still exact").containsExactly(214_748.36, 250_000.01, 1_234_567.89, 99_999.99);
        assertThatThrownBy(() -> model.applyTick("BIG", 99, T0, Double.NaN, 1, 1, 1, T0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> model.applyTick("BIG", 99, T0, -1, 1, 1, 1, T0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void cryptoPricesUnderACentKeepSixSignificantDigitsInBarsAndTicks() {
        model.addSymbol("SHIBUSDT");
        model.addSymbol("DOGEUSDT");
        double[] shib = {0.00001234, 0.00001237, 0.00001231};
        double[] doge = {0.38123, 0.38127, 0.38119};
        long ts = T0;
        BarBuffer bars = new BarBuffer(8);
        TickBuffer ticks = new TickBuffer(8);
        for (int i = 0; i < shib.length; i++) {
            ts += 1_000;
            model.applyTick("SHIBUSDT", i + 1, ts, shib[i], 1_000_000.5, Double.NaN, Double.NaN, ts);
            model.applyTick("DOGEUSDT", i + 1, ts, doge[i], 12.25, Double.NaN, Double.NaN, ts);
        }
        model.readTicks("SHIBUSDT", T0, ticks);
        assertThat(ticks.prices()).startsWith(shib);
        assertThat(ticks.size(0)).as("fractional sizes kept").isEqualTo(1_000_000.5);
        model.readBars("DOGEUSDT", BarInterval.S1, T0, bars);
        assertThat(new double[] {bars.close(0), bars.close(1), bars.close(2)}).containsExactly(doge);
        assertThat(bars.volume(0)).isEqualTo(12.25);
        QuoteView q = new QuoteView();
        model.readQuote("SHIBUSDT", q);
        assertThat(q.volume()).isEqualTo(3_000_001.5);
    }

    @Test
    void quotesApartFromTradesUpdateBidAndAskAndTradesWithoutQuotesKeepThem() {
        model.addSymbol("BTCUSDT");
        model.applyQuote("BTCUSDT", 90_000.10, 90_000.20, T0);
        QuoteView q = new QuoteView();
        model.readQuote("BTCUSDT", q);
        assertThat(q.hasData()).as("a quote alone is no last price").isFalse();
        model.applyTick("BTCUSDT", 7, T0 + 1, 90_000.15, 0.5, Double.NaN, Double.NaN, T0 + 1);
        model.readQuote("BTCUSDT", q);
        assertThat(q.bid()).isEqualTo(90_000.10);
        assertThat(q.ask()).isEqualTo(90_000.20);
        model.applyQuote("BTCUSDT", Double.NaN, 90_000.30, T0 + 2);
        model.readQuote("BTCUSDT", q);
        assertThat(q.bid()).isEqualTo(90_000.10);
        assertThat(q.ask()).isEqualTo(90_000.30);
        assertThat(q.lastUpdateMs()).isEqualTo(T0 + 2);
    }

    @Test
    void dayStatisticsFromTheProviderAreKeptAndExtendedByTrades() {
        model.addSymbol("BTCUSDT");
        model.applyDayStats("BTCUSDT", 88_000, 91_000, 87_500, 88_000, 12_345.678);
        model.applyTick("BTCUSDT", 7, T0, 91_500, 0.5, Double.NaN, Double.NaN, T0);
        QuoteView q = new QuoteView();
        model.readQuote("BTCUSDT", q);
        assertThat(q.open()).isEqualTo(88_000);
        assertThat(q.high()).isEqualTo(91_500);
        assertThat(q.low()).isEqualTo(87_500);
        assertThat(q.volume()).isEqualTo(12_346.178);
        assertThat(q.changePercent()).isCloseTo(100.0 * 3_500 / 88_000, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void aLiveTradeArrivingSecondsLateMakesTheSymbolDelayedButAReplayedOneDoesNot() {
        model.addSymbol("AAPL");
        model.applyTick("AAPL", 1, T0 - 60_000, 100, 1, 99.99, 100.01, T0, false);
        QuoteView q = new QuoteView();
        model.readQuote("AAPL", q);
        assertThat(q.freshness()).as("a replayed trade is old by design").isEqualTo(Freshness.LIVE);
        model.applyTick("AAPL", 2, T0 - 2_500, 100.01, 1, 100, 100.02, T0, true);
        model.readQuote("AAPL", q);
        assertThat(q.freshness()).isEqualTo(Freshness.DELAYED);
        assertThat(q.liveDelayMs()).isEqualTo(2_500);
        model.applyTick("AAPL", 3, T0 - 5, 100.02, 1, 100.01, 100.03, T0, true);
        model.readQuote("AAPL", q);
        assertThat(q.freshness()).isEqualTo(Freshness.LIVE);
    }

    static Message.Snapshot snapshot(String symbol, long seq, double last, double prevClose) {
        long[] t = {T0 - 3_000, T0 - 2_000, T0 - 1_000};
        double[] o = {last, last, last};
        double[] h = {last + 1, last + 1, last + 1};
        double[] l = {180, 180, last - 1};
        double[] c = {last, last, last};
        long[] v = {100, 200, 300};
        return new Message.Snapshot(symbol, "e1", seq, last, last - 0.01, last + 0.01, prevClose, last + 1, 180,
                prevClose, 1_000, new Bars(1_000, 3, t, o, h, l, c, v));
    }
}
