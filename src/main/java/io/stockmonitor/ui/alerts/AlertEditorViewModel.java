package io.stockmonitor.ui.alerts;

import io.stockmonitor.alerts.AlertKind;
import io.stockmonitor.alerts.AlertRule;
import io.stockmonitor.source.SymbolSpelling;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The alert editor's fields as text, checked into an {@link AlertRule} by {@link #build()}; what is wrong is said in
 * {@link #errorProperty()}, next to the fields, never in a second dialog.
 */
public final class AlertEditorViewModel {
    private final StringProperty symbol = new SimpleStringProperty(this, "symbol", "");
    private final ObjectProperty<AlertKind> kind = new SimpleObjectProperty<>(this, "kind", AlertKind.PRICE_ABOVE);
    private final StringProperty level = new SimpleStringProperty(this, "level", "");
    private final StringProperty window = new SimpleStringProperty(this, "window", "5");
    private final StringProperty line = new SimpleStringProperty(this, "line", "");
    private final BooleanProperty oneShot = new SimpleBooleanProperty(this, "oneShot", true);
    private final StringProperty rearm = new SimpleStringProperty(this, "rearm", "0.1");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private long id;

    /** Fields for a new rule on {@code symbol} at {@code price} (NaN: none). */
    public void startNew(String forSymbol, double price) {
        id = 0;
        symbol.set(forSymbol == null ? "" : forSymbol);
        kind.set(AlertKind.PRICE_ABOVE);
        level.set(Double.isNaN(price) ? "" : AlertRule.plain(price));
        window.set("5");
        line.set("");
        oneShot.set(true);
        rearm.set("0.1");
        error.set("");
    }

    /** Fields of an existing rule (an edit keeps its id). */
    public void edit(AlertRule r) {
        id = r.id();
        symbol.set(r.symbol());
        kind.set(r.kind());
        level.set(r.kind().isLine() || r.kind() == AlertKind.STALE ? "" : AlertRule.plain(r.level()));
        window.set(r.window() > 0 ? Integer.toString(r.window()) : r.kind() == AlertKind.STALE ? "30" : "5");
        line.set(r.line() == null ? "" : r.line());
        oneShot.set(r.oneShot());
        rearm.set(AlertRule.plain(r.rearmPercent()));
        error.set("");
    }

    /** The rule the fields describe (id 0 for a new one), or null with {@link #errorProperty()} saying why. */
    public AlertRule build() {
        String s = SymbolSpelling.normalize(symbol.get());
        if (s == null) {
            return fail("Type a symbol, e.g. AAPL or BTCUSDT");
        }
        AlertKind k = kind.get();
        double lv = 0;
        int w = 0;
        if (needsLevel()) {
            Double parsed = number(level.get());
            if (parsed == null) {
                return fail(levelLabel() + ": type a number");
            }
            lv = parsed;
        }
        if (needsWindow()) {
            Double parsed = number(window.get());
            if (parsed == null || parsed != Math.rint(parsed)) {
                return fail(windowLabel() + ": type a whole number");
            }
            w = parsed.intValue();
        }
        double r = 0;
        if (!oneShot.get()) {
            Double parsed = number(rearm.get());
            if (parsed == null || parsed < 0) {
                return fail("Re-arm distance: type a number, 0 or more");
            }
            r = parsed;
        }
        try {
            // Saving arms the rule (a fired one-shot edited is meant to fire again); Pause is the panel's button.
            AlertRule rule = new AlertRule(id, s, k, lv, w, k.isLine() ? line.get() : null, oneShot.get(), r,
                    false, null);
            error.set("");
            return rule;
        } catch (IllegalArgumentException e) {
            return fail(capitalized(e.getMessage()));
        }
    }

    /** Shows a problem found after the fields were checked (the book is full). */
    public void reportError(String why) {
        error.set(why);
    }

    private AlertRule fail(String why) {
        error.set(why);
        return null;
    }

    private static Double number(String text) {
        if (text == null) {
            return null;
        }
        try {
            double v = Double.parseDouble(text.trim().replace(",", ""));
            return Double.isFinite(v) ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static String capitalized(String s) {
        return s == null || s.isEmpty() ? "Not a valid alert" : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public boolean needsLevel() {
        AlertKind k = kind.get();
        return k.isPrice() || k.isChange() || k.isMove();
    }

    public boolean needsWindow() {
        AlertKind k = kind.get();
        return k.isMove() || k == AlertKind.STALE;
    }

    /** What the level field holds for the chosen kind. */
    public String levelLabel() {
        AlertKind k = kind.get();
        return k.isPrice() ? "Price" : k.isChange() ? "Day change %" : "Move %";
    }

    public String windowLabel() {
        return kind.get() == AlertKind.STALE ? "Seconds" : "Within minutes";
    }

    public BooleanBinding levelShown() {
        return Bindings.createBooleanBinding(this::needsLevel, kind);
    }

    public BooleanBinding windowShown() {
        return Bindings.createBooleanBinding(this::needsWindow, kind);
    }

    public BooleanBinding lineShown() {
        return Bindings.createBooleanBinding(() -> kind.get().isLine(), kind);
    }

    public StringBinding levelLabelBinding() {
        return Bindings.createStringBinding(this::levelLabel, kind);
    }

    public StringBinding windowLabelBinding() {
        return Bindings.createStringBinding(this::windowLabel, kind);
    }

    public StringProperty symbolProperty() {
        return symbol;
    }

    public ObjectProperty<AlertKind> kindProperty() {
        return kind;
    }

    public StringProperty levelProperty() {
        return level;
    }

    public StringProperty windowProperty() {
        return window;
    }

    public StringProperty lineProperty() {
        return line;
    }

    public BooleanProperty oneShotProperty() {
        return oneShot;
    }

    public StringProperty rearmProperty() {
        return rearm;
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** True when editing an existing rule. */
    public boolean editing() {
        return id != 0;
    }
}
