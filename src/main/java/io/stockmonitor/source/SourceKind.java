package io.stockmonitor.source;

import java.util.Locale;

/**
 * Where prices come from. The names are the command line's {@code --source} values; the badge is what the window
 * shows at all times so a trader knows whose prices are on screen.
 */
public enum SourceKind {
    DEMO("demo", "SIMULATED DATA", "Demo (bundled simulator)", false,
            "Simulated prices. Every tick exactly once: the server resumes each symbol by sequence number."),
    V1("v1", "FEED", "Stock Monitor protocol server", false,
            "Every tick exactly once while the server's history reaches back: it resumes each symbol by sequence "
                    + "number; a resync from a snapshot is shown as a gap."),
    BINANCE("binance", "BINANCE", "Binance spot", false,
            "Every trade exactly once: gaps are refilled by aggregate trade id and proven complete."),
    COINBASE("coinbase", "COINBASE", "Coinbase Exchange", false,
            "Every trade exactly once: gaps are refilled by trade id and proven complete."),
    KRAKEN("kraken", "KRAKEN", "Kraken", false,
            "Every trade exactly once: gaps are refilled from the trade history and checked by trade id."),
    ALPACA("alpaca", "ALPACA · IEX", "Alpaca (IEX, key and secret)", true,
            "Gaps are refilled by time; Alpaca's trade ids are not consecutive, so completeness cannot be proven."),
    FINNHUB("finnhub", "FINNHUB", "Finnhub (token)", true,
            "Trades only, with no history to refill from: every reconnect is a visible gap of unknown size.");

    private final String id;
    private final String badge;
    private final String title;
    private final boolean keyed;
    private final String guarantee;

    SourceKind(String id, String badge, String title, boolean keyed, String guarantee) {
        this.id = id;
        this.badge = badge;
        this.title = title;
        this.keyed = keyed;
        this.guarantee = guarantee;
    }

    /** What the source can promise about completeness, in one sentence (the status bar's tooltip, the docs). */
    public String guarantee() {
        return guarantee;
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

    /**
     * True for a provider whose trade ids rise by exactly one per trade of a symbol (Binance's aggregate ids,
     * Coinbase's and Kraken's trade ids): the ids alone tell how many trades lie between two.
     */
    public boolean contiguousIds() {
        return this == BINANCE || this == COINBASE || this == KRAKEN;
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
