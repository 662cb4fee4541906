package io.stockmonitor.chart;

/**
 * Reduces time-ordered rows to one summary per pixel column (M4 aggregation): per column the first, last, minimum
 * and maximum value (for candles: open of the first bar, close of the last, highest high, lowest low) and the
 * summed volume. Drawing the summaries is pixel-identical to drawing every row, and costs O(columns), not O(rows).
 *
 * <p>Column {@code c} holds the rows whose time {@code t} has {@code floor((t - startMillis) / msPerColumn) == c}.
 * With a {@link MinMaxPyramid} over the series, a column is summarised from whole blocks found by walking the
 * pyramid's levels, so its cost does not grow with the rows it covers; without one, each column's rows are found by
 * binary search and scanned. {@code NaN} values (an indicator warming up) are ignored by min and max; a column of
 * NaN only has min +∞ and max −∞. All output buffers are reused; after the first frame at a given width the reducer
 * allocates nothing.
 *
 * <p>Closed columns are reused between frames. Columns may be placed on a fixed grid ({@code origin} plus whole
 * multiples of {@code msPerColumn}; the chart snaps its view to it while following live): then when the same series
 * (same {@code structure}: only rows appended, or the last row rewritten) is reduced again with the view moved right
 * by whole columns, the columns left of the one that held the last row keep their summaries, shifted, and only that
 * column and the ones after it are reduced again. A frame of a live chart then reduces a column or two, whatever the
 * view covers; the result is exactly what a reduction from scratch gives (tested).
 */
public final class ColumnReducer {

    private int columns;
    private int[] rows = new int[0];
    private double[] first = new double[0];
    private double[] last = new double[0];
    private double[] min = new double[0];
    private double[] max = new double[0];
    private double[] volume = new double[0];

    private int[] nonEmpty = new int[0];
    private int nonEmptyCount;

    private int[] pointColumn = new int[0];
    private int[] pointIndex = new int[0];
    private double[] pointValue = new double[0];
    private int pointCount;

    private double minValue;
    private double maxValue;
    private double maxVolume;

    /** First row of each column (valid where rows > 0): where a reused reduction resumes. */
    private int[] firstRow = new int[0];
    /** The grid of the current reduction: column(t) = floor((t - origin) / ms) - offset. */
    private double origin;
    private long offset;
    private double ms;
    private int lastColumn = -1;

    // What the last reduction was of, to know whether its columns can be reused.
    private Object cacheSeries;
    private long cacheStructure;
    private boolean cacheCandles;
    private int cacheFrom;
    private int cacheTo;
    private double cacheOrigin;
    private long cacheOffset;
    private double cacheMs;
    private int cacheColumns;
    private long reducedColumns;

    // Running min/max/volume of the column being scanned (fields, so the scan helpers need not allocate).
    private double scanLo;
    private double scanHi;
    private int scanLoIndex;
    private int scanHiIndex;
    private double scanVolume;

    /**
     * Reduces a line series (ticks, an indicator line) by scanning rows. Also emits the M4 polyline: for each column
     * the rows holding its first, minimum, maximum and last value, in time order and without repeats (≤ 4 points
     * per column; NaN values are not points).
     *
     * @param volumes may be null
     */
    public void reduceLine(long[] time, double[] value, double[] volumes, int from, int to,
                           double startMillis, double msPerColumn, int columnCount) {
        reduceLine(time, value, volumes, null, from, to, startMillis, msPerColumn, columnCount);
    }

    /**
     * As {@link #reduceLine(long[], double[], double[], int, int, double, double, int)}, summarising each column from
     * {@code pyramid} (built over {@code value} and {@code volumes}) when given.
     */
    void reduceLine(long[] time, double[] value, double[] volumes, MinMaxPyramid pyramid, int from, int to,
                    double startMillis, double msPerColumn, int columnCount) {
        reduceLine(null, 0, time, value, volumes, pyramid, from, to, startMillis, 0, msPerColumn, columnCount);
    }

