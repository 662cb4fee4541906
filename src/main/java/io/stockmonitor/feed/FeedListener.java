package io.stockmonitor.feed;

/** Receives every {@link FeedEvent}; called on the feed thread, so it must be quick and must not block. */
@FunctionalInterface
public interface FeedListener {
    void onEvent(FeedEvent event);
}
