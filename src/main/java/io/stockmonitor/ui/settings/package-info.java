/**
 * What the window remembers between runs ({@code settings.json}): a plain bean that repairs hand-edited values on
 * load, and its store, which never fails a start (a broken file is moved aside). Every feature reads and writes its
 * part here; this is the one seam all features share.
 */
package io.stockmonitor.ui.settings;
