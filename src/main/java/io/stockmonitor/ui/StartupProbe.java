package io.stockmonitor.ui;

import io.stockmonitor.ui.chart.ChartViewModel;
import io.stockmonitor.ui.watchlist.WatchRow;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up measurement, enabled with {@code -Dstockmonitor.startupProbe=true} (packaging/screenshot-deb.sh greps
 * for its line): logs once "first frame with data after N ms", N counted from the process's start ({@link ProcessStart}), at the first frame in
 * which the watchlist shows a price and the chart has data; also when each watchlist symbol first shows a price.
 *
 * <p>With {@code -Dstockmonitor.startupProbe=exit} the app also quits once the probe is done: packaging uses that
 * as the training run that records which classes a start-up loads, for the class-data-sharing archive.
 */
public final class StartupProbe {
    static final String PROPERTY = "stockmonitor.startupProbe";
    /** The probe gives up after this long (a symbol that never gets data must not keep it running). */
    private static final long GIVE_UP_MS = 120_000;
    private static final Logger LOG = LoggerFactory.getLogger(StartupProbe.class);

    private final long processStartMs;
    private final boolean exitWhenDone;
    private final Set<String> seen = new HashSet<>();
    private boolean firstFrameLogged;
    private boolean anyFrameLogged;

    StartupProbe(long processStartMs, boolean exitWhenDone) {
        this.processStartMs = processStartMs;
        this.exitWhenDone = exitWhenDone;
    }

    /** Whether {@code stockmonitor.startupProbe} is on ({@code true} or {@code exit}). */
    public static boolean enabled() {
        String value = System.getProperty(PROPERTY, "");
        return value.equalsIgnoreCase("true") || value.equalsIgnoreCase("exit");
    }

    static StartupProbe fromSystemProperty() {
        if (!enabled()) {
            return null;
        }
        return new StartupProbe(ProcessStart.epochMillis(), System.getProperty(PROPERTY).equalsIgnoreCase("exit"));
    }

    /** Whether the app should quit now that this probe is done. */
    boolean exitWhenDone() {
        return exitWhenDone;
    }

    /** After the frame's model update; true once everything this probe waits for was seen (it can be dropped). */
    boolean frame(MainViewModel model, long nowMs) {
        if (!anyFrameLogged) {
            anyFrameLogged = true;
            LOG.info("first frame (window up, data or not) after {} ms", nowMs - processStartMs);
        }
        boolean anyPrice = false;
        for (WatchRow row : model.watchlist().rows()) {
            if (!Double.isNaN(row.lastProperty().get())) {
                anyPrice = true;
                if (seen.add(row.symbol())) {
                    LOG.info("symbol {} first shows a price after {} ms", row.symbol(), nowMs - processStartMs);
                }
            }
        }
        ChartViewModel chart = model.chart();
        boolean chartReady = chart.symbolProperty().get().isEmpty() || chart.barCount() > 0 || chart.tickCount() > 0;
        if (!firstFrameLogged && anyPrice && chartReady) {
            firstFrameLogged = true;
            LOG.info("first frame with data after {} ms", nowMs - processStartMs);
        }
        if (nowMs - processStartMs > GIVE_UP_MS) {
            LOG.info("start-up probe stops after {} ms; {} of {} symbols showed a price", GIVE_UP_MS, seen.size(),
                    model.watchlist().rows().size());
            return true;
        }
        return firstFrameLogged && seen.size() >= model.watchlist().rows().size();
    }
}
