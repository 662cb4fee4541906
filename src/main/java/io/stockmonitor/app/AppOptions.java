package io.stockmonitor.app;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the command line asked for, after validation.
 *
 * @param server feed URL ({@code ws://} or {@code wss://}), or null for demo mode or the remembered choice
 * @param demo true when {@code --demo} asked for the bundled simulator explicitly
 * @param token bearer token for the feed, or null
 * @param symbols symbols to subscribe (empty: the default watchlist, or the remembered one)
 * @param headless run without a window
 * @param record JSON Lines record file (headless only), or null
 * @param duration how long a headless run lasts, or null to run until interrupted
 * @param theme "dark" or "light", or null for the remembered theme
 */
public record AppOptions(String server, boolean demo, String token, List<String> symbols, boolean headless,
                         Path record, Duration duration, String theme) {
    /** The default watchlist: about ten well-known symbols, all in the simulator's universe. */
    public static final List<String> DEFAULT_SYMBOLS =
            List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "JPM", "V", "XOM");

    public AppOptions {
        symbols = List.copyOf(symbols);
    }

    /** The symbols to use when none were remembered: the command line's, else the default watchlist. */
    public List<String> symbolsOrDefault() {
        return symbols.isEmpty() ? DEFAULT_SYMBOLS : symbols;
    }
}
