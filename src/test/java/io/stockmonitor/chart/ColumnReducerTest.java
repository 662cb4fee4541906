package io.stockmonitor.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;

import org.junit.jupiter.api.Test;

class ColumnReducerTest {

    private final ColumnReducer reducer = new ColumnReducer();

    @Test
    void eachColumnKeepsTrueMinMaxFirstLastAndVolume() {
        Random random = new Random(7);
        for (int run = 0; run < 200; run++) {
            int n = 1 + random.nextInt(20_000);
            long[] time = new long[n];
            double[] value = new double[n];
            double[] volume = new double[n];
            long t = 1_000_000L;
            double p = 100;
            for (int i = 0; i < n; i++) {
                t += random.nextInt(50);
                p += random.nextGaussian();
                time[i] = t;
                value[i] = p;
                volume[i] = random.nextInt(100);
            }
            int columns = 1 + random.nextInt(900);
            double start = time[0] + (random.nextDouble() - 0.3) * (t - time[0]);
            double msPerColumn = (0.1 + random.nextDouble()) * (t - time[0] + 1) / columns;

            reducer.reduceLine(time, value, volume, 0, n, start, msPerColumn, columns);

            ColumnSummary[] expected = bruteForce(time, value, volume, start, msPerColumn, columns);
            String context = "run " + run;
            int nonEmpty = 0;
            for (int c = 0; c < columns; c++) {
                ColumnSummary e = expected[c];
                assertThat(reducer.rows(c)).as(context + " col " + c).isEqualTo(e.rows);
                if (e.rows == 0) {
                    continue;
                }
                assertThat(reducer.nonEmptyColumn(nonEmpty++)).isEqualTo(c);
                assertThat(reducer.first(c)).as(context).isEqualTo(e.first);
                assertThat(reducer.last(c)).as(context).isEqualTo(e.last);
                assertThat(reducer.min(c)).as(context).isEqualTo(e.min);
                assertThat(reducer.max(c)).as(context).isEqualTo(e.max);
                assertThat(reducer.volume(c)).as(context).isEqualTo(e.volume);
            }
            assertThat(reducer.nonEmptyCount()).isEqualTo(nonEmpty);
            assertPolylineIsM4(time, value, start, msPerColumn, columns);
        }
    }

    @Test
    void outputStaysWithinFourPointsPerColumnWhateverTheInputSize() {
        int columns = 500;
        for (int n : new int[] {10, 1_000, 100_000, 2_000_000}) {
            long[] time = new long[n];
            double[] value = new double[n];
            Random random = new Random(n);
            for (int i = 0; i < n; i++) {
                time[i] = i;
                value[i] = random.nextDouble();
            }

            reducer.reduceLine(time, value, null, 0, n, 0, (double) n / columns, columns);

            assertThat(reducer.pointCount()).as("n=" + n).isLessThanOrEqualTo(4 * columns);
            assertThat(reducer.nonEmptyCount()).isLessThanOrEqualTo(columns);
            if (n >= 4 * columns) {
                assertThat(reducer.pointCount()).as("noisy data uses the budget").isGreaterThan(3 * columns);
            }
        }
    }

