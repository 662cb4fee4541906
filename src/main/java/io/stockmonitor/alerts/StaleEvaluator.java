package io.stockmonitor.alerts;

import io.stockmonitor.market.Freshness;
import io.stockmonitor.market.QuoteView;

/**
 * The symbol's data have been stale or delayed for N seconds: nothing new (no trade, no confirmation from the
 * source) for N seconds, or RESYNCING/REFILLING for N seconds, both found by the feed thread's timer; or a live trade
 * arriving N seconds or more after it happened (found on that trade). Re-arms once data are fresh again (a trade
 * or confirmation within N seconds, arriving less than N seconds late).
 */
final class StaleEvaluator extends Evaluator {
    private final long limitMs;
    private final long createdAtMs;
    private long catchingUpSinceMs = -1;
    private long lastDelayMs;

    StaleEvaluator(AlertRule rule, long createdAtMs) {
        super(rule);
        this.limitMs = rule.window() * 1000L;
        this.createdAtMs = createdAtMs;
    }

    @Override
    boolean onTrade(SymbolAlerts symbol, long ts, double price, boolean live, long nowMs) {
        if (!live) {
            // History arriving: late by nature, and not what the trader watches.
            return false;
        }
        lastDelayMs = nowMs - ts;
        if (lastDelayMs >= limitMs && armed && !spent) {
            fire(lastDelayMs, AlertFiring.DELAYED);
            return true;
        }
        return false;
    }

    @Override
    boolean onTimer(QuoteView quote, boolean connectionUp, long nowMs) {
        long age = quote.hasData() && quote.ageMs() >= 0 ? quote.ageMs() : nowMs - createdAtMs;
        Freshness f = quote.freshness();
        boolean catchingUp = quote.hasData() && (f == Freshness.RESYNCING || f == Freshness.REFILLING);
        if (!catchingUp) {
            catchingUpSinceMs = -1;
        } else if (catchingUpSinceMs < 0) {
            catchingUpSinceMs = nowMs;
        }
        long staleFor = Math.max(age, catchingUp ? nowMs - catchingUpSinceMs : 0);
        if (staleFor >= limitMs) {
            if (armed && !spent) {
                fire(staleFor, AlertFiring.STALE);
                return true;
            }
        } else if (!armed && lastDelayMs < limitMs && connectionUp) {
            armed = true;
        }
        return false;
    }

    @Override
    boolean gapAware() {
        return false;
    }
}
