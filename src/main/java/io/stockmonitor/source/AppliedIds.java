package io.stockmonitor.source;

import java.util.Arrays;

/**
 * Which trades of one symbol were applied, for a provider whose ids are unique but not ordered in any documented
 * way (Alpaca): the ids applied at the newest trade time (a refill by time starts there again, inclusive), and the
 * most recent ids whatever their time (a frame sent twice, or the overlap of a refill and the live stream). No
 * allocation unless many trades share one timestamp. Feed thread only.
 */
final class AppliedIds {
    /** Ids remembered whatever their time: a duplicate comes right after its original, not thousands later. */
    static final int RECENT = 64;
    /** Ids remembered at the newest time, at most (a forged feed could send a million trades with one stamp). */
    static final int MAX_AT_NEWEST = 65_536;
    static final long NONE = Long.MIN_VALUE;

    private final long[] recent = new long[RECENT];
    private int recentCount;
    private int recentNext;
    private long[] atNewest = new long[4];
    private int atNewestCount;
    private long newestNanos = NONE;

    /** The newest trade time applied, or {@link #NONE}. */
    long newestNanos() {
        return newestNanos;
    }

    /** True when the trade {@code id} at {@code timeNanos} was applied already. */
    boolean seen(long id, long timeNanos) {
        if (timeNanos > newestNanos) {
            return false;
        }
        if (timeNanos == newestNanos && contains(atNewest, atNewestCount, id)) {
            return true;
        }
        return contains(recent, recentCount, id);
    }

    /** The trade was applied. */
    void add(long id, long timeNanos) {
        if (timeNanos > newestNanos) {
            newestNanos = timeNanos;
            atNewestCount = 0;
        }
        if (timeNanos == newestNanos && atNewestCount < MAX_AT_NEWEST) {
            if (atNewestCount == atNewest.length) {
                atNewest = Arrays.copyOf(atNewest, atNewest.length * 2);
            }
            atNewest[atNewestCount++] = id;
        }
        recent[recentNext] = id;
        recentNext = (recentNext + 1) % RECENT;
        recentCount = Math.min(recentCount + 1, RECENT);
    }

    private static boolean contains(long[] ids, int count, long id) {
        for (int i = 0; i < count; i++) {
            if (ids[i] == id) {
                return true;
            }
        }
        return false;
    }
}
