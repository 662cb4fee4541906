/**
 * One chart in the window: its toolbar (symbol, interval, indicators, link group, follow-live, zoom) and the
 * {@link io.stockmonitor.chart.PriceChart} it feeds. Each chart has its own
 * {@link io.stockmonitor.ui.chart.ChartViewModel}, which reads its symbol's bars or ticks from the market model once
 * per frame and only what is new, and asks the feed for older bars when the chart scrolls to its oldest one.
 * Where a chart sits and which symbol it shows is the layout's business ({@code ui.layout}).
 */
package io.stockmonitor.ui.chart;
