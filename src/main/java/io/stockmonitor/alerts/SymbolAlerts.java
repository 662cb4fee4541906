package io.stockmonitor.alerts;

import io.stockmonitor.market.MarketModel;

/** The rules of one symbol, and what the engine knows about the symbol's stream between two of its trades. */
final class SymbolAlerts {
    final String symbol;
    private final MarketModel market;
    Evaluator[] evaluators = new Evaluator[0];
    /** True when some rule needs the timer (stale rules). */
    boolean timed;
    /** A gap settled as lost since the symbol's latest trade: the next trade's crossings happened during it. */
    boolean gapPending;
    private double prevClose;
    private boolean prevCloseRead;

    SymbolAlerts(String symbol, MarketModel market) {
        this.symbol = symbol;
        this.market = market;
    }

    /** A new trade: facts read lazily for it are read again. */
    void beginTrade() {
        prevCloseRead = false;
    }

    /** The previous close, read from the model at most once per trade (only change rules ask). */
    double prevClose() {
        if (!prevCloseRead) {
            prevClose = market.prevClose(symbol);
            prevCloseRead = true;
        }
        return prevClose;
    }
}