    /**
     * Reduces a line on the grid {@code origin + (offset + c) * msPerColumn}, reusing the previous reduction's closed
     * columns when it was of the same {@code series} with the same {@code structure} (see the class comment).
     */
    void reduceLine(Object series, long structure, long[] time, double[] value, double[] volumes,
                    MinMaxPyramid pyramid, int from, int to, double originMillis, long firstColumn,
                    double msPerColumn, int columnCount) {
        int i = begin(series, structure, false, time, from, to, originMillis, firstColumn, msPerColumn, columnCount);
        while (i < to) {
            int c = column(time[i]);
            if (c >= columnCount) {
                break;
            }
            long next = firstTimeAfterColumn(c);
            int end = scanColumn(pyramid, time, value, value, volumes, i, to, next);
            store(c, i, end - i, value[i], value[end - 1], scanLo, scanHi, scanVolume);
            emitPoints(c, i, scanLoIndex, scanHiIndex, end - 1, value);
            i = end;
        }
    }

    /**
     * Starts a reduction: from scratch, or keeping the previous one's closed columns. Returns the first row to
     * reduce.
     */
    private int begin(Object series, long structure, boolean candles, long[] time, int from, int to,
                      double originMillis, long firstColumn, double msPerColumn, int columnCount) {
        int resume = reusable(series, structure, candles, time, from, to, originMillis, firstColumn, msPerColumn,
                columnCount);
        origin = originMillis;
        offset = firstColumn;
        ms = msPerColumn;
        int i;
        if (resume < 0) {
            prepare(columnCount);
            lastColumn = -1;
            i = firstIndexInRange(time, from, to, firstTimeAfterColumn(-1));
        } else {
            i = keep(resume, (int) (firstColumn - cacheOffset));
        }
        cacheSeries = series;
        cacheStructure = structure;
        cacheCandles = candles;
        cacheFrom = from;
        cacheTo = to;
        cacheOrigin = originMillis;
        cacheOffset = firstColumn;
        cacheMs = msPerColumn;
        cacheColumns = columnCount;
        return i;
    }

    /** The column (in the new view) from which to reduce again, or -1 to reduce everything. */
    private int reusable(Object series, long structure, boolean candles, long[] time, int from, int to,
                         double originMillis, long firstColumn, double msPerColumn, int columnCount) {
        if (series == null || series != cacheSeries || structure != cacheStructure || candles != cacheCandles
                || originMillis != cacheOrigin || msPerColumn != cacheMs || columnCount != cacheColumns
                || lastColumn < 0 || to < cacheTo || from < cacheFrom) {
            return -1;
        }
        long d = firstColumn - cacheOffset;
        if (d < 0 || d >= lastColumn) {
            return -1;
        }
        // Rows dropped from the front since: reusable only if none of them was in a kept column.
        if (from > cacheFrom && from - 1 < to && columnOf(time[from - 1], originMillis, cacheOffset, msPerColumn) >= d) {
            return -1;
        }
        return (int) (lastColumn - d);
    }

    /**
     * Keeps the previous columns {@code [d, d + resume)} as {@code [0, resume)}; returns the first row of the column
     * reduced again.
     */
    private int keep(int resume, int d) {
        int restart = firstRow[lastColumn];
        System.arraycopy(rows, d, rows, 0, resume);
        System.arraycopy(first, d, first, 0, resume);
        System.arraycopy(last, d, last, 0, resume);
        System.arraycopy(min, d, min, 0, resume);
        System.arraycopy(max, d, max, 0, resume);
        System.arraycopy(volume, d, volume, 0, resume);
        System.arraycopy(firstRow, d, firstRow, 0, resume);
        java.util.Arrays.fill(rows, resume, columns, 0);
        int n = 0;
        minValue = Double.POSITIVE_INFINITY;
        maxValue = Double.NEGATIVE_INFINITY;
        maxVolume = 0;
        for (int k = 0; k < nonEmptyCount; k++) {
            int c = nonEmpty[k] - d;
            if (c >= 0 && c < resume) {
                nonEmpty[n++] = c;
                minValue = Math.min(minValue, min[c]);
                maxValue = Math.max(maxValue, max[c]);
                maxVolume = Math.max(maxVolume, volume[c]);
            }
        }
        nonEmptyCount = n;
        int p = 0;
        for (int k = 0; k < pointCount; k++) {
            int c = pointColumn[k] - d;
            if (c >= 0 && c < resume) {
                pointColumn[p] = c;
                pointIndex[p] = pointIndex[k];
                pointValue[p] = pointValue[k];
                p++;
            }
        }
        pointCount = p;
        lastColumn = -1;
        return restart;
    }

    /** Columns reduced (not reused) since this reducer was made; for tests and benchmarks. */
    long reducedColumns() {
        return reducedColumns;
    }

