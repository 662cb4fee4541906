package io.stockmonitor.alerts;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * One alert rule, as the user defined it (immutable; the engine keeps its evaluation state apart, by {@link #id}).
 *
 * @param id           unique among the rules of one book or command line
 * @param symbol       in the source's own spelling
 * @param level        the price (price rules), the change % (change rules), the move % (move rules); 0 for line and
 *                     stale rules
 * @param window       minutes for move rules, seconds for stale rules, 0 otherwise
 * @param line         the indicator line's name for line rules, else null
 * @param oneShot      fires once, then never again
 * @param rearmPercent for a re-arming rule, how far the value must come back on the other side before the rule
 *                     can fire again: % of the level for price and line rules, percentage points for change and
 *                     move rules; 0 re-arms as soon as the value is back (not beyond the level)
 * @param paused       kept but not evaluated
 * @param text         the short form, e.g. {@code AAPL>190}: what the log, the record and the command line show
 */
public record AlertRule(long id, String symbol, AlertKind kind, double level, int window, String line,
                        boolean oneShot, double rearmPercent, boolean paused, String text) {

    public AlertRule {
        Objects.requireNonNull(symbol, "symbol");
        Objects.requireNonNull(kind, "kind");
        if (symbol.isEmpty()) {
            throw new IllegalArgumentException("a rule needs a symbol");
        }
        if (!Double.isFinite(level) || !(rearmPercent >= 0) || !Double.isFinite(rearmPercent)) {
            throw new IllegalArgumentException("level and re-arm distance must be finite numbers, re-arm >= 0");
        }
        if (kind.isPrice() && !(level > 0)) {
            throw new IllegalArgumentException("a price level must be positive, got " + plain(level));
        }
        if (kind.isChange() && !(level > -100 && level < 100_000)) {
            throw new IllegalArgumentException("a change % must be above -100, got " + plain(level));
        }
        if (kind.isMove()) {
            if (!(level > 0 && level < 100_000)) {
                throw new IllegalArgumentException("a move must be a positive %, got " + plain(level));
            }
            if (window < 1 || window > AlertLimits.MAX_MOVE_MINUTES) {
                throw new IllegalArgumentException("a move's window must be 1 to " + AlertLimits.MAX_MOVE_MINUTES
                        + " minutes, got " + window);
            }
        }
        if (kind == AlertKind.STALE && (window < 1 || window > AlertLimits.MAX_STALE_SECONDS)) {
            throw new IllegalArgumentException("a stale rule needs 1 to " + AlertLimits.MAX_STALE_SECONDS
                    + " seconds, got " + window);
        }
        if (kind.isLine() && (line == null || line.isBlank())) {
            throw new IllegalArgumentException("a line rule needs the line's name");
        }
        if (text == null || text.isBlank()) {
            text = defaultText(kind, symbol, level, window, line);
        }
        if (text.length() > AlertLimits.MAX_RULE_TEXT) {
            text = text.substring(0, AlertLimits.MAX_RULE_TEXT);
        }
    }

    /** A rule with its short form made from its values. */
    public static AlertRule of(long id, String symbol, AlertKind kind, double level, int window, String line,
                               boolean oneShot, double rearmPercent) {
        return new AlertRule(id, symbol, kind, level, window, line, oneShot, rearmPercent, false, null);
    }

    /** Price crosses above ({@code above}) or below a level. */
    public static AlertRule price(long id, String symbol, boolean above, double level, boolean oneShot,
                                  double rearmPercent) {
        return of(id, symbol, above ? AlertKind.PRICE_ABOVE : AlertKind.PRICE_BELOW, level, 0, null, oneShot,
                rearmPercent);
    }

    public AlertRule withId(long newId) {
        return new AlertRule(newId, symbol, kind, level, window, line, oneShot, rearmPercent, paused, text);
    }

    public AlertRule withPaused(boolean p) {
        return new AlertRule(id, symbol, kind, level, window, line, oneShot, rearmPercent, p, text);
    }

    /** The short form for these values: {@code AAPL>190}, {@code AAPL%<-1.5}, {@code AAPL+2%/5m}, ... */
    public static String defaultText(AlertKind kind, String symbol, double level, int window, String line) {
        return switch (kind) {
            case PRICE_ABOVE -> symbol + ">" + plain(level);
            case PRICE_BELOW -> symbol + "<" + plain(level);
            case CHANGE_ABOVE -> symbol + "%>" + plain(level);
            case CHANGE_BELOW -> symbol + "%<" + plain(level);
            case MOVE_UP -> symbol + "+" + plain(level) + "%/" + window + "m";
            case MOVE_DOWN -> symbol + "-" + plain(level) + "%/" + window + "m";
            case MOVE_ANY -> symbol + "±" + plain(level) + "%/" + window + "m";
            case LINE_ABOVE -> symbol + ">[" + line + "]";
            case LINE_BELOW -> symbol + "<[" + line + "]";
            case STALE -> symbol + " stale " + window + "s";
        };
    }

    /** What the rule watches, in words: "AAPL rises 2 % within 5 min". */
    public String describe() {
        String what = switch (kind) {
            case PRICE_ABOVE -> "price crosses above " + plain(level);
            case PRICE_BELOW -> "price crosses below " + plain(level);
            case CHANGE_ABOVE -> "day change above " + signed(level) + " %";
            case CHANGE_BELOW -> "day change below " + signed(level) + " %";
            case MOVE_UP -> "rises " + plain(level) + " % in " + window + " min";
            case MOVE_DOWN -> "falls " + plain(level) + " % in " + window + " min";
            case MOVE_ANY -> "moves " + plain(level) + " % in " + window + " min";
            case LINE_ABOVE -> "crosses above " + line;
            case LINE_BELOW -> "crosses below " + line;
            case STALE -> "stale or delayed for " + window + " s";
        };
        return symbol + " " + what;
    }

    /** "once", or how it re-arms. */
    public String rearmText() {
        if (oneShot) {
            return "once";
        }
        if (rearmPercent == 0) {
            return "every crossing";
        }
        return "re-arms " + plain(rearmPercent) + (kind.isChange() || kind.isMove() ? " pt" : " %");
    }

    /** A number as typed by a person: no exponent, no trailing zeros. */
    public static String plain(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String signed(double v) {
        return (v > 0 ? "+" : "") + plain(v);
    }
}
