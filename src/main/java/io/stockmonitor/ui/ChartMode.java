package io.stockmonitor.ui;

import io.stockmonitor.market.BarInterval;

/** What the chart shows: candles at one of the market's bar intervals, or the tick line. */
public enum ChartMode {
    S1(BarInterval.S1), S5(BarInterval.S5), S15(BarInterval.S15), M1(BarInterval.M1), M5(BarInterval.M5),
    M15(BarInterval.M15), H1(BarInterval.H1), H4(BarInterval.H4), D1(BarInterval.D1),
    TICKS(null);

    private final BarInterval interval;

    ChartMode(BarInterval interval) {
        this.interval = interval;
    }

    /** The bar interval, or null for the tick line. */
    public BarInterval interval() {
        return interval;
    }

    public boolean isTicks() {
        return interval == null;
    }

    public String label() {
        return interval == null ? "Ticks" : interval.label();
    }

    /** The mode by name, or null if there is none. */
    public static ChartMode parse(String name) {
        if (name == null) {
            return null;
        }
        for (ChartMode mode : values()) {
            if (mode.name().equalsIgnoreCase(name)) {
                return mode;
            }
        }
        return null;
    }
}
