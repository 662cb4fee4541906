package io.stockmonitor.bench.market;

import io.stockmonitor.market.BarBuffer;
import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.Locale;

/**
 * Retained heap of the market model holding 8 h of 1 s bars (and the derived bars and full tick rings) for 200
 * symbols with the product's limits. Args: [symbols] [hours].
 */
public final class MarketMemoryBench {
    private MarketMemoryBench() {
    }

    public static void main(String[] args) {
        int symbols = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        double hours = args.length > 1 ? Double.parseDouble(args[1]) : 8;
        long seconds = (long) (hours * 3_600);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(memory);

        MarketLimits limits = MarketLimits.defaults();
        long t0 = 1_700_000_100_000L;
        long[] now = {t0};
        MarketModel model = new MarketModel(limits, () -> now[0]);
        String[] names = new String[symbols];
        for (int s = 0; s < symbols; s++) {
            names[s] = "SYM" + s;
            model.addSymbol(names[s]);
        }
        long start = System.nanoTime();
        long ticks = 0;
        double[] price = new double[symbols];
        java.util.Arrays.fill(price, 100.00);
        java.util.SplittableRandom random = new java.util.SplittableRandom(1);
        for (long sec = 0; sec < seconds; sec++) {
            long ts = t0 + sec * 1_000;
            for (int s = 0; s < symbols; s++) {
                price[s] = Math.max(1, price[s] + (random.nextInt(21) - 10) / 100.0);
                double p = Math.round(price[s] * 100) / 100.0;
                model.applyTick(names[s], sec + 1, ts + s, p, 100, p - 0.01, p + 0.01, ts + s);
                ticks++;
            }
        }
        double fillSeconds = (System.nanoTime() - start) / 1e9;
        now[0] = t0 + seconds * 1_000;
        long after = usedAfterGc(memory);
        BarBuffer check = new BarBuffer(limits.secondBarsPerSymbol());
        int held = model.readBars(names[0], BarInterval.S1, Long.MIN_VALUE, check);

        long retained = after - before;
        long secondBars = (long) symbols * Math.min(seconds, limits.secondBarsPerSymbol());
        System.out.printf(Locale.ROOT, "symbols=%d hours=%.1f ticks=%d (filled at %.0f ticks/s)%n", symbols, hours,
                ticks, ticks / fillSeconds);
        System.out.printf(Locale.ROOT, "1 s bars held per symbol: %d (limit %d); derived per symbol: 5s=%d 15s=%d "
                        + "1m=%d 5m=%d; ticks per symbol: %d%n", held, limits.secondBarsPerSymbol(),
                limits.barsFor(BarInterval.S5), limits.barsFor(BarInterval.S15), limits.barsFor(BarInterval.M1),
                limits.barsFor(BarInterval.M5), limits.recentTicksPerSymbol());
        System.out.printf(Locale.ROOT, "retained heap: %.1f MB (%.2f MB per symbol), %.1f bytes per 1 s bar held "
                        + "(everything included: derived bars, tick ring, quote state)%n", retained / 1e6,
                retained / 1e6 / symbols, (double) retained / secondBars);
        System.out.println("model version " + model.version());
    }

    private static long usedAfterGc(MemoryMXBean memory) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return memory.getHeapMemoryUsage().getUsed();
    }
}