    /**
     * Scans the rows of one column, from {@code i} up to the first at or after {@code next} (at most {@code to}):
     * through the pyramid where there is one, else row by row. Leaves the column's low, high, their rows and volume
     * in the scan fields; returns the end row.
     */
    private int scanColumn(MinMaxPyramid pyramid, long[] time, double[] lows, double[] highs, double[] volumes, int i,
                           int to, long next) {
        if (pyramid != null) {
            pyramid.resetScan();
            int end = pyramid.scan(i, to, next);
            scanLo = pyramid.scanMin;
            scanHi = pyramid.scanMax;
            scanLoIndex = pyramid.scanMinIndex;
            scanHiIndex = pyramid.scanMaxIndex;
            scanVolume = pyramid.scanSum;
            return end;
        }
        int end = endOfColumn(time, i, to, next);
        resetScan();
        scanRows(lows, highs, volumes, i, end);
        return end;
    }

    private void resetScan() {
        scanLo = Double.POSITIVE_INFINITY;
        scanHi = Double.NEGATIVE_INFINITY;
        scanLoIndex = -1;
        scanHiIndex = -1;
        scanVolume = 0;
    }

    private void scanRows(double[] lows, double[] highs, double[] volumes, int from, int to) {
        double lo = scanLo;
        double hi = scanHi;
        int iLo = scanLoIndex;
        int iHi = scanHiIndex;
        for (int k = from; k < to; k++) {
            if (lows[k] < lo) {
                lo = lows[k];
                iLo = k;
            }
            if (highs[k] > hi) {
                hi = highs[k];
                iHi = k;
            }
        }
        if (volumes != null) {
            double vol = 0;
            for (int k = from; k < to; k++) {
                vol += volumes[k];
            }
            scanVolume += vol;
        }
        scanLo = lo;
        scanHi = hi;
        scanLoIndex = iLo;
        scanHiIndex = iHi;
    }

    /** Reduces candles: each column becomes one merged candle (first open, highest high, lowest low, last close). */
    public void reduceCandles(long[] time, double[] open, double[] high, double[] low, double[] close,
                              double[] volumes, int from, int to,
                              double startMillis, double msPerColumn, int columnCount) {
        reduceCandles(time, open, high, low, close, volumes, null, from, to, startMillis, msPerColumn, columnCount);
    }

    /** As above, summarising each column from {@code pyramid} (lows, highs, volumes) when given. */
    void reduceCandles(long[] time, double[] open, double[] high, double[] low, double[] close,
                       double[] volumes, MinMaxPyramid pyramid, int from, int to,
                       double startMillis, double msPerColumn, int columnCount) {
        reduceCandles(null, 0, time, open, high, low, close, volumes, pyramid, from, to, startMillis, 0, msPerColumn,
                columnCount);
    }

    /** Candles on a grid, reusing closed columns as {@link #reduceLine} does. */
    void reduceCandles(Object series, long structure, long[] time, double[] open, double[] high, double[] low,
                       double[] close, double[] volumes, MinMaxPyramid pyramid, int from, int to,
                       double originMillis, long firstColumn, double msPerColumn, int columnCount) {
        int i = begin(series, structure, true, time, from, to, originMillis, firstColumn, msPerColumn, columnCount);
        while (i < to) {
            int c = column(time[i]);
            if (c >= columnCount) {
                break;
            }
            long next = firstTimeAfterColumn(c);
            int end = scanColumn(pyramid, time, low, high, volumes, i, to, next);
            store(c, i, end - i, open[i], close[end - 1], scanLo, scanHi, scanVolume);
            i = end;
        }
    }

    private void prepare(int columnCount) {
        if (columnCount < 0 || columnCount > ChartBounds.MAX_COLUMNS) {
            throw new IllegalArgumentException("columns must be in [0, " + ChartBounds.MAX_COLUMNS + "]: "
                    + columnCount);
        }
        if (rows.length < columnCount) {
            rows = new int[columnCount];
            first = new double[columnCount];
            last = new double[columnCount];
            min = new double[columnCount];
            max = new double[columnCount];
            volume = new double[columnCount];
            nonEmpty = new int[columnCount];
            firstRow = new int[columnCount];
            pointColumn = new int[4 * columnCount];
            pointIndex = new int[4 * columnCount];
            pointValue = new double[4 * columnCount];
        }
        java.util.Arrays.fill(rows, 0, columnCount, 0);
        columns = columnCount;
        nonEmptyCount = 0;
        pointCount = 0;
        minValue = Double.POSITIVE_INFINITY;
        maxValue = Double.NEGATIVE_INFINITY;
        maxVolume = 0;
    }

