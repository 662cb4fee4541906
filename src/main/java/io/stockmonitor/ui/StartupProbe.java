package io.stockmonitor.ui;

import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Start-up measurement, enabled with {@code -Dstockmonitor.startupProbe=true} (packaging/screenshot-deb.sh greps
 * for its line): logs once "first frame with data after N ms", N counted from the JVM's start, at the first frame in
 * which the watchlist shows a price and the chart has data; also when each watchlist symbol first shows a price.
 */
final class StartupProbe {
    static final String PROPERTY = "stockmonitor.startupProbe";
    /** The probe gives up after this long (a symbol that never gets data must not keep it running). */
    private static final long GIVE_UP_MS = 120_000;
    private static final Logger LOG = LoggerFactory.getLogger(StartupProbe.class);

    private final long jvmStartMs;
    private final Set<String> seen = new HashSet<>();
    private boolean firstFrameLogged;

    StartupProbe(long jvmStartMs) {
        this.jvmStartMs = jvmStartMs;
    }

    static StartupProbe fromSystemProperty() {
        if (!Boolean.getBoolean(PROPERTY)) {
            return null;
        }
        long start = ProcessHandle.current().info().startInstant().map(i -> i.toEpochMilli())
                .orElse(System.currentTimeMillis());
        return new StartupProbe(start);
    }

    /** After the frame's model update; true once everything this probe waits for was seen (it can be dropped). */
    boolean frame(MainViewModel model, long nowMs) {
        boolean anyPrice = false;
        for (WatchRow row : model.watchlist().rows()) {
            if (!Double.isNaN(row.lastProperty().get())) {
                anyPrice = true;
                if (seen.add(row.symbol())) {
                    LOG.info("symbol {} first shows a price after {} ms", row.symbol(), nowMs - jvmStartMs);
                }
            }
        }
        ChartViewModel chart = model.chart();
        boolean chartReady = chart.symbolProperty().get().isEmpty() || chart.barCount() > 0 || chart.tickCount() > 0;
        if (!firstFrameLogged && anyPrice && chartReady) {
            firstFrameLogged = true;
            LOG.info("first frame with data after {} ms", nowMs - jvmStartMs);
        }
        if (nowMs - jvmStartMs > GIVE_UP_MS) {
            LOG.info("start-up probe stops after {} ms; {} of {} symbols showed a price", GIVE_UP_MS, seen.size(),
                    model.watchlist().rows().size());
            return true;
        }
        return firstFrameLogged && seen.size() >= model.watchlist().rows().size();
    }
}
