package io.stockmonitor.simulator;

import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that makes simulated ticks: Poisson arrivals at {@code rate} per symbol (one merged process of
 * rate x symbols, each arrival going to a uniformly chosen symbol), each written to the {@link TickTarget}. Arrival
 * timing has its own generator, so the prices and sizes of each symbol do not depend on it.
 */
final class Publisher implements Runnable {
    /** Arrivals more than this far behind the clock are skipped rather than published in a burst. */
    private static final long MAX_LAG_NANOS = 500_000_000L;

    private final SimulatedSymbol[] symbols;
    private final TickTarget target;
    private final double totalRatePerNano;
    private final SplittableRandom arrivals;
    private final AtomicLong published = new AtomicLong();
    private final Thread thread;
    private final InternalFailure failure;
    private volatile boolean running = true;

    Publisher(SimulatedSymbol[] symbols, double ratePerSymbol, long seed, TickTarget target, InternalFailure failure) {
        this.failure = failure;
        this.symbols = symbols;
        this.target = target;
        this.totalRatePerNano = ratePerSymbol * symbols.length / 1e9;
        this.arrivals = new SplittableRandom(seed ^ 0x5DEECE66DL);
        this.thread = new Thread(this, "feed-simulator-publisher");
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void stop() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    long published() {
        return published.get();
    }

    /** Any Throwable out of publishing is fatal: a feed that silently stopped ticking would look like a quiet market. */
    @Override
    public void run() {
        try {
            publishUntilStopped();
        } catch (Throwable t) {
            failure.report("publisher", t);
        }
    }

    private void publishUntilStopped() {
        long next = System.nanoTime() + interArrival();
        while (running) {
            long now = System.nanoTime();
            if (next - now > 0) {
                LockSupport.parkNanos(next - now);
                continue;
            }
            if (now - next > MAX_LAG_NANOS) {
                next = now;
            }
            // Publish every arrival that is due, then sleep until the next.
            while (running && next - now <= 0) {
                int i = arrivals.nextInt(symbols.length);
                TickRecord tick = symbols[i].next(System.currentTimeMillis());
                if (target.write(i, tick)) {
                    symbols[i].made(tick);
                    published.incrementAndGet();
                }
                next += interArrival();
            }
        }
    }

    private long interArrival() {
        return Math.max(1, (long) (-Math.log(1.0 - arrivals.nextDouble()) / totalRatePerNano));
    }
}
