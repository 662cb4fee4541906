package io.stockmonitor.feed;

/** Counters since start; written by the feed thread only, readable from any thread. */
public interface FeedStats {
    long ticksApplied();

    long duplicatesDropped();

    long gaps();

    long resyncs();

    long resumes();

    long reconnects();

    long badFrames();

    long messagesReceived();
}
