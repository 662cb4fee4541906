/**
 * The feed client: one Jetty WebSocket connection carrying every subscribed symbol, with an explicit connection state
 * machine, jittered reconnects, stall detection, and resume without gap or duplicate; it writes the market model from
 * a single feed thread. Never imports JavaFX.
 */
package io.stockmonitor.feed;
