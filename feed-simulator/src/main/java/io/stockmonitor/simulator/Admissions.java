package io.stockmonitor.simulator;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The {@code maxClients} connection slots. Counting open connections and comparing at upgrade time is a race: many
 * upgrades pass the check before any of them registers (300 at once against 100 admitted 210). Here a slot is
 * taken atomically when an upgrade is admitted, and given back exactly once: when the connection closes, or when
 * its WebSocket never opens (the upgrade failed after admission; Jetty tells the endpoint nothing then, so an
 * admitted slot that has not opened by a deadline lapses).
 */
final class Admissions {
    private final int limit;
    private final AtomicInteger held = new AtomicInteger();

    Admissions(int limit) {
        this.limit = limit;
    }

    /** A reserved slot, or null when all are taken. */
    Slot tryReserve() {
        return take() ? new Slot() : null;
    }

    int held() {
        return held.get();
    }

    private boolean take() {
        while (true) {
            int now = held.get();
            if (now >= limit) {
                return false;
            }
            if (held.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    /** One connection's slot: reserved, then open, then released; or reserved, then lapsed. */
    final class Slot {
        private static final int RESERVED = 0;
        private static final int OPEN = 1;
        private static final int RELEASED = 2;
        private final AtomicInteger state = new AtomicInteger(RESERVED);

        /** The WebSocket opened: true if it holds a slot (its reservation, or a fresh one if that had lapsed). */
        boolean open() {
            if (state.compareAndSet(RESERVED, OPEN)) {
                return true;
            }
            if (take()) {
                state.set(OPEN);
                return true;
            }
            return false;
        }

        /** Gives the slot back if it was never opened (the upgrade did not complete in time). */
        void lapseUnlessOpen() {
            if (state.compareAndSet(RESERVED, RELEASED)) {
                held.decrementAndGet();
            }
        }

        /** The connection closed; later calls do nothing. */
        void release() {
            if (state.getAndSet(RELEASED) != RELEASED) {
                held.decrementAndGet();
            }
        }
    }
}
