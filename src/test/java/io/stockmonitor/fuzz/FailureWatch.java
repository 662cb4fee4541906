package io.stockmonitor.fuzz;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Sees what fails away from the test's thread while it is open: uncaught exceptions of any thread, and every log line
 * at ERROR or carrying an exception (Jetty logs a listener's exception; our code logs what it caught). A property test
 * asserts it saw nothing.
 */
public final class FailureWatch extends AppenderBase<ILoggingEvent> implements AutoCloseable {
    private final Queue<String> seen = new ConcurrentLinkedQueue<>();
    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();

    public FailureWatch() {
        setName("failure-watch");
        setContext(root.getLoggerContext());
        start();
        root.addAppender(this);
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> seen.add("uncaught in " + thread.getName() + ": " + e));
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (event.getLevel() == Level.ERROR || event.getThrowableProxy() != null) {
            seen.add(event.getLevel() + " " + event.getLoggerName() + ": " + event.getFormattedMessage()
                    + (event.getThrowableProxy() == null ? "" : " (" + event.getThrowableProxy().getClassName() + ": "
                    + event.getThrowableProxy().getMessage() + ")"));
        }
    }

    /** What failed so far, oldest first. */
    public List<String> failures() {
        return new ArrayList<>(seen);
    }

    @Override
    public void close() {
        root.detachAppender(this);
        stop();
        Thread.setDefaultUncaughtExceptionHandler(previous);
    }
}
