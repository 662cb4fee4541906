package io.stockmonitor.soak;

import io.stockmonitor.feed.testing.HostileRelay;
import io.stockmonitor.simulator.ReferenceTicks;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * What the simulator published, as far as a checker in another process can know it: the epochs in order (the soak
 * starts every new epoch itself, so it names each), the price and size of every seq ({@link ReferenceTicks}), the
 * time of every seq as the first observer saw it (every other observer must see the same), the newest seq any
 * observer applied per epoch and symbol, and the ticks the hostile relays corrupted. Thread-safe: every client's
 * feed thread checks against it.
 */
final class PublishedTruth {
    private final ReferenceTicks reference;
    private final int historyTicks;
    private final List<HostileRelay> relays;
    private final Map<String, Integer> epochs = new HashMap<>();
    private final Map<String, TimeSeries> times = new ConcurrentHashMap<>();
    private final Map<String, Long> lastBeforeNewEpoch = new ConcurrentHashMap<>();

    PublishedTruth(SoakSettings s, List<HostileRelay> relays) {
        this.reference = new ReferenceTicks(s.symbols(), s.seed(), s.ratePerSymbol());
        this.historyTicks = s.historyTicks();
        this.relays = List.copyOf(relays);
    }

    int historyTicks() {
        return historyTicks;
    }

    /** The next epoch the simulator started; its index counts from 0 (the epoch it started with). */
    synchronized void epochStarted(String epoch) {
        epochs.putIfAbsent(epoch, epochs.size());
        notifyAll();
    }

    /**
     * The index of {@code epoch}, waiting up to 10 s for the soak to learn it (a fast client may see a new epoch's
     * welcome before the admin call that made it returns); -1 for an epoch the simulator never had.
     */
    synchronized int epochIndex(String epoch) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        Integer index;
        while ((index = epochs.get(epoch)) == null && System.nanoTime() < deadline) {
            try {
                wait(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }
        return index == null ? -1 : index;
    }

    synchronized int epochCount() {
        return epochs.size();
    }

    /** Per symbol, the last seq the simulator reported just before it was told to start a new epoch. */
    void endOfEpoch(int epochIndex, Map<String, Long> lastSeqs) {
        lastSeqs.forEach((symbol, seq) -> lastBeforeNewEpoch.put(epochIndex + "|" + symbol, seq));
    }

    /** The newest seq of {@code symbol} known to have been published in epoch {@code epochIndex}. */
    long lastPublished(int epochIndex, String symbol) {
        TimeSeries t = times.get(epochIndex + "|" + symbol);
        return Math.max(t == null ? 0 : t.newest(), lastBeforeNewEpoch.getOrDefault(epochIndex + "|" + symbol, 0L));
    }

    /** Null when the tick is the one the simulator published, else what differs. */
    String check(int epochIndex, String symbol, long seq, long ts, double price, double size) {
        long cents = reference.priceCents(epochIndex, symbol, seq);
        if (cents < 0) {
            return "a symbol the simulator does not have";
        }
        if (Math.round(price * 100) != cents || Math.round(size) != reference.size(epochIndex, symbol, seq)) {
            return "price " + price + " x " + size + ", published " + cents / 100.0 + " x "
                    + reference.size(epochIndex, symbol, seq);
        }
        long seen = times.computeIfAbsent(epochIndex + "|" + symbol, k -> new TimeSeries()).firstSeen(seq, ts);
        return seen == ts ? null : "time " + ts + ", another observer saw " + seen;
    }

    /** True when a hostile relay corrupted the tick {@code seq} of {@code symbol} in {@code epoch}. */
    boolean corrupted(String epoch, String symbol, long seq) {
        for (HostileRelay r : relays) {
            if (r.corrupted(epoch, symbol, seq)) {
                return true;
            }
        }
        return false;
    }

    /** The time of each seq of one symbol in one epoch as first seen, and the newest seq seen. */
    private static final class TimeSeries {
        private long[] ts = new long[1024];
        private long newest;

        synchronized long firstSeen(long seq, long time) {
            if (seq >= ts.length) {
                ts = Arrays.copyOf(ts, (int) Math.max(ts.length * 2L, seq + 1));
            }
            int i = (int) seq;
            if (ts[i] == 0) {
                ts[i] = time;
            }
            newest = Math.max(newest, seq);
            return ts[i];
        }

        synchronized long newest() {
            return newest;
        }
    }
}
