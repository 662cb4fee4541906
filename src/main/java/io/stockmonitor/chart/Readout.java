package io.stockmonitor.chart;

import java.time.ZoneId;

/** The crosshair readout's text, built apart from drawing (plain strings, unit-testable). */
final class Readout {

    private Readout() {
    }

    /** {@code 2025-11-22 14:03:00  O 101.20  H 101.50  L 101.00  C 101.40  V 12.3K}. */
    static String bar(long time, double o, double h, double l, double c, double v, int decimals, ZoneId zone) {
        return TimeAxisTicks.fullLabel(time, zone)
                + "  O " + ChartText.price(o, decimals)
                + "  H " + ChartText.price(h, decimals)
                + "  L " + ChartText.price(l, decimals)
                + "  C " + ChartText.price(c, decimals)
                + "  V " + ChartText.volume(v);
    }

    /** {@code 2025-11-22 14:03:07  P 101.23  V 300}. */
    static String tick(long time, double price, double volume, int decimals, ZoneId zone) {
        return TimeAxisTicks.fullLabel(time, zone) + "  P " + ChartText.price(price, decimals)
                + "  V " + ChartText.volume(volume);
    }

    /** The bar's readout followed by the indicators' values ({@code "... V 12.3K  ·  SMA 20 101.10  RSI 14 55.20"}). */
    static String withIndicators(String bar, CharSequence indicators) {
        return indicators.length() == 0 ? bar : bar + "  ·  " + indicators;
    }
}
