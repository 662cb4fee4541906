package io.stockmonitor.alerts;

import io.stockmonitor.market.QuoteView;

/** The last price crosses above or below a level; re-arms {@code rearmPercent} % of the level back. */
final class PriceCross extends CrossingEvaluator {
    private final double level;
    private final double rearmBound;

    PriceCross(AlertRule rule) {
        super(rule, rule.kind() == AlertKind.PRICE_ABOVE);
        level = rule.level();
        double distance = level * rule.rearmPercent() / 100.0;
        rearmBound = above ? level - distance : level + distance;
    }

    @Override
    boolean onTrade(SymbolAlerts symbol, long ts, double price, boolean live, long nowMs) {
        if (cross(price, level, rearmBound)) {
            fire(price, 0);
            return true;
        }
        return false;
    }

    @Override
    void seed(QuoteView quote, SymbolAlerts symbol) {
        if (quote.hasData()) {
            seedSide(quote.last(), level);
        }
    }
}
