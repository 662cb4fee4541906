/**
 * Price alerts, evaluated on the feed thread on every trade the feed applies (live, replayed by a resume, or refilled
 * from a provider's history), never sampled per frame: a crossing between two frames, or during a resume, is not
 * missed. Plain Java, no JavaFX; the window and the headless mode both run an {@link io.stockmonitor.alerts.AlertEngine}
 * plugged into the feed's {@link io.stockmonitor.feed.TradeOutput} as a {@link io.stockmonitor.feed.TradeListener}.
 *
 * <p>Rules ({@link io.stockmonitor.alerts.AlertRule}): the last price crosses above or below a level; the day's change
 * % goes beyond a level; a move of X % within N minutes; the price crosses an indicator line
 * ({@link io.stockmonitor.alerts.IndicatorLine}); the symbol's data are stale or delayed for N seconds. Each is
 * one-shot or re-arms once the value is back a distance on the other side, so a price wobbling on a level fires
 * once, not a storm.
 *
 * <p>Evaluation keeps primitive state per rule, indexed by symbol, and allocates nothing per trade; a firing goes to
 * an {@link io.stockmonitor.alerts.AlertSink} as primitives. Bounds are in {@link io.stockmonitor.alerts.AlertLimits}.
 * docs/ALERTS.md states the guarantees.
 */
package io.stockmonitor.alerts;