    @Test
    void thePyramidGivesTheSameResultAsScanningEveryRow() {
        Random random = new Random(99);
        ColumnReducer plain = new ColumnReducer();
        for (int run = 0; run < 60; run++) {
            // Capacity below the number of appends: rows drop off the front and the storage is compacted.
            TickSeries series = new TickSeries(1 + random.nextInt(40_000));
            int appends = random.nextInt(120_000);
            long t = 0;
            double p = 100;
            for (int i = 0; i < appends; i++) {
                t += random.nextInt(3);
                p += random.nextGaussian();
                series.append(t, p, random.nextInt(50));
            }
            if (run % 3 == 0 && series.size() > 0) {
                long[] times = new long[series.size()];
                double[] prices = new double[series.size()];
                double[] volumes = new double[series.size()];
                for (int i = 0; i < series.size(); i++) {
                    times[i] = series.time(i);
                    prices[i] = series.price(i);
                    volumes[i] = series.volume(i);
                }
                series.setAll(times, prices, volumes, 0, times.length);
            }
            int columns = 1 + random.nextInt(1500);
            double start = series.isEmpty() ? 0 : series.time(0) + random.nextDouble() * (t - series.time(0)) / 2;
            double msPerColumn = (t - start + 1) / columns * (0.5 + random.nextDouble());

            reducer.reduceLine(series.timeArray(), series.priceArray(), series.volumeArray(), series.pyramid(),
                    series.from(), series.to(), start, msPerColumn, columns);
            plain.reduceLine(series.timeArray(), series.priceArray(), series.volumeArray(),
                    series.from(), series.to(), start, msPerColumn, columns);

            String context = "run " + run;
            assertThat(reducer.nonEmptyCount()).as(context).isEqualTo(plain.nonEmptyCount());
            for (int c = 0; c < columns; c++) {
                assertThat(reducer.rows(c)).as(context).isEqualTo(plain.rows(c));
                if (plain.rows(c) > 0) {
                    assertThat(reducer.min(c)).as(context).isEqualTo(plain.min(c));
                    assertThat(reducer.max(c)).as(context).isEqualTo(plain.max(c));
                    assertThat(reducer.first(c)).as(context).isEqualTo(plain.first(c));
                    assertThat(reducer.last(c)).as(context).isEqualTo(plain.last(c));
                    assertThat(reducer.volume(c)).as(context).isEqualTo(plain.volume(c));
                }
            }
            assertThat(reducer.pointCount()).as(context).isEqualTo(plain.pointCount());
            for (int k = 0; k < plain.pointCount(); k++) {
                assertThat(reducer.pointIndex(k)).as(context).isEqualTo(plain.pointIndex(k));
            }
        }
    }

