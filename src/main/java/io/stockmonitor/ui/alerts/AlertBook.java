package io.stockmonitor.ui.alerts;

import io.stockmonitor.alerts.AlertLimits;
import io.stockmonitor.alerts.AlertRule;
import java.util.ArrayList;
import java.util.List;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The user's alert rules, in the order made, each with a unique id (FX thread). Changes go to the running session
 * and to the alerts file through the listeners on {@link #rules()}.
 */
public final class AlertBook {
    private final ObservableList<AlertRule> rules = FXCollections.observableArrayList();
    private final ObservableList<AlertRule> readOnly = FXCollections.unmodifiableObservableList(rules);
    private long nextId = 1;

    public ObservableList<AlertRule> rules() {
        return readOnly;
    }

    /** The rules to evaluate: every one not paused. */
    public List<AlertRule> active() {
        List<AlertRule> out = new ArrayList<>();
        for (AlertRule r : rules) {
            if (!r.paused()) {
                out.add(r);
            }
        }
        return out;
    }

    /** Replaces everything (a file was read). */
    public void load(List<AlertRule> loaded) {
        long max = 0;
        List<AlertRule> kept = new ArrayList<>();
        for (AlertRule r : loaded) {
            if (kept.size() < AlertLimits.MAX_RULES && find(kept, r.id()) < 0) {
                kept.add(r);
                max = Math.max(max, r.id());
            }
        }
        nextId = max + 1;
        rules.setAll(kept);
    }

    /**
     * Adds a rule made from {@code draft} (its id is replaced by a new one); returns it.
     *
     * @throws IllegalStateException beyond {@link AlertLimits#MAX_RULES} in all or
     *                               {@link AlertLimits#MAX_RULES_PER_SYMBOL} on one symbol
     */
    public AlertRule add(AlertRule draft) {
        if (rules.size() >= AlertLimits.MAX_RULES) {
            throw new IllegalStateException("At most " + AlertLimits.MAX_RULES + " alerts");
        }
        long onSymbol = rules.stream().filter(r -> r.symbol().equals(draft.symbol())).count();
        if (onSymbol >= AlertLimits.MAX_RULES_PER_SYMBOL) {
            throw new IllegalStateException("At most " + AlertLimits.MAX_RULES_PER_SYMBOL + " alerts on "
                    + draft.symbol());
        }
        AlertRule rule = draft.withId(nextId++);
        rules.add(rule);
        return rule;
    }

    /** Replaces the rule with the same id (an edit); false when there is none. */
    public boolean replace(AlertRule rule) {
        int i = find(rules, rule.id());
        if (i < 0) {
            return false;
        }
        rules.set(i, rule);
        return true;
    }

    public void remove(long id) {
        int i = find(rules, id);
        if (i >= 0) {
            rules.remove(i);
        }
    }

    public void setPaused(long id, boolean paused) {
        int i = find(rules, id);
        if (i >= 0 && rules.get(i).paused() != paused) {
            rules.set(i, rules.get(i).withPaused(paused));
        }
    }

    public AlertRule get(long id) {
        int i = find(rules, id);
        return i < 0 ? null : rules.get(i);
    }

    private static int find(List<AlertRule> list, long id) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).id() == id) {
                return i;
            }
        }
        return -1;
    }
}
