package io.stockmonitor.simulator;

import io.stockmonitor.protocol.HistoryInterval;
import java.util.SplittableRandom;

/**
 * The simulated market before an epoch started: bars of every interval from 1 s to 1 day, for
 * {@link SimulatorConfig#DERIVED_HISTORY_DAYS} days before the start, derived on demand from the seed rather than
 * stored (a year of 1 s bars would be 31 million per symbol).
 *
 * <p>How: the days are a mean-reverting random walk backwards from the start, computed once (a few hundred numbers).
 * Every bar is then split into the bars of the next finer interval (a day into six 4 h bars, ..., a 5 s bar into
 * five 1 s bars) by a generator seeded with the bar's own interval and start time: a Brownian bridge from its open
 * to its close that touches its high in one child and its low in another, and its volume shared among the
 * children. So any bar is computed from its ancestors alone, in a handful of steps and in any order, and the
 * intervals agree exactly: a 1 h bar is the aggregate of its 1 m bars, and so on down to the seconds.
 *
 * <p>The walk is scaled so that the last derived second closes at the epoch's first price: the live 1 s bars go on
 * from there. Its volatility per second is the live price model's, so the seconds before the start look like those
 * after it. The bar that holds the start (at every interval above 1 s) is partly derived, partly live: {@link
 * #partialBar} gives its derived part, which the live bars then extend.
 *
 * <p>Everything is a pure function of (seed, symbol, epoch index, start second, first price): every server with
 * those derives the same bars, so only the live part of the history would need to be shared (e.g. the tick streams
 * of issue 13 in Redis, from which the live bars are rebuilt). Immutable; safe on any thread.
 */
final class DerivedHistory {
    private static final HistoryInterval[] LEVELS = HistoryInterval.values();
    private static final HistoryInterval TOP = HistoryInterval.D1;
    private static final long DAY = HistoryInterval.D1.millis();
    /** Trading seconds per year, as the price model scales its volatility. */
    private static final double SECONDS_PER_YEAR = 252 * 6.5 * 3600;
    private static final double DEMO_VOLATILITY_BOOST = 4.0;
    /** The day walk's spread around its long-run level, in log price: it stays within a few times of the start. */
    private static final double LONG_RUN_STDEV = 0.3;
    /** Share of a bar's range its children's anchors may stop short of the high and the low. */
    private static final double ANCHOR_SLACK = 0.15;
    /** Wick of a bar that holds neither its parent's high nor low, in its own per-bar volatility. */
    private static final double WICK = 0.35;
    /** Mean shares per trade of the price model's size mix (65 % round lots averaging ~180, else ~50). */
    private static final double MEAN_TRADE_SIZE = 135;

    private final long anchorMs;
    private final long firstDay;
    private final long horizonMs;
    private final long base;
    private final long startCents;
    private final double sigmaPerSecond;
    private final double[] dayOpen;
    private final double[] dayHigh;
    private final double[] dayLow;
    private final double[] dayClose;
    private final long[] dayVolume;
    private final double reference;

    /**
     * @param startMs     when the epoch started: derived bars end at the second that holds it
     * @param startCents  the price model's first price
     * @param ratePerTick the simulator's ticks per second per symbol (sets the volumes)
     */
    DerivedHistory(SymbolSpec spec, long seed, int epochIndex, long startMs, long startCents, double ratePerTick,
                   int days) {
        this.anchorMs = HistoryInterval.S1.bucket(startMs);
        this.startCents = startCents;
        this.base = PriceModel.mix(seed, spec.symbol() + "#history", epochIndex);
        this.sigmaPerSecond = spec.annualVolatility() * DEMO_VOLATILITY_BOOST * Math.sqrt(1.0 / SECONDS_PER_YEAR);
        long lastDay = Math.floorDiv(anchorMs, DAY);
        this.firstDay = lastDay - days;
        this.horizonMs = firstDay * DAY;
        int n = days + 1;
        dayOpen = new double[n];
        dayHigh = new double[n];
        dayLow = new double[n];
        dayClose = new double[n];
        dayVolume = new long[n];
        walkDays(n, ratePerTick);
        reference = node(HistoryInterval.S1, anchorMs - 1000, new Cursor()).close;
    }

