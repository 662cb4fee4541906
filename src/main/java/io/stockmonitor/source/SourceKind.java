package io.stockmonitor.source;

import java.util.Locale;

/**
 * Where prices come from. The names are the command line's {@code --source} values; the badge is what the window
 * shows at all times so a trader knows whose prices are on screen.
 */
public enum SourceKind {
    DEMO("demo", "SIMULATED DATA", "Demo (bundled simulator)", false),
    V1("v1", "FEED", "Stock Monitor protocol server", false),
    BINANCE("binance", "BINANCE", "Binance spot", false),
    COINBASE("coinbase", "COINBASE", "Coinbase Exchange", false),
    KRAKEN("kraken", "KRAKEN", "Kraken", false),
    ALPACA("alpaca", "ALPACA · IEX", "Alpaca (IEX, key and secret)", true),
    FINNHUB("finnhub", "FINNHUB", "Finnhub (token)", true);

    private final String id;
    private final String badge;
    private final String title;
    private final boolean keyed;

    SourceKind(String id, String badge, String title, boolean keyed) {
        this.id = id;
        this.badge = badge;
        this.title = title;
        this.keyed = keyed;
    }

    /** The {@code --source} value, also the record's epoch for provider trades. */
    public String id() {
        return id;
    }

    /** What the window's badge says while this source's prices are on screen. */
    public String badge() {
        return badge;
    }

    /** The name in File → Connect…. */
    public String title() {
        return title;
    }

    /** True when the provider needs a key, secret or token. */
    public boolean keyed() {
        return keyed;
    }

    /** True for a market-data provider (not our own protocol). */
    public boolean provider() {
        return this != DEMO && this != V1;
    }

    /** The kind named {@code id} (any case), or null. */
    public static SourceKind parse(String id) {
        if (id == null) {
            return null;
        }
        String wanted = id.trim().toLowerCase(Locale.ROOT);
        for (SourceKind k : values()) {
            if (k.id.equals(wanted)) {
                return k;
            }
        }
        return null;
    }
}
