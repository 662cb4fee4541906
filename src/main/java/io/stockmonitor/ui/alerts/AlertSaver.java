package io.stockmonitor.ui.alerts;

import io.stockmonitor.alerts.AlertRule;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the alerts file on its own thread ("alerts-save") whenever the rules change, so a crash loses no alert and
 * the FX thread never waits on the disk; changes in quick succession are written once, the newest winning.
 */
public final class AlertSaver implements AlertsViewModel.Saver, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AlertSaver.class);

    private record Snapshot(List<AlertRule> rules, boolean sound, boolean notifications) {
    }

    private final AlertStore store;
    private final AtomicReference<Snapshot> pending = new AtomicReference<>();
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "alerts-save");
        t.setDaemon(true);
        return t;
    });

    public AlertSaver(AlertStore store) {
        this.store = store;
    }

    @Override
    public void save(List<AlertRule> rules, boolean sound, boolean notifications) {
        if (pending.getAndSet(new Snapshot(rules, sound, notifications)) == null) {
            worker.execute(this::write);
        }
    }

    private void write() {
        Snapshot s = pending.getAndSet(null);
        if (s == null) {
            return;
        }
        try {
            store.save(s.rules(), s.sound(), s.notifications());
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not save the alerts to {}: {}", store.file(), e.toString());
        }
    }

    /** Writes what is pending and stops (waits up to 5 s). */
    @Override
    public void close() {
        worker.execute(this::write);
        worker.shutdown();
        try {
            worker.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
