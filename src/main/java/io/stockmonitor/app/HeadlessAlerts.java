package io.stockmonitor.app;

import io.stockmonitor.alerts.AlertFiring;
import io.stockmonitor.alerts.AlertRule;
import io.stockmonitor.alerts.AlertSink;
import io.stockmonitor.feed.FeedRecordWriter;
import java.io.PrintStream;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The headless mode's alert output, on the feed thread: one line per firing on stdout and, with a record, an alert
 * line right after the trade's line. Stdout is the operator's: a line is only formatted when a rule fires.
 */
final class HeadlessAlerts implements AlertSink {
    private final PrintStream out;
    private final FeedRecordWriter record;
    private final AtomicLong fired = new AtomicLong();
    private final StringBuilder line = new StringBuilder(160);

    HeadlessAlerts(PrintStream out, FeedRecordWriter record) {
        this.out = out;
        this.record = record;
    }

    @Override
    public void fired(AlertRule rule, long seq, long ts, double price, double value, int flags, long atMs) {
        fired.incrementAndGet();
        boolean refilled = (flags & AlertFiring.REFILLED) != 0;
        boolean acrossGap = (flags & AlertFiring.ACROSS_GAP) != 0;
        if (record != null) {
            record.alert(rule.symbol(), rule.text(), seq, ts, price, refilled, acrossGap);
        }
        line.setLength(0);
        line.append("alert ").append(rule.text()).append(": ");
        line.append(new AlertFiring(rule, seq, ts, price, value, flags, atMs).message());
        if (!Double.isNaN(price)) {
            line.append(" (seq ").append(seq).append(", trade at ").append(Instant.ofEpochMilli(ts)).append(')');
        }
        if (refilled) {
            line.append(" [refilled]");
        }
        if (acrossGap) {
            line.append(" [crossed during a gap]");
        }
        out.println(line);
    }

    long fired() {
        return fired.get();
    }
}
