package io.stockmonitor.simulator;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Holds outgoing frames back for the silence and delay faults: says how long a frame queued at a given time must
 * still wait, and schedules the wake-up that resumes sending.
 */
final class TrafficGate {
    private final ScheduledExecutorService scheduler;
    private final InternalFailure failure;
    private volatile long silentUntilNanos;
    private volatile boolean silent;
    private volatile long delayNanos;

    TrafficGate(ScheduledExecutorService scheduler, InternalFailure failure) {
        this.scheduler = scheduler;
        this.failure = failure;
    }

    /** Nanoseconds a frame queued at {@code enqueuedNanos} must still wait at {@code now}; 0 to send now. */
    long holdNanos(long enqueuedNanos, long now) {
        long wait = 0;
        if (silent) {
            wait = silentUntilNanos - now;
        }
        long delay = delayNanos;
        if (delay > 0) {
            wait = Math.max(wait, enqueuedNanos + delay - now);
        }
        return Math.max(0, wait);
    }

    boolean isSilent() {
        return silent && silentUntilNanos - System.nanoTime() > 0;
    }

    void silence(long nanos) {
        silentUntilNanos = System.nanoTime() + nanos;
        silent = true;
    }

    void delay(long nanos) {
        delayNanos = Math.max(0, nanos);
    }

    long delayNanos() {
        return delayNanos;
    }

    /** Runs {@code task} on the timer thread; a Throwable it throws is fatal (the executor would swallow it). */
    void schedule(Runnable task, long delay, TimeUnit unit) {
        try {
            scheduler.schedule(failure.guard("timer", task), delay, unit);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // Shutting down: nothing left to wake.
        }
    }
}
