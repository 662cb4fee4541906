package io.stockmonitor.ui.alerts;

import java.util.List;

/** What the alert views need from the rest of the window: the watched symbols and their last prices. */
public interface AlertContext {
    /** Symbols of the watchlists, for the editor's symbol list. */
    List<String> symbols();

    /** The symbol's last price, NaN when unknown. */
    double lastPrice(String symbol);

    /** The symbol selected in the watchlist, or null. */
    String selectedSymbol();

    /** Makes sure the session watches {@code symbol} (an alert on a symbol not in any list adds it). */
    void watch(String symbol);
}
