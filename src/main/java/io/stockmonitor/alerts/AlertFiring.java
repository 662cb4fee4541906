package io.stockmonitor.alerts;

import java.time.Instant;
import java.util.Locale;

/** One firing, as the window's log and toasts keep it (made from what the {@link AlertSink} was given). */
public record AlertFiring(AlertRule rule, long seq, long ts, double price, double value, int flags, long atMs) {
    /** The trade was replayed by a resume or refilled from the provider's history, not received live. */
    public static final int REFILLED = 1;
    /** The level was crossed during a gap that was not recovered (the crossing trade itself is missing). */
    public static final int ACROSS_GAP = 2;
    /** Nothing new arrived for the rule's time (found by the timer, no trade behind it). */
    public static final int STALE = 4;
    /** The trade arrived later than the rule's time after it happened. */
    public static final int DELAYED = 8;

    public boolean refilled() {
        return (flags & REFILLED) != 0;
    }

    public boolean acrossGap() {
        return (flags & ACROSS_GAP) != 0;
    }

    /** False for a stale firing: no trade fired it. */
    public boolean hasTrade() {
        return !Double.isNaN(price);
    }

    public String symbol() {
        return rule.symbol();
    }

    /** What happened, in words: "AAPL crossed above 190 at 190.05". */
    public String message() {
        AlertRule r = rule;
        String p = hasTrade() ? AlertRule.plain(price) : "";
        return switch (r.kind()) {
            case PRICE_ABOVE -> r.symbol() + " crossed above " + AlertRule.plain(r.level()) + " at " + p;
            case PRICE_BELOW -> r.symbol() + " crossed below " + AlertRule.plain(r.level()) + " at " + p;
            case CHANGE_ABOVE, CHANGE_BELOW -> r.symbol() + " day change " + percent(value) + " (limit "
                    + percent(r.level()) + ") at " + p;
            case MOVE_UP, MOVE_DOWN, MOVE_ANY -> r.symbol() + " moved " + percent(value) + " within "
                    + r.window() + " min, at " + p;
            case LINE_ABOVE -> r.symbol() + " crossed above " + r.line() + " (" + AlertRule.plain(round(value))
                    + ") at " + p;
            case LINE_BELOW -> r.symbol() + " crossed below " + r.line() + " (" + AlertRule.plain(round(value))
                    + ") at " + p;
            case STALE -> (flags & DELAYED) != 0
                    ? r.symbol() + " trades arriving " + seconds(value) + " late"
                    : r.symbol() + " no fresh data for " + seconds(value);
        };
    }

    /** "refilled", "across a gap", both or neither, for the log's marks column. */
    public String marks() {
        if (refilled() && acrossGap()) {
            return "refilled · across a gap";
        }
        return refilled() ? "refilled" : acrossGap() ? "across a gap" : "";
    }

    /** The trade's time as an ISO instant, or "" without a trade. */
    public String tradeTime() {
        return hasTrade() ? Instant.ofEpochMilli(ts).toString() : "";
    }

    private static String percent(double v) {
        return String.format(Locale.ROOT, "%+.2f %%", v);
    }

    private static String seconds(double ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }
}
