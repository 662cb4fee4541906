package io.stockmonitor.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.IntToDoubleFunction;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.ta4j.core.BarSeries;
import org.ta4j.core.BaseBarSeriesBuilder;
import org.ta4j.core.Indicator;
import org.ta4j.core.indicators.EMAIndicator;
import org.ta4j.core.indicators.MACDIndicator;
import org.ta4j.core.indicators.RSIIndicator;
import org.ta4j.core.indicators.SMAIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsLowerIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsMiddleIndicator;
import org.ta4j.core.indicators.bollinger.BollingerBandsUpperIndicator;
import org.ta4j.core.indicators.helpers.ClosePriceIndicator;
import org.ta4j.core.indicators.helpers.VolumeIndicator;
import org.ta4j.core.indicators.statistics.StandardDeviationIndicator;
import org.ta4j.core.indicators.volume.VWAPIndicator;
import org.ta4j.core.num.DoubleNum;
import org.ta4j.core.num.Num;

/**
 * Every indicator against ta4j 0.17 (double arithmetic) on long random series with gaps, fed as a live chart feeds
 * them (bar by bar, the live bar updated several times), across resyncs that replace the series, and with the
 * oldest bars dropped from a bounded series; plus the incremental path against a computation from scratch.
 */
class IndicatorsVsTa4jTest {

    private static final long T0 = 1_767_225_600_000L - 3 * 3_600_000L; // 2025-12-31 21:00 UTC
    private static final long MINUTE = 60_000L;
    private static final int N = 10_000;
    private static final double TOLERANCE = 1e-9;

