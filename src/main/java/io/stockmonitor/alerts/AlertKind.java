package io.stockmonitor.alerts;

/** What a rule watches. */
public enum AlertKind {
    /** The last price crosses above a level. */
    PRICE_ABOVE("price above", true),
    /** The last price crosses below a level. */
    PRICE_BELOW("price below", false),
    /** The day's change % goes above a level (against the previous close). */
    CHANGE_ABOVE("day change % above", true),
    /** The day's change % goes below a level (may be negative). */
    CHANGE_BELOW("day change % below", false),
    /** The price rises at least X % from its low within the last N minutes. */
    MOVE_UP("rises X % within N min", true),
    /** The price falls at least X % from its high within the last N minutes. */
    MOVE_DOWN("falls X % within N min", false),
    /** Either. */
    MOVE_ANY("moves X % within N min", true),
    /** The price crosses above an indicator line. */
    LINE_ABOVE("crosses above a line", true),
    /** The price crosses below an indicator line. */
    LINE_BELOW("crosses below a line", false),
    /** The symbol's data have been stale (nothing new) or delayed (trades arriving late) for N seconds. */
    STALE("stale or delayed for N s", true);

    private final String label;
    private final boolean upward;

    AlertKind(String label, boolean upward) {
        this.label = label;
        this.upward = upward;
    }

    /** For menus and lists. */
    public String label() {
        return label;
    }

    /** True when the rule fires on a rise (a move in either direction counts as upward for display). */
    public boolean upward() {
        return upward;
    }

    public boolean isMove() {
        return this == MOVE_UP || this == MOVE_DOWN || this == MOVE_ANY;
    }

    public boolean isLine() {
        return this == LINE_ABOVE || this == LINE_BELOW;
    }

    public boolean isChange() {
        return this == CHANGE_ABOVE || this == CHANGE_BELOW;
    }

    public boolean isPrice() {
        return this == PRICE_ABOVE || this == PRICE_BELOW;
    }
}
