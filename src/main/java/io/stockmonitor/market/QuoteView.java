package io.stockmonitor.market;

/**
 * Reusable, mutable copy of one symbol's quote, filled by {@link MarketModel#readQuote} (no allocation per read).
 * Prices are {@code NaN} until known. Only the reading thread may touch an instance.
 */
public final class QuoteView {
    String symbol;
    long version;
    long seq;
    double last = Double.NaN;
    double bid = Double.NaN;
    double ask = Double.NaN;
    double open = Double.NaN;
    double high = Double.NaN;
    double low = Double.NaN;
    double prevClose = Double.NaN;
    double volume;
    double lastSize = Double.NaN;
    long lastTradeTs = -1;
    double bidSize = Double.NaN;
    double askSize = Double.NaN;
    double change = Double.NaN;
    double changePercent = Double.NaN;
    double previousLast = Double.NaN;
    long lastChangeAtMs = -1;
    long lastUpdateMs = -1;
    Freshness freshness = Freshness.STALE;
    long ageMs = -1;
    boolean hasData;
    GapKind lastGapKind;
    long lastGapAtMs = -1;
    long lastGapMissed = -1;
    long lastGapRefilled = -1;
    long liveDelayMs;

    public String symbol() {
        return symbol;
    }

    /** Per-symbol change counter: equal versions mean nothing changed since the previous read. */
    public long version() {
        return version;
    }

    /** Feed sequence number of the latest applied tick or snapshot. */
    public long seq() {
        return seq;
    }

    public double last() {
        return last;
    }

    public double bid() {
        return bid;
    }

    public double ask() {
        return ask;
    }

    /** Day open. */
    public double open() {
        return open;
    }

    /** Day high. */
    public double high() {
        return high;
    }

    /** Day low. */
    public double low() {
        return low;
    }

    public double prevClose() {
        return prevClose;
    }

    /** Day volume (fractional for crypto pairs). */
    public double volume() {
        return volume;
    }

    /** Size of the latest trade; NaN before one. */
    public double lastSize() {
        return lastSize;
    }

    /** Time of the latest trade (the source's, ms); -1 before one. */
    public long lastTradeTs() {
        return lastTradeTs;
    }

    /** Size at the best bid where the source quotes it, else NaN. */
    public double bidSize() {
        return bidSize;
    }

    /** Size at the best ask where the source quotes it, else NaN. */
    public double askSize() {
        return askSize;
    }

    /** {@code last - prevClose}, rounded to 1/10,000 so it prints cleanly; NaN without a previous close. */
    public double change() {
        return change;
    }

    /** {@code 100 * change / prevClose}; NaN without a positive previous close. */
    public double changePercent() {
        return changePercent;
    }

    /** The last price before the latest price change, for the up/down flash; NaN before the first change. */
    public double previousLast() {
        return previousLast;
    }

    /** Receive time of the latest price change, -1 if none. */
    public long lastChangeAtMs() {
        return lastChangeAtMs;
    }

    /** Receive time of the latest data (tick or snapshot), -1 if none. */
    public long lastUpdateMs() {
        return lastUpdateMs;
    }

    public Freshness freshness() {
        return freshness;
    }

    /** Time since the latest data (or confirmation that it is current); -1 when no data arrived yet. */
    public long ageMs() {
        return ageMs;
    }

    public boolean hasData() {
        return hasData;
    }

    /** How late the newest live trade arrived (receive time minus its own time), in ms. */
    public long liveDelayMs() {
        return liveDelayMs;
    }

    /** How the symbol's latest gap ended (exact, by time, lost); null if it never had one. */
    public GapKind lastGapKind() {
        return lastGapKind;
    }

    /** When the latest gap was settled, -1 if never. */
    public long lastGapAtMs() {
        return lastGapAtMs;
    }

    /** Trades the latest gap lost for good, -1 when unknown. */
    public long lastGapMissed() {
        return lastGapMissed;
    }

    /** Trades the latest gap's refill recovered, -1 when unknown. */
    public long lastGapRefilled() {
        return lastGapRefilled;
    }

    /** True when the last price change went up (for the flash colour); false when down or unknown. */
    public boolean lastChangeUp() {
        return last > previousLast;
    }

    @Override
    public String toString() {
        return "QuoteView[" + symbol + " v" + version + " seq=" + seq + " last=" + last + " bid=" + bid + " ask=" + ask
                + " " + freshness + " age=" + ageMs + "ms]";
    }
}
