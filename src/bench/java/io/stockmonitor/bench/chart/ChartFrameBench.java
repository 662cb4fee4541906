package io.stockmonitor.bench.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javafx.application.Platform;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.image.WritableImage;

import io.stockmonitor.chart.ChartMode;
import io.stockmonitor.chart.ColumnReducer;
import io.stockmonitor.indicators.IndicatorSpec;
import io.stockmonitor.chart.PriceChart;

/**
 * Chart frame time: PriceChart (Canvas, M4 column reduction) beside JavaFX's LineChart, same data, same run.
 *
 * <p>A frame = one live change (a new last price, or new ticks in the rolling case) + the chart's own update
 * (PriceChart: reduce + draw; LineChart: its layout) + rendering the scene on the software pipeline with
 * {@code scene.snapshot(reusedImage)}, all on the FX thread, timed with {@code System.nanoTime}. The scenes are not
 * shown in a window, so no pulse renders them behind the benchmark's back.
 *
 * <p>The main cases: the tick line at 10 k, 1 M and 10 M ticks, interleaved, and the reduction alone at each size
 * beside a plain scan of every row at 10 M; 10 k candles without and with seven indicators (the live bar updated each
 * frame).
 *
 * <p>Args: {@code [--quick]} fewer frames (smoke run), {@code [--rolling-only]} only the rolling-window pair,
 * {@code [--linechart]} also the LineChart comparisons of issue 4 (slow: seconds per frame at 1 M). Run:
 * {@code mvn -o -q -Pbench -DskipTests test-compile exec:exec -Dbench.main=io.stockmonitor.bench.chart.ChartFrameBench}
 */
public final class ChartFrameBench {

    private static final int WIDTH = 1200;
    private static final int HEIGHT = 600;
    private static final long T0 = 1_763_800_000_000L;
    /** Tick spacing of the static cases (ms); the rolling case uses 1 ms (1,000 ticks/s). */
    private static final long TICK_STEP_MS = 10;
    private static final long CANDLE_INTERVAL_MS = 1_000;
    /** Time budget of one LineChart case's measured frames; it stops after 3 frames once this is used. */
    private static final long LINECHART_CASE_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final int warmup;
    private final int frames;

    private final boolean rollingOnly;
    private final boolean withLineChart;

    private ChartFrameBench(boolean quick, boolean rollingOnly, boolean withLineChart) {
        this.warmup = quick ? 10 : 60;
        this.frames = quick ? 20 : 120;
        this.rollingOnly = rollingOnly;
        this.withLineChart = withLineChart;
    }

    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        Platform.startup(() -> { });
        try {
            new ChartFrameBench(quick, Arrays.asList(args).contains("--rolling-only"),
                    Arrays.asList(args).contains("--linechart")).run();
        } finally {
            Platform.exit();
        }
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "Chart frame bench: %dx%d scene, prism=%s, glass=%s, JDK %s, %d cores%n",
                WIDTH, HEIGHT, System.getProperty("prism.order"), System.getProperty("glass.platform"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors());
        if (rollingOnly) {
            List<FrameCase> rolling = List.of(priceChartRolling(100_000), lineChartRolling(100_000));
            runInterleaved(rolling);
            rolling.forEach(c -> System.out.println("  " + c.name + ": " + c.stats));
            return;
        }
        // 10 k, 1 M and 10 M ticks side by side: frames interleaved (in a shuffled order each round), so load from
        // other processes on this shared machine hits every size alike.
        int[] sizes = {10_000, 1_000_000, 10_000_000};
        String[] names = {"10 k ticks", "1 M ticks", "10 M ticks"};
        List<FrameCase> priceTicks = new ArrayList<>();
        List<PriceChart> charts = new ArrayList<>();
        for (int n : sizes) {
            FrameCase c = priceChartTicks(n);
            priceTicks.add(c);
            charts.add(lastChart);
        }
        runInterleaved(priceTicks);
        priceTicks.forEach(c -> System.out.println("  " + c.name + ": " + c.stats));
        Stats[] reduce = reductionAlone(charts, sizes);
        charts.clear();

