package io.stockmonitor.market;

/**
 * Feed latency over a window: tick delay (receive time - tick ts) and ping round-trip time, in ms. Percentiles are
 * -1 when the window holds no sample.
 *
 * @param windowMs   span the figures cover ({@code Long.MAX_VALUE} for {@link FeedLatency#totalSnapshot()})
 * @param ticks      tick delays recorded in the window
 * @param p50Ms      median tick delay
 * @param p99Ms      99th percentile tick delay
 * @param maxMs      largest tick delay
 * @param lastRttMs  the most recent ping RTT (-1 before the first pong)
 * @param rttP50Ms   median RTT in the window
 * @param rttMaxMs   largest RTT in the window
 */
public record LatencySnapshot(long windowMs, long ticks, long p50Ms, long p99Ms, long maxMs, long lastRttMs,
                              long rttP50Ms, long rttMaxMs) {
}
