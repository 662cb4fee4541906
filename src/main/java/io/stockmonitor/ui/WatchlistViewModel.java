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
    /** Every named list's symbols but the open one's (whose order is {@link #rows}), in tab order. */
    private final java.util.LinkedHashMap<String, List<String>> lists = new java.util.LinkedHashMap<>();
    private final ObservableList<String> listNames = FXCollections.observableArrayList(WatchLists.FIRST);
    private final javafx.beans.property.ReadOnlyStringWrapper activeList =
            new javafx.beans.property.ReadOnlyStringWrapper(this, "activeList", WatchLists.FIRST);
    /** Rows by symbol, so a symbol in several lists keeps its state (flash, sparkline) across switches. */
    private final java.util.Map<String, WatchRow> rowCache = new java.util.HashMap<>();
    private java.util.function.Function<String, String> names = s -> null;
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

    /**
     * Replaces the open list's contents without subscribing (start-up: the session subscribes its initial symbols).
     */
    public void setSymbols(Collection<String> symbols) {
        List<WatchRow> next = new ArrayList<>();
        for (String s : symbols) {
            if (next.size() < MAX_SYMBOLS && next.stream().noneMatch(r -> r.symbol().equals(s))) {
                next.add(row(s));
            }
        }
        rows.setAll(next);
        dropUnusedRows();
    }

    private WatchRow row(String symbol) {
        return rowCache.computeIfAbsent(symbol, WatchRow::new);
    }

    private void dropUnusedRows() {
        java.util.Set<String> used = new java.util.HashSet<>(allSymbols());
        rowCache.keySet().removeIf(s -> !used.contains(s));
    }

    /** The names of the lists, in tab order. */
    public ObservableList<String> listNames() {
        return listNames;
    }

    public javafx.beans.property.ReadOnlyStringProperty activeListProperty() {
        return activeList.getReadOnlyProperty();
    }

    /** Every symbol of every list (what the session subscribes), the open list's first. */
    public List<String> allSymbols() {
        List<String> all = new ArrayList<>(symbols());
        for (List<String> l : lists.values()) {
            for (String s : l) {
                if (!all.contains(s)) {
                    all.add(s);
                }
            }
        }
        return all;
    }

    /** Every list, as saved. */
    public WatchLists lists() {
        java.util.LinkedHashMap<String, List<String>> m = new java.util.LinkedHashMap<>();
        for (String name : listNames) {
            m.put(name, name.equals(activeList.get()) ? symbols() : lists.getOrDefault(name, List.of()));
        }
        return new WatchLists(m, activeList.get());
    }

    /** Puts back saved lists without subscribing (the session subscribes {@link #allSymbols()} when it starts). */
    public void setLists(WatchLists saved) {
        lists.clear();
        saved.lists().forEach((name, symbols) -> lists.put(name, new ArrayList<>(symbols)));
        listNames.setAll(saved.lists().keySet());
        activeList.set(saved.active());
        setSymbols(lists.remove(saved.active()));
    }

    /** Opens another list. */
    public void switchTo(String name) {
        if (name == null || name.equals(activeList.get()) || !lists.containsKey(name)) {
            return;
        }
        lists.put(activeList.get(), symbols());
        activeList.set(name);
        setSymbols(lists.remove(name));
        addError.set("");
    }

    /** A new, empty list, opened; null when fine, else why not. */
    public String newList(String typed) {
        String name = typed == null ? "" : typed.strip();
        String problem = checkName(name);
        if (problem != null) {
            return problem;
        }
        if (listNames.size() >= WatchLists.MAX_LISTS) {
            return "At most " + WatchLists.MAX_LISTS + " watchlists";
        }
        lists.put(activeList.get(), symbols());
        lists.put(name, new ArrayList<>());
        listNames.add(name);
        activeList.set(name);
        setSymbols(lists.remove(name));
        return null;
    }

    /** Renames a list; null when fine, else why not. */
    public String renameList(String from, String typed) {
        String name = typed == null ? "" : typed.strip();
        if (name.equals(from)) {
            return null;
        }
        String problem = checkName(name);
        if (problem != null) {
            return problem;
        }
        int i = listNames.indexOf(from);
        if (i < 0) {
            return "No list called " + from;
        }
        if (from.equals(activeList.get())) {
            activeList.set(name);
        } else {
            java.util.LinkedHashMap<String, List<String>> renamed = new java.util.LinkedHashMap<>();
            lists.forEach((k, v) -> renamed.put(k.equals(from) ? name : k, v));
            lists.clear();
            lists.putAll(renamed);
        }
        listNames.set(i, name);
        return null;
    }

    /** Deletes a list (never the last one); its symbols in no other list are unsubscribed. */
    public void deleteList(String name) {
        if (listNames.size() <= 1 || !listNames.contains(name)) {
            return;
        }
        List<String> gone = name.equals(activeList.get()) ? symbols() : lists.get(name);
        if (name.equals(activeList.get())) {
            String next = listNames.get(listNames.indexOf(name) == 0 ? 1 : 0);
            activeList.set(next);
            setSymbols(lists.remove(next));
        } else {
            lists.remove(name);
        }
        listNames.remove(name);
        List<String> still = allSymbols();
        for (String s : gone) {
            if (!still.contains(s)) {
                unsubscriber.accept(s);
            }
        }
        dropUnusedRows();
    }

    /** Adds a watched symbol to another list too ("a symbol in several"). */
    public void addToList(String name, String symbol) {
        if (name.equals(activeList.get())) {
            if (indexOf(symbol) < 0 && rows.size() < MAX_SYMBOLS) {
                rows.add(row(symbol));
            }
            return;
        }
        List<String> l = lists.get(name);
        if (l != null && !l.contains(symbol) && l.size() < MAX_SYMBOLS) {
            l.add(symbol);
        }
    }

    /** Moves a row to another place in the user's order (a drag). */
    public void move(String symbol, int toIndex) {
        int from = indexOf(symbol);
        if (from < 0) {
            return;
        }
        int to = Math.max(0, Math.min(toIndex, rows.size() - 1));
        if (from != to) {
            WatchRow r = rows.remove(from);
            rows.add(to, r);
        }
    }

    private String checkName(String name) {
        if (name.isEmpty()) {
            return "Type a name for the list";
        }
        if (name.length() > WatchLists.MAX_NAME) {
            return "A list's name is at most " + WatchLists.MAX_NAME + " characters";
        }
        if (listNames.contains(name)) {
            return "There is a list called " + name + " already";
        }
        return null;
    }

    /** Where the source's names come from (null: none). */
    void names(java.util.function.Function<String, String> lookup) {
        this.names = lookup;
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
        boolean watched = allSymbols().contains(symbol);
        WatchRow row = row(symbol);
        rows.add(row);
        addError.set("");
        if (!watched) {
            subscriber.accept(symbol);
        }
        return row;
    }

    /** Removes the symbol from the open list; unsubscribed when no other list has it. */
    public void remove(String symbol) {
        int i = indexOf(symbol);
        if (i >= 0) {
            rows.remove(i);
            if (!allSymbols().contains(symbol)) {
                unsubscriber.accept(symbol);
                rowCache.remove(symbol);
            }
        }
    }

    /** The server refused a symbol: drop the row and say so next to the add field. */
    void rejected(String symbol, String message) {
        int i = indexOf(symbol);
        if (i >= 0) {
            rows.remove(i);
        }
        for (List<String> l : lists.values()) {
            l.remove(symbol);
        }
        rowCache.remove(symbol);
        addError.set(symbol + ": " + (message == null || message.isBlank() ? "rejected by the server" : message));
    }

    /** Says something next to the add field (a list could not be made or renamed). */
    public void showError(String message) {
        addError.set(message);
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
            for (WatchRow row : rows) {
                if (row.nameProperty().get() == null) {
                    row.setName(names.apply(row.symbol()));
                }
            }
            rowsChanged = true;
        }
    }

    /** Marks the rows whose symbol {@code alerted} says an alert fired on (once per frame). */
    void markAlerted(java.util.function.Predicate<String> alerted) {
        for (WatchRow row : rows) {
            if (row.setAlerted(alerted.test(row.symbol()))) {
                rowsChanged = true;
            }
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
