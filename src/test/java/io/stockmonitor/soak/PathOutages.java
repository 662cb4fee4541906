package io.stockmonitor.soak;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * When each path was down on purpose (a long outage), so that a reconnect time can be told apart from the outage it
 * sat through. Thread-safe: the fault thread adds, the clients' feed threads ask.
 */
final class PathOutages {
    private final Map<String, List<long[]>> windows = new ConcurrentHashMap<>();

    /** {@code path} is down from {@code fromMs} to {@code toMs} (wall clock, this machine). */
    void add(String path, long fromMs, long toMs) {
        windows.computeIfAbsent(path, p -> new CopyOnWriteArrayList<>()).add(new long[] {fromMs, toMs});
    }

    /** True when {@code path} was down at some time between {@code fromMs} and {@code toMs}. */
    boolean overlaps(String path, long fromMs, long toMs) {
        for (long[] w : windows.getOrDefault(path, List.of())) {
            if (w[0] <= toMs && fromMs <= w[1]) {
                return true;
            }
        }
        return false;
    }
}
