/**
 * Where prices come from: every source's session plugs into the shared {@link io.stockmonitor.feed.ConnectionSupervisor}.
 * This package holds what the provider sessions share: the {@link io.stockmonitor.source.TradeSequencer} that makes a
 * provider with contiguous trade ids exact (refill by id), the {@link io.stockmonitor.source.RestGate} that keeps
 * REST calls inside a provider's limits, the kinds of source and their settings. Never imports JavaFX.
 */
package io.stockmonitor.source;
