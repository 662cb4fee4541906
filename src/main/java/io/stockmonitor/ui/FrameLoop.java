package io.stockmonitor.ui;

import javafx.animation.AnimationTimer;

/**
 * The one place the UI reads the live data: an {@link AnimationTimer} that calls {@link MainViewModel#frame(long)}
 * once per JavaFX pulse. With the {@code stockmonitor.frameProbe} system property set, it also records frame
 * timings (see {@link FrameProbe}).
 */
public final class FrameLoop extends AnimationTimer {
    private final MainViewModel model;
    private final FrameProbe probe;

    public FrameLoop(MainViewModel model) {
        this.model = model;
        this.probe = FrameProbe.fromSystemProperty();
    }

    @Override
    public void handle(long nowNanos) {
        long start = System.nanoTime();
        model.frame(System.currentTimeMillis());
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