        List<FrameCase> candles = List.of(priceChartCandles(10_000, false), priceChartCandles(10_000, true));
        runInterleaved(candles);
        candles.forEach(c -> System.out.println("  " + c.name + ": " + c.stats));

        System.out.println();
        System.out.println("| case | frame median ms | frame p90 ms | of which refresh (reduce + draw) median ms "
                + "| reduction alone median ms | reduction alone p90 ms |");
        System.out.println("|---|---:|---:|---:|---:|---:|");
        for (int i = 0; i < sizes.length; i++) {
            Stats f = priceTicks.get(i).stats;
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.3f | %.3f |%n", names[i], f.median(), f.p90(),
                    f.drawMedian(), reduce[i].median(), reduce[i].p90());
        }
        for (FrameCase c : candles) {
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | | |%n", c.name, c.stats.median(),
                    c.stats.p90(), c.stats.drawMedian());
        }
        System.out.println();
        double base = priceTicks.get(0).stats.median();
        System.out.printf(Locale.ROOT, "frame at 1 M / frame at 10 k = %.3f%n", priceTicks.get(1).stats.median() / base);
        System.out.printf(Locale.ROOT, "frame at 10 M / frame at 10 k = %.3f (target <= 1.1)%n",
                priceTicks.get(2).stats.median() / base);
        System.out.printf(Locale.ROOT, "reduction at 10 M / at 10 k = %.2f; scan of every row at 10 M, for comparison: "
                + "%.2f ms%n", reduce[2].median() / reduce[0].median(), reduce[3].median());
        priceTicks.clear();

        if (withLineChart) {
            lineChartComparison();
        }
    }

    /**
     * The reduction alone, as a frame does it (the pyramid), at each size, interleaved; then, for comparison, a plain
     * scan of every row at the largest size (what the reduction cost before the pyramid). Stats index 3 is the scan.
     */
    private Stats[] reductionAlone(List<PriceChart> charts, int[] sizes) throws Exception {
        Stats[] stats = {new Stats(), new Stats(), new Stats(), new Stats()};
        ColumnReducer reducer = new ColumnReducer();
        int columns = WIDTH - 80;
        Random shuffle = new Random(11);
        List<Integer> order = new ArrayList<>(List.of(0, 1, 2));
        for (int round = -warmup; round < frames; round++) {
            Collections.shuffle(order, shuffle);
            for (int i : order) {
                PriceChart chart = charts.get(i);
                long t = fx(() -> {
                    double start = chart.getVisibleStartMillis();
                    double ms = chart.getVisibleSpanMillis() / columns;
                    long t0 = System.nanoTime();
                    chart.ticks().reduce(reducer, start, ms, columns);
                    return System.nanoTime() - t0;
                });
                if (round >= 0) {
                    stats[i].add(t, -1);
                }
            }
        }
        Data d = Data.walk(sizes[2], TICK_STEP_MS, 1);
        double span = sizes[2] * TICK_STEP_MS * 1.05;
        for (int round = -warmup / 4; round < frames / 4; round++) {
            long t0 = System.nanoTime();
            reducer.reduceLine(d.time, d.price, d.volume, 0, sizes[2], T0 - span * 0.05, span / columns, columns);
            long t = System.nanoTime() - t0;
            if (round >= 0) {
                stats[3].add(t, -1);
            }
        }
        return stats;
    }

    private void lineChartComparison() throws Exception {
        int[] sizes = {1_000, 10_000, 100_000, 1_000_000};
        List<FrameCase> lineTicks = new ArrayList<>();
        for (int n : sizes) {
            lineTicks.add(lineChart("LineChart ticks " + n, n, TICK_STEP_MS));
        }
        runInterleaved(lineTicks);
        lineTicks.forEach(c -> System.out.println("  " + c.name + ": " + c.stats));
        List<FrameCase> rolling = List.of(priceChartRolling(100_000), lineChartRolling(100_000));
        runInterleaved(rolling);
        rolling.forEach(c -> System.out.println("  " + c.name + ": " + c.stats));
    }

    private PriceChart lastChart;

    /**
     * Warms every case up, then takes one frame of each in turn (shuffled order) until each has {@code frames} frames;
     * a LineChart case stops earlier once it has 3 frames and has used its wall-clock budget.
     */
    private void runInterleaved(List<FrameCase> cases) throws Exception {
        for (FrameCase c : cases) {
            for (int f = 0; f < c.warmupFrames; f++) {
                c.frame(-1 - f);
            }
        }
        System.gc();
        List<FrameCase> order = new ArrayList<>(cases);
        Random shuffle = new Random(5);
        boolean any = true;
        for (int f = 0; any; f++) {
            any = false;
            Collections.shuffle(order, shuffle);
            for (FrameCase c : order) {
                if (c.done(frames)) {
                    continue;
                }
                any = true;
                long[] t = c.frame(f);
                c.stats.add(t[0], t[1]);
            }
        }
    }

    // ---- PriceChart ------------------------------------------------------------------------------------------

    private FrameCase priceChartTicks(int n) throws Exception {
        Data d = Data.walk(n, TICK_STEP_MS, 1);
        PriceChart chart = fx(() -> {
            PriceChart c = new PriceChart(Math.max(n, 1024), 1024);
            c.setMode(ChartMode.TICK_LINE);
            c.setTicks(d.time, d.price, d.volume, 0, n);
            c.setVisibleSpanMillis(n * TICK_STEP_MS * 1.05);
            return c;
        });
        lastChart = chart;
        return priceChartCase("PriceChart ticks " + n, chart, d.price[n - 1], frame -> { });
    }

    private FrameCase priceChartCandles(int bars, boolean indicators) throws Exception {
        Data d = Data.walk(bars, CANDLE_INTERVAL_MS, 2);
        PriceChart chart = fx(() -> {
            PriceChart c = new PriceChart(1024, Math.max(bars, 1024));
            if (indicators) {
                IndicatorSpec.parseAll("SMA 20, EMA 50, BB 20 2, VWAP, VOLMA 20, RSI 14, MACD 12 26 9")
                        .forEach(c.indicators()::add);
            }
            c.setIntervalMillis(CANDLE_INTERVAL_MS);
            c.setMode(ChartMode.CANDLES);
            double[] open = new double[bars];
            double[] high = new double[bars];
            double[] low = new double[bars];
            for (int i = 0; i < bars; i++) {
                open[i] = i == 0 ? d.price[0] : d.price[i - 1];
                high[i] = Math.max(open[i], d.price[i]) + 0.05;
                low[i] = Math.min(open[i], d.price[i]) - 0.05;
            }
            c.setCandles(d.time, open, high, low, d.price, d.volume, 0, bars);
            c.setVisibleSpanMillis(bars * CANDLE_INTERVAL_MS * 1.05);
            return c;
        });
        return priceChartCase("10 k candles" + (indicators ? " + 7 indicators (the live bar updated)" : ""), chart,
                d.price[bars - 1], frame -> {
                    if (indicators) {
                        // The live bar moves, so the indicators recompute it: one row each.
                        double c = d.price[bars - 1] + ((frame & 1) == 0 ? 0.01 : -0.01);
                        chart.candles().upsert(d.time[bars - 1], d.price[bars - 2], Math.max(c, d.price[bars - 2]) + 0.05,
                                Math.min(c, d.price[bars - 2]) - 0.05, c, d.volume[bars - 1]);
                        chart.markDirty();
                    }
                });
    }

    private FrameCase priceChartRolling(int window) throws Exception {
        Data d = Data.walk(window, 1, 3);
        Random random = new Random(4);
        PriceChart chart = fx(() -> {
            PriceChart c = new PriceChart(window, 1024);
            c.setMode(ChartMode.TICK_LINE);
            c.setTicks(d.time, d.price, d.volume, 0, window);
            c.setVisibleSpanMillis(window / 1.04);
            return c;
        });
        long[] clock = {d.time[window - 1]};
        double[] last = {d.price[window - 1]};
        return priceChartCase("PriceChart rolling 100k", chart, Double.NaN, frame -> {
            int newTicks = ticksForFrame(frame);
            for (int k = 0; k < newTicks; k++) {
                clock[0] += 1;
                last[0] += random.nextGaussian() * 0.01;
                chart.ticks().append(clock[0], last[0], 1 + random.nextInt(100));
            }
            chart.setLastPrice(last[0]);
        });
    }

    /** 1,000 ticks/s at 60 frames/s: 16 or 17 per frame, 1,000 per 60 frames. */
    private static int ticksForFrame(int frame) {
        int f = Math.abs(frame);
        return (int) ((f + 1) * 1000L / 60 - f * 1000L / 60);
    }

    /**
     * A PriceChart frame: the change, then {@code refresh()} (reduce + draw), then the render. With a finite
     * {@code lastPrice} the change alternates the last price so every frame has something to redraw.
     */
    private FrameCase priceChartCase(String name, PriceChart chart, double lastPrice, FrameChange change)
            throws Exception {
        Scene scene = fx(() -> new Scene(chart, WIDTH, HEIGHT));
        WritableImage image = new WritableImage(WIDTH, HEIGHT);
        fx(() -> scene.snapshot(image));
        return new FrameCase(name, warmup, Long.MAX_VALUE, frame -> fx(() -> {
            long t0 = System.nanoTime();
            change.apply(frame);
            if (!Double.isNaN(lastPrice)) {
                chart.setLastPrice(lastPrice + ((frame & 1) == 0 ? 0.001 : -0.001));
            }
            chart.refresh();
            long t1 = System.nanoTime();
            scene.snapshot(image);
            long t2 = System.nanoTime();
            return new long[] {t2 - t0, t1 - t0};
        }));
    }

    // ---- LineChart -------------------------------------------------------------------------------------------

    private static LineChart<Number, Number> newLineChart() {
        NumberAxis x = new NumberAxis();
        x.setForceZeroInRange(false);
        NumberAxis y = new NumberAxis();
        y.setForceZeroInRange(false);
        LineChart<Number, Number> chart = new LineChart<>(x, y);
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        chart.setLegendVisible(false);
        return chart;
    }

    private static List<XYChart.Data<Number, Number>> points(Data d, int from, int to) {
        List<XYChart.Data<Number, Number>> list = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            list.add(new XYChart.Data<>((d.time[i] - T0) / 1000.0, d.price[i]));
        }
        return list;
    }

    private FrameCase lineChart(String name, int n, long stepMs) throws Exception {
        Data d = Data.walk(n, stepMs, stepMs == TICK_STEP_MS ? 1 : 2);
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.getData().setAll(points(d, 0, n));
        LineChart<Number, Number> chart = fx(() -> {
            LineChart<Number, Number> c = newLineChart();
            c.getData().add(series);
            return c;
        });
        XYChart.Data<Number, Number> lastPoint = series.getData().get(n - 1);
        double lastPrice = d.price[n - 1];
        return lineChartCase(name, chart,
                frame -> lastPoint.setYValue(lastPrice + ((frame & 1) == 0 ? 0.001 : -0.001)));
    }

    private FrameCase lineChartRolling(int window) throws Exception {
        Data d = Data.walk(window, 1, 3);
        Random random = new Random(4);
        XYChart.Series<Number, Number> series = new XYChart.Series<>();
        series.getData().setAll(points(d, 0, window));
        LineChart<Number, Number> chart = fx(() -> {
            LineChart<Number, Number> c = newLineChart();
            c.getData().add(series);
            return c;
        });
        long[] clock = {d.time[window - 1]};
        double[] last = {d.price[window - 1]};
        List<XYChart.Data<Number, Number>> fresh = new ArrayList<>();
        return lineChartCase("LineChart rolling 100k", chart, frame -> {
            int newTicks = ticksForFrame(frame);
            fresh.clear();
            for (int k = 0; k < newTicks; k++) {
                clock[0] += 1;
                last[0] += random.nextGaussian() * 0.01;
                fresh.add(new XYChart.Data<>((clock[0] - T0) / 1000.0, last[0]));
            }
            ObservableList<XYChart.Data<Number, Number>> data = series.getData();
            data.remove(0, newTicks);
            data.addAll(fresh);
        });
    }

    /** A LineChart frame: the change, then the render (which runs LineChart's CSS and layout pass). */
    private FrameCase lineChartCase(String name, LineChart<Number, Number> chart, FrameChange change)
            throws Exception {
        Scene scene = fx(() -> new Scene(chart, WIDTH, HEIGHT));
        WritableImage image = new WritableImage(WIDTH, HEIGHT);
        fx(() -> scene.snapshot(image));
        return new FrameCase(name, Math.max(2, warmup / 20), LINECHART_CASE_BUDGET_NANOS, frame -> fx(() -> {
            long t0 = System.nanoTime();
            change.apply(frame);
            scene.snapshot(image);
            return new long[] {System.nanoTime() - t0, -1};
        }));
    }

    // ---- plumbing --------------------------------------------------------------------------------------------

    private interface FrameChange {
        void apply(int frame);
    }

    private interface FrameRunner {
        long[] frame(int frame) throws Exception;
    }

    /** One chart under test: its warm-up, its frame, its samples, and the wall-clock budget of its samples. */
    private static final class FrameCase {
        final String name;
        final int warmupFrames;
        final long budgetNanos;
        final FrameRunner runner;
        final Stats stats = new Stats();
        long spentNanos;

        FrameCase(String name, int warmupFrames, long budgetNanos, FrameRunner runner) {
            this.name = name;
            this.warmupFrames = warmupFrames;
            this.budgetNanos = budgetNanos;
            this.runner = runner;
        }

        long[] frame(int frame) throws Exception {
            long[] t = runner.frame(frame);
            if (frame >= 0) {
                spentNanos += t[0];
            }
            return t;
        }

        boolean done(int frames) {
            return stats.count() >= frames || (stats.count() >= 3 && spentNanos > budgetNanos);
        }
    }

    private static <T> T fx(Callable<T> action) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(action.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(30, TimeUnit.MINUTES);
    }

    /** A random walk: n ticks {@code stepMs} apart. */
    private static final class Data {
        final long[] time;
        final double[] price;
        final double[] volume;

        private Data(int n) {
            time = new long[n];
            price = new double[n];
            volume = new double[n];
        }

        static Data walk(int n, long stepMs, long seed) {
            Random random = new Random(seed);
            Data d = new Data(n);
            double p = 100;
            for (int i = 0; i < n; i++) {
                p += random.nextGaussian() * 0.01;
                d.time[i] = T0 + i * stepMs;
                d.price[i] = p;
                d.volume[i] = 1 + random.nextInt(100);
            }
            return d;
        }
    }

    private static final class Stats {
        private final List<Double> totalMs = new ArrayList<>();
        private final List<Double> drawMs = new ArrayList<>();

        void add(long totalNanos, long drawNanos) {
            totalMs.add(totalNanos / 1e6);
            if (drawNanos >= 0) {
                drawMs.add(drawNanos / 1e6);
            }
        }

        int count() {
            return totalMs.size();
        }

        double median() {
            return percentile(totalMs, 0.5);
        }

        double p90() {
            return percentile(totalMs, 0.9);
        }

        double drawMedian() {
            return percentile(drawMs, 0.5);
        }

        private static double percentile(List<Double> values, double q) {
            if (values.isEmpty()) {
                return Double.NaN;
            }
            double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int index = (int) Math.ceil(q * sorted.length) - 1;
            return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "median %.2f ms, p90 %.2f ms, n=%d", median(), p90(), count());
        }
    }
}
