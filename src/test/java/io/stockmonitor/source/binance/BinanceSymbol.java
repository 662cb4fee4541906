package io.stockmonitor.source.binance;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * What the Binance emulator knows of one symbol beyond the {@link io.stockmonitor.source.testing.EmulatedMarket}:
 * its assets and status (exchangeInfo), the underlying trade ids {@code f}..{@code l} of each aggregate trade, the
 * order book update id of bookTicker, and aggregate ids that history marks invalid. Emulator thread only.
 */
final class BinanceSymbol {
    final String symbol;
    final String baseAsset;
    final String quoteAsset;
    final BigDecimal tickSize;
    final RawTradeIds rawIds;
    final Set<Long> invalidated = new HashSet<>();
    String status = "TRADING";
    long bookUpdateId;

    BinanceSymbol(String symbol, String baseAsset, String quoteAsset, BigDecimal tickSize, long firstAggId) {
        this.symbol = symbol;
        this.baseAsset = baseAsset;
        this.quoteAsset = quoteAsset;
        this.tickSize = tickSize;
        // Real ids: the underlying trade ids run ahead of the aggregate ids (several trades per aggregate), and the
        // book's update id is larger still. Nothing may assume they start anywhere in particular.
        this.rawIds = new RawTradeIds(firstAggId, firstAggId + firstAggId / 4 + 17);
        this.bookUpdateId = 3 * firstAggId + 400_000_000L;
    }

    /** A deterministic 64-bit mix (SplitMix64's finaliser): stable pseudo-random facts derived from an id. */
    static long mix(long x) {
        long z = x + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Best bid (even) or ask (odd) quantity shown with book update {@code u}: 0.001 .. 50.000. */
    BigDecimal bookQty(long u, boolean ask) {
        return BigDecimal.valueOf(1 + Math.floorMod(mix(2 * u + (ask ? 1 : 0)), 50_000), 3);
    }

    /**
     * The underlying trade ids of each aggregate trade: aggregate {@code a} covers {@code first(a)..last(a)}, one
     * to three trades, and the ranges follow each other without holes (what the live feed shows in practice; the
     * documentation does not promise it). Computed lazily from the first aggregate id, so trades skipped on the
     * socket still get their ids.
     */
    static final class RawTradeIds {
        private final long firstAgg;
        private long[] firsts = new long[1024];
        private int known;

        RawTradeIds(long firstAgg, long firstRaw) {
            this.firstAgg = firstAgg;
            this.firsts[0] = firstRaw;
            this.known = 1;
        }

        long first(long agg) {
            long index = agg - firstAgg;
            if (index < 0 || index > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("aggregate id out of range: " + agg);
            }
            while (known <= index) {
                if (known == firsts.length) {
                    firsts = Arrays.copyOf(firsts, firsts.length * 2);
                }
                long previous = firstAgg + known - 1;
                firsts[known] = firsts[known - 1] + count(previous);
                known++;
            }
            return firsts[(int) index];
        }

        long last(long agg) {
            return first(agg) + count(agg) - 1;
        }

        static int count(long agg) {
            return 1 + (int) Math.floorMod(mix(agg), 3L);
        }
    }
}
