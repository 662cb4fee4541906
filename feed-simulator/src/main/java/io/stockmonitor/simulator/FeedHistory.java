package io.stockmonitor.simulator;

import java.util.Map;

/**
 * Where a feed server keeps its history and who makes its ticks: in memory, this server alone
 * ({@link LocalHistory}), or in Redis, shared with the other servers of the same feed ({@link SharedHistory}).
 */
interface FeedHistory {
    /** Starts making or following ticks. */
    void start();

    /** A new epoch for the feed (the admin's new-epoch fault): history forgotten, every connection dropped. */
    void newEpoch();

    /** True while this server serves the feed as it is: for the health check and for admitting connections. */
    boolean serving();

    /** What the health check and the admin status show of it. */
    Map<String, Object> status();

    /** Stops making and following ticks. */
    void close();
}
