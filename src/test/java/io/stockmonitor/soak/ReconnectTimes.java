package io.stockmonitor.soak;

import io.stockmonitor.feed.ConnectionState;
import org.HdrHistogram.Histogram;

/**
 * How long connections stayed down: from the moment an observer left CONNECTED (its state's own time stamp) to the
 * moment it was CONNECTED again, for a group of observers, each reporting through its own {@link Clock}. Kept twice:
 * every reconnect, and those that did not sit through a long outage of their path (whose length is the fault's, not
 * the client's). Thread-safe.
 */
final class ReconnectTimes {
    private final Histogram millis = new Histogram(3_600_000L, 3);
    private final Histogram outsideOutages = new Histogram(3_600_000L, 3);
    private final PathOutages outages;

    ReconnectTimes(PathOutages outages) {
        this.outages = outages;
    }

    /** One observer's state changes, in order. */
    final class Clock {
        private final String path;
        private long downSinceMs = -1;
        private boolean connected;

        Clock(String path) {
            this.path = path;
        }

        /** {@code sinceMs}: when the state was entered, by the observer's clock (this machine's). */
        void state(ConnectionState state, long sinceMs) {
            if (state == ConnectionState.CONNECTED) {
                if (!connected && downSinceMs >= 0) {
                    record(Math.max(0, sinceMs - downSinceMs), outages.overlaps(path, downSinceMs, sinceMs));
                }
                connected = true;
                downSinceMs = -1;
            } else if (connected) {
                connected = false;
                downSinceMs = sinceMs;
            }
        }
    }

    /** A clock for an observer whose connections take {@code path} ("direct" for none). */
    Clock clock(String path) {
        return new Clock(path);
    }

    private synchronized void record(long ms, boolean duringOutage) {
        long v = Math.min(ms, millis.getHighestTrackableValue());
        millis.recordValue(v);
        if (!duringOutage) {
            outsideOutages.recordValue(v);
        }
    }

    synchronized long count() {
        return millis.getTotalCount();
    }

    @Override
    public synchronized String toString() {
        if (millis.getTotalCount() == 0) {
            return "no reconnect";
        }
        return describe(millis) + "; without the " + (millis.getTotalCount() - outsideOutages.getTotalCount())
                + " that sat through a long outage: " + (outsideOutages.getTotalCount() == 0 ? "none"
                : describe(outsideOutages));
    }

    private static String describe(Histogram h) {
        return h.getTotalCount() + " reconnects, p50 " + h.getValueAtPercentile(50) + " ms, p99 "
                + h.getValueAtPercentile(99) + " ms, max " + h.getMaxValue() + " ms";
    }
}
