package io.stockmonitor.indicators;

/**
 * Simple moving average of the volume over {@code period} bars, drawn over the volume bars. Gaps: the last
 * {@code period} bars that exist; an interval with no trades has no bar and does not pull the average down.
 */
public final class VolumeAverage extends MovingAverage {

    public VolumeAverage(int period) {
        super(period);
    }

    @Override
    public String label() {
        return "Vol MA " + period();
    }

    @Override
    public Placement placement() {
        return Placement.VOLUME;
    }

    @Override
    double[] source(BarColumns bars) {
        return bars.volumeColumn();
    }
}
