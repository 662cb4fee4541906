package io.stockmonitor.simulator;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the death of any of the simulator's own threads (publisher, timer, senders) goes. A simulator that lost its
 * publisher or timer would go on accepting connections and answering pings with no ticks or heartbeats; clients
 * could not tell it from a quiet market. So the first such failure is logged at ERROR and the whole simulator shuts
 * down, on a thread started in advance (after an OutOfMemoryError, starting one may fail too).
 */
final class InternalFailure {
    private static final Logger LOG = LoggerFactory.getLogger(InternalFailure.class);

    private final CompletableFuture<Throwable> failure = new CompletableFuture<>();
    private final CountDownLatch wake = new CountDownLatch(1);
    private final Thread stopper;
    private volatile Throwable cause;
    private volatile Runnable shutdown = () -> { };

    InternalFailure() {
        stopper = new Thread(this::awaitFailure, "feed-simulator-failure-watch");
        stopper.setDaemon(true);
        stopper.start();
    }

    /** What to run (once, on the watch thread) after a failure: stop everything. */
    void onFailure(Runnable shutdownAction) {
        this.shutdown = shutdownAction;
    }

    /** Reports that {@code threadRole} died of {@code t}; the first report shuts the simulator down. */
    void report(String threadRole, Throwable t) {
        synchronized (this) {
            if (cause != null || wake.getCount() == 0) {
                return;
            }
            cause = t;
        }
        try {
            LOG.error("feed simulator: internal thread '{}' died; shutting the simulator down rather than serving "
                    + "a feed without it", threadRole, t);
        } finally {
            wake.countDown();
        }
    }

    /** {@code task} with any Throwable it throws reported as fatal (for timer tasks, whose executor swallows them). */
    Runnable guard(String threadRole, Runnable task) {
        return () -> {
            try {
                task.run();
            } catch (Throwable t) {
                report(threadRole, t);
            }
        };
    }

    /** Daemon threads named {@code prefix-N} whose uncaught Throwables are fatal. */
    ThreadFactory threads(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
            t.setDaemon(true);
            t.setUncaughtExceptionHandler((thread, e) -> report(thread.getName(), e));
            return t;
        };
    }

    /** Completes with the cause once the simulator has shut down because of it. */
    CompletableFuture<Throwable> failure() {
        return failure;
    }

    /** A normal close: the watch thread ends without doing anything. */
    void dismiss() {
        wake.countDown();
    }

    private void awaitFailure() {
        try {
            wake.await();
        } catch (InterruptedException e) {
            return;
        }
        Throwable t = cause;
        if (t == null) {
            return;
        }
        try {
            shutdown.run();
        } catch (Throwable e) {
            LOG.error("feed simulator: shutdown after an internal failure failed too", e);
        } finally {
            failure.complete(t);
        }
    }
}