    private void walkDays(int n, double ratePerTick) {
        double sigmaDay = sigmaPerSecond * Math.sqrt(DAY / 1000.0);
        double reversion = Math.min(0.5, Math.max(0.01, sigmaDay * sigmaDay / (2 * LONG_RUN_STDEV * LONG_RUN_STDEV)));
        double close = 0;
        for (int i = n - 1; i >= 0; i--) {
            SplittableRandom r = new SplittableRandom(mix(base, TOP.ordinal(), (firstDay + i) * DAY));
            double open = (1 - reversion) * close + sigmaDay * gaussian(r);
            dayOpen[i] = open;
            dayClose[i] = close;
            dayHigh[i] = Math.max(open, close) + WICK * sigmaDay * Math.abs(gaussian(r));
            dayLow[i] = Math.min(open, close) - WICK * sigmaDay * Math.abs(gaussian(r));
            dayVolume[i] = Math.round(ratePerTick * MEAN_TRADE_SIZE * DAY / 1000.0 * (0.7 + 0.6 * r.nextDouble()));
            close = open;
        }
    }

    /** Derived bars end here: the start of the epoch's first second. */
    long anchorMs() {
        return anchorMs;
    }

    /** Derived bars start here: the oldest day's midnight (UTC). */
    long horizonMs() {
        return horizonMs;
    }

    /**
     * Start of the bar of {@code interval} that holds the anchor: whole derived bars end before it. It is the
     * anchor itself when the epoch started on a bar boundary.
     */
    long end(HistoryInterval interval) {
        return interval.bucket(anchorMs);
    }

    /** Whole bars of {@code interval} that start before {@code beforeMs} (clamped to {@link #end}). */
    long barsBefore(HistoryInterval interval, long beforeMs) {
        long until = Math.min(beforeMs, end(interval));
        if (until <= horizonMs) {
            return 0;
        }
        return (interval.bucket(until - 1) - horizonMs) / interval.millis() + 1;
    }

    /**
     * Adds to {@code out}, newest first and until it is full, the whole bars of {@code interval} that start before
     * {@code beforeMs}.
     */
    void copyNewestFirst(HistoryInterval interval, long beforeMs, BarColumns out) {
        long until = Math.min(beforeMs, end(interval));
        if (until <= horizonMs) {
            return;
        }
        Cursor cursor = new Cursor();
        for (long t = interval.bucket(until - 1); t >= horizonMs && !out.full(); t -= interval.millis()) {
            Node b = node(interval, t, cursor);
            out.addOlder(t, cents(b.open) / 100.0, cents(b.high) / 100.0, cents(b.low) / 100.0, cents(b.close) / 100.0,
                    b.volume);
        }
    }

    /**
     * The derived part of the bar of {@code interval} that holds the anchor: its children before the anchor,
     * aggregated ({@code [start, o, h, l, c, v]}, prices in cents), or null when the anchor starts that bar.
     */
    long[] partialBar(HistoryInterval interval) {
        if (end(interval) == anchorMs) {
            return null;
        }
        Node p = partial(interval, new Cursor());
        return new long[] {end(interval), cents(p.open), cents(p.high), cents(p.low), cents(p.close), p.volume};
    }

    /** The derived price at the anchor's second, in cents: the epoch's first price. */
    long closeBeforeAnchorCents() {
        return cents(reference);
    }

    /** The close of the last whole derived day before the anchor's day, in cents (a previous close). */
    long previousDayCloseCents() {
        return cents(dayClose[dayClose.length - 2]);
    }

    private Node partial(HistoryInterval interval, Cursor cursor) {
        HistoryInterval child = interval.finer();
        Node[] children = children(node(interval, end(interval), cursor));
        long childEnd = child.bucket(anchorMs);
        int whole = (int) ((childEnd - end(interval)) / child.millis());
        Node acc = whole > 0 ? children[0] : null;
        for (int i = 1; i < whole; i++) {
            acc = acc.then(children[i]);
        }
        if (childEnd < anchorMs) {
            Node rest = partial(child, cursor);
            acc = acc == null ? rest : acc.then(rest);
        }
        return acc;
    }

    private long cents(double logPrice) {
        return Math.max(1, Math.round(startCents * Math.exp(logPrice - reference)));
    }

    /** The bar of {@code interval} starting at {@code start}, through its ancestors (cached along the way). */
    private Node node(HistoryInterval interval, long start, Cursor cursor) {
        if (interval == TOP) {
            int i = (int) (Math.floorDiv(start, DAY) - firstDay);
            return new Node(start, interval.millis(), dayOpen[i], dayHigh[i], dayLow[i], dayClose[i], dayVolume[i]);
        }
        HistoryInterval parentInterval = interval.coarser();
        long parentStart = parentInterval.bucket(start);
        int level = interval.ordinal();
        if (cursor.parentStart[level] != parentStart || cursor.children[level] == null) {
            cursor.children[level] = children(node(parentInterval, parentStart, cursor));
            cursor.parentStart[level] = parentStart;
        }
        return cursor.children[level][(int) ((start - parentStart) / interval.millis())];
    }

