package io.stockmonitor.indicators;

/**
 * One indicator: its parameters, its output lines and the running state behind them, all in primitive columns
 * aligned with the bars' storage (row {@code i} of an output belongs to bar {@code i}).
 *
 * <p>Each row's state (running sums, averages) is kept per row, so row {@code i} is computed from row {@code i - 1}
 * (plus the bar {@code period} rows back, for windows) in O(1): appending a bar or updating the live one costs one row,
 * and recomputing from the first changed bar gives exactly what a computation from scratch gives. Rows before the
 * indicator has enough bars are {@code NaN} in the outputs (the state is still kept from the first bar, as ta4j does).
 *
 * <p>Parameters are changed through the subclasses' setters, which validate and then ask for a full recompute. Not
 * thread-safe: one thread (the chart's, the FX thread) computes and reads.
 */
public abstract class Indicator {

    /** Where an indicator is drawn. */
    public enum Placement {
        /** Over the candles, on the price scale. */
        PRICE,
        /** Over the volume bars, on the volume scale. */
        VOLUME,
        /** In a sub-pane of its own under the price pane, with its own scale. */
        PANE
    }

    private final int outputs;
    private double[][] columns;
    private IndicatorSet owner;
    /** First row (storage index) whose values are stale; {@link Integer#MAX_VALUE} when all are current. */
    int dirtyFrom;

    /**
     * @param outputs number of output lines (the first columns)
     * @param states  number of state columns after them
     */
    protected Indicator(int outputs, int states) {
        this.outputs = outputs;
        this.columns = new double[outputs + states][0];
        this.dirtyFrom = 0;
    }

    /** Short name with its parameters, e.g. {@code SMA 20} (legend and readout). */
    public abstract String label();

    public abstract Placement placement();

    /** Number of output lines. */
    public final int lineCount() {
        return outputs;
    }

    /** Name of output line {@code line}, e.g. {@code upper}; the label alone for a one-line indicator. */
    public String lineName(int line) {
        return label();
    }

    /** Value of output {@code line} at bar storage index {@code row}; NaN while warming up. */
    public final double value(int line, int row) {
        return columns[line][row];
    }

    /** The raw output column (storage-indexed, valid for the rows computed). For painters; do not write. */
    public final double[] line(int line) {
        if (line < 0 || line >= outputs) {
            throw new IndexOutOfBoundsException("line " + line + " of " + outputs);
        }
        return columns[line];
    }

    /** Number of horizontal reference levels of its pane (RSI: 30 and 70; MACD: 0). */
    public int levelCount() {
        return 0;
    }

    /** Reference level {@code k} (no array, so painters read them every frame without garbage). */
    public double level(int k) {
        throw new IndexOutOfBoundsException("level " + k + " of " + levelCount());
    }

    /** Fixed scale of its pane, or NaN for a scale fitted to the values in view (PANE indicators only). */
    public double fixedMin() {
        return Double.NaN;
    }

    /** See {@link #fixedMin()}. */
    public double fixedMax() {
        return Double.NaN;
    }

    /** True for an output drawn as a histogram around zero (MACD's histogram) rather than a line. */
    public boolean isHistogram(int line) {
        return false;
    }

    /** Bars back (besides the previous row) a row's computation reads: recomputing closer to the first bar restarts. */
    protected abstract int lookback();

    /**
     * Computes rows {@code [from, to)}; rows {@code [first, from)} are current. {@code from == first} restarts the
     * running state at the first bar.
     */
    protected abstract void computeRows(BarColumns bars, int first, int from, int to);

    /** Output or state column {@code k} (outputs first). */
    protected final double[] column(int k) {
        return columns[k];
    }

    /** Parameters changed: everything is recomputed at the next update. */
    protected final void invalidate() {
        dirtyFrom = 0;
        if (owner != null) {
            owner.changed();
        }
    }

    // ---- bookkeeping for the set --------------------------------------------------------------------------------

    void attach(IndicatorSet set, int storageLength) {
        if (owner != null && owner != set) {
            throw new IllegalStateException(label() + " already belongs to another chart");
        }
        owner = set;
        ensureStorage(storageLength);
        dirtyFrom = 0;
    }

    void detach() {
        owner = null;
    }

    IndicatorSet owner() {
        return owner;
    }

    void ensureStorage(int length) {
        if (columns[0].length >= length) {
            return;
        }
        for (int k = 0; k < columns.length; k++) {
            double[] grown = new double[length];
            System.arraycopy(columns[k], 0, grown, 0, columns[k].length);
            columns[k] = grown;
        }
    }

    /** The bars' storage moved rows {@code [from, from + count)} to index 0: the columns follow. */
    void move(int from, int count) {
        if (from == 0) {
            return;
        }
        for (double[] c : columns) {
            System.arraycopy(c, from, c, 0, count);
        }
        if (dirtyFrom != Integer.MAX_VALUE) {
            dirtyFrom = Math.max(0, dirtyFrom - from);
        }
    }

    void update(BarColumns bars, int first, int to) {
        if (dirtyFrom >= to) {
            dirtyFrom = Integer.MAX_VALUE;
            return;
        }
        int from = Math.max(first, dirtyFrom);
        // A row reads up to lookback() rows back: closer to the first bar than that, the state before `from` may
        // hold bars that have since left the storage, so the computation restarts at the first bar.
        if (from - lookback() < first) {
            from = first;
        }
        computeRows(bars, first, from, to);
        dirtyFrom = Integer.MAX_VALUE;
    }

    // ---- helpers for the subclasses -------------------------------------------------------------------------------

    /**
     * Neumaier's compensated addition on a (sum, compensation) pair held in two columns at row {@code i}: running
     * window sums over thousands of bars then stay within a few ulps of the exact sum.
     */
    protected static void addCompensated(double[] sum, double[] comp, int i, double v) {
        double s = sum[i];
        double t = s + v;
        if (Math.abs(s) >= Math.abs(v)) {
            comp[i] += (s - t) + v;
        } else {
            comp[i] += (v - t) + s;
        }
        sum[i] = t;
    }
}
