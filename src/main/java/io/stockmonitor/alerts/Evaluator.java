package io.stockmonitor.alerts;

import io.stockmonitor.market.QuoteView;

/**
 * One rule's evaluation state: primitives only, updated on the feed thread by every trade of the rule's symbol
 * (and, for stale rules, by a timer). A firing is reported through {@link #value} and {@link #flags}.
 */
abstract class Evaluator {
    final AlertRule rule;
    /** A one-shot rule that fired: it never fires again. */
    boolean spent;
    /** After a firing, false until the value came back the re-arm distance on the other side. */
    boolean armed = true;
    /** What was measured at the latest firing. */
    double value;
    /** Flags of the latest firing beyond those of the trade (refilled, across a gap). */
    int flags;

    Evaluator(AlertRule rule) {
        this.rule = rule;
    }

    /** A trade of the symbol (after the model applied it); true when the rule fires on it. */
    abstract boolean onTrade(SymbolAlerts symbol, long ts, double price, boolean live, long nowMs);

    /** Puts the state where the symbol is now, so the first trade after a rule was made can fire. */
    void seed(QuoteView quote, SymbolAlerts symbol) {
    }

    /** The periodic check (stale rules); true when the rule fires. */
    boolean onTimer(QuoteView quote, boolean connectionUp, long nowMs) {
        return false;
    }

    /** Whether a firing on a trade right after a lost gap says "crossed during a gap". */
    boolean gapAware() {
        return true;
    }

    /** Bookkeeping of a firing: disarmed, spent if one-shot. */
    final void fire(double measured, int extraFlags) {
        value = measured;
        flags = extraFlags;
        armed = false;
        spent = rule.oneShot();
    }
}
