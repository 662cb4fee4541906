package io.stockmonitor.simulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** The simulator's symbols: well-known tickers with plausible (simulated) starting prices and volatilities. */
final class DefaultUniverse {
    /** Symbols the wire accepts: upper-case letters, digits, dot and dash. */
    static final Pattern SYMBOL = Pattern.compile("[A-Z0-9][A-Z0-9.\\-]{0,11}");

    private static final Map<String, SymbolSpec> KNOWN = new LinkedHashMap<>();

    static {
        add("AAPL", 189_50, 0.25, 1.0);
        add("MSFT", 415_20, 0.24, 1.0);
        add("GOOGL", 172_80, 0.28, 1.2);
        add("AMZN", 185_30, 0.32, 1.2);
        add("NVDA", 121_40, 0.55, 1.5);
        add("META", 505_60, 0.38, 1.5);
        add("TSLA", 248_70, 0.60, 2.0);
        add("BRK.B", 412_10, 0.16, 2.0);
        add("JPM", 201_90, 0.22, 1.5);
        add("V", 276_40, 0.20, 1.5);
        add("JNJ", 152_30, 0.15, 1.5);
        add("WMT", 68_90, 0.18, 2.0);
        add("PG", 166_20, 0.15, 1.5);
        add("XOM", 114_50, 0.26, 1.5);
        add("MA", 462_80, 0.21, 1.5);
        add("HD", 352_10, 0.23, 1.5);
        add("KO", 62_40, 0.14, 2.0);
        add("PEP", 171_30, 0.15, 1.5);
        add("DIS", 101_70, 0.30, 2.0);
        add("NFLX", 645_90, 0.40, 2.0);
        add("INTC", 31_20, 0.45, 3.0);
        add("AMD", 158_60, 0.52, 2.0);
        add("CSCO", 47_80, 0.22, 2.5);
        add("ORCL", 138_40, 0.30, 2.0);
        add("IBM", 183_20, 0.22, 2.0);
    }

    private DefaultUniverse() {
    }

    private static void add(String symbol, long cents, double vol, double bps) {
        KNOWN.put(symbol, new SymbolSpec(symbol, cents, vol, bps));
    }

    static List<String> defaultSymbols() {
        return List.copyOf(KNOWN.keySet());
    }

    /**
     * Specs for {@code symbols} (the default universe when empty). A symbol outside the default universe gets a
     * starting price and volatility derived from its name, so any ticker can be simulated.
     */
    static List<SymbolSpec> resolve(List<String> symbols) {
        if (symbols.isEmpty()) {
            return List.copyOf(KNOWN.values());
        }
        List<SymbolSpec> specs = new ArrayList<>();
        for (String s : symbols) {
            if (!SYMBOL.matcher(s).matches()) {
                throw new IllegalArgumentException("not a valid symbol: \"" + s + "\"");
            }
            if (specs.stream().anyMatch(spec -> spec.symbol().equals(s))) {
                throw new IllegalArgumentException("symbol listed twice: " + s);
            }
            SymbolSpec known = KNOWN.get(s);
            if (known != null) {
                specs.add(known);
            } else {
                int h = s.hashCode() & 0x7fffffff;
                long cents = 10_00 + (h % 490_00);
                double vol = 0.15 + (h % 40) / 100.0;
                specs.add(new SymbolSpec(s, cents, vol, 2.0));
            }
        }
        return List.copyOf(specs);
    }
}
