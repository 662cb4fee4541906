package io.stockmonitor.chart;

import javafx.scene.paint.Color;

/**
 * The chart's styleable colours: each is a CSS property of {@code .price-chart} (defaults in
 * {@code price-chart.css}; the values here are used only if no stylesheet applies).
 */
public enum ChartColor {
    BACKGROUND("-sm-chart-background", Color.web("#14161b")),
    GRID("-sm-chart-grid-color", Color.web("#242832")),
    AXIS("-sm-chart-axis-color", Color.web("#3b414d")),
    TEXT("-sm-chart-text-color", Color.web("#aab2bf")),
    UP("-sm-chart-up-color", Color.web("#26a69a")),
    DOWN("-sm-chart-down-color", Color.web("#ef5350")),
    LINE("-sm-chart-line-color", Color.web("#4f9cf0")),
    VOLUME("-sm-chart-volume-color", Color.web("#3d4d62")),
    VOLUME_UP("-sm-chart-volume-up-color", Color.web("#1d4a46")),
    VOLUME_DOWN("-sm-chart-volume-down-color", Color.web("#5a2a2c")),
    INDICATOR_1("-sm-chart-indicator-1-color", Color.web("#4f9cf0")),
    INDICATOR_2("-sm-chart-indicator-2-color", Color.web("#ff9f43")),
    INDICATOR_3("-sm-chart-indicator-3-color", Color.web("#c678dd")),
    INDICATOR_4("-sm-chart-indicator-4-color", Color.web("#d7dae0")),
    INDICATOR_5("-sm-chart-indicator-5-color", Color.web("#56d4e0")),
    INDICATOR_6("-sm-chart-indicator-6-color", Color.web("#f06292")),
    LEVEL("-sm-chart-level-color", Color.web("#5a6170")),
    LAST_PRICE("-sm-chart-last-price-color", Color.web("#f0b90b")),
    LAST_PRICE_TEXT("-sm-chart-last-price-text-color", Color.web("#14161b")),
    CROSSHAIR("-sm-chart-crosshair-color", Color.web("#8a93a3")),
    CROSSHAIR_TEXT("-sm-chart-crosshair-text-color", Color.web("#14161b")),
    GAP("-sm-chart-gap-color", Color.web("#ffaa00", 0.12)),
    GAP_RECOVERED("-sm-chart-gap-recovered-color", Color.web("#26a69a", 0.07)),
    GAP_RECOVERED_TEXT("-sm-chart-gap-recovered-text-color", Color.web("#4fb8ad")),
    GAP_TEXT("-sm-chart-gap-text-color", Color.web("#e0a030"));

    /** The indicator palette, in the order indicators take their colours. */
    static final ChartColor[] PALETTE = {INDICATOR_1, INDICATOR_2, INDICATOR_3, INDICATOR_4, INDICATOR_5, INDICATOR_6};

    private final String cssProperty;
    private final Color fallback;

    ChartColor(String cssProperty, Color fallback) {
        this.cssProperty = cssProperty;
        this.fallback = fallback;
    }

    /** The CSS property name, e.g. {@code -sm-chart-up-color}. */
    public String cssProperty() {
        return cssProperty;
    }

    Color fallback() {
        return fallback;
    }
}
