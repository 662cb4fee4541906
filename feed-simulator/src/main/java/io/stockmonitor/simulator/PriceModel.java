package io.stockmonitor.simulator;

import java.util.SplittableRandom;

/**
 * Simulated trades of one symbol: geometric Brownian motion with occasional jumps, penny ticks, a quoted spread
 * and round/odd lot sizes. Seeded per symbol, so the n-th tick of a symbol is the same for the same seed however
 * the symbols' ticks interleave in time. Not thread-safe: the symbol's feed lock guards it.
 */
final class PriceModel {
    /** Trading seconds per year, to scale annual volatility to one tick. */
    private static final double SECONDS_PER_YEAR = 252 * 6.5 * 3600;
    /** Makes the simulated market livelier than real intraday moves, so demos show visible motion. */
    private static final double DEMO_VOLATILITY_BOOST = 4.0;
    private static final double JUMP_PROBABILITY = 0.002;
    private static final double JUMP_STDEV = 0.006;

    private final SymbolSpec spec;
    private final SplittableRandom random;
    private final double sigmaPerTick;
    private double mid;

    // The latest trade, read by the feed after next().
    private long priceCents;
    private long bidCents;
    private long askCents;
    private long size;

    PriceModel(SymbolSpec spec, long seed, int epochIndex, double ratePerSymbol) {
        this.spec = spec;
        this.random = new SplittableRandom(mix(seed, spec.symbol(), epochIndex));
        double dtYears = 1.0 / ratePerSymbol / SECONDS_PER_YEAR;
        this.sigmaPerTick = spec.annualVolatility() * DEMO_VOLATILITY_BOOST * Math.sqrt(dtYears);
        this.mid = spec.startCents();
        this.priceCents = spec.startCents();
        long spread = spreadCents(priceCents);
        this.bidCents = priceCents - spread / 2;
        this.askCents = bidCents + spread;
    }

    /** Seed of one symbol's generator: independent of other symbols and of arrival timing. */
    static long mix(long seed, String symbol, int epochIndex) {
        long h = seed * 0x9E3779B97F4A7C15L + symbol.hashCode();
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL + epochIndex;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    void next() {
        double z = gaussian();
        double logReturn = -0.5 * sigmaPerTick * sigmaPerTick + sigmaPerTick * z;
        if (random.nextDouble() < JUMP_PROBABILITY) {
            logReturn += JUMP_STDEV * gaussian();
        }
        mid = Math.max(1.0, mid * Math.exp(logReturn));
        long cents = Math.max(1, Math.round(mid));
        long spread = spreadCents(cents);
        long below = random.nextLong(spread + 1);
        long bid = cents - below;
        if (bid < 1) {
            bid = 1;
        }
        priceCents = cents;
        bidCents = bid;
        askCents = bid + spread;
        if (askCents < priceCents) {
            askCents = priceCents;
        }
        size = nextSize();
    }

    private long spreadCents(long cents) {
        return Math.max(1, Math.round(cents * spec.spreadBps() / 10_000.0));
    }

    private long nextSize() {
        if (random.nextDouble() < 0.65) {
            // Round lots: mostly 100s, sometimes several hundred.
            int lots = 1;
            while (lots < 50 && random.nextDouble() < 0.45) {
                lots++;
            }
            return lots * 100L;
        }
        return 1 + random.nextLong(99);
    }

    private double gaussian() {
        // Box-Muller on the symbol's own generator keeps the sequence reproducible.
        double u1 = random.nextDouble();
        double u2 = random.nextDouble();
        return Math.sqrt(-2.0 * Math.log(1.0 - u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    long priceCents() {
        return priceCents;
    }

    long bidCents() {
        return bidCents;
    }

    long askCents() {
        return askCents;
    }

    long size() {
        return size;
    }

    SymbolSpec spec() {
        return spec;
    }
}
