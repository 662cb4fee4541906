package io.stockmonitor.ui.alerts;

import io.stockmonitor.alerts.AlertFiring;
import io.stockmonitor.alerts.AlertKind;
import io.stockmonitor.alerts.AlertLimits;
import io.stockmonitor.alerts.AlertRule;
import io.stockmonitor.alerts.IndicatorLines;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;

/**
 * The alerts' state in the window (FX thread): the rules (an {@link AlertBook}), the log of firings (newest first,
 * at most {@link AlertLimits#LOG_ENTRIES}), the toasts on screen (at most {@link AlertLimits#TOASTS_SHOWN}, each for
 * {@link AlertLimits#TOAST_MS}), which watchlist rows are highlighted, and whether a firing sounds and notifies.
 * {@link #frame(long)} takes the firings the feed thread queued since the previous frame, all at once.
 */
public final class AlertsViewModel {
    /** Persists the rules and the two switches (the window runs it off the FX thread). */
    @FunctionalInterface
    public interface Saver {
        void save(List<AlertRule> rules, boolean sound, boolean notifications);
    }

    private final AlertBook book = new AlertBook();
    private final AlertFiringQueue queue = new AlertFiringQueue();
    private final ObservableList<AlertFiring> log = FXCollections.observableArrayList();
    private final ObservableList<AlertFiring> toasts = FXCollections.observableArrayList();
    private final Map<AlertFiring, Long> toastUntil = new IdentityHashMap<>();
    private final Map<String, Long> highlightUntil = new HashMap<>();
    private final Map<Long, AlertFiring> lastFired = new HashMap<>();
    private final ReadOnlyLongWrapper firedVersion = new ReadOnlyLongWrapper(this, "firedVersion");
    private final ReadOnlyIntegerWrapper unseen = new ReadOnlyIntegerWrapper(this, "unseen");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper(this, "notice", "");
    private final BooleanProperty soundOn = new SimpleBooleanProperty(this, "soundOn", true);
    private final BooleanProperty notificationsOn = new SimpleBooleanProperty(this, "notificationsOn", false);
    private final AlertSound sound;
    private final DesktopNotifier notifier;
    private final List<AlertFiring> batch = new ArrayList<>();
    private final List<AlertFiring> toNotify = new ArrayList<>();
    private IndicatorLines lines = IndicatorLines.NONE;
    private AlertTarget port;
    private Saver saver = (r, s, n) -> { };
    private boolean loading;
    private long lastNotifiedMs = Long.MIN_VALUE / 2;

    public AlertsViewModel() {
        this(null, DesktopNotifier.NONE);
    }

    /** @param sound null for silence (tests) */
    public AlertsViewModel(AlertSound sound, DesktopNotifier notifier) {
        this.sound = sound;
        this.notifier = notifier;
        book.rules().addListener((ListChangeListener<AlertRule>) c -> rulesChanged());
        soundOn.addListener((obs, old, now) -> save());
        notificationsOn.addListener((obs, old, now) -> save());
    }

    public AlertBook book() {
        return book;
    }

    public ObservableList<AlertRule> rules() {
        return book.rules();
    }

    /** Firings, newest first. */
    public ObservableList<AlertFiring> log() {
        return log;
    }

    public ObservableList<AlertFiring> toasts() {
        return toasts;
    }

    /** Goes up whenever a rule fired (the rules table shows each rule's latest firing). */
    public ReadOnlyLongProperty firedVersionProperty() {
        return firedVersion.getReadOnlyProperty();
    }

    /** Firings since the log was last looked at. */
    public ReadOnlyIntegerProperty unseenProperty() {
        return unseen.getReadOnlyProperty();
    }

    public void markSeen() {
        unseen.set(0);
    }

    /** A problem with the alerts file, for the status bar; empty when none. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public BooleanProperty soundOnProperty() {
        return soundOn;
    }

    public BooleanProperty notificationsOnProperty() {
        return notificationsOn;
    }

    /** How this platform notifies ("notify-send (libnotify)", "none", ...). */
    public String notificationMechanism() {
        return notifier.mechanism();
    }

    /** The indicator lines rules can name (the chart's, once it has them). */
    public IndicatorLines lines() {
        return lines;
    }

    public void setLines(IndicatorLines lines) {
        this.lines = lines;
    }

    /** The latest firing of a rule, or null. */
    public AlertFiring lastFired(long ruleId) {
        return lastFired.get(ruleId);
    }

    /** Puts back what the alerts file held. */
    public void restore(AlertStore.Loaded loaded, Saver saveWith) {
        loading = true;
        try {
            book.load(loaded.rules());
            soundOn.set(loaded.sound());
            notificationsOn.set(loaded.notifications());
        } finally {
            loading = false;
        }
        saver = saveWith;
        if (loaded.hasNotice()) {
            notice.set(loaded.notice());
            save();
        }
    }

    /**
     * The session the rules are evaluated in (null while none): it gets every active rule now and after each change,
     * and puts its firings into this view model's queue.
     */
    public void attach(AlertTarget session) {
        this.port = session;
        if (session != null) {
            session.setAlerts(book.active(), lines, queue);
        }
    }

