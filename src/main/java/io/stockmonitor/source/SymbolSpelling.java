package io.stockmonitor.source;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * What a symbol may look like, in any source's own spelling: AAPL, BRK.B, BTCUSDT, BTC-USD, BTC/USD,
 * BINANCE:BTCUSDT. Upper case, at most 32 characters; anything else is refused before it reaches a provider.
 */
public final class SymbolSpelling {
    public static final Pattern PATTERN = Pattern.compile("[A-Z0-9][A-Z0-9./:_\\-]{0,31}");

    private SymbolSpelling() {
    }

    /** The symbol as typed, trimmed and in upper case, or null when it cannot be a symbol. */
    public static String normalize(String typed) {
        if (typed == null) {
            return null;
        }
        String s = typed.trim().toUpperCase(Locale.ROOT);
        return PATTERN.matcher(s).matches() ? s : null;
    }
}
