package io.stockmonitor.soak;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything a chaos soak run is made of (docs/RELIABILITY.md). {@link #full} is the documented 30-minute run,
 * {@link #ci} the 60-second one the build runs; {@link #fromArgs} changes either from a command line.
 *
 * @param chaos             how long faults are injected (the run takes longer: start-up, warm-up, catch-up)
 * @param seed              the one seed everything random derives from: the simulator's prices, the fault schedule
 * @param connections       feed connections in all, the headless app's included
 * @param symbols           what every connection subscribes to (the simulator serves exactly these)
 * @param ratePerSymbol     simulated ticks per second per symbol
 * @param historyTicks      the simulator's resume history per symbol: small, so a long outage outlives it
 * @param minFaultGapMs     shortest pause between two faults (drawn uniformly up to the longest)
 * @param maxFaultGapMs     longest pause between two faults
 * @param longestFaultMs    the longest a black hole, throttle, silence or delay lasts
 * @param maxLongOutages    long outages at most (each takes a path down for {@link #longOutage()})
 * @param warmup            time after every connection is up before the first memory sample
 * @param sampleEvery       memory samples in between (the first and last are always taken)
 * @param heapGrowthMiB     bound on live-heap growth (after a full GC) from the first sample to the last
 * @param rssGrowthMiB      bound on resident-set growth from the first sample to the last
 * @param childHeap         heap of the simulator and the app processes, fixed and touched at start (-Xms = -Xmx,
 *                          AlwaysPreTouch), so that their resident set grows only outside the heap
 * @param outDir            where logs, the app's record and the report go
 */
public record SoakSettings(Duration chaos, long seed, int connections, List<String> symbols, double ratePerSymbol,
                           int historyTicks, long minFaultGapMs, long maxFaultGapMs, long longestFaultMs,
                           int maxLongOutages, Duration warmup, Duration sampleEvery, long heapGrowthMiB,
                           long rssGrowthMiB, String childHeap, Path outDir) {
    public SoakSettings {
        symbols = List.copyOf(symbols);
        if (connections < 2 || symbols.isEmpty() || minFaultGapMs > maxFaultGapMs) {
            throw new IllegalArgumentException("bad soak settings");
        }
    }

    /**
     * The documented run: 50 connections (49 clients and the app), 12 symbols at 4 ticks/s each, a fault every 1 to
     * 6 s, memory sampled every 5 minutes from 2 minutes in.
     */
    public static SoakSettings full(Duration chaos, long seed) {
        return new SoakSettings(chaos, seed, 50, List.of("AAPL", "MSFT", "GOOGL", "AMZN", "NVDA", "META", "TSLA",
                "JPM", "V", "XOM", "NFLX", "AMD"), 4.0, 200, 1_000, 6_000, 6_000, Integer.MAX_VALUE,
                Duration.ofMinutes(2), Duration.ofMinutes(5), 32, 96, "512m",
                Path.of("target", "soak", "soak-" + seed));
    }

    /**
     * The build's run: 60 s of faults, 20 connections, 8 symbols at 5 ticks/s, a fault every 0.4 to 1.6 s, one long
     * outage.
     */
    public static SoakSettings ci(long seed, Path outDir) {
        return new SoakSettings(Duration.ofSeconds(60), seed, 20, List.of("AAPL", "MSFT", "GOOGL", "AMZN", "NVDA",
                "META", "TSLA", "JPM"), 5.0, 100, 400, 1_600, 4_000, 1, Duration.ofSeconds(3), Duration.ZERO, 32, 96,
                "256m", outDir);
    }

    /**
     * The outage that outlives the resume history: with {@code historyTicks} retained at {@code ratePerSymbol}, a
     * client away this long comes back too old to resume (Poisson arrivals: 40 % more than the history's span
     * makes "fewer ticks than the history" vanishingly unlikely), so it must take a snapshot.
     */
    public Duration longOutage() {
        return Duration.ofMillis(Math.round(historyTicks / ratePerSymbol * 1400) + 3_000);
    }

    /**
     * The documented run changed by {@code --minutes M --seed N --connections C --symbols A,B --rate R
     * --history-ticks H --warmup-seconds W --out DIR}.
     */
    public static SoakSettings fromArgs(String[] args) {
        Map<String, String> o = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("expected --option value pairs, got " + args[i]);
            }
            o.put(args[i], args[++i]);
        }
        long seed = o.containsKey("--seed") ? Long.parseLong(o.remove("--seed")) : System.nanoTime();
        double minutes = Double.parseDouble(o.getOrDefault("--minutes", "30"));
        o.remove("--minutes");
        SoakSettings s = full(Duration.ofMillis(Math.round(minutes * 60_000)), seed);
        int connections = Integer.parseInt(o.getOrDefault("--connections", Integer.toString(s.connections)));
        List<String> symbols = o.containsKey("--symbols") ? List.of(o.get("--symbols").split(",")) : s.symbols;
        double rate = Double.parseDouble(o.getOrDefault("--rate", Double.toString(s.ratePerSymbol)));
        int history = Integer.parseInt(o.getOrDefault("--history-ticks", Integer.toString(s.historyTicks)));
        Duration warmup = o.containsKey("--warmup-seconds")
                ? Duration.ofSeconds(Long.parseLong(o.get("--warmup-seconds"))) : s.warmup;
        Path out = o.containsKey("--out") ? Path.of(o.get("--out")) : s.outDir;
        o.keySet().removeAll(List.of("--connections", "--symbols", "--rate", "--history-ticks", "--warmup-seconds",
                "--out"));
        if (!o.isEmpty()) {
            throw new IllegalArgumentException("unknown options " + o.keySet() + "; known: --minutes --seed "
                    + "--connections --symbols --rate --history-ticks --warmup-seconds --out");
        }
        return new SoakSettings(s.chaos, seed, connections, symbols, rate, history, s.minFaultGapMs,
                s.maxFaultGapMs, s.longestFaultMs, s.maxLongOutages, warmup, s.sampleEvery, s.heapGrowthMiB,
                s.rssGrowthMiB, s.childHeap, out);
    }
}
