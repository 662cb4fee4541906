/**
 * Alerts in the window: the rules (listed, created, edited, paused, deleted; remembered in {@code alerts.json} next
 * to the settings), and what a firing does: a toast, an optional sound, an operating-system notification, a
 * highlighted watchlist row and an entry in the alerts log. The rules are evaluated on the feed thread by the
 * session's {@link io.stockmonitor.alerts.AlertEngine}; firings come back through one bounded queue that the frame
 * loop drains ({@link io.stockmonitor.ui.alerts.AlertFiringQueue}), never one {@code Platform.runLater} each.
 * Sound and notifications run on their own background threads: neither the FX thread nor the feed thread waits.
 */
package io.stockmonitor.ui.alerts;