    private void rulesChanged() {
        if (port != null) {
            port.setAlerts(book.active(), lines, queue);
        }
        save();
    }

    private void save() {
        if (!loading) {
            saver.save(List.copyOf(book.rules()), soundOn.get(), notificationsOn.get());
        }
    }

    /** A rule that fires once at {@code level}, above or below where the price is now. */
    public AlertRule addPriceAlert(String symbol, double level, double last) {
        boolean above = Double.isNaN(last) || level >= last;
        return book.add(AlertRule.price(0, symbol, above, level, true, 0));
    }

    /** Adds a rule from the editor; returns it. */
    public AlertRule add(AlertRule draft) {
        return book.add(draft);
    }

    /** Once per frame: the firings queued since the previous frame, then toasts and highlights age. */
    public void frame(long nowMs) {
        batch.clear();
        queue.drainTo(batch::add);
        long dropped = queue.takeDropped();
        if (dropped > 0) {
            notice.set(dropped + " alert firings were too many to show (the log shows the rest)");
        }
        for (AlertFiring f : batch) {
            onFired(f, nowMs);
        }
        if (!batch.isEmpty()) {
            firedVersion.set(firedVersion.get() + 1);
            if (soundOn.get() && sound != null) {
                sound.play();
            }
            if (notificationsOn.get()) {
                toNotify.addAll(batch);
            }
        }
        flushNotifications(nowMs);
        expireToasts(nowMs);
        highlightUntil.values().removeIf(until -> until <= nowMs);
    }

    private void onFired(AlertFiring f, long nowMs) {
        log.add(0, f);
        if (log.size() > AlertLimits.LOG_ENTRIES) {
            log.remove(AlertLimits.LOG_ENTRIES, log.size());
        }
        unseen.set(Math.min(unseen.get() + 1, AlertLimits.LOG_ENTRIES));
        lastFired.put(f.rule().id(), f);
        toasts.add(0, f);
        toastUntil.put(f, nowMs + AlertLimits.TOAST_MS);
        while (toasts.size() > AlertLimits.TOASTS_SHOWN) {
            toastUntil.remove(toasts.remove(toasts.size() - 1));
        }
        highlightUntil.put(f.symbol(), nowMs + AlertLimits.ROW_HIGHLIGHT_MS);
        if (f.rule().oneShot()) {
            // Done: kept in the list as paused, so it can be re-armed with one click.
            book.setPaused(f.rule().id(), true);
        }
    }

    /** One notification per {@link AlertLimits#OS_NOTIFICATION_MIN_GAP_MS} at most: a burst becomes a summary. */
    private void flushNotifications(long nowMs) {
        if (toNotify.isEmpty() || nowMs - lastNotifiedMs < AlertLimits.OS_NOTIFICATION_MIN_GAP_MS) {
            return;
        }
        lastNotifiedMs = nowMs;
        if (toNotify.size() == 1) {
            AlertFiring f = toNotify.get(0);
            notifier.notify(f.rule().text(), f.message() + (f.marks().isEmpty() ? "" : " (" + f.marks() + ")"));
        } else {
            StringBuilder body = new StringBuilder();
            for (int i = 0; i < toNotify.size() && i < 4; i++) {
                body.append(i == 0 ? "" : "\n").append(toNotify.get(i).message());
            }
            if (toNotify.size() > 4) {
                body.append("\n… and ").append(toNotify.size() - 4).append(" more");
            }
            notifier.notify(toNotify.size() + " alerts", body.toString());
        }
        toNotify.clear();
    }

    private void expireToasts(long nowMs) {
        for (int i = toasts.size() - 1; i >= 0; i--) {
            Long until = toastUntil.get(toasts.get(i));
            if (until == null || until <= nowMs) {
                toastUntil.remove(toasts.remove(i));
            }
        }
    }

    public void dismissToast(AlertFiring f) {
        toasts.remove(f);
        toastUntil.remove(f);
    }

    /** True while the symbol's row shows that an alert fired on it. */
    public boolean highlighted(String symbol) {
        return highlightUntil.containsKey(symbol);
    }

    /** Every rule on the symbol, for the watchlist's context menu. */
    public List<AlertRule> rulesOn(String symbol) {
        return book.rules().stream().filter(r -> r.symbol().equals(symbol)).toList();
    }

    /** Applies the work of {@code change} to the notice (tests use it to see what was saved). */
    void setSaver(Saver s) {
        saver = s;
    }

    /** Kinds offered in the editor: line rules only when some indicator line exists. */
    public List<AlertKind> offeredKinds() {
        List<AlertKind> out = new ArrayList<>();
        for (AlertKind k : AlertKind.values()) {
            if (!k.isLine() || !lines.names().isEmpty()) {
                out.add(k);
            }
        }
        return out;
    }

    /** For tests: every queued firing is taken by the next frame. */
    AlertFiringQueue queue() {
        return queue;
    }

    /** Runs something for each firing of the frame (the main view model highlights rows with it). */
    public void forEachHighlighted(Consumer<String> action) {
        highlightUntil.keySet().forEach(action);
    }
}
