package io.stockmonitor.ui;

import io.stockmonitor.market.Freshness;
import io.stockmonitor.market.GapKind;
import io.stockmonitor.market.QuoteView;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One watchlist row: read-only properties the watchlist draws from, updated by the frame loop only when the symbol's
 * quote changed (properties fire only on a different value). Prices are NaN until the first data arrive.
 */
public final class WatchRow {
    /** How long a price change stays highlighted; the highlight fades in {@link #FLASH_LEVELS} steps. */
    static final long FLASH_MS = 400;
    /**
     * After a highlight, changes in the same direction stay untinted this long: a symbol ticking several times a
     * second would otherwise be tinted all the time, and a table where everything is coloured says nothing.
     */
    static final long FLASH_QUIET_MS = 600;
    static final int FLASH_LEVELS = 3;
    /** Points kept for the sparkline (one per second: the last three minutes). */
    static final int SPARK_POINTS = 180;

    private final String symbol;
    private final ReadOnlyDoubleWrapper last = new ReadOnlyDoubleWrapper(this, "last", Double.NaN);
    private final ReadOnlyDoubleWrapper change = new ReadOnlyDoubleWrapper(this, "change", Double.NaN);
    private final ReadOnlyDoubleWrapper changePercent = new ReadOnlyDoubleWrapper(this, "changePercent", Double.NaN);
    private final ReadOnlyDoubleWrapper bid = new ReadOnlyDoubleWrapper(this, "bid", Double.NaN);
    private final ReadOnlyDoubleWrapper ask = new ReadOnlyDoubleWrapper(this, "ask", Double.NaN);
    private final ReadOnlyDoubleWrapper volume = new ReadOnlyDoubleWrapper(this, "volume", Double.NaN);
    private final ReadOnlyDoubleWrapper open = new ReadOnlyDoubleWrapper(this, "open", Double.NaN);
    private final ReadOnlyDoubleWrapper high = new ReadOnlyDoubleWrapper(this, "high", Double.NaN);
    private final ReadOnlyDoubleWrapper low = new ReadOnlyDoubleWrapper(this, "low", Double.NaN);
    private final ReadOnlyDoubleWrapper prevClose = new ReadOnlyDoubleWrapper(this, "prevClose", Double.NaN);
    private final ReadOnlyDoubleWrapper bidSize = new ReadOnlyDoubleWrapper(this, "bidSize", Double.NaN);
    private final ReadOnlyDoubleWrapper askSize = new ReadOnlyDoubleWrapper(this, "askSize", Double.NaN);
    private final ReadOnlyDoubleWrapper lastSize = new ReadOnlyDoubleWrapper(this, "lastSize", Double.NaN);
    /** The last trade's time in ms (as a double, so it sorts and compares like the numbers); NaN before one. */
    private final ReadOnlyDoubleWrapper lastTradeTime = new ReadOnlyDoubleWrapper(this, "lastTradeTime", Double.NaN);
    private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name");
    private final ReadOnlyObjectWrapper<Freshness> freshness = new ReadOnlyObjectWrapper<>(this, "freshness");
    private final ReadOnlyStringWrapper freshnessText = new ReadOnlyStringWrapper(this, "freshnessText", "WAITING");
    /** Positive: price went up, negative: down; the magnitude (1..FLASH_LEVELS) fades to 0. */
    private final ReadOnlyIntegerWrapper flash = new ReadOnlyIntegerWrapper(this, "flash");
    private final ReadOnlyLongWrapper sparkVersion = new ReadOnlyLongWrapper(this, "sparkVersion");
    /** An alert fired on the symbol a moment ago: the row is marked. */
    private final ReadOnlyBooleanWrapper alerted = new ReadOnlyBooleanWrapper(this, "alerted");

    /** How long after a gap settled the freshness cell still names it. */
    static final long GAP_SHOWN_MS = 60_000;
    /** Fewest and most decimals a price shows: cents for stocks, up to 1e-8 for the smallest crypto prices. */
    static final int MIN_DECIMALS = 2;
    static final int MAX_DECIMALS = 8;

