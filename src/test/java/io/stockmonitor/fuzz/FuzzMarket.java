package io.stockmonitor.fuzz;

import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import java.util.List;

/** A market model small enough to make one per case: property tests check what reaches it, not what it keeps. */
public final class FuzzMarket {
    public static final MarketLimits LIMITS = new MarketLimits(8, 8, 8, 2, 8, 15_000);

    private FuzzMarket() {
    }

    public static MarketModel with(List<String> symbols) {
        MarketModel market = new MarketModel(LIMITS, System::currentTimeMillis);
        symbols.forEach(market::addSymbol);
        return market;
    }
}
