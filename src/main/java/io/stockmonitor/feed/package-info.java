/**
 * The feed layer every source shares: the {@link io.stockmonitor.feed.ConnectionSupervisor} (connect, jittered
 * backoff, handshake and silence watchdogs, rollover, request pacing, the connection state machine), the
 * {@link io.stockmonitor.feed.FeedSession} contract a source implements, the {@link io.stockmonitor.feed.TradeOutput}
 * every applied trade and settled gap goes through, events, counters and the headless record. Never imports JavaFX.
 */
package io.stockmonitor.feed;
