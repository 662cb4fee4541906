package io.stockmonitor.source.kraken;

/**
 * The Kraken source's own timing, apart from the supervisor's: the product uses {@link #defaults()}; tests shorten
 * the waits so a throttling fault does not cost them half a minute.
 *
 * @param throttleFirstPauseMs first pause of every REST call after Kraken's "slow down" (doubles while it lasts)
 * @param throttleMaxPauseMs   the doubling stops here
 * @param dayStatsEveryMs      day statistics (REST Ticker) are re-read this often
 */
record KrakenTiming(long throttleFirstPauseMs, long throttleMaxPauseMs, long dayStatsEveryMs) {
    KrakenTiming {
        if (throttleFirstPauseMs < 1 || throttleMaxPauseMs < throttleFirstPauseMs || dayStatsEveryMs < 1) {
            throw new IllegalArgumentException("bad Kraken timing: " + throttleFirstPauseMs + ", "
                    + throttleMaxPauseMs + ", " + dayStatsEveryMs);
        }
    }

    /** docs/sources/kraken.md §5: "back off (5 s, doubling)"; statistics once a minute. */
    static KrakenTiming defaults() {
        return new KrakenTiming(5_000, 60_000, 60_000);
    }
}
