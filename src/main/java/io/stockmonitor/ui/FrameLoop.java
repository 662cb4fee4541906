package io.stockmonitor.ui;

import javafx.animation.AnimationTimer;
import javafx.application.Platform;

/**
 * The one place the UI reads the live data: an {@link AnimationTimer} that calls {@link MainViewModel#frame(long)}
 * once per JavaFX pulse. With the {@code stockmonitor.frameProbe} system property set, it also records frame
 * timings (see {@link FrameProbe}); with {@code stockmonitor.startupProbe}, the time to the first data
 * ({@link StartupProbe}).
 */
public final class FrameLoop extends AnimationTimer {
    private final MainViewModel model;
    private final FrameProbe probe;
    private StartupProbe startup;

    public FrameLoop(MainViewModel model) {
        this.model = model;
        this.probe = FrameProbe.fromSystemProperty();
        this.startup = StartupProbe.fromSystemProperty();
    }

    @Override
    public void handle(long nowNanos) {
        long start = System.nanoTime();
        long nowMs = System.currentTimeMillis();
        model.frame(nowMs);
        if (startup != null && startup.frame(model, nowMs)) {
            if (startup.exitWhenDone()) {
                Platform.exit();
            }
            startup = null;
        }
        if (probe != null) {
            probe.frame(nowNanos, System.nanoTime() - start, model);
        }
    }

    @Override
    public void stop() {
        super.stop();
        if (probe != null) {
            probe.report();
        }
    }
}
