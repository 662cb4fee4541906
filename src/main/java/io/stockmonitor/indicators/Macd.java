package io.stockmonitor.indicators;

/**
 * MACD: the fast EMA of the close minus the slow one, its signal line (an EMA of the MACD) and the histogram (MACD
 * minus signal), in a pane of its own with the zero level. The EMAs are ta4j's, seeded with the first value. The MACD
 * is NaN for the first {@code slow - 1} bars, the signal and histogram for {@code slow + signal - 2}.
 *
 * <p>Gaps: each existing bar is one step of every EMA (missing intervals are not steps).
 */
public final class Macd extends Indicator {
    /** Output lines. */
    public static final int MACD = 0;
    public static final int SIGNAL = 1;
    public static final int HISTOGRAM = 2;
    private static final int FAST = 3;
    private static final int SLOW = 4;
    private static final int RAW = 5;
    private static final int SIG = 6;
    private static final double[] LEVELS = {0};

    private int fast;
    private int slow;
    private int signal;

    public Macd(int fast, int slow, int signal) {
        super(3, 4);
        check(fast, slow, signal);
        this.fast = fast;
        this.slow = slow;
        this.signal = signal;
    }

    /** The usual 12, 26, 9. */
    public Macd() {
        this(12, 26, 9);
    }

    private static void check(int fast, int slow, int signal) {
        IndicatorBounds.checkPeriod("fast period", fast);
        IndicatorBounds.checkPeriod("slow period", slow);
        IndicatorBounds.checkPeriod("signal period", signal);
        if (fast >= slow) {
            throw new IllegalArgumentException("fast period must be shorter than slow: " + fast + " >= " + slow);
        }
    }

    public int fast() {
        return fast;
    }

    public int slow() {
        return slow;
    }

    public int signal() {
        return signal;
    }

    /** Sets all three periods (fast &lt; slow, each in [1, {@link IndicatorBounds#MAX_PERIOD}]); recomputes. */
    public void setPeriods(int fastBars, int slowBars, int signalBars) {
        check(fastBars, slowBars, signalBars);
        if (fastBars != fast || slowBars != slow || signalBars != signal) {
            fast = fastBars;
            slow = slowBars;
            signal = signalBars;
            invalidate();
        }
    }

    @Override
    public String label() {
        return "MACD " + fast + " " + slow + " " + signal;
    }

    @Override
    public String lineName(int line) {
        return switch (line) {
            case MACD -> "MACD";
            case SIGNAL -> "signal";
            default -> "hist";
        };
    }

    @Override
    public Placement placement() {
        return Placement.PANE;
    }

    @Override
    public int levelCount() {
        return LEVELS.length;
    }

    @Override
    public double level(int k) {
        return LEVELS[k];
    }

    @Override
    public boolean isHistogram(int line) {
        return line == HISTOGRAM;
    }

    @Override
    protected int lookback() {
        return 1;
    }

    @Override
    protected void computeRows(BarColumns bars, int first, int from, int to) {
        double[] close = bars.closeColumn();
        double[] f = column(FAST);
        double[] s = column(SLOW);
        double[] raw = column(RAW);
        double[] sig = column(SIG);
        Ema.ema(close, f, first, from, to, 2.0 / (fast + 1));
        Ema.ema(close, s, first, from, to, 2.0 / (slow + 1));
        for (int i = from; i < to; i++) {
            raw[i] = f[i] - s[i];
        }
        Ema.ema(raw, sig, first, from, to, 2.0 / (signal + 1));
        double[] macd = column(MACD);
        double[] signalLine = column(SIGNAL);
        double[] hist = column(HISTOGRAM);
        for (int i = from; i < to; i++) {
            int n = i - first;
            macd[i] = n >= slow - 1 ? raw[i] : Double.NaN;
            boolean signalReady = n >= slow + signal - 2;
            signalLine[i] = signalReady ? sig[i] : Double.NaN;
            hist[i] = signalReady ? raw[i] - sig[i] : Double.NaN;
        }
    }
}