    /**
     * The bars of the next finer interval that make up {@code parent}: a bridge from its open to its close through
     * points near its high and low, each child clipped into the parent's range; one child reaches the high, another
     * the low; the volume shared by random weights.
     */
    private Node[] children(Node parent) {
        HistoryInterval childInterval = LEVELS[intervalIndex(parent.length) - 1];
        long step = childInterval.millis();
        int f = (int) (parent.length / step);
        SplittableRandom r = new SplittableRandom(mix(base, childInterval.ordinal(), parent.start));
        double sigma = sigmaPerSecond * Math.sqrt(step / 1000.0);
        int highAt = r.nextInt(f);
        int lowAt = r.nextInt(f - 1);
        if (lowAt >= highAt) {
            lowAt++;
        }
        double range = parent.high - parent.low;
        double[] close = new double[f];
        boolean[] fixed = new boolean[f];
        close[highAt] = parent.high - ANCHOR_SLACK * range * r.nextDouble();
        fixed[highAt] = true;
        close[lowAt] = parent.low + ANCHOR_SLACK * range * r.nextDouble();
        fixed[lowAt] = true;
        close[f - 1] = parent.close;
        fixed[f - 1] = true;
        bridge(close, fixed, parent.open, sigma, r);
        Node[] out = new Node[f];
        double[] weights = new double[f];
        double total = 0;
        for (int k = 0; k < f; k++) {
            weights[k] = -Math.log(1 - r.nextDouble()) + 0.05;
            total += weights[k];
        }
        long volumeLeft = parent.volume;
        double open = parent.open;
        for (int k = 0; k < f; k++) {
            double c = Math.min(parent.high, Math.max(parent.low, close[k]));
            double high = k == highAt ? parent.high
                    : Math.min(parent.high, Math.max(open, c) + WICK * sigma * Math.abs(gaussian(r)));
            double low = k == lowAt ? parent.low
                    : Math.max(parent.low, Math.min(open, c) - WICK * sigma * Math.abs(gaussian(r)));
            long v = k == f - 1 ? volumeLeft : Math.min(volumeLeft, (long) (parent.volume * weights[k] / total));
            volumeLeft -= v;
            out[k] = new Node(parent.start + k * step, step, open, high, low, c, v);
            open = c;
        }
        return out;
    }

    /** Fills the free closes between the fixed ones with Brownian bridges (the one before index 0 is {@code open}). */
    private static void bridge(double[] close, boolean[] fixed, double open, double sigma, SplittableRandom r) {
        int from = -1;
        double fromValue = open;
        for (int to = 0; to < close.length; to++) {
            if (!fixed[to]) {
                continue;
            }
            double value = fromValue;
            for (int k = from + 1; k < to; k++) {
                int left = to - k + 1;
                value += (close[to] - value) / left + sigma * Math.sqrt((left - 1.0) / left) * gaussian(r);
                close[k] = value;
            }
            from = to;
            fromValue = close[to];
        }
    }

    private static int intervalIndex(long millis) {
        for (HistoryInterval i : LEVELS) {
            if (i.millis() == millis) {
                return i.ordinal();
            }
        }
        throw new IllegalArgumentException("no interval of " + millis + " ms");
    }

    static long mix(long base, int level, long start) {
        long h = base ^ (start * 0x9E3779B97F4A7C15L) ^ ((long) level << 56);
        h = (h ^ (h >>> 33)) * 0xff51afd7ed558ccdL;
        h = (h ^ (h >>> 33)) * 0xc4ceb9fe1a85ec53L;
        return h ^ (h >>> 33);
    }

    private static double gaussian(SplittableRandom r) {
        return Math.sqrt(-2.0 * Math.log(1.0 - r.nextDouble())) * Math.cos(2.0 * Math.PI * r.nextDouble());
    }

    /** One derived bar in log price. */
    private record Node(long start, long length, double open, double high, double low, double close, long volume) {
        /** This bar followed by {@code next}: one bar over both. */
        Node then(Node next) {
            return new Node(start, length + next.length, open, Math.max(high, next.high), Math.min(low, next.low),
                    next.close, volume + next.volume);
        }
    }

    /** The children last computed at each level, so bars read in a row compute each parent once. */
    private static final class Cursor {
        final long[] parentStart = new long[LEVELS.length];
        final Node[][] children = new Node[LEVELS.length][];

        Cursor() {
            java.util.Arrays.fill(parentStart, Long.MIN_VALUE);
        }
    }
}
