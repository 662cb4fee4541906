package io.stockmonitor.ui;

import io.stockmonitor.market.BarBuffer;
import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.market.QuoteView;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import java.util.function.Supplier;
import io.stockmonitor.source.SymbolSpelling;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The watchlist: which symbols, in the user's order, and their live rows. Adding validates against the server's
 * symbol list and reports problems through {@link #addErrorProperty()} (an inline label, never a dialog).
 */
public final class WatchlistViewModel {
    /** Upper bound on the watchlist; the market model holds at most this many symbols too. */
    public static final int MAX_SYMBOLS = 500;
    /** How many completions the add field offers at once. */
    public static final int MAX_SUGGESTIONS = 12;
    /** How often each row's sparkline is re-read from the 1 s bars. */
    static final long SPARK_REFRESH_MS = 1_000;

    private final ObservableList<WatchRow> rows = FXCollections.observableArrayList();
    private final ObservableList<WatchRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper addError = new ReadOnlyStringWrapper(this, "addError", "");
    private final QuoteView quote = new QuoteView();
    private final BarBuffer sparkBars = new BarBuffer(WatchRow.SPARK_POINTS);
    private final double[] sparkCloses = new double[WatchRow.SPARK_POINTS];
    private final List<WatchRow> flashing = new ArrayList<>();
    private Supplier<List<String>> universe = List::of;
    private Consumer<String> subscriber = s -> { };
    private Consumer<String> unsubscriber = s -> { };
    private final ReadOnlyLongWrapper rowsVersion = new ReadOnlyLongWrapper(this, "rowsVersion");
    private long lastSparkMs;
    private boolean rowsChanged;

    public ObservableList<WatchRow> rows() {
        return readOnlyRows;
    }

    /**
     * Goes up at the end of a frame in which a row's values, highlight or sparkline changed: the view redraws then,
     * once, instead of listening to every row.
     */
    public ReadOnlyLongProperty rowsVersionProperty() {
        return rowsVersion.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty addErrorProperty() {
        return addError.getReadOnlyProperty();
    }

    /** Connects the list to a session: where symbols are checked, subscribed and unsubscribed. */
    void connect(Supplier<List<String>> serverSymbols, Consumer<String> subscribe, Consumer<String> unsubscribe) {
        this.universe = serverSymbols;
        this.subscriber = subscribe;
        this.unsubscriber = unsubscribe;
    }

    /** Replaces the contents without subscribing (start-up: the session subscribes its initial symbols). */
    public void setSymbols(Collection<String> symbols) {
        rows.clear();
        for (String s : symbols) {
            if (rows.size() < MAX_SYMBOLS && indexOf(s) < 0) {
                rows.add(new WatchRow(s));
            }
        }
    }

    public List<String> symbols() {
        List<String> out = new ArrayList<>(rows.size());
        for (WatchRow row : rows) {
            out.add(row.symbol());
        }
        return out;
    }

    /** Adds what the user typed; returns the row, or null with {@link #addErrorProperty()} saying why. */
    public WatchRow add(String typed) {
        if (typed == null || typed.isBlank()) {
            addError.set("Type a symbol, e.g. AAPL or BTCUSDT");
            return null;
        }
        String symbol = SymbolSpelling.normalize(typed);
        if (symbol == null) {
            addError.set("'" + typed.trim() + "' is not a symbol");
            return null;
        }
        int existing = indexOf(symbol);
        if (existing >= 0) {
            addError.set(symbol + " is already in the watchlist");
            return null;
        }
        List<String> known = universe.get();
        if (!known.isEmpty() && !known.contains(symbol)) {
            addError.set("Unknown symbol: " + symbol);
            return null;
        }
        if (rows.size() >= MAX_SYMBOLS) {
            addError.set("The watchlist is full (" + MAX_SYMBOLS + " symbols)");
            return null;
        }
        WatchRow row = new WatchRow(symbol);
        rows.add(row);
        addError.set("");
        subscriber.accept(symbol);
        return row;
    }

    public void remove(String symbol) {
        int i = indexOf(symbol);
        if (i >= 0) {
            rows.remove(i);
            unsubscriber.accept(symbol);
        }
    }

    /** The server refused a symbol: drop the row and say so next to the add field. */
    void rejected(String symbol, String message) {
        int i = indexOf(symbol);
        if (i >= 0) {
            rows.remove(i);
        }
        addError.set(symbol + ": " + (message == null || message.isBlank() ? "rejected by the server" : message));
    }

    public void clearError() {
        addError.set("");
    }

    /** Server symbols starting with the typed prefix that are not in the list yet, in server order. */
    public List<String> suggestions(String typed) {
        String prefix = typed == null ? "" : typed.trim().toUpperCase(Locale.ROOT);
        List<String> out = new ArrayList<>();
        if (prefix.isEmpty()) {
            return out;
        }
        for (String s : universe.get()) {
            if (s.startsWith(prefix) && indexOf(s) < 0) {
                out.add(s);
                if (out.size() == MAX_SUGGESTIONS) {
                    break;
                }
            }
        }
        return out;
    }

    public int indexOf(String symbol) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).symbol().equals(symbol)) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Once per frame: copies each symbol's quote into its row (only changed rows fire), fades highlights, and
     * about once a second re-reads the sparklines.
     */
    void refresh(MarketModel market, long nowMs) {
        for (int i = 0; i < rows.size(); i++) {
            WatchRow row = rows.get(i);
            if (market.readQuote(row.symbol(), quote) && row.apply(quote, nowMs)) {
                rowsChanged = true;
                if (row.flashProperty().get() != 0 && !flashing.contains(row)) {
                    flashing.add(row);
                }
            }
        }
        if (nowMs - lastSparkMs >= SPARK_REFRESH_MS) {
            lastSparkMs = nowMs;
            refreshSparklines(market);
            rowsChanged = true;
        }
    }

    /** Every frame, also when the market did not change, so highlights fade on time. */
    void fade(long nowMs) {
        boolean fading = !flashing.isEmpty();
        for (int i = flashing.size() - 1; i >= 0; i--) {
            if (!flashing.get(i).fadeFlash(nowMs)) {
                flashing.remove(i);
            }
        }
        if (rowsChanged || fading) {
            rowsChanged = false;
            rowsVersion.set(rowsVersion.get() + 1);
        }
    }

    private void refreshSparklines(MarketModel market) {
        // The newest bars whatever their time stamps: a remote server's clock may differ from ours.
        for (WatchRow row : rows) {
            int n = market.readBars(row.symbol(), BarInterval.S1, 0, sparkBars);
            for (int i = 0; i < n; i++) {
                sparkCloses[i] = sparkBars.close(i);
            }
            row.setSpark(sparkCloses, n);
        }
    }
}