    private int column(long t) {
        return columnOf(t, origin, offset, ms);
    }

    private static int columnOf(long t, double origin, long offset, double ms) {
        return (int) (Math.floor((t - origin) / ms) - offset);
    }

    /** First index in {@code [from, to)} whose time is ≥ {@code firstTime}. */
    private static int firstIndexInRange(long[] time, int from, int to, long firstTime) {
        int lo = from;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time[mid] < firstTime) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The smallest whole-millisecond time whose column is beyond {@code c}, by the same floor rule as columns. */
    private long firstTimeAfterColumn(int c) {
        return firstTimeAfterColumn(c, origin, offset, ms);
    }

    /** As above for a view starting at {@code startMillis} (tests). */
    static long firstTimeAfterColumn(int c, double startMillis, double msPerColumn) {
        return firstTimeAfterColumn(c, startMillis, 0, msPerColumn);
    }

    private static long firstTimeAfterColumn(int c, double origin, long offset, double ms) {
        long t = (long) Math.ceil(origin + (offset + c + 1) * ms);
        while (columnOf(t - 1, origin, offset, ms) > c) {
            t--;
        }
        while (columnOf(t, origin, offset, ms) <= c) {
            t++;
        }
        return t;
    }

    /** First index after {@code i} whose time is {@code next} or later. */
    private static int endOfColumn(long[] time, int i, int to, long next) {
        int lo = i + 1;
        int hi = to;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (time[mid] < next) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private void store(int c, int firstRowIndex, int count, double f, double l, double lo, double hi, double vol) {
        rows[c] = count;
        firstRow[c] = firstRowIndex;
        lastColumn = c;
        reducedColumns++;
        first[c] = f;
        last[c] = l;
        min[c] = lo;
        max[c] = hi;
        volume[c] = vol;
        nonEmpty[nonEmptyCount++] = c;
        minValue = Math.min(minValue, lo);
        maxValue = Math.max(maxValue, hi);
        maxVolume = Math.max(maxVolume, vol);
    }

    private void emitPoints(int c, int iFirst, int iLo, int iHi, int iLast, double[] value) {
        int a = Math.min(iLo, iHi);
        int b = Math.max(iLo, iHi);
        if (a < 0) {
            a = b;
        }
        emit(c, iFirst, value);
        if (a != iFirst) {
            emit(c, a, value);
        }
        if (b != a && b != iFirst) {
            emit(c, b, value);
        }
        if (iLast != b && iLast != a && iLast != iFirst) {
            emit(c, iLast, value);
        }
    }

    private void emit(int c, int index, double[] value) {
        if (index < 0 || Double.isNaN(value[index])) {
            return;
        }
        pointColumn[pointCount] = c;
        pointIndex[pointCount] = index;
        pointValue[pointCount] = value[index];
        pointCount++;
    }

    /** Number of columns of the last reduction. */
    public int columns() {
        return columns;
    }

    /** Rows that fell into column {@code c} (0 = empty column). */
    public int rows(int c) {
        return rows[c];
    }

    public double first(int c) {
        return first[c];
    }

    public double last(int c) {
        return last[c];
    }

    public double min(int c) {
        return min[c];
    }

    public double max(int c) {
        return max[c];
    }

    public double volume(int c) {
        return volume[c];
    }

    /** Number of columns holding at least one row. */
    public int nonEmptyCount() {
        return nonEmptyCount;
    }

    /** The {@code k}-th non-empty column, ascending. */
    public int nonEmptyColumn(int k) {
        return nonEmpty[k];
    }

    /** Points of the M4 polyline of the last {@link #reduceLine} (≤ 4 × columns). */
    public int pointCount() {
        return pointCount;
    }

    public int pointColumn(int p) {
        return pointColumn[p];
    }

    /** Row index (into the arrays passed in) of polyline point {@code p}. */
    public int pointIndex(int p) {
        return pointIndex[p];
    }

    public double pointValue(int p) {
        return pointValue[p];
    }

    /** Lowest value over all columns (+∞ when empty). */
    public double minValue() {
        return minValue;
    }

    /** Highest value over all columns (−∞ when empty). */
    public double maxValue() {
        return maxValue;
    }

    /** Largest per-column volume (0 when empty). */
    public double maxVolume() {
        return maxVolume;
    }
}
