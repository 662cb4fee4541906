package io.stockmonitor.indicators;

/** An indicator with one period in bars, the parameter most of them share; changing it recomputes everything. */
abstract class PeriodIndicator extends Indicator {
    private int period;

    PeriodIndicator(int outputs, int states, int period) {
        super(outputs, states);
        this.period = IndicatorBounds.checkPeriod("period", period);
    }

    public final int period() {
        return period;
    }

    /** Sets the period, in [1, {@link IndicatorBounds#MAX_PERIOD}]; recomputes everything. */
    public final void setPeriod(int bars) {
        IndicatorBounds.checkPeriod("period", bars);
        if (bars != period) {
            period = bars;
            invalidate();
        }
    }
}
