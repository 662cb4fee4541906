/**
 * The market model: per-symbol quotes, day statistics, recent ticks, OHLCV bars (1 s, and 5 s/15 s/1 m/5 m derived
 * incrementally from the same ticks) and gap markers, plus feed latency and counters. Plain Java, no JavaFX.
 *
 * <p>One writer (the feed thread) and any number of readers (the UI once per frame). Each symbol is guarded by a
 * seqlock: the writer never waits, readers copy into reusable holders ({@link io.stockmonitor.market.QuoteView},
 * {@link io.stockmonitor.market.BarBuffer}, {@link io.stockmonitor.market.TickBuffer}) and retry on a concurrent
 * write. Applying a tick allocates nothing.
 *
 * <p>Storage is primitive and bounded by {@link io.stockmonitor.market.MarketLimits}, allocated when a symbol is
 * added. Bars live in time-indexed rings (the start time is implicit in the slot), prices as ints in 1/10,000 $
 * (exact to a hundredth of a cent up to $214,748.36; a symbol priced above switches once to cents, exact up to
 * $21,474,836.47), volumes as saturating ints: 20 bytes per bar; ticks take 12 bytes (delta-coded time). With the
 * default limits a symbol costs about 0.95 MB (8 h of 1 s bars: 576 KB, derived bars covering the same 8 h: 165 KB,
 * 16,384 ticks: 197 KB): 200 symbols retain about 190 MB ({@code MarketMemoryBench}). Bar slots are interleaved (one
 * cache line per bar update) and paged (80 KB arrays, below G1's humongous-object threshold).
 *
 * <p>Bars: a tick goes into the bar of {@code floor(ts / interval)}; a tick older than the symbol's current 1 s bar
 * is merged into that current bar (it may widen its high/low and adds volume) and never rewrites an older bar, so
 * derived bars always equal the aggregation of the 1 s bars. Day statistics come from snapshots and are extended
 * by ticks (no day rollover in the model).
 *
 * <p>Gap markers: a snapshot leaves a marker with its {@link io.stockmonitor.protocol.ResyncReason}; a lost
 * connection leaves a "disconnected" marker with a {@code null} reason. The UI shades both.
 */
package io.stockmonitor.market;
