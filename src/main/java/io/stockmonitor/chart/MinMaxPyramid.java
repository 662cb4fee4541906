package io.stockmonitor.chart;

/**
 * A pyramid of min / max (with their row indices), volume sums and last times over a time-ordered series, so that
 * a pixel column covering millions of rows is summarised from a few dozen precomputed blocks rather than a scan.
 *
 * <p>Level 0 summarises aligned blocks of {@value #FAN} rows, level {@code L} aligned blocks of {@code FAN^(L+1)}
 * rows. Blocks are aligned to storage indices; a block covers the rows written into it (rows dropped from the front
 * of a series stay in its first block, so {@link #scan} uses a block only when the rows it needs cover it whole).
 * The minimum is taken over {@code lows}, the maximum over {@code highs} (the same column for a line; low and high
 * for candles); {@code NaN} rows are ignored by both (a column of NaN only has min +∞, max −∞, index −1).
 *
 * <p>Cost: an appended row folds into one block per level, O(levels); a rewritten row (the live candle) recomputes
 * its path, O({@value #FAN} × levels); a rebuild is O(rows). A scan from row {@code i} up to a time climbs the
 * levels while whole blocks end before the time, then descends: O({@value #FAN} × levels) whatever the rows covered.
 * Not thread-safe; no allocation once the storage has its size.
 */
final class MinMaxPyramid {

    static final int SHIFT = 4;
    static final int FAN = 1 << SHIFT;
    static final int MASK = FAN - 1;
    /** Enough levels for {@link ChartBounds#MAX_SERIES_CAPACITY} × 2 rows of storage. */
    static final int MAX_LEVELS = 7;

    private int levels;
    private double[][] min = new double[0][];
    private double[][] max = new double[0][];
    private int[][] minIndex = new int[0][];
    private int[][] maxIndex = new int[0][];
    private double[][] sum = new double[0][];
    private long[][] lastTime = new long[0][];

    private long[] time;
    private double[] lows;
    private double[] highs;
    private double[] volumes;

    // Result of the last scan (fields, so that a scan allocates nothing).
    double scanMin;
    double scanMax;
    int scanMinIndex;
    int scanMaxIndex;
    double scanSum;

    /** The series' columns (again after they were reallocated); {@code volumes} may be null (sums stay 0). */
    void bind(long[] times, double[] lowColumn, double[] highColumn, double[] volumeColumn) {
        time = times;
        lows = lowColumn;
        highs = highColumn;
        volumes = volumeColumn;
    }

    /** Makes room for summaries of {@code storageLength} rows. */
    void ensureStorage(int storageLength) {
        int needed = 1;
        long rows = FAN;
        while (rows < storageLength && needed < MAX_LEVELS) {
            rows <<= SHIFT;
            needed++;
        }
        if (needed > levels || min.length == 0 || min[0].length < blocks(storageLength, 0)) {
            levels = Math.max(needed, levels);
            min = new double[levels][];
            max = new double[levels][];
            minIndex = new int[levels][];
            maxIndex = new int[levels][];
            sum = new double[levels][];
            lastTime = new long[levels][];
            for (int l = 0; l < levels; l++) {
                int n = blocks(storageLength, l);
                min[l] = new double[n];
                max[l] = new double[n];
                minIndex[l] = new int[n];
                maxIndex[l] = new int[n];
                sum[l] = new double[n];
                lastTime[l] = new long[n];
            }
        }
    }

    private static int blocks(int storageLength, int level) {
        return (storageLength >>> (SHIFT * (level + 1))) + 1;
    }

    int levels() {
        return levels;
    }

    /** Recomputes every block from rows {@code [0, end)}. */
    void rebuild(int end) {
        if (end <= 0) {
            return;
        }
        int lastBlock = (end - 1) >>> SHIFT;
        for (int b = 0; b <= lastBlock; b++) {
            blockFromRows(b, end);
        }
        for (int l = 1; l < levels; l++) {
            int lastChild = lastBlock;
            lastBlock >>>= SHIFT;
            for (int b = 0; b <= lastBlock; b++) {
                blockFromChildren(l, b, lastChild);
            }
        }
    }

    /** Row {@code i} was appended (it is the newest row): folds it into its block at every level. */
    void appended(int i) {
        double lo = lows[i];
        double hi = highs[i];
        double v = volumes == null ? 0 : volumes[i];
        long t = time[i];
        for (int l = 0; l < levels; l++) {
            int shift = SHIFT * (l + 1);
            int b = i >>> shift;
            lastTime[l][b] = t;
            if ((i & ((1 << shift) - 1)) == 0) {
                // The row starts this block: whatever the block held before (an earlier pass) is replaced.
                min[l][b] = Double.isNaN(lo) ? Double.POSITIVE_INFINITY : lo;
                minIndex[l][b] = Double.isNaN(lo) ? -1 : i;
                max[l][b] = Double.isNaN(hi) ? Double.NEGATIVE_INFINITY : hi;
                maxIndex[l][b] = Double.isNaN(hi) ? -1 : i;
                sum[l][b] = v;
            } else {
                if (lo < min[l][b]) {
                    min[l][b] = lo;
                    minIndex[l][b] = i;
                }
                if (hi > max[l][b]) {
                    max[l][b] = hi;
                    maxIndex[l][b] = i;
                }
                sum[l][b] += v;
            }
        }
    }

