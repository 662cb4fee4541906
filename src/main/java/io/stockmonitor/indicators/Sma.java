package io.stockmonitor.indicators;

/**
 * Simple moving average of the close over {@code period} bars, drawn on the price pane. NaN for the first
 * {@code period - 1} bars. Gaps: the last {@code period} bars that exist (missing intervals are not zero bars).
 */
public final class Sma extends MovingAverage {

    public Sma(int period) {
        super(period);
    }

    @Override
    public String label() {
        return "SMA " + period();
    }

    @Override
    public Placement placement() {
        return Placement.PRICE;
    }

    @Override
    double[] source(BarColumns bars) {
        return bars.closeColumn();
    }
}
