package io.stockmonitor.source.kraken;

import io.stockmonitor.source.Trade;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the socket said about the most recent trade ids of each symbol (price and size), so a refill can check that
 * Kraken's REST history numbers trades as the socket does. The docs call both "trade id" per pair but never say they
 * are one numbering; if a REST row disagrees with the socket about an id, ids prove nothing about the span and the
 * refill must not be called exact.
 *
 * <p>Per symbol a direct-mapped table of {@link #PER_SYMBOL} slots indexed by {@code id mod PER_SYMBOL}: trade ids are
 * sequential, so the last {@value #PER_SYMBOL} ids of a symbol never collide, and remembering a trade is three array
 * stores (no allocation on the trade path). Feed thread only.
 */
final class SocketTradeMemory {
    /** Ids remembered per symbol: several refill pages' worth of overlap on both sides of a gap. */
    static final int PER_SYMBOL = 4096;
    private static final int MASK = PER_SYMBOL - 1;

    private final Map<String, Slots> bySymbol = new HashMap<>();

    /** One symbol's table. */
    private static final class Slots {
        final long[] ids = new long[PER_SYMBOL];
        final double[] prices = new double[PER_SYMBOL];
        final double[] sizes = new double[PER_SYMBOL];

        Slots() {
            Arrays.fill(ids, Long.MIN_VALUE);
        }
    }

    void add(String symbol) {
        bySymbol.computeIfAbsent(symbol, s -> new Slots());
    }

    void remove(String symbol) {
        bySymbol.remove(symbol);
    }

    /** A trade the socket carried (valid, of a subscribed symbol). */
    void remember(String symbol, long id, double price, double size) {
        Slots s = bySymbol.get(symbol);
        if (s != null) {
            int i = (int) (id & MASK);
            s.ids[i] = id;
            s.prices[i] = price;
            s.sizes[i] = size;
        }
    }

    /**
     * The first REST row that contradicts the socket (same id, another price or size), described for the log; null
     * when every row the socket also carried agrees.
     */
    String disagreement(String symbol, List<Trade> rows) {
        Slots s = bySymbol.get(symbol);
        if (s == null) {
            return null;
        }
        for (Trade t : rows) {
            int i = (int) (t.id() & MASK);
            if (s.ids[i] == t.id() && (s.prices[i] != t.price() || s.sizes[i] != t.size())) {
                return "trade id " + t.id() + " is price " + t.price() + ", size " + t.size() + " over REST but price "
                        + s.prices[i] + ", size " + s.sizes[i] + " on the socket";
            }
        }
        return null;
    }

    /** How many REST rows the socket also carried (the overlap actually checked). */
    int overlap(String symbol, List<Trade> rows) {
        Slots s = bySymbol.get(symbol);
        int n = 0;
        if (s != null) {
            for (Trade t : rows) {
                if (s.ids[(int) (t.id() & MASK)] == t.id()) {
                    n++;
                }
            }
        }
        return n;
    }
}
