package io.stockmonitor.feed;

/**
 * The {@link FeedStats} of one client. Only the feed thread writes, so plain increments of volatile fields are
 * safe and readers on other threads see recent values.
 */
final class ClientCounters implements FeedStats {
    private static final java.util.concurrent.atomic.AtomicLongFieldUpdater<ClientCounters> TICKS =
            java.util.concurrent.atomic.AtomicLongFieldUpdater.newUpdater(ClientCounters.class, "ticksApplied");

    volatile long ticksApplied;
    volatile long duplicatesDropped;
    volatile long gaps;
    volatile long resyncs;
    volatile long resumes;
    volatile long reconnects;
    volatile long badFrames;
    volatile long messagesReceived;
    volatile long ignoredWhileResyncing;
    volatile long stalls;

    /** The per-tick counter: an ordered store, no full fence (single writer). */
    void tickApplied() {
        TICKS.lazySet(this, ticksApplied + 1);
    }

    @Override
    public long ticksApplied() {
        return ticksApplied;
    }

    @Override
    public long duplicatesDropped() {
        return duplicatesDropped;
    }

    @Override
    public long gaps() {
        return gaps;
    }

    @Override
    public long resyncs() {
        return resyncs;
    }

    @Override
    public long resumes() {
        return resumes;
    }

    @Override
    public long reconnects() {
        return reconnects;
    }

    @Override
    public long badFrames() {
        return badFrames;
    }

    @Override
    public long messagesReceived() {
        return messagesReceived;
    }

    @Override
    public String toString() {
        return "ticks=" + ticksApplied + " duplicates=" + duplicatesDropped + " gaps=" + gaps + " resyncs=" + resyncs
                + " resumes=" + resumes + " reconnects=" + reconnects + " badFrames=" + badFrames
                + " messages=" + messagesReceived;
    }
}
