package io.stockmonitor.alerts;

import io.stockmonitor.market.QuoteView;

/**
 * The day's change % (against the previous close the source gave) goes beyond a level; re-arms
 * {@code rearmPercent} percentage points back. Without a previous close the value is unknown and nothing fires.
 */
final class ChangeCross extends CrossingEvaluator {
    private final double level;
    private final double rearmBound;

    ChangeCross(AlertRule rule) {
        super(rule, rule.kind() == AlertKind.CHANGE_ABOVE);
        level = rule.level();
        rearmBound = above ? level - rule.rearmPercent() : level + rule.rearmPercent();
    }

    /** The change % the watchlist shows for {@code price}: the same formula as the market model's quote. */
    static double changePercent(double price, double prevClose) {
        return prevClose > 0 ? (price - prevClose) / prevClose * 100.0 : Double.NaN;
    }

    @Override
    boolean onTrade(SymbolAlerts symbol, long ts, double price, boolean live, long nowMs) {
        double v = changePercent(price, symbol.prevClose());
        if (cross(v, level, rearmBound)) {
            fire(v, 0);
            return true;
        }
        return false;
    }

    @Override
    void seed(QuoteView quote, SymbolAlerts symbol) {
        if (quote.hasData()) {
            seedSide(changePercent(quote.last(), quote.prevClose()), level);
        }
    }
}
