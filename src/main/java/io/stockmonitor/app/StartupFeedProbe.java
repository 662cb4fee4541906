package io.stockmonitor.app;

import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.FeedListener;
import io.stockmonitor.ui.ProcessStart;
import io.stockmonitor.ui.StartupProbe;
import java.util.HashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The feed side of the start-up probe ({@code -Dstockmonitor.startupProbe=true}): when each symbol's first snapshot
 * reached the market model, counted from the process's start, to tell a slow feed from a slow window. Feed thread only.
 */
final class StartupFeedProbe implements FeedListener {
    private static final Logger LOG = LoggerFactory.getLogger(StartupFeedProbe.class);
    /** Bounds the set: after this many symbols the probe stops logging. */
    private static final int MAX_SYMBOLS = 1_000;

    private final long processStartMs = ProcessStart.epochMillis();
    private final Set<String> seen = new HashSet<>();

    static boolean enabled() {
        return StartupProbe.enabled();
    }

    @Override
    public void onEvent(FeedEvent event) {
        if (event instanceof FeedEvent.StateChanged c) {
            LOG.info("feed {} after {} ms", c.status().state(), System.currentTimeMillis() - processStartMs);
        } else if (event instanceof FeedEvent.SnapshotApplied s && seen.size() < MAX_SYMBOLS
                && seen.add(s.symbol())) {
            LOG.info("snapshot of {} applied after {} ms", s.symbol(), System.currentTimeMillis() - processStartMs);
        }
    }
}
