package io.stockmonitor.simulator;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The price and size the simulator publishes as tick {@code seq} of a symbol in its {@code epochIndex}-th epoch,
 * recomputed from the seed the way the simulator does it (one {@link PriceModel} per symbol and epoch, seeded apart
 * from arrival timing), so a checker in another process can tell a real tick from a forged one. Thread-safe; each
 * (epoch, symbol) keeps the values computed so far (8 bytes a tick).
 */
public final class ReferenceTicks {
    private final long seed;
    private final double ratePerSymbol;
    private final Map<String, SymbolSpec> specs = new HashMap<>();
    private final Map<String, Series> series = new HashMap<>();

    /** For a simulator run with {@code --symbols symbols --seed seed --rate ratePerSymbol}. */
    public ReferenceTicks(List<String> symbols, long seed, double ratePerSymbol) {
        this.seed = seed;
        this.ratePerSymbol = ratePerSymbol;
        for (SymbolSpec spec : DefaultUniverse.resolve(symbols)) {
            specs.put(spec.symbol(), spec);
        }
    }

    /** Price in cents of tick {@code seq} (from 1); -1 for a symbol the simulator does not have. */
    public long priceCents(int epochIndex, String symbol, long seq) {
        Series s = series(epochIndex, symbol);
        return s == null ? -1 : s.priceCents(seq);
    }

    /** Size of tick {@code seq}; -1 for an unknown symbol. */
    public long size(int epochIndex, String symbol, long seq) {
        Series s = series(epochIndex, symbol);
        return s == null ? -1 : s.size(seq);
    }

    private synchronized Series series(int epochIndex, String symbol) {
        SymbolSpec spec = specs.get(symbol);
        if (spec == null) {
            return null;
        }
        return series.computeIfAbsent(epochIndex + "|" + symbol,
                k -> new Series(new PriceModel(spec, seed, epochIndex, ratePerSymbol)));
    }

    /** One symbol's ticks in one epoch, computed on demand. */
    private static final class Series {
        private final PriceModel model;
        private int[] cents = new int[1024];
        private int[] sizes = new int[1024];
        private int computed;

        Series(PriceModel model) {
            this.model = model;
        }

        synchronized long priceCents(long seq) {
            extendTo(seq);
            return cents[(int) seq - 1];
        }

        synchronized long size(long seq) {
            extendTo(seq);
            return sizes[(int) seq - 1];
        }

        private void extendTo(long seq) {
            if (seq < 1 || seq > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("no tick " + seq);
            }
            while (computed < seq) {
                if (computed == cents.length) {
                    cents = java.util.Arrays.copyOf(cents, cents.length * 2);
                    sizes = java.util.Arrays.copyOf(sizes, sizes.length * 2);
                }
                model.next(computed + 1L);
                cents[computed] = Math.toIntExact(model.priceCents());
                sizes[computed] = Math.toIntExact(model.size());
                computed++;
            }
        }
    }
}
