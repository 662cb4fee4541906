package io.stockmonitor.simulator;

import io.stockmonitor.protocol.HistoryInterval;
import io.stockmonitor.protocol.Message;

/**
 * One v2 {@code history} reply in the making: the live bars copied under the symbol's lock, and, when the live bars
 * reach back to the epoch's start, the derived bars before them, added on the snapshot thread (deriving a page of
 * 5,000 bars takes a few milliseconds, which must not hold the symbol's lock or the connection's reading thread).
 */
final class HistoryPage {
    /** What a bar counts against the send bounds before the page is written (about 45 bytes as JSON). */
    private static final long BYTES_PER_BAR = 50;
    private static final long FRAME_OVERHEAD = 256;

    private final long requestId;
    private final String symbol;
    private final HistoryInterval interval;
    private final BarColumns bars;
    private final DerivedHistory derived;
    private final long derivedBefore;
    private final boolean olderLive;

    /**
     * @param derived       the derived history to go on with, or null when live bars since the start were dropped
     * @param derivedBefore derived bars start before this (the oldest live bar copied, or the asked time)
     * @param olderLive     live bars older than those copied are kept
     */
    HistoryPage(long requestId, String symbol, HistoryInterval interval, BarColumns bars, DerivedHistory derived,
                long derivedBefore, boolean olderLive) {
        this.requestId = requestId;
        this.symbol = symbol;
        this.interval = interval;
        this.bars = bars;
        this.derived = derived;
        this.derivedBefore = derivedBefore;
        this.olderLive = olderLive;
    }

    /** Bars the reply will carry, known before deriving them. */
    int expectedBars() {
        long more = derived == null ? 0 : derived.barsBefore(interval, derivedBefore);
        return (int) Math.min(bars.count() + more, bars.count() + bars.room());
    }

    /** What the reply counts against the send bounds until it is written. */
    long estimatedBytes() {
        return FRAME_OVERHEAD + BYTES_PER_BAR * expectedBars();
    }

    /** Adds the derived bars and makes the reply; on the snapshot thread. */
    Message.HistoryBars complete() {
        boolean more;
        if (derived == null) {
            more = bars.full() && olderLive;
        } else {
            derived.copyNewestFirst(interval, derivedBefore, bars);
            more = derived.barsBefore(interval, Math.min(derivedBefore, bars.oldest())) > 0;
        }
        return new Message.HistoryBars(requestId, symbol, interval.wire(), bars.toBars(), more);
    }
}
