package io.stockmonitor.simulator;

import java.util.SplittableRandom;

/**
 * Simulated trades of one symbol: geometric Brownian motion with occasional jumps, penny ticks, a quoted spread
 * and round/odd lot sizes. The randomness of tick {@code seq} comes from (seed, symbol, epoch, seq) alone and the
 * only state carried from one tick to the next is the mid price ({@link #state()}): so the n-th tick of a symbol is
 * the same for the same seed however the symbols' ticks interleave in time, and a producer that takes a shared
 * history over ({@link #restore}) goes on with exactly the ticks its predecessor would have made. Not thread-safe:
 * one producer owns it.
 */
final class PriceModel {
    /** Trading seconds per year, to scale annual volatility to one tick. */
    private static final double SECONDS_PER_YEAR = 252 * 6.5 * 3600;
    /** Makes the simulated market livelier than real intraday moves, so demos show visible motion. */
    private static final double DEMO_VOLATILITY_BOOST = 4.0;
    private static final double JUMP_PROBABILITY = 0.002;
    private static final double JUMP_STDEV = 0.006;

    private final SymbolSpec spec;
    private final long symbolSeed;
    private final double sigmaPerTick;
    private SplittableRandom random;
    private double mid;

    // The latest trade, read by the feed after next().
    private long priceCents;
    private long bidCents;
    private long askCents;
    private long size;

    PriceModel(SymbolSpec spec, long seed, int epochIndex, double ratePerSymbol) {
        this.spec = spec;
        this.symbolSeed = mix(seed, spec.symbol(), epochIndex);
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

    /** The state after the latest tick: what {@link #restore} takes to go on from it. */
    double state() {
        return mid;
    }

    /** Goes on after a tick whose {@link #state()} was {@code mid} (prices of the last tick are the caller's). */
    void restore(double state) {
        this.mid = state;
    }

    /** Makes tick {@code seq} (the one after the state held). */
    void next(long seq) {
        random = new SplittableRandom(mix(symbolSeed, seq));
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

    /** One tick's generator seed: the symbol's, stirred with the seq (SplitMix64's finalizer). */
    private static long mix(long symbolSeed, long seq) {
        long h = symbolSeed + seq * 0x9E3779B97F4A7C15L;
        h = (h ^ (h >>> 30)) * 0xbf58476d1ce4e5b9L;
        h = (h ^ (h >>> 27)) * 0x94d049bb133111ebL;
        return h ^ (h >>> 31);
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
