package io.stockmonitor.alerts;

import io.stockmonitor.source.SymbolSpelling;
import java.util.regex.Pattern;

/**
 * The command line's rules, exactly: {@code SYMBOL>PRICE}, {@code SYMBOL<PRICE}, {@code SYMBOL%>PCT},
 * {@code SYMBOL%<PCT} (the day's change %, which may be negative). The symbol is in any source's spelling
 * ({@code AAPL}, {@code BTCUSDT}, {@code BTC-USD}, {@code BTC/USD}); spaces around the parts are allowed. The rule's
 * text is the symbol in upper case, the operator and the number as typed: {@code aapl > 190} reads {@code AAPL>190}.
 */
public final class AlertSyntax {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d{1,15}(\\.\\d{0,12})?|\\.\\d{1,12})");

    private AlertSyntax() {
    }

    /**
     * Parses one rule.
     *
     * @param rearmPercent null for a one-shot rule, else the re-arm distance ({@code --alert-rearm})
     * @throws IllegalArgumentException with one line saying what is wrong
     */
    public static AlertRule parse(String typed, long id, Double rearmPercent) {
        if (typed == null || typed.isBlank()) {
            throw new IllegalArgumentException("an alert rule is empty; use SYMBOL>PRICE, SYMBOL<PRICE, SYMBOL%>PCT "
                    + "or SYMBOL%<PCT");
        }
        for (int i = 0; i < typed.length(); i++) {
            if (Character.isISOControl(typed.charAt(i))) {
                throw bad(typed, "a control character");
            }
        }
        String s = typed.trim();
        int op = indexOfOperator(s);
        if (op < 0) {
            throw bad(typed, "no > or <");
        }
        if (indexOfOperator(s.substring(op + 1)) >= 0) {
            throw bad(typed, "more than one > or <");
        }
        boolean above = s.charAt(op) == '>';
        String left = s.substring(0, op).trim();
        boolean percent = left.endsWith("%");
        if (percent) {
            left = left.substring(0, left.length() - 1).trim();
        }
        String symbol = SymbolSpelling.normalize(left);
        if (left.isEmpty() || symbol == null) {
            throw bad(typed, "'" + left + "' is not a symbol");
        }
        String number = s.substring(op + 1).trim();
        if (!NUMBER.matcher(number).matches()) {
            throw bad(typed, "'" + number + "' is not a plain number");
        }
        double level = Double.parseDouble(number);
        if (!percent && !(level > 0)) {
            throw bad(typed, "a price must be positive");
        }
        if (percent && !(level > -100)) {
            throw bad(typed, "a day change below -100 % cannot happen");
        }
        AlertKind kind = percent ? (above ? AlertKind.CHANGE_ABOVE : AlertKind.CHANGE_BELOW)
                : (above ? AlertKind.PRICE_ABOVE : AlertKind.PRICE_BELOW);
        String text = symbol + (percent ? "%" : "") + (above ? ">" : "<") + number;
        boolean oneShot = rearmPercent == null;
        try {
            return new AlertRule(id, symbol, kind, level, 0, null, oneShot, oneShot ? 0 : rearmPercent, false, text);
        } catch (IllegalArgumentException e) {
            throw bad(typed, e.getMessage());
        }
    }

    private static int indexOfOperator(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '>' || c == '<') {
                return i;
            }
        }
        return -1;
    }

    private static IllegalArgumentException bad(String typed, String why) {
        String shown = typed.length() > 60 ? typed.substring(0, 60) + "…" : typed;
        return new IllegalArgumentException("--alert '" + shown.replaceAll("\\p{Cntrl}", "?") + "': " + why
                + " (use SYMBOL>PRICE, SYMBOL<PRICE, SYMBOL%>PCT or SYMBOL%<PCT)");
    }
}
