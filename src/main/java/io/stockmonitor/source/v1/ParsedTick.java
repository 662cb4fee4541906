package io.stockmonitor.source.v1;

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
    public long size;
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

    void clear() {
        symbol = null;
        seen = 0;
    }

    /** Null when every field is present and sane, else what is wrong (for the rate-limited log). */
    String problem() {
        if ((seen & ALL) != ALL) {
            return "tick without " + missing();
        }
        if (!(price > 0) || Double.isInfinite(price)) {
            return "tick with bad price " + price;
        }
        if (!Double.isFinite(bid) || !Double.isFinite(ask) || bid < 0 || ask < 0) {
            return "tick with bad bid/ask";
        }
        if (seq <= 0 || size < 0) {
            return "tick with bad seq or size";
        }
        return null;
    }

    private String missing() {
        String[] names = {"symbol", "seq", "ts", "price", "size", "bid", "ask"};
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
