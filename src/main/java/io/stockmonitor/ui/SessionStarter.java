package io.stockmonitor.ui;

import io.stockmonitor.source.SourceChoice;
import java.util.List;
import java.util.function.Consumer;

/** Starts a feed session; called on a background thread, may block while the session starts. */
@FunctionalInterface
public interface SessionStarter {
    /**
     * @param events where the session delivers its connection events (on the feed thread)
     * @return the running session
     */
    FeedPort start(SourceChoice choice, List<String> symbols, Consumer<LinkEvent> events) throws Exception;
}
