package io.stockmonitor.alerts;

import io.stockmonitor.market.QuoteView;

/**
 * The price crosses an indicator line: strictly above it (or below) on a trade after one that was not. Re-arms once
 * the price is {@code rearmPercent} % of the line's value back on the other side. No line (unknown name, warming up)
 * means no value: nothing fires.
 */
final class LineCross extends CrossingEvaluator {
    private final IndicatorLine line;
    private final double rearmFraction;

    LineCross(AlertRule rule, IndicatorLine line) {
        super(rule, rule.kind() == AlertKind.LINE_ABOVE);
        this.line = line;
        this.rearmFraction = rule.rearmPercent() / 100.0;
    }

    @Override
    boolean onTrade(SymbolAlerts symbol, long ts, double price, boolean live, long nowMs) {
        double lineValue = line == null ? Double.NaN : line.value(rule.symbol());
        // Measured as the distance to the line, whose level is then 0.
        double v = price - lineValue;
        double bound = above ? -lineValue * rearmFraction : lineValue * rearmFraction;
        if (cross(v, 0, bound)) {
            fire(lineValue, 0);
            return true;
        }
        return false;
    }

    @Override
    void seed(QuoteView quote, SymbolAlerts symbol) {
        if (quote.hasData() && line != null) {
            seedSide(quote.last() - line.value(rule.symbol()), 0);
        }
    }
}
