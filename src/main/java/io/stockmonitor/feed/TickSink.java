package io.stockmonitor.feed;

/**
 * Sees every tick right after the market model accepted it, on the feed thread, in order (the headless recorder and
 * tests use it). Must be quick; must not keep references to anything but the primitive values and the symbol.
 */
@FunctionalInterface
public interface TickSink {
    void onTick(String symbol, String epoch, long seq, long ts, double price, double size);
}
