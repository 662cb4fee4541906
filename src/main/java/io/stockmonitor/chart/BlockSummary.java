package io.stockmonitor.chart;

/**
 * Min / max (with their row indices) and volume sum per aligned block of {@value #BLOCK} rows of a series, so a
 * pixel column covering thousands of rows is summarised from a few block summaries instead of every row.
 *
 * <p>Blocks are aligned to storage indices. A block's summary is exact for the rows written into it; rows dropped
 * from the front of a series stay in the summary of the first block, so readers use a block only when the rows
 * they need cover it completely. Kept current in O(1) per appended row; rebuilt in O(rows) after the storage moves.
 */
final class BlockSummary {

    static final int SHIFT = 5;
    static final int BLOCK = 1 << SHIFT;
    static final int MASK = BLOCK - 1;

    double[] min = new double[0];
    double[] max = new double[0];
    int[] minIndex = new int[0];
    int[] maxIndex = new int[0];
    double[] volume = new double[0];
    /** Time of the last row written into each block: lets a reader step over whole blocks without touching rows. */
    long[] lastTime = new long[0];

    /** Makes room for blocks covering {@code storageLength} rows. */
    void ensureStorage(int storageLength) {
        int blocks = (storageLength >>> SHIFT) + 1;
        if (min.length < blocks) {
            min = new double[blocks];
            max = new double[blocks];
            minIndex = new int[blocks];
            maxIndex = new int[blocks];
            volume = new double[blocks];
            lastTime = new long[blocks];
        }
    }

    /** Folds row {@code i} (just written) into its block; the first row of a block resets the block. */
    void add(int i, long time, double value, double vol) {
        int b = i >>> SHIFT;
        lastTime[b] = time;
        if ((i & MASK) == 0) {
            min[b] = value;
            max[b] = value;
            minIndex[b] = i;
            maxIndex[b] = i;
            volume[b] = vol;
            return;
        }
        if (value < min[b]) {
            min[b] = value;
            minIndex[b] = i;
        }
        if (value > max[b]) {
            max[b] = value;
            maxIndex[b] = i;
        }
        volume[b] += vol;
    }

    /** Rebuilds the summaries of rows {@code [0, count)}. */
    void rebuild(long[] times, double[] values, double[] volumes, int count) {
        for (int i = 0; i < count; i++) {
            add(i, times[i], values[i], volumes[i]);
        }
    }
}
