package io.stockmonitor.feed;

/** Counters since start; written by the feed thread only, readable from any thread. See {@link FeedCounters}. */
public interface FeedStats {
    long ticksApplied();

    long duplicatesDropped();

    /** Holes detected in a stream. */
    long gaps();

    /** Snapshots that replaced a symbol's state (protocol sources). */
    long resyncs();

    /** Symbols resumed exactly (a reconnect resuming 12 symbols counts 12 here and 1 in {@link #connectionsLost}). */
    long symbolsResumed();

    /** Connection attempts scheduled after a loss or a failed attempt. */
    long reconnects();

    /** Established connections lost. */
    long connectionsLost();

    long badFrames();

    long messagesReceived();

    long gapsExact();

    long gapsByTime();

    long gapsLost();

    long tradesRefilled();

    long tradesLost();
}