    private long seenVersion = Long.MIN_VALUE;
    private int priceDecimals = MIN_DECIMALS;
    private GapKind gapKind;
    private long shownAgeSeconds = -1;
    private long flashStartMs;
    private int flashDirection;
    private int lastFlashDirection;
    private final double[] spark = new double[SPARK_POINTS];
    private int sparkCount;

    public WatchRow(String symbol) {
        this.symbol = symbol;
    }

    public String symbol() {
        return symbol;
    }

    /** Applies a freshly read quote; returns true if anything visible changed. */
    boolean apply(QuoteView q, long nowMs) {
        boolean changed = false;
        if (q.version() != seenVersion) {
            seenVersion = q.version();
            changed = true;
            if (q.hasData()) {
                double previous = last.get();
                double now = q.last();
                // Every digit the source sends is shown (never fewer than cents): a sub-cent crypto price keeps its
                // digits. Only a change the user can see flashes.
                priceDecimals = Math.max(priceDecimals, Math.max(decimalsOf(now), decimalsOf(q.bid())));
                double unit = POW10[priceDecimals];
                long shownBefore = Double.isNaN(previous) ? Long.MIN_VALUE : Math.round(previous * unit);
                long shownNow = Math.round(now * unit);
                if (shownBefore != Long.MIN_VALUE && shownNow != shownBefore) {
                    int direction = shownNow > shownBefore ? 1 : -1;
                    boolean quiet = direction == lastFlashDirection && nowMs - flashStartMs < FLASH_MS + FLASH_QUIET_MS;
                    if (!quiet) {
                        flashDirection = direction;
                        lastFlashDirection = direction;
                        flashStartMs = nowMs;
                        flash.set(flashDirection * FLASH_LEVELS);
                    }
                }
                last.set(now);
                change.set(q.change());
                changePercent.set(q.changePercent());
                bid.set(q.bid());
                ask.set(q.ask());
                volume.set(q.volume());
                open.set(q.open());
                high.set(q.high());
                low.set(q.low());
                prevClose.set(q.prevClose());
                bidSize.set(q.bidSize());
                askSize.set(q.askSize());
                lastSize.set(q.lastSize());
                lastTradeTime.set(q.lastTradeTs() < 0 ? Double.NaN : q.lastTradeTs());
            }
        }
        Freshness f = q.hasData() ? q.freshness() : null;
        if (f != freshness.get()) {
            freshness.set(f);
            changed = true;
        }
        long ageSeconds = f == Freshness.STALE ? q.ageMs() / 1000 : f == Freshness.DELAYED ? q.liveDelayMs() / 100 : -1;
        GapKind recentGap = q.lastGapKind() != null && nowMs - q.lastGapAtMs() < GAP_SHOWN_MS ? q.lastGapKind() : null;
        String label = freshnessLabel(f, ageSeconds, recentGap, q.lastGapRefilled(), q.lastGapMissed());
        if (ageSeconds != shownAgeSeconds || recentGap != gapKind || changed
                || !label.equals(freshnessText.get())) {
            shownAgeSeconds = ageSeconds;
            gapKind = recentGap;
            freshnessText.set(label);
            changed = true;
        }
        return changed;
    }

    /**
     * The freshness cell: LIVE, STALE with its age, DELAYED with the lateness (in tenths of a second here), RESYNCING,
     * REFILLING; for a minute after a gap settled, how it ended (resumed or refilled exactly, refilled by time, or
     * lost, with the count when known).
     */
    static String freshnessLabel(Freshness f, long ageSeconds, GapKind gap, long refilled, long missed) {
        if (f == null) {
            return "WAITING";
        }
        return switch (f) {
            case LIVE -> gap == null ? "LIVE" : switch (gap) {
                case EXACT -> refilled > 0 ? "LIVE · refilled" : "LIVE · resumed";
                case BY_TIME -> "LIVE · by time";
                case LOST -> missed > 0 ? "LIVE · " + missed + " lost" : "LIVE · gap";
                case PENDING -> "LIVE";
            };
            case RESYNCING -> "RESYNCING";
            case REFILLING -> "REFILLING";
            case DELAYED -> "DELAYED " + (ageSeconds / 10) + "." + (ageSeconds % 10) + "s";
            case STALE -> "STALE " + formatAge(ageSeconds);
        };
    }

