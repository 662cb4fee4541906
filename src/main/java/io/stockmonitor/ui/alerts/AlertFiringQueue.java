package io.stockmonitor.ui.alerts;

import io.stockmonitor.alerts.AlertFiring;
import io.stockmonitor.alerts.AlertLimits;
import io.stockmonitor.alerts.AlertRule;
import io.stockmonitor.alerts.AlertSink;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Hands firings from the feed thread to the frame loop. Bounded ({@link AlertLimits#FIRING_QUEUE}); in a storm the
 * newest beyond it are dropped and counted, and the log says how many. The feed thread never waits.
 */
public final class AlertFiringQueue implements AlertSink {
    private final ArrayBlockingQueue<AlertFiring> queue = new ArrayBlockingQueue<>(AlertLimits.FIRING_QUEUE);
    private final AtomicLong dropped = new AtomicLong();

    /** Feed thread; never blocks. */
    @Override
    public void fired(AlertRule rule, long seq, long ts, double price, double value, int flags, long atMs) {
        if (!queue.offer(new AlertFiring(rule, seq, ts, price, value, flags, atMs))) {
            dropped.incrementAndGet();
        }
    }

    /** Frame loop: every queued firing, in order. */
    public void drainTo(Consumer<AlertFiring> consumer) {
        AlertFiring f;
        while ((f = queue.poll()) != null) {
            consumer.accept(f);
        }
    }

    /** Firings dropped because the window did not keep up (and reset to 0). */
    public long takeDropped() {
        return dropped.getAndSet(0);
    }
}