    /** Row {@code i} (any row below {@code end}) was rewritten: recomputes its block at every level. */
    void rewritten(int i, int end) {
        int b = i >>> SHIFT;
        blockFromRows(b, end);
        int lastChild = (end - 1) >>> SHIFT;
        for (int l = 1; l < levels; l++) {
            b >>>= SHIFT;
            blockFromChildren(l, b, lastChild);
            lastChild >>>= SHIFT;
        }
    }

    private void blockFromRows(int b, int end) {
        int from = b << SHIFT;
        int to = Math.min(end, from + FAN);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int iLo = -1;
        int iHi = -1;
        double s = 0;
        for (int k = from; k < to; k++) {
            if (lows[k] < lo) {
                lo = lows[k];
                iLo = k;
            }
            if (highs[k] > hi) {
                hi = highs[k];
                iHi = k;
            }
            if (volumes != null) {
                s += volumes[k];
            }
        }
        min[0][b] = lo;
        max[0][b] = hi;
        minIndex[0][b] = iLo;
        maxIndex[0][b] = iHi;
        sum[0][b] = s;
        lastTime[0][b] = time[to - 1];
    }

    /** Block {@code b} of level {@code l} from its children at level {@code l - 1} up to {@code lastChild}. */
    private void blockFromChildren(int l, int b, int lastChild) {
        int from = b << SHIFT;
        int to = Math.min(lastChild + 1, from + FAN);
        double[] cMin = min[l - 1];
        double[] cMax = max[l - 1];
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int iLo = -1;
        int iHi = -1;
        double s = 0;
        for (int k = from; k < to; k++) {
            if (cMin[k] < lo) {
                lo = cMin[k];
                iLo = minIndex[l - 1][k];
            }
            if (cMax[k] > hi) {
                hi = cMax[k];
                iHi = maxIndex[l - 1][k];
            }
            s += sum[l - 1][k];
        }
        min[l][b] = lo;
        max[l][b] = hi;
        minIndex[l][b] = iLo;
        maxIndex[l][b] = iHi;
        sum[l][b] = s;
        lastTime[l][b] = lastTime[l - 1][to - 1];
    }

    /**
     * Folds rows from {@code i} (below {@code to}) while their time is before {@code limit} into {@link #scanMin},
     * {@link #scanMax} (and indices) and {@link #scanSum}, which the caller has initialised; returns the first row
     * not folded (its time is ≥ {@code limit}, or it is {@code to}).
     */
    int scan(int i, int to, long limit) {
        if (i >= to) {
            return i;
        }
        if (time[to - 1] < limit) {
            // Everything left is in this column: fold [i, to) through the blocks without looking for the end.
            foldRange(i, to);
            return to;
        }
        // A row below `to` reaches the limit, so every block walked below lies wholly before that row.
        int k = i;
        while ((k & MASK) != 0) {
            if (time[k] >= limit) {
                return k;
            }
            foldRow(k++);
        }
        // Climb: whole blocks of rising levels while they end before the limit.
        int level = 0;
        int b = k >>> SHIFT;
        climb:
        while (true) {
            while (lastTime[level][b] < limit) {
                fold(level, b);
                b++;
                if ((b & MASK) == 0 && level + 1 < levels) {
                    b >>>= SHIFT;
                    level++;
                    continue climb;
                }
            }
            break;
        }
        // Descend inside block b of `level`, which holds the first row at or after the limit.
        while (level > 0) {
            level--;
            b <<= SHIFT;
            while (lastTime[level][b] < limit) {
                fold(level, b);
                b++;
            }
        }
        k = b << SHIFT;
        while (time[k] < limit) {
            foldRow(k++);
        }
        return k;
    }

    /** Folds rows {@code [from, to)} in order, through the largest aligned blocks that fit inside. */
    void foldRange(int from, int to) {
        int a = from;
        while (a < to && (a & MASK) != 0) {
            foldRow(a++);
        }
        int tail = Math.max(a, to & ~MASK);
        if (a < tail) {
            foldBlocks(0, a >>> SHIFT, tail >>> SHIFT);
        }
        for (int k = tail; k < to; k++) {
            foldRow(k);
        }
    }

    /** Folds blocks {@code [from, to)} of {@code level} in order (ties keep the earliest row, as a scan does). */
    private void foldBlocks(int level, int from, int to) {
        if (level + 1 >= levels) {
            for (int b = from; b < to; b++) {
                fold(level, b);
            }
            return;
        }
        int a = from;
        while (a < to && (a & MASK) != 0) {
            fold(level, a++);
        }
        int tail = Math.max(a, to & ~MASK);
        if (a < tail) {
            foldBlocks(level + 1, a >>> SHIFT, tail >>> SHIFT);
        }
        for (int b = tail; b < to; b++) {
            fold(level, b);
        }
    }

    private void foldRow(int k) {
        if (lows[k] < scanMin) {
            scanMin = lows[k];
            scanMinIndex = k;
        }
        if (highs[k] > scanMax) {
            scanMax = highs[k];
            scanMaxIndex = k;
        }
        if (volumes != null) {
            scanSum += volumes[k];
        }
    }

    private void fold(int level, int b) {
        if (min[level][b] < scanMin) {
            scanMin = min[level][b];
            scanMinIndex = minIndex[level][b];
        }
        if (max[level][b] > scanMax) {
            scanMax = max[level][b];
            scanMaxIndex = maxIndex[level][b];
        }
        scanSum += sum[level][b];
    }

    /** Starts a scan: nothing folded yet. */
    void resetScan() {
        scanMin = Double.POSITIVE_INFINITY;
        scanMax = Double.NEGATIVE_INFINITY;
        scanMinIndex = -1;
        scanMaxIndex = -1;
        scanSum = 0;
    }
}
