package io.stockmonitor.simulator;

/**
 * One connection's allowance of snapshot and replay bytes, a token bucket: {@code burst} at once, refilled at
 * {@code perSecond}. A subscribe is served while the balance is positive and its bytes are charged afterwards (their
 * size is known only once serialized), so the balance may dip below zero by one catch-up. Without it a client that
 * re-subscribes everything in a loop, within the request rate limit, makes the server serialize hundreds of
 * 170 KB snapshots a second for it. Called from the connection's reading thread only.
 */
final class CatchUpBudget {
    private static final double NANOS_PER_SECOND = 1e9;
    private final long burst;
    private final long perSecond;
    private double balance;
    private long lastNanos;

    CatchUpBudget(long burst, long perSecond, long nowNanos) {
        this.burst = burst;
        this.perSecond = perSecond;
        this.balance = burst;
        this.lastNanos = nowNanos;
    }

    /** True when a catch-up may start now. */
    boolean available(long nowNanos) {
        long elapsed = nowNanos - lastNanos;
        lastNanos = nowNanos;
        balance = Math.min(burst, balance + elapsed * (perSecond / NANOS_PER_SECOND));
        return balance > 0;
    }

    void charge(long bytes) {
        balance -= bytes;
    }

    long perSecond() {
        return perSecond;
    }
}
