/**
 * Technical indicators computed incrementally over bar columns, with no JavaFX and no market or chart dependency:
 * {@link io.stockmonitor.indicators.Sma}, {@link io.stockmonitor.indicators.Ema},
 * {@link io.stockmonitor.indicators.Vwap}, {@link io.stockmonitor.indicators.BollingerBands},
 * {@link io.stockmonitor.indicators.VolumeAverage}, {@link io.stockmonitor.indicators.Rsi} and
 * {@link io.stockmonitor.indicators.Macd}.
 *
 * <p>An {@link io.stockmonitor.indicators.IndicatorSet} keeps each indicator's outputs and running state in
 * primitive columns aligned with the bar storage it reads ({@link io.stockmonitor.indicators.BarColumns}), so that
 * appending a bar or updating the live one recomputes one row in O(1), and a rebuild recomputes from the first bar
 * that changed. Rows are the bars that exist: a missing interval is not a zero bar, the indicators simply go from one
 * existing bar to the next (each class says what that means for it). Values follow ta4j's definitions (checked
 * against ta4j in the tests); rows before an indicator has enough bars are {@code NaN}.
 */
package io.stockmonitor.indicators;
