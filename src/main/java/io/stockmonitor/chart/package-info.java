/**
 * The live price chart: a Canvas control ({@link io.stockmonitor.chart.PriceChart}) with candles or a tick line,
 * a volume pane, axes, shaded gap spans and a crosshair readout.
 *
 * <p>Data comes in as bounded primitive-array series ({@link io.stockmonitor.chart.TickSeries},
 * {@link io.stockmonitor.chart.CandleSeries}) filled on the FX thread; the chart never reads the market model
 * itself. The arithmetic (nice price ticks, time-axis steps, M4 column reduction, viewport zoom/pan/follow-live,
 * hit-testing) lives in plain classes with no drawing, unit-tested headless; {@code ChartRenderer} only draws.
 * Colours and the font come from CSS ({@code price-chart.css}).
 */
package io.stockmonitor.chart;
