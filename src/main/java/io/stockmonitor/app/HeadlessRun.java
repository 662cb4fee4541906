package io.stockmonitor.app;

import io.stockmonitor.alerts.FeedAlerts;
import io.stockmonitor.alerts.IndicatorLines;
import io.stockmonitor.feed.ConnectionState;
import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.FeedRecordWriter;
import io.stockmonitor.feed.FeedStats;
import io.stockmonitor.market.LatencySnapshot;
import io.stockmonitor.source.SourceChoice;
import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Headless mode: connect, log connection state changes, optionally record every accepted trade, gap, snapshot and
 * state change as JSON Lines, evaluate {@code --alert} rules on every applied trade (a line on stdout and in the
 * record per firing), and print a summary at the end (after {@code --duration}, or on SIGINT/SIGTERM). Exit
 * 0; 3 when the connection FAILED (bad token, bad URL) or never connected at all (a closed port, an unreachable
 * host), with a one-line reason on stderr; 4 when the record file cannot be written. This is command-line output,
 * hence stdout/stderr.
 */
final class HeadlessRun {
    static final int EXIT_OK = 0;
    static final int EXIT_FAILED = 3;
    /** How often the record's buffer is written out while a run goes on (a tool tailing it lags at most this). */
    static final long RECORD_FLUSH_MS = 1_000;
    static final int EXIT_RECORD = 4;
    private static final Logger LOG = LoggerFactory.getLogger(HeadlessRun.class);
    /** How long a shutdown hook waits for the summary. */
    private static final long HOOK_WAIT_MS = 10_000;

    private HeadlessRun() {
    }

    static int run(AppOptions options, AppDirs dirs) {
        return run(options, System.out, System.err, true);
    }

    static int run(AppOptions options, PrintStream out, PrintStream err, boolean installHook) {
        return run(options, out, err, installHook, new CountDownLatch(1));
    }

    /** As above; counting {@code stop} down ends the run as a signal would (tests end a run when they are done). */
    static int run(AppOptions options, PrintStream out, PrintStream err, boolean installHook, CountDownLatch stop) {
        SourceChoice choice = options.choiceOrDemo();
        FeedRecordWriter writer = null;
        if (options.record() != null) {
            try {
                writer = new FeedRecordWriter(options.record());
            } catch (IOException e) {
                err.println("stock-monitor: cannot write the record file " + options.record() + ": " + e.getMessage());
                return EXIT_RECORD;
            }
        }
        CountDownLatch finished = new CountDownLatch(1);
        AtomicReference<String> failure = new AtomicReference<>();
        AtomicBoolean everConnected = new AtomicBoolean();
        AtomicReference<String> lastProblem = new AtomicReference<>();
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                finished.await(HOOK_WAIT_MS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "headless-shutdown");
        if (installHook) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        long startNanos = System.nanoTime();
        LiveSession session = null;
        HeadlessAlerts alerts = options.alerts().isEmpty() ? null : new HeadlessAlerts(out, writer);
        try {
            FeedRecordWriter recorder = writer;
            session = LiveSession.start(choice, options.symbolsWithAlerts(), client -> {
                if (recorder != null) {
                    client.setTickSink(recorder);
                    client.addListener(recorder);
                    // On the feed thread, between the lines it writes: the file never ends in half a line.
                    client.every(RECORD_FLUSH_MS, recorder::flushBuffered);
                }
                if (alerts != null) {
                    // After the record's sink: an alert line follows the line of the trade that fired it.
                    FeedAlerts.attach(client, options.alerts(), IndicatorLines.NONE, alerts,
                            System::currentTimeMillis);
                }
                client.addListener(event -> {
                    if (event instanceof FeedEvent.StateChanged s) {
                        ConnectionState state = s.status().state();
                        if (state == ConnectionState.CONNECTED) {
                            everConnected.set(true);
                        } else if (state == ConnectionState.RECONNECTING) {
                            lastProblem.set(s.status().detail());
                        } else if (state == ConnectionState.FAILED) {
                            failure.compareAndSet(null, s.status().detail());
                            stop.countDown();
                        }
                    }
                });
            });
            LOG.info("headless run against {} for {}", session.serverLabel(),
                    options.duration() == null ? "until interrupted" : options.duration());
            if (options.duration() == null) {
                stop.await();
            } else {
                stop.await(options.duration().toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (IllegalArgumentException e) {
            failure.compareAndSet(null, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            failure.compareAndSet(null, "cannot start: " + e);
        } finally {
            if (session != null) {
                session.close();
            }
        }
        try {
            int code;
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    err.println("stock-monitor: cannot write the record file " + options.record() + ": "
                            + e.getMessage());
                    return EXIT_RECORD;
                }
            }
            if (failure.get() == null && session != null && !everConnected.get()) {
                // A run that never got a connection has nothing to report but why: it is a failure, not a summary.
                failure.set("never connected within " + String.format(java.util.Locale.ROOT, "%.1f s",
                        (System.nanoTime() - startNanos) / 1e9) + (lastProblem.get() == null ? ""
                        : " (last attempt: " + lastProblem.get() + ")"));
            }
            if (failure.get() != null) {
                err.println("stock-monitor: feed connection failed: " + failure.get());
                code = EXIT_FAILED;
            } else {
                printSummary(out, session, writer, options, (System.nanoTime() - startNanos) / 1e9);
                if (alerts != null) {
                    out.printf("  alerts: %d rules, %d fired%n", options.alerts().size(), alerts.fired());
                }
                code = EXIT_OK;
            }
            out.flush();
            err.flush();
            return code;
        } finally {
            finished.countDown();
            if (installHook) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // shutting down already: the hook is running and waits for us
                }
            }
        }
    }

    private static void printSummary(PrintStream out, LiveSession session, FeedRecordWriter writer,
                                     AppOptions options, double seconds) {
        ConnectionSupervisor feed = session.feed();
        FeedStats s = feed.stats();
        LatencySnapshot l = feed.latency().totalSnapshot();
        out.printf("stock-monitor headless summary: %s%s, %.1f s, %d symbols%n", session.serverLabel(),
                session.simulated() ? " (SIMULATED data)" : "", seconds, options.symbolsWithAlerts().size());
        out.printf("  ticks %d, duplicates dropped %d, gaps %d, resyncs %d, connections lost %d, reconnects %d, "
                        + "symbols resumed %d, bad frames %d%n",
                s.ticksApplied(), s.duplicatesDropped(), s.gaps(), s.resyncs(), s.connectionsLost(), s.reconnects(),
                s.symbolsResumed(), s.badFrames());
        out.printf("  gaps settled: %d exact, %d by time, %d lost; trades refilled %d, trades lost %d%n",
                s.gapsExact(), s.gapsByTime(), s.gapsLost(), s.tradesRefilled(), s.tradesLost());
        out.printf("  %s: %s%n", session.choice().kind().title(), session.choice().kind().guarantee());
        if (l.ticks() == 0) {
            out.printf("  latency: no live trade measured%n");
        } else {
            out.printf("  latency (receive - trade time) p50 %d ms, p99 %d ms, max %d ms; ping rtt last %s%n",
                    l.p50Ms(), l.p99Ms(), l.maxMs(), l.lastRttMs() < 0 ? "n/a" : l.lastRttMs() + " ms");
        }
        if (writer != null) {
            out.printf("  recorded %d lines to %s%n", writer.lines(), options.record());
        }
    }
}
