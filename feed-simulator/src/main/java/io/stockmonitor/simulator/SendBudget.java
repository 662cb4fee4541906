package io.stockmonitor.simulator;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The server-wide bound on bytes held in send queues, so that many slow or non-reading clients together cannot take
 * the heap even when each stays under its own bound. Every connection may hold up to a reserve (enough for a live
 * tick stream and a snapshot) whatever the others do; bytes beyond its reserve are admitted only while all queues
 * together hold at most half of the bound. The reserves add up to at most half the bound, and the bytes beyond
 * reserves were each admitted while the total was at most half, so the total never exceeds the bound. A connection
 * refused here is too slow for the server as it is loaded: it is closed with 1013 like one over its own bound.
 */
final class SendBudget {
    private final long limit;
    private final long reserve;
    private final AtomicLong total = new AtomicLong();

    SendBudget(long limit, long reservePerConnection) {
        this.limit = limit;
        this.reserve = reservePerConnection;
    }

    static SendBudget of(SimulatorConfig config) {
        return new SendBudget(config.totalSendQueueBytes(), config.sendQueueReserveBytes());
    }

    /** Takes {@code bytes} for a connection that holds {@code held}; false (nothing taken) when they do not fit. */
    boolean tryTake(long held, long bytes) {
        long after = total.addAndGet(bytes);
        if (held + bytes <= reserve || after <= limit / 2) {
            return true;
        }
        total.addAndGet(-bytes);
        return false;
    }

    void give(long bytes) {
        total.addAndGet(-bytes);
    }

    /** Bytes held by every queue now. */
    long total() {
        return total.get();
    }

    long limit() {
        return limit;
    }
}
