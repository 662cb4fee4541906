/**
 * The desktop views: watchlist, chart area, status bar and dialogs (FXML + CSS, thin {@code *View} controllers),
 * their view models (plain properties, unit-tested without a window) and the {@link io.stockmonitor.ui.FrameLoop}
 * that reads the market model once per frame. The feed reaches the UI only through {@link
 * io.stockmonitor.ui.FeedPort}; nothing here runs on, or blocks, the feed thread.
 */
package io.stockmonitor.ui;
