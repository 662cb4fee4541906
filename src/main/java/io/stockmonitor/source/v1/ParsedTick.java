package io.stockmonitor.source.v1;

import io.stockmonitor.source.TradeValues;

/**
 * Reusable holder of the tick being processed: the parser fills it, the client reads it, nothing keeps it. Avoids a
 * record per tick on the hot path.
 */
public final class ParsedTick {
    /** The interned symbol from the client's table, or null when the frame named a symbol not in it. */
    public String symbol;
    public long seq;
    public long ts;
    public double price;
    /** Whole shares from the simulator; a fraction from a relay of a venue that trades fractions (v2). */
    public double size;
    public double bid;
    public double ask;
    int seen;

    static final int SYMBOL = 1;
    static final int SEQ = 1 << 1;
    static final int TS = 1 << 2;
    static final int PRICE = 1 << 3;
    static final int SIZE = 1 << 4;
    static final int BID = 1 << 5;
    static final int ASK = 1 << 6;
    static final int ALL = SYMBOL | SEQ | TS | PRICE | SIZE | BID | ASK;
    /** The fields a tick must have (docs/PROTOCOL.md); bid and ask may be left out (the quote stays as it was). */
    static final int REQUIRED = SYMBOL | SEQ | TS | PRICE | SIZE;

    void clear() {
        symbol = null;
        seen = 0;
        bid = Double.NaN;
        ask = Double.NaN;
    }

    /**
     * Null when every required field is present and can be what it claims (a price, a size, a time), else what is
     * wrong (for the rate-limited log). Bid and ask are optional: NaN when absent.
     */
    String problem(long nowMs) {
        if ((seen & REQUIRED) != REQUIRED) {
            return "tick without " + missing();
        }
        if (!TradeValues.price(price)) {
            return "tick with bad price " + price;
        }
        if ((seen & BID) != 0 && (!Double.isFinite(bid) || bid < 0)
                || (seen & ASK) != 0 && (!Double.isFinite(ask) || ask < 0)) {
            return "tick with bad bid/ask";
        }
        if (seq <= 0) {
            return "tick with bad seq " + seq;
        }
        if (!TradeValues.size(size)) {
            return "tick with bad size " + size;
        }
        if (!TradeValues.time(ts, nowMs)) {
            return "tick with a time that cannot be one: " + ts;
        }
        return null;
    }

    private String missing() {
        String[] names = {"symbol", "seq", "ts", "price", "size"};
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < names.length; i++) {
            if ((seen & (1 << i)) == 0) {
                sb.append(sb.length() == 0 ? "" : ",").append(names[i]);
            }
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return "tick " + symbol + " #" + seq + " ts=" + ts + " " + price + " x" + size + " " + bid + "/" + ask;
    }
}
