package io.stockmonitor.app;

import io.stockmonitor.source.SourceChoice;
import io.stockmonitor.ui.FeedPort;
import io.stockmonitor.ui.LinkEvent;
import io.stockmonitor.ui.SessionStarter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the window's first session while JavaFX is still starting, so the data are there when the first frame is.
 *
 * <p>The window asks for its session only once the toolkit, theme and views are up (seconds on a small machine),
 * while starting the bundled simulator, connecting and applying the snapshots takes about a second and a half on
 * its own. If the window then asks for exactly the predicted choice and symbols it gets the session already
 * running; otherwise that one is closed and a new one starts as before.
 */
final class EarlySessionStarter implements SessionStarter {
    private static final Logger LOG = LoggerFactory.getLogger(EarlySessionStarter.class);
    /** Events from before the window attaches: a handful of state changes; more are dropped (state is polled). */
    private static final int MAX_BUFFERED_EVENTS = 256;

    private final SessionStarter delegate;
    private final SourceChoice choice;
    private final List<String> symbols;
    private final BufferedEvents events = new BufferedEvents();
    private final CompletableFuture<FeedPort> early = new CompletableFuture<>();
    private final AtomicBoolean claimed = new AtomicBoolean();

    EarlySessionStarter(SessionStarter delegate, SourceChoice choice, List<String> symbols) {
        this.delegate = delegate;
        this.choice = choice;
        this.symbols = List.copyOf(symbols);
        Thread starter = new Thread(this::startEarly, "early-session");
        starter.setDaemon(true);
        starter.start();
    }

    private void startEarly() {
        try {
            early.complete(delegate.start(choice, symbols, events));
        } catch (Exception | Error e) {
            early.completeExceptionally(e);
        }
    }

    @Override
    public FeedPort start(SourceChoice wanted, List<String> wantedSymbols, Consumer<LinkEvent> sink)
            throws Exception {
        if (claimed.compareAndSet(false, true)) {
            if (wanted.equals(choice) && wantedSymbols.equals(symbols)) {
                events.attach(sink);
                try {
                    return early.join();
                } catch (CompletionException e) {
                    throw e.getCause() instanceof Exception cause ? cause : e;
                }
            }
            LOG.info("the window asked for another session than the one started early; starting that instead");
            early.thenAccept(FeedPort::close);
        }
        return delegate.start(wanted, wantedSymbols, sink);
    }

    /** Holds the early session's events until the window attaches, then forwards them in order. */
    private static final class BufferedEvents implements Consumer<LinkEvent> {
        private final List<LinkEvent> buffered = new ArrayList<>();
        private Consumer<LinkEvent> sink;

        @Override
        public synchronized void accept(LinkEvent event) {
            if (sink != null) {
                sink.accept(event);
            } else if (buffered.size() < MAX_BUFFERED_EVENTS) {
                buffered.add(event);
            }
        }

        synchronized void attach(Consumer<LinkEvent> target) {
            buffered.forEach(target);
            buffered.clear();
            sink = target;
        }
    }
}
