package io.stockmonitor.bench.ui;

import io.stockmonitor.source.Credentials;
import io.stockmonitor.app.WindowSessions;
import io.stockmonitor.market.TickBuffer;
import io.stockmonitor.simulator.EmbeddedSimulator;
import io.stockmonitor.simulator.SimulatorConfig;
import io.stockmonitor.ui.chart.ChartMode;
import io.stockmonitor.ui.chart.ChartViewModel;
import io.stockmonitor.source.SourceChoice;
import io.stockmonitor.ui.FeedPort;
import io.stockmonitor.ui.FrameLoop;
import io.stockmonitor.ui.LinkState;
import io.stockmonitor.ui.MainView;
import io.stockmonitor.ui.MainViewModel;
import io.stockmonitor.ui.ViewLoader;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.animation.AnimationTimer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.HdrHistogram.Histogram;

/**
 * The whole window (views, CSS, table, chart in tick-line mode, frame loop, feed client) in-process against the
 * simulator with 200 symbols at 100 ticks/s each (20,000 ticks/s), on whatever JavaFX pipeline the JVM was given
 * (the bench profile: Monocle headless, prism sw).
 *
 * <p>Per pulse: the pulse interval (AnimationTimer to AnimationTimer), the FX thread's pulse work up to the end of
 * layout (animation timers incl. the frame loop, CSS, layout; measured from this bench's timer, registered before the
 * frame loop, to a post-layout pulse listener), the frame loop's own work, and the tick-to-screen delay: the time at
 * the end of layout minus the time stamp of the newest tick the chart was handed in that pulse (the simulator runs
 * in this JVM, so both clocks are the same). Rendering on the software pipeline runs on the render thread; a slow
 * render shows as a longer pulse interval. Args: {@code [warmupSeconds] [measureSeconds]} (default 15 30). Run:
 * {@code mvn -o -q -Pbench -DskipTests test-compile exec:exec -Dbench.main=io.stockmonitor.bench.ui.AppFrameBench}
 */
public final class AppFrameBench {
    private static final int SYMBOLS = 200;
    private static final double TICKS_PER_SYMBOL_PER_SECOND = 100;
    /**
     * About 50 s of this feed. The default (about 1 s) closes the client as a slow consumer during its start: 200
     * snapshots of an hour of bars each, the window's first layout and a cold JIT, while 20,000 ticks/s keep coming
     * (with 10 s, some runs overflowed and then never caught up). The measurement starts only once the client has
     * caught up, see {@link #MAX_DELAY_TO_MEASURE_MS}; a client that stays slower than the feed still overflows.
     */
    private static final int SEND_QUEUE_FRAMES = 1_000_000;
    /** As generous in bytes: about 1,000,000 tick frames. */
    private static final long SEND_QUEUE_BYTES = 256L * 1024 * 1024;
    /** The client counts as caught up when the newest tick it read is at most this old (same clock: in-process). */
    private static final long MAX_DELAY_TO_MEASURE_MS = 100;
    /** How long the client may take to catch up after the warm-up before the run is given up. */
    private static final long CATCH_UP_LIMIT_S = 120;
    private static final int WIDTH = 1480;
    private static final int HEIGHT = 880;

    private final Histogram pulseIntervalMicros = new Histogram(60_000_000L, 3);
    private final Histogram pulseWorkMicros = new Histogram(60_000_000L, 3);
    private final Histogram frameLoopMicros = new Histogram(60_000_000L, 3);
    private final Histogram tickToScreenMicros = new Histogram(600_000_000L, 3);
    /** The window's refresh pacing in effect at each pulse (0 = every frame; see RefreshPacer). */
    private final Histogram refreshIntervalMs = new Histogram(10_000L, 3);
    private volatile boolean measuring;
    private long pulseStartNanos;
    private long previousPulseNanos;
    private long shownTickTs = Long.MIN_VALUE;
    private MainViewModel model;
    private FrameLoop frameLoop;
    private Stage stage;

