package io.stockmonitor.indicators;

/** The bounds of indicator parameters, named in one place. */
public final class IndicatorBounds {
    /** Longest period of any moving window (bars). A chart keeps more bars than this, so windows stay whole. */
    public static final int MAX_PERIOD = 500;

    /** Widest Bollinger band, in standard deviations. */
    public static final double MAX_BAND_WIDTH = 10;

    private IndicatorBounds() {
    }

    static int checkPeriod(String what, int period) {
        if (period < 1 || period > MAX_PERIOD) {
            throw new IllegalArgumentException(what + " must be in [1, " + MAX_PERIOD + "]: " + period);
        }
        return period;
    }
}