    @Test
    void thePyramidEqualsBruteForceOnDataWithNanGaps() {
        Random random = new Random(2024);
        ColumnReducer plain = new ColumnReducer();
        for (int run = 0; run < 80; run++) {
            TickSeries series = new TickSeries(1 + random.nextInt(60_000));
            int appends = random.nextInt(100_000);
            long t = 0;
            boolean nan = false;
            for (int i = 0; i < appends; i++) {
                t += random.nextInt(4);
                if (random.nextInt(300) == 0) {
                    nan = !nan; // runs of NaN: an indicator warming up, a line with holes
                }
                // Few distinct values, so ties between rows are common: the earliest row must win, as in a scan.
                double v = nan || random.nextInt(50) == 0 ? Double.NaN : random.nextInt(40);
                series.append(t, v, random.nextInt(10));
            }
            int n = series.size();
            long[] time = new long[n];
            double[] value = new double[n];
            double[] volume = new double[n];
            for (int i = 0; i < n; i++) {
                time[i] = series.time(i);
                value[i] = series.price(i);
                volume[i] = series.volume(i);
            }
            int columns = 1 + random.nextInt(2000);
            double start = n == 0 ? 0 : time[0] + (random.nextDouble() - 0.2) * (t - time[0]) / 2;
            double msPerColumn = Math.max(1e-3, (t - start + 1) / columns * (0.3 + random.nextDouble()));

            reducer.reduceLine(series.timeArray(), series.priceArray(), series.volumeArray(), series.pyramid(),
                    series.from(), series.to(), start, msPerColumn, columns);
            plain.reduceLine(time, value, volume, 0, n, start, msPerColumn, columns);

            String context = "run " + run + ", n " + n;
            // Brute force, one pass: every row into its column.
            double[] lo = new double[columns];
            double[] hi = new double[columns];
            int[] rows = new int[columns];
            double[] vol = new double[columns];
            java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
            java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < n; i++) {
                int c = (int) Math.floor((time[i] - start) / msPerColumn);
                if (time[i] >= start && c < columns) {
                    rows[c]++;
                    vol[c] += volume[i];
                    lo[c] = value[i] < lo[c] ? value[i] : lo[c];
                    hi[c] = value[i] > hi[c] ? value[i] : hi[c];
                }
            }
            for (int c = 0; c < columns; c++) {
                assertThat(reducer.rows(c)).as(context + " brute force col " + c).isEqualTo(rows[c]);
                if (rows[c] > 0) {
                    assertThat(reducer.min(c)).as(context).isEqualTo(lo[c]);
                    assertThat(reducer.max(c)).as(context).isEqualTo(hi[c]);
                    assertThat(reducer.volume(c)).as(context).isEqualTo(vol[c]);
                }
                assertThat(reducer.rows(c)).as(context).isEqualTo(plain.rows(c));
                if (plain.rows(c) > 0) {
                    assertThat(reducer.min(c)).as(context).isEqualTo(plain.min(c));
                    assertThat(reducer.max(c)).as(context).isEqualTo(plain.max(c));
                    assertThat(Double.doubleToLongBits(reducer.first(c))).as(context)
                            .isEqualTo(Double.doubleToLongBits(plain.first(c)));
                    assertThat(Double.doubleToLongBits(reducer.last(c))).as(context)
                            .isEqualTo(Double.doubleToLongBits(plain.last(c)));
                    assertThat(reducer.volume(c)).as(context).isEqualTo(plain.volume(c));
                }
            }
            assertThat(reducer.pointCount()).as(context).isEqualTo(plain.pointCount());
            for (int k = 0; k < plain.pointCount(); k++) {
                assertThat(reducer.pointIndex(k) - series.from()).as(context).isEqualTo(plain.pointIndex(k));
            }
        }
    }

    @Test
    void candlePyramidFollowsTheLiveBarAndMatchesAScan() {
        Random random = new Random(5);
        ColumnReducer plain = new ColumnReducer();
        for (int run = 0; run < 40; run++) {
            CandleSeries c = new CandleSeries(1 + random.nextInt(20_000));
            long t = 0;
            int bars = random.nextInt(40_000);
            for (int i = 0; i < bars; i++) {
                t += 1 + random.nextInt(3);
                for (int u = random.nextInt(3); u >= 0; u--) {
                    double o = 100 + random.nextInt(50);
                    double cl = 100 + random.nextInt(50);
                    c.upsert(t, o, Math.max(o, cl) + random.nextInt(5), Math.min(o, cl) - random.nextInt(5), cl,
                            random.nextInt(9));
                }
            }
            int columns = 1 + random.nextInt(1500);
            double start = c.isEmpty() ? 0 : c.time(0) + random.nextDouble() * (t - c.time(0)) / 2;
            double msPerColumn = Math.max(1e-3, (t - start + 1) / columns * (0.3 + random.nextDouble()));
            reducer.reduceCandles(c.timeArray(), c.openArray(), c.highArray(), c.lowArray(), c.closeArray(),
                    c.volumeArray(), c.pyramid(), c.from(), c.to(), start, msPerColumn, columns);
            plain.reduceCandles(c.timeArray(), c.openArray(), c.highArray(), c.lowArray(), c.closeArray(),
                    c.volumeArray(), c.from(), c.to(), start, msPerColumn, columns);
            for (int col = 0; col < columns; col++) {
                assertThat(reducer.rows(col)).as("run " + run).isEqualTo(plain.rows(col));
                if (plain.rows(col) > 0) {
                    assertThat(reducer.min(col)).isEqualTo(plain.min(col));
                    assertThat(reducer.max(col)).isEqualTo(plain.max(col));
                    assertThat(reducer.first(col)).isEqualTo(plain.first(col));
                    assertThat(reducer.last(col)).isEqualTo(plain.last(col));
                    assertThat(reducer.volume(col)).isEqualTo(plain.volume(col));
                }
            }
        }
    }

    @Test
    void reusingClosedColumnsGivesWhatAReductionFromScratchGives() {
        Random random = new Random(17);
        for (int run = 0; run < 30; run++) {
            TickSeries series = new TickSeries(2_000 + random.nextInt(50_000));
            CandleSeries candles = new CandleSeries(2_000 + random.nextInt(20_000));
            ColumnReducer live = new ColumnReducer();
            ColumnReducer liveCandles = new ColumnReducer();
            ColumnReducer fresh = new ColumnReducer();
            long t = 1_000_000;
            double p = 100;
            int columns = 50 + random.nextInt(1200);
            double ms = 0.5 + random.nextDouble() * 40;
            long reduced = 0;
            long frames = 0;
            for (int frame = 0; frame < 300; frame++) {
                for (int k = random.nextInt(30); k > 0; k--) {
                    t += random.nextInt(20);
                    p += random.nextGaussian();
                    series.append(t, random.nextInt(20) == 0 ? Double.NaN : p, random.nextInt(9));
                    candles.upsert(t / 50 * 50, p, p + 1, p - 1, p + 0.5, 1);
                }
                if (random.nextInt(40) == 0) {
                    ms *= 0.5 + random.nextDouble(); // a zoom: nothing is reused
                }
                // Following live: the right edge at the newest tick, the left edge on the grid.
                long firstColumn = (long) Math.floor((t - 0.9 * columns * ms) / ms);
                long before = live.reducedColumns();
                live.reduceLine(series, series.structure(), series.timeArray(), series.priceArray(),
                        series.volumeArray(), series.pyramid(), series.from(), series.to(), 0, firstColumn, ms, columns);
                reduced += live.reducedColumns() - before;
                frames++;
                fresh.reduceLine(null, 0, series.timeArray(), series.priceArray(), series.volumeArray(),
                        series.pyramid(), series.from(), series.to(), 0, firstColumn, ms, columns);
                assertSame("run " + run + " frame " + frame, live, fresh, columns);

                liveCandles.reduceCandles(candles, candles.structure(), candles.timeArray(), candles.openArray(),
                        candles.highArray(), candles.lowArray(), candles.closeArray(), candles.volumeArray(),
                        candles.pyramid(), candles.from(), candles.to(), 0, firstColumn, ms, columns);
                fresh.reduceCandles(null, 0, candles.timeArray(), candles.openArray(), candles.highArray(),
                        candles.lowArray(), candles.closeArray(), candles.volumeArray(), candles.pyramid(),
                        candles.from(), candles.to(), 0, firstColumn, ms, columns);
                assertSame("candles, run " + run + " frame " + frame, liveCandles, fresh, columns);
            }
            assertThat((double) reduced / frames).as("columns reduced per frame, of " + columns)
                    .isLessThan(columns / 3.0);
        }
    }

    private static void assertSame(String context, ColumnReducer a, ColumnReducer b, int columns) {
        assertThat(a.nonEmptyCount()).as(context).isEqualTo(b.nonEmptyCount());
        for (int k = 0; k < b.nonEmptyCount(); k++) {
            assertThat(a.nonEmptyColumn(k)).as(context).isEqualTo(b.nonEmptyColumn(k));
        }
        for (int c = 0; c < columns; c++) {
            assertThat(a.rows(c)).as(context + " col " + c).isEqualTo(b.rows(c));
            if (b.rows(c) > 0) {
                assertThat(Double.doubleToLongBits(a.min(c))).as(context).isEqualTo(Double.doubleToLongBits(b.min(c)));
                assertThat(Double.doubleToLongBits(a.max(c))).as(context).isEqualTo(Double.doubleToLongBits(b.max(c)));
                assertThat(Double.doubleToLongBits(a.first(c))).as(context)
                        .isEqualTo(Double.doubleToLongBits(b.first(c)));
                assertThat(Double.doubleToLongBits(a.last(c))).as(context).isEqualTo(Double.doubleToLongBits(b.last(c)));
                assertThat(a.volume(c)).as(context).isEqualTo(b.volume(c));
            }
        }
        assertThat(a.pointCount()).as(context).isEqualTo(b.pointCount());
        for (int k = 0; k < b.pointCount(); k++) {
            assertThat(a.pointIndex(k)).as(context).isEqualTo(b.pointIndex(k));
            assertThat(a.pointColumn(k)).as(context).isEqualTo(b.pointColumn(k));
        }
        assertThat(a.minValue()).as(context).isEqualTo(b.minValue());
        assertThat(a.maxValue()).as(context).isEqualTo(b.maxValue());
        assertThat(a.maxVolume()).as(context).isEqualTo(b.maxVolume());
    }

    @Test
    void candlesMergePerColumn() {
        long[] time = {0, 10, 20, 30, 40};
        double[] open = {10, 11, 12, 13, 14};
        double[] high = {15, 16, 30, 14, 15};
        double[] low = {9, 5, 11, 12, 13};
        double[] close = {11, 12, 13, 14, 12};
        double[] volume = {1, 2, 3, 4, 5};

        reducer.reduceCandles(time, open, high, low, close, volume, 0, 5, 0, 25, 2);

        assertThat(reducer.rows(0)).isEqualTo(3);
        assertThat(reducer.first(0)).isEqualTo(10);
        assertThat(reducer.last(0)).isEqualTo(13);
        assertThat(reducer.max(0)).isEqualTo(30);
        assertThat(reducer.min(0)).isEqualTo(5);
        assertThat(reducer.volume(0)).isEqualTo(6);
        assertThat(reducer.rows(1)).isEqualTo(2);
        assertThat(reducer.first(1)).isEqualTo(13);
        assertThat(reducer.last(1)).isEqualTo(12);
        assertThat(reducer.max(1)).isEqualTo(15);
        assertThat(reducer.min(1)).isEqualTo(12);
        assertThat(reducer.maxValue()).isEqualTo(30);
        assertThat(reducer.minValue()).isEqualTo(5);
    }

    @Test
    void rowsOutsideTheViewAreIgnored() {
        long[] time = {-5, 0, 9, 10, 20};
        double[] value = {1000, 1, 2, 3, -1000};

        reducer.reduceLine(time, value, null, 0, 5, 0, 10, 2);

        assertThat(reducer.rows(0)).isEqualTo(2);
        assertThat(reducer.rows(1)).isEqualTo(1);
        assertThat(reducer.maxValue()).isEqualTo(3);
        assertThat(reducer.minValue()).isEqualTo(1);
    }

    private void assertPolylineIsM4(long[] time, double[] value, double start, double msPerColumn, int columns) {
        int previousIndex = -1;
        for (int p = 0; p < reducer.pointCount(); p++) {
            int index = reducer.pointIndex(p);
            int c = reducer.pointColumn(p);
            assertThat(index).as("points in time order").isGreaterThan(previousIndex);
            assertThat((int) Math.floor((time[index] - start) / msPerColumn)).isEqualTo(c);
            assertThat(reducer.pointValue(p)).isEqualTo(value[index]);
            previousIndex = index;
        }
        assertThat(reducer.pointCount()).isLessThanOrEqualTo(4 * columns);
        for (int k = 0; k < reducer.nonEmptyCount(); k++) {
            int c = reducer.nonEmptyColumn(k);
            boolean hasMin = false;
            boolean hasMax = false;
            for (int p = 0; p < reducer.pointCount(); p++) {
                if (reducer.pointColumn(p) == c) {
                    hasMin |= reducer.pointValue(p) == reducer.min(c);
                    hasMax |= reducer.pointValue(p) == reducer.max(c);
                }
            }
            assertThat(hasMin && hasMax).as("column " + c + " polyline reaches its min and max").isTrue();
        }
    }

    private static ColumnSummary[] bruteForce(long[] time, double[] value, double[] volume, double start,
                                              double msPerColumn, int columns) {
        ColumnSummary[] out = new ColumnSummary[columns];
        for (int c = 0; c < columns; c++) {
            out[c] = new ColumnSummary();
        }
        for (int i = 0; i < time.length; i++) {
            if (time[i] < start) {
                continue;
            }
            int c = (int) Math.floor((time[i] - start) / msPerColumn);
            if (c >= columns) {
                continue;
            }
            ColumnSummary s = out[c];
            if (s.rows == 0) {
                s.first = value[i];
                s.min = value[i];
                s.max = value[i];
            }
            s.rows++;
            s.last = value[i];
            s.min = Math.min(s.min, value[i]);
            s.max = Math.max(s.max, value[i]);
            s.volume += volume[i];
        }
        return out;
    }

    private static final class ColumnSummary {
        int rows;
        double first;
        double last;
        double min;
        double max;
        double volume;
    }
}
