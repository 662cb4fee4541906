/**
 * The status bar: the connection's state, the source, latency, message rate and the counts of reconnects, resumes,
 * resyncs and gaps, refreshed from the feed port a few times a second; fields give way in a stated order in a
 * narrow window rather than show "…".
 */
package io.stockmonitor.ui.status;
