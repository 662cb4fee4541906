package io.stockmonitor.fuzz;

import io.stockmonitor.feed.SymbolTable;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import java.util.List;

/**
 * What a frame property makes for each frame it checks: a market model small enough to make per case (the tests check
 * what reaches it, not what it keeps) and a table of the symbols a parser knows.
 */
public final class FuzzMarket {
    public static final MarketLimits LIMITS = new MarketLimits(8, 8, 8, 2, 8, 15_000);

    private FuzzMarket() {
    }

    public static SymbolTable table(List<String> symbols) {
        SymbolTable table = new SymbolTable();
        symbols.forEach(table::add);
        return table;
    }

    public static MarketModel with(List<String> symbols) {
        MarketModel market = new MarketModel(LIMITS, System::currentTimeMillis);
        symbols.forEach(market::addSymbol);
        return market;
    }
}
