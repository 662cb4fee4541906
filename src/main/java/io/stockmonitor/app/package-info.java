/**
 * The application: command line, start-up (window or headless), per-user directories and logging set-up. It
 * composes the feed, market, chart and ui packages; nothing else depends on it.
 */
package io.stockmonitor.app;
