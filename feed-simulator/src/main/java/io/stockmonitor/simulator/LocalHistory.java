package io.stockmonitor.simulator;

import java.util.Map;

/** The history in this server's memory alone: its producer writes straight into its feeds (the default). */
final class LocalHistory implements FeedHistory {
    private final FeedHub hub;

    LocalHistory(FeedHub hub) {
        this.hub = hub;
    }

    @Override
    public void start() {
        hub.producer().start(hub.currentEpoch(), new TickRecord[hub.symbolCount()], hub::applyTick);
    }

    /** The producer stops first, so that no tick of the old epoch lands in the new one. */
    @Override
    public synchronized void newEpoch() {
        hub.producer().stop();
        hub.adoptEpoch(Epoch.next(hub.currentEpoch().index() + 1, System.currentTimeMillis()));
        if (!hub.isClosing()) {
            hub.producer().start(hub.currentEpoch(), new TickRecord[hub.symbolCount()], hub::applyTick);
        }
    }

    @Override
    public boolean serving() {
        return true;
    }

    @Override
    public Map<String, Object> status() {
        return Map.of("kind", "memory");
    }

    @Override
    public void close() {
        hub.producer().stop();
    }
}