    /** One of each kind, with non-default parameters for some. */
    private static List<io.stockmonitor.indicators.Indicator> all() {
        return List.of(new Sma(20), new Ema(50), new Vwap(), new BollingerBands(20, 2), new VolumeAverage(30),
                new Rsi(14), new Macd(12, 26, 9), new Sma(200), new BollingerBands(7, 2.5),
                new Vwap(ZoneId.of("America/New_York"), LocalTime.of(9, 30)), new Macd(5, 35, 5), new Rsi(3));
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4})
    void liveFeedingMatchesTa4jAndAComputationFromScratch(long seed) {
        TestBars.Series s = TestBars.Series.random(N, seed, T0, MINUTE);
        IndicatorSet live = new IndicatorSet();
        List<io.stockmonitor.indicators.Indicator> liveInd = addAll(live);
        TestBars bars = new TestBars(N, live);
        Random r = new Random(seed * 31);
        for (int i = 0; i < N; i++) {
            // The live bar first shows partial values, then is updated to its final ones; indicators are read in
            // between, as a chart does every frame.
            bars.append(s.time[i], s.open[i], s.open[i], s.open[i], s.open[i], 0);
            if (r.nextBoolean()) {
                bars.update();
            }
            for (int u = r.nextInt(3); u > 0; u--) {
                bars.updateLast(s.high[i] * 1.01, s.low[i] * 0.99, s.close[i] * (1 + r.nextGaussian() * 0.01),
                        s.volume[i] / 2);
                if (r.nextBoolean()) {
                    bars.update();
                }
            }
            bars.updateLast(s.high[i], s.low[i], s.close[i], s.volume[i]);
            if (r.nextInt(4) == 0) {
                bars.update();
            }
        }
        bars.update();

        IndicatorSet scratch = new IndicatorSet();
        List<io.stockmonitor.indicators.Indicator> scratchInd = addAll(scratch);
        scratch.storageGrew(N);
        scratch.update(s, 0, N);
        for (int k = 0; k < liveInd.size(); k++) {
            for (int line = 0; line < liveInd.get(k).lineCount(); line++) {
                for (int i = 0; i < N; i++) {
                    assertThat(Double.doubleToLongBits(liveInd.get(k).value(line, i)))
                            .as("%s line %d row %d: incremental = from scratch", liveInd.get(k).label(), line, i)
                            .isEqualTo(Double.doubleToLongBits(scratchInd.get(k).value(line, i)));
                }
            }
        }
        assertMatchesTa4j(liveInd, s, 0);
    }

    @ParameterizedTest
    @ValueSource(longs = {5, 6})
    void aResyncRecomputesFromTheFirstChangedBar(long seed) {
        TestBars.Series s = TestBars.Series.random(N, seed, T0, MINUTE);
        IndicatorSet set = new IndicatorSet();
        List<io.stockmonitor.indicators.Indicator> ind = addAll(set);
        TestBars bars = new TestBars(N, set);
        for (int i = 0; i < N / 2; i++) {
            bars.append(s.time[i], s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]);
        }
        bars.update();

        // A snapshot that rewrites the recent bars (different prices from bar 4,000 on) and goes on further.
        TestBars.Series rewritten = s.copy();
        Random r = new Random(seed);
        for (int i = 4_000; i < N; i++) {
            rewritten.close[i] *= 1 + r.nextGaussian() * 0.003;
            rewritten.high[i] = Math.max(rewritten.high[i], rewritten.close[i]);
            rewritten.low[i] = Math.min(rewritten.low[i], rewritten.close[i]);
        }
        bars.replaceAll(rewritten);
        bars.update();
        assertMatchesTa4j(ind, rewritten, 0);

        // History prepended: older bars arrive, every row shifts, all is recomputed.
        TestBars.Series older = TestBars.Series.random(N, seed + 100, T0 - 20L * N * MINUTE, MINUTE);
        TestBars.Series joined = new TestBars.Series(2 * N);
        for (int i = 0; i < N; i++) {
            copyRow(older, i, joined, i);
            copyRow(rewritten, i, joined, N + i);
        }
        IndicatorSet set2 = new IndicatorSet();
        List<io.stockmonitor.indicators.Indicator> ind2 = addAll(set2);
        TestBars big = new TestBars(2 * N, set2);
        for (int i = 0; i < N; i++) {
            big.append(rewritten.time[i], rewritten.open[i], rewritten.high[i], rewritten.low[i], rewritten.close[i],
                    rewritten.volume[i]);
        }
        big.update();
        big.replaceAll(joined);
        big.update();
        assertMatchesTa4j(ind2, joined, 0);
    }

    @Test
    void droppingTheOldestBarsKeepsEveryValueOfTheBarsThatStay() {
        int capacity = 3_000;
        TestBars.Series s = TestBars.Series.random(N, 9, T0, MINUTE);
        IndicatorSet bounded = new IndicatorSet();
        List<io.stockmonitor.indicators.Indicator> ind = addAll(bounded);
        TestBars bars = new TestBars(capacity, bounded);
        for (int i = 0; i < N; i++) {
            bars.append(s.time[i], s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]);
            if (i % 7 == 0) {
                bars.update();
            }
        }
        bars.update();
        assertThat(bars.moves).as("storage moved more than once").isGreaterThanOrEqualTo(2);

        IndicatorSet whole = new IndicatorSet();
        List<io.stockmonitor.indicators.Indicator> ref = addAll(whole);
        whole.storageGrew(N);
        whole.update(s, 0, N);
        for (int k = 0; k < ind.size(); k++) {
            for (int line = 0; line < ind.get(k).lineCount(); line++) {
                for (int j = 0; j < capacity; j++) {
                    assertThat(ind.get(k).value(line, bars.first + j))
                            .as("%s line %d, kept bar %d", ind.get(k).label(), line, j)
                            .isEqualTo(ref.get(k).value(line, N - capacity + j));
                }
            }
        }
    }

    @Test
    void parametersAreValidatedAndAChangeRecomputesEverything() {
        assertThatThrownBy(() -> new Sma(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Ema(IndicatorBounds.MAX_PERIOD + 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Macd(26, 12, 9)).hasMessageContaining("shorter");
        assertThatThrownBy(() -> new BollingerBands(20, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new BollingerBands(20, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        Rsi rsi = new Rsi(14);
        assertThatThrownBy(() -> rsi.setPeriod(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThat(rsi.period()).isEqualTo(14);

        TestBars.Series s = TestBars.Series.random(2_000, 11, T0, MINUTE);
        IndicatorSet set = new IndicatorSet();
        int[] changes = {0};
        set.setOnChange(() -> changes[0]++);
        Sma sma = set.add(new Sma(20));
        BollingerBands bb = set.add(new BollingerBands(20, 2));
        Macd macd = set.add(new Macd());
        Vwap vwap = set.add(new Vwap());
        set.storageGrew(s.n);
        set.update(s, 0, s.n);
        sma.setPeriod(50);
        bb.setK(1.5);
        bb.setPeriod(10);
        macd.setPeriods(8, 21, 5);
        vwap.setSession(ZoneOffset.ofHours(2), LocalTime.of(8, 0));
        assertThat(changes[0]).isEqualTo(4 + 5);
        set.update(s, 0, s.n);
        assertMatchesTa4j(List.of(sma, bb, macd, vwap), s, 0);
        assertThat(sma.label()).isEqualTo("SMA 50");
        assertThat(bb.label()).isEqualTo("BB 10 1.5");
        assertThat(set.remove(sma)).isTrue();
        assertThat(set.all()).containsExactly(bb, macd, vwap);
    }

    // ---- the reference ------------------------------------------------------------------------------------------

    private static List<io.stockmonitor.indicators.Indicator> addAll(IndicatorSet set) {
        List<io.stockmonitor.indicators.Indicator> list = new ArrayList<>();
        for (io.stockmonitor.indicators.Indicator i : all()) {
            list.add(set.add(i));
        }
        return list;
    }

    private static void copyRow(TestBars.Series from, int i, TestBars.Series to, int j) {
        to.time[j] = from.time[i];
        to.open[j] = from.open[i];
        to.high[j] = from.high[i];
        to.low[j] = from.low[i];
        to.close[j] = from.close[i];
        to.volume[j] = from.volume[i];
    }

    private static BarSeries ta4j(TestBars.Series s) {
        BarSeries series = new BaseBarSeriesBuilder().withNumTypeOf(DoubleNum.class).build();
        for (int i = 0; i < s.n; i++) {
            series.addBar(Duration.ofMinutes(1), Instant.ofEpochMilli(s.time[i] + MINUTE).atZone(ZoneOffset.UTC),
                    s.open[i], s.high[i], s.low[i], s.close[i], s.volume[i]);
        }
        return series;
    }

    /** Each indicator's rows at {@code offset + i} against ta4j on {@code s}, where our value is not NaN. */
    private static void assertMatchesTa4j(List<io.stockmonitor.indicators.Indicator> indicators, TestBars.Series s,
                                          int offset) {
        BarSeries series = ta4j(s);
        ClosePriceIndicator close = new ClosePriceIndicator(series);
        for (io.stockmonitor.indicators.Indicator ind : indicators) {
            if (ind instanceof Sma sma) {
                check(ind, 0, s.n, offset, sma.period() - 1, values(new SMAIndicator(close, sma.period())));
            } else if (ind instanceof VolumeAverage va) {
                check(ind, 0, s.n, offset, va.period() - 1,
                        values(new SMAIndicator(new VolumeIndicator(series), va.period())));
            } else if (ind instanceof Ema ema) {
                check(ind, 0, s.n, offset, ema.period() - 1, values(new EMAIndicator(close, ema.period())));
            } else if (ind instanceof Rsi rsi) {
                check(ind, 0, s.n, offset, rsi.period(), values(new RSIIndicator(close, rsi.period())));
            } else if (ind instanceof BollingerBands bb) {
                BollingerBandsMiddleIndicator mid = new BollingerBandsMiddleIndicator(
                        new SMAIndicator(close, bb.period()));
                StandardDeviationIndicator sd = new StandardDeviationIndicator(close, bb.period());
                Num k = DoubleNum.valueOf(bb.k());
                int from = bb.period() - 1;
                check(ind, BollingerBands.MIDDLE, s.n, offset, from, values(mid));
                check(ind, BollingerBands.UPPER, s.n, offset, from, values(new BollingerBandsUpperIndicator(mid, sd, k)));
                check(ind, BollingerBands.LOWER, s.n, offset, from, values(new BollingerBandsLowerIndicator(mid, sd, k)));
            } else if (ind instanceof Macd m) {
                MACDIndicator macd = new MACDIndicator(close, m.fast(), m.slow());
                check(ind, Macd.MACD, s.n, offset, m.slow() - 1, values(macd));
                int from = m.slow() + m.signal() - 2;
                check(ind, Macd.SIGNAL, s.n, offset, from, values(macd.getSignalLine(m.signal())));
                check(ind, Macd.HISTOGRAM, s.n, offset, from, values(macd.getHistogram(m.signal())));
            } else if (ind instanceof Vwap v) {
                check(ind, 0, s.n, offset, 0, sessionVwap(series, s, v));
            } else {
                throw new AssertionError("no reference for " + ind.label());
            }
        }
    }

    private static IntToDoubleFunction values(Indicator<Num> ta4j) {
        return i -> ta4j.getValue(i).doubleValue();
    }

    /**
     * ta4j's VWAP over a window reaching back to the session's first bar; where that window has no volume ta4j
     * divides by zero (NaN) and we show the typical price.
     */
    private static IntToDoubleFunction sessionVwap(BarSeries series, TestBars.Series s, Vwap v) {
        int[] start = new int[s.n];
        for (int i = 0; i < s.n; i++) {
            start[i] = i > 0 && v.sessionOf(s.time[i - 1]) == v.sessionOf(s.time[i]) ? start[i - 1] : i;
        }
        return i -> {
            double value = new VWAPIndicator(series, i - start[i] + 1).getValue(i).doubleValue();
            if (Double.isNaN(value)) {
                return (s.high[i] + s.low[i] + s.close[i]) / 3;
            }
            return value;
        };
    }

    private static void check(io.stockmonitor.indicators.Indicator ind, int line, int n, int offset, int warmup,
                              IntToDoubleFunction reference) {
        for (int i = 0; i < n; i++) {
            double ours = ind.value(line, offset + i);
            if (i < warmup) {
                assertThat(ours).as("%s %s row %d warming up", ind.label(), ind.lineName(line), i).isNaN();
                continue;
            }
            double expected = reference.applyAsDouble(i);
            assertThat(Math.abs(ours - expected))
                    .as("%s %s row %d: ours %s, ta4j %s", ind.label(), ind.lineName(line), i, ours, expected)
                    .isLessThanOrEqualTo(TOLERANCE * Math.max(1, Math.abs(expected)));
        }
    }
}