    private static final double[] POW10 = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8};

    /** Decimals needed to show {@code price} exactly (within 1e-9 of it), from 0 to {@link #MAX_DECIMALS}. */
    static int decimalsOf(double price) {
        if (!(price > 0) || Double.isInfinite(price)) {
            return 0;
        }
        for (int d = 0; d < MAX_DECIMALS; d++) {
            double scaled = price * POW10[d];
            if (Math.abs(scaled - Math.rint(scaled)) < 1e-6 * Math.max(1, Math.abs(scaled)) * 1e-3) {
                return d;
            }
        }
        return MAX_DECIMALS;
    }

    /** Decimals this row's prices show. */
    public int priceDecimals() {
        return priceDecimals;
    }

    /** How the symbol's latest gap ended, while the freshness cell still names it; null otherwise. */
    public GapKind gapKind() {
        return gapKind;
    }

    static String formatAge(long seconds) {
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return (seconds / 60) + "m" + String.format("%02d", seconds % 60) + "s";
        }
        return (seconds / 3600) + "h" + String.format("%02d", (seconds / 60) % 60) + "m";
    }

    /** Steps the highlight down as it ages; true while a highlight is showing. */
    boolean fadeFlash(long nowMs) {
        if (flashDirection == 0) {
            return false;
        }
        long age = nowMs - flashStartMs;
        int level = age >= FLASH_MS ? 0 : FLASH_LEVELS - (int) (age * FLASH_LEVELS / FLASH_MS);
        flash.set(flashDirection * level);
        if (level == 0) {
            flashDirection = 0;
        }
        return level != 0;
    }

    /** Replaces the sparkline points (oldest first). */
    void setSpark(double[] values, int count) {
        int n = Math.min(count, SPARK_POINTS);
        System.arraycopy(values, count - n, spark, 0, n);
        sparkCount = n;
        sparkVersion.set(sparkVersion.get() + 1);
    }

    /** Sparkline points, oldest first; valid up to {@link #sparkCount()}. */
    public double[] spark() {
        return spark;
    }

    public int sparkCount() {
        return sparkCount;
    }

    public ReadOnlyLongProperty sparkVersionProperty() {
        return sparkVersion.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty lastProperty() {
        return last.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty changeProperty() {
        return change.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty changePercentProperty() {
        return changePercent.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty bidProperty() {
        return bid.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty askProperty() {
        return ask.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty volumeProperty() {
        return volume.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty openProperty() {
        return open.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty highProperty() {
        return high.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty lowProperty() {
        return low.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty prevCloseProperty() {
        return prevClose.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty bidSizeProperty() {
        return bidSize.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty askSizeProperty() {
        return askSize.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty lastSizeProperty() {
        return lastSize.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty lastTradeTimeProperty() {
        return lastTradeTime.getReadOnlyProperty();
    }

    /** The instrument's name where the source gives one, else null. */
    public ReadOnlyStringProperty nameProperty() {
        return name.getReadOnlyProperty();
    }

    /** Sets the name once the source's list is known; true when it changed. */
    boolean setName(String n) {
        if (java.util.Objects.equals(n, name.get())) {
            return false;
        }
        name.set(n);
        return true;
    }

    public ReadOnlyObjectProperty<Freshness> freshnessProperty() {
        return freshness.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty freshnessTextProperty() {
        return freshnessText.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty alertedProperty() {
        return alerted.getReadOnlyProperty();
    }

    /** Marks or unmarks the row for an alert; true when that changed something. */
    boolean setAlerted(boolean on) {
        if (alerted.get() == on) {
            return false;
        }
        alerted.set(on);
        return true;
    }

    public ReadOnlyIntegerProperty flashProperty() {
        return flash.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return symbol;
    }
}
