package io.stockmonitor.app;

import io.stockmonitor.source.SourceChoice;
import io.stockmonitor.ui.FeedPort;
import io.stockmonitor.ui.LinkEvent;
import java.util.List;
import java.util.function.Consumer;

/**
 * Starts the window's feed sessions through {@link LiveSession}, the same composition the headless mode uses: the
 * bundled simulator in-process for demo mode, a protocol server, or a provider.
 */
public final class WindowSessions {
    private WindowSessions() {
    }

    /** A {@link io.stockmonitor.ui.SessionStarter}; runs on the UI's session thread, never the FX thread. */
    public static FeedPort start(SourceChoice choice, List<String> symbols, Consumer<LinkEvent> events)
            throws Exception {
        FeedClientPort[] port = new FeedClientPort[1];
        LiveSession session = LiveSession.start(choice, symbols, client -> {
            // Registered before the client starts, so the window sees its first state changes.
            port[0] = new FeedClientPort(client, choice.kind());
            port[0].setEventSink(events);
            if (StartupFeedProbe.enabled()) {
                client.addListener(new StartupFeedProbe());
            }
        });
        port[0].attach(session);
        return port[0];
    }
}
