package io.stockmonitor.alerts;

import io.stockmonitor.feed.ConnectionSupervisor;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.LongSupplier;

/**
 * An {@link AlertEngine} plugged into a running feed: a trade listener of its output and the freshness timer, both on
 * the feed thread. Rules can be replaced from any thread (the change is handed to the feed thread).
 */
public final class FeedAlerts implements AutoCloseable {
    private final ConnectionSupervisor feed;
    private final AlertEngine engine;
    private final ScheduledFuture<?> timer;

    private FeedAlerts(ConnectionSupervisor feed, AlertEngine engine) {
        this.feed = feed;
        this.engine = engine;
        this.timer = feed.every(AlertLimits.FRESHNESS_CHECK_MS, engine::checkFreshness);
    }

    /**
     * Attaches an engine with {@code rules} to {@code feed}. Called before the feed starts, the rules are in place
     * before its first trade.
     */
    public static FeedAlerts attach(ConnectionSupervisor feed, List<AlertRule> rules, IndicatorLines lines,
                                    AlertSink sink, LongSupplier clockMs) {
        AlertEngine engine = new AlertEngine(feed.market(), lines, sink, clockMs);
        List<AlertRule> initial = List.copyOf(rules);
        feed.execute(() -> engine.setRules(initial));
        feed.addTradeListener(engine);
        return new FeedAlerts(feed, engine);
    }

    /** Replaces the rules (any thread). */
    public void rules(List<AlertRule> rules) {
        List<AlertRule> copy = List.copyOf(rules);
        feed.execute(() -> engine.setRules(copy));
    }

    /** The engine, for reads on the feed thread (tests). */
    public AlertEngine engine() {
        return engine;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.cancel(false);
        }
        feed.removeTradeListener(engine);
    }
}