    public static void main(String[] args) throws Exception {
        long warmupS = args.length > 0 ? Long.parseLong(args[0]) : 15;
        long measureS = args.length > 1 ? Long.parseLong(args[1]) : 30;
        // Monocle's headless screen must hold the whole window (it fails to compose a larger one).
        System.setProperty("headless.geometry", "1600x1000-32");
        Platform.startup(() -> { });
        List<String> symbols = new ArrayList<>();
        for (int i = 0; i < SYMBOLS; i++) {
            symbols.add(String.format(Locale.ROOT, "B%03d", i));
        }
        try (EmbeddedSimulator sim = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0)
                .withSymbols(symbols).withRate(TICKS_PER_SYMBOL_PER_SECOND).withSeed(11)
                .withSendQueueFrames(SEND_QUEUE_FRAMES).withSendQueueBytes(SEND_QUEUE_BYTES))) {
            AppFrameBench bench = new AppFrameBench();
            try {
                bench.run(sim, symbols, warmupS, measureS);
            } finally {
                if (bench.model != null) {
                    bench.model.close();
                }
            }
        } finally {
            Platform.exit();
        }
    }

    private void run(EmbeddedSimulator sim, List<String> symbols, long warmupS, long measureS) throws Exception {
        System.out.printf(Locale.ROOT, "App frame bench: %d symbols x %.0f ticks/s, window %dx%d, prism=%s, glass=%s, "
                        + "JDK %s, %d cores, load average %.1f%n", SYMBOLS, TICKS_PER_SYMBOL_PER_SECOND, WIDTH, HEIGHT,
                System.getProperty("prism.order"), System.getProperty("glass.platform"),
                System.getProperty("java.version"), Runtime.getRuntime().availableProcessors(), load());
        onFx(() -> {
            open(symbols, sim);
            return null;
        });
        long connectDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (onFx(() -> model.port() == null || model.port().connection().state() != LinkState.CONNECTED)) {
            if (System.nanoTime() > connectDeadline) {
                throw new IllegalStateException("no session within 60 s");
            }
            Thread.sleep(100);
        }
        long dataDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (onFx(() -> model.chart().tickCount() == 0 || model.watchlist().rows().stream()
                .anyMatch(r -> Double.isNaN(r.lastProperty().get())))) {
            if (System.nanoTime() > dataDeadline) {
                throw new IllegalStateException("not every symbol has data within 60 s; status: "
                        + onFx(() -> model.status().stateTextProperty().get()));
            }
            Thread.sleep(100);
        }
        Thread.sleep(TimeUnit.SECONDS.toMillis(warmupS));
        long caughtUpDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(CATCH_UP_LIMIT_S);
        long delay;
        int calmChecks = 0;
        while (calmChecks < 10) { // 2 s in a row
            delay = onFx(() -> model.port().lastTickDelayMs());
            calmChecks = delay >= 0 && delay <= MAX_DELAY_TO_MEASURE_MS ? calmChecks + 1 : 0;
            if (System.nanoTime() > caughtUpDeadline) {
                throw new IllegalStateException("the client still reads ticks " + delay + " ms old "
                        + CATCH_UP_LIMIT_S + " s after the warm-up: it does not keep up with the feed");
            }
            Thread.sleep(200);
        }
        System.out.printf(Locale.ROOT, "client caught up (newest tick under %d ms old for 2 s) %.1f s after the "
                + "warm-up%n", MAX_DELAY_TO_MEASURE_MS, (System.nanoTime() - caughtUpDeadline) / 1e9 + CATCH_UP_LIMIT_S);
        long simTicks0 = sim.ticksPublished();
        long messages0 = onFx(() -> model.port().messagesReceived());
        java.util.Map<String, Long> cpu0 = threadCpuByGroup();
        measuring = true;
        long t0 = System.nanoTime();
        Thread.sleep(TimeUnit.SECONDS.toMillis(measureS));
        measuring = false;
        double seconds = (System.nanoTime() - t0) / 1e9;
        java.util.Map<String, Long> cpu1 = threadCpuByGroup();
        long simTicks = sim.ticksPublished() - simTicks0;
        FeedPort port = onFx(() -> model.port());
        long messages = port.messagesReceived() - messages0;
        String status = onFx(() -> model.status().stateTextProperty().get() + ", "
                + model.status().recoveriesProperty().get() + ", " + model.status().latencyProperty().get());
        onFx(() -> {
            frameLoop.stop();
            stage.close();
            return null;
        });

        System.out.printf(Locale.ROOT, "measured %.1f s after %d s warm-up: simulator published %.0f ticks/s, client "
                + "received %.0f msg/s; status: %s; load average now %.1f%n", seconds, warmupS, simTicks / seconds,
                messages / seconds, status, load());
        print("pulse interval (ms)", pulseIntervalMicros);
        print("pulse FX work to end of layout (ms)", pulseWorkMicros);
        print("frame-loop work (ms)", frameLoopMicros);
        print("tick-to-screen, chart (ms)", tickToScreenMicros);
        System.out.printf(Locale.ROOT, "  refresh pacing in effect (ms, 0 = every frame)  p50 %d  p99 %d  max %d%n",
                refreshIntervalMs.getValueAtPercentile(50), refreshIntervalMs.getValueAtPercentile(99),
                refreshIntervalMs.getMaxValue());
        StringBuilder cpu = new StringBuilder("  CPU by thread group (% of one core):");
        for (java.util.Map.Entry<String, Long> e : cpu1.entrySet()) {
            long used = e.getValue() - cpu0.getOrDefault(e.getKey(), 0L);
            cpu.append(String.format(Locale.ROOT, "  %s %.0f", e.getKey(), used / 1e7 / seconds));
        }
        System.out.println(cpu);
        long renderNanos = cpu1.getOrDefault("render", 0L) - cpu0.getOrDefault("render", 0L);
        System.out.printf(Locale.ROOT, "  render thread CPU per pulse: %.2f ms%n",
                renderNanos / 1e6 / Math.max(1, pulseIntervalMicros.getTotalCount()));
        System.out.printf(Locale.ROOT, "targets: pulse work p99 < 16 ms -> %s; tick-to-screen p99 < 33 ms -> %s%n",
                verdict(pulseWorkMicros, 16_000), verdict(tickToScreenMicros, 33_000));
    }

    private void open(List<String> symbols, EmbeddedSimulator sim) {
        model = new MainViewModel((choice, initial, events) -> WindowSessions.start(choice, initial, events));
        model.watchlist().setSymbols(symbols);
        model.themeProperty().get().install();
        ViewLoader.Loaded<MainView> main = new ViewLoader(model, () -> { }).load(MainView.class);
        Scene scene = new Scene(main.root(), WIDTH, HEIGHT);
        stage = new Stage();
        stage.setScene(scene);
        stage.setTitle("Stock Monitor (bench)");
        stage.show();
        if (Boolean.getBoolean("bench.hideWatchlist")) {
            scene.lookup("#watchlistTable").setVisible(false);
        }
        main.controller().watchlist().select(symbols.get(0));
        model.chart().modeProperty().set(ChartMode.TICKS);
        // Registered before the frame loop: runs first in each pulse's animation phase.
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                long t = System.nanoTime();
                if (measuring && previousPulseNanos != 0) {
                    pulseIntervalMicros.recordValue(clamp(pulseIntervalMicros, (t - previousPulseNanos) / 1_000));
                }
                previousPulseNanos = t;
                pulseStartNanos = t;
            }
        }.start();
        frameLoop = new FrameLoop(model);
        frameLoop.start();
        new AnimationTimer() {
            @Override
            public void handle(long now) {
                if (measuring) {
                    frameLoopMicros.recordValue(clamp(frameLoopMicros, (System.nanoTime() - pulseStartNanos) / 1_000));
                }
            }
        }.start();
        scene.addPostLayoutPulseListener(this::afterLayout);
        model.connect(SourceChoice.server(sim.uri().toString(), io.stockmonitor.source.Credentials.NONE));
    }

    private void afterLayout() {
        if (!measuring || pulseStartNanos == 0) {
            return;
        }
        pulseWorkMicros.recordValue(clamp(pulseWorkMicros, (System.nanoTime() - pulseStartNanos) / 1_000));
        refreshIntervalMs.recordValue(clamp(refreshIntervalMs, model.refreshIntervalMs()));
        ChartViewModel chart = model.chart();
        int n = chart.tickCount();
        if (n > 0) {
            TickBuffer ticks = chart.ticks();
            long newest = ticks.time(n - 1);
            if (newest != shownTickTs) {
                shownTickTs = newest;
                long delayMicros = Math.max(0, System.currentTimeMillis() * 1_000 - newest * 1_000);
                tickToScreenMicros.recordValue(clamp(tickToScreenMicros, delayMicros));
            }
        }
    }

    /**
     * CPU time of this JVM's threads so far, summed by what they do: where the two cores go (the simulator shares
     * the JVM), and the software renderer's cost per frame.
     */
    private static java.util.Map<String, Long> threadCpuByGroup() {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.Map<String, Long> byGroup = new java.util.TreeMap<>();
        for (java.lang.management.ThreadInfo info : mx.getThreadInfo(mx.getAllThreadIds())) {
            if (info == null) {
                continue;
            }
            long nanos = mx.getThreadCpuTime(info.getThreadId());
            if (nanos > 0) {
                byGroup.merge(threadGroup(info.getThreadName()), nanos, Long::sum);
            }
        }
        return byGroup;
    }

    private static String threadGroup(String name) {
        if (name.startsWith("QuantumRenderer")) {
            return "render";
        }
        if (name.startsWith("JavaFX Application")) {
            return "fx";
        }
        if (name.startsWith("feed-simulator")) {
            return "simulator";
        }
        if (name.startsWith("feed-")) {
            return "client";
        }
        if (name.startsWith("WebSocket")) {
            return "jetty-client";
        }
        if (name.contains("GC") || name.startsWith("G1")) {
            return "gc";
        }
        if (name.contains("Compiler")) {
            return "jit";
        }
        return "other";
    }

    private static long clamp(Histogram h, long v) {
        return Math.max(0, Math.min(v, h.getHighestTrackableValue()));
    }

    private static void print(String name, Histogram h) {
        System.out.printf(Locale.ROOT, "  %-38s p50 %7.2f  p99 %7.2f  max %8.2f  (n=%d)%n", name,
                h.getValueAtPercentile(50) / 1e3, h.getValueAtPercentile(99) / 1e3, h.getMaxValue() / 1e3,
                h.getTotalCount());
    }

    private static String verdict(Histogram h, long limitMicros) {
        return h.getTotalCount() == 0 ? "no data" : h.getValueAtPercentile(99) < limitMicros ? "met" : "NOT met";
    }

    private static double load() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static <T> T onFx(Callable<T> call) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(call.call());
            } catch (Exception | Error e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(60, TimeUnit.SECONDS);
    }
}
