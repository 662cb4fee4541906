package io.stockmonitor.alerts;

/** Every bound of alerts, in one place: rules, windows, and what the window keeps and shows of firings. */
public final class AlertLimits {
    /** Rules in all (the window refuses more; the engine evaluates the first ones only). */
    public static final int MAX_RULES = 2_000;
    /** Rules on one symbol. */
    public static final int MAX_RULES_PER_SYMBOL = 50;
    /** The longest window of a move rule ("X % within N minutes"). */
    public static final int MAX_MOVE_MINUTES = 60;
    /** The longest time of a stale/delayed rule. */
    public static final int MAX_STALE_SECONDS = 3_600;
    /**
     * Seconds a move window keeps at first; it grows by doubling to {@code minutes x 60 + 1} only as seconds with
     * trades arrive, so a quiet symbol's window stays small.
     */
    static final int MOVE_WINDOW_INITIAL_BUCKETS = 64;
    /** How often the feed thread checks stale/delayed rules. */
    public static final long FRESHNESS_CHECK_MS = 250;
    /** Firings waiting for the window's next frame; beyond it the newest are dropped and counted. */
    public static final int FIRING_QUEUE = 1_024;
    /** Firings the alerts log keeps (oldest dropped). */
    public static final int LOG_ENTRIES = 500;
    /** Toasts on screen at once (older ones close). */
    public static final int TOASTS_SHOWN = 3;
    /** How long a toast stays. */
    public static final long TOAST_MS = 8_000;
    /** How long a watchlist row stays highlighted after its alert fired. */
    public static final long ROW_HIGHLIGHT_MS = 10_000;
    /** Operating-system notifications at most this often (a burst becomes one summary). */
    public static final long OS_NOTIFICATION_MIN_GAP_MS = 2_000;
    /** Characters of a rule's text (symbol, operator, number). */
    public static final int MAX_RULE_TEXT = 80;
    /** The alerts file is read up to this size; a larger one is treated as broken. */
    public static final long MAX_FILE_BYTES = 4L * 1024 * 1024;

    private AlertLimits() {
    }
}
