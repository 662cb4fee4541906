package io.stockmonitor.ui.tape;

import io.stockmonitor.market.GapKind;
import io.stockmonitor.market.GapMarker;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.market.QuoteView;
import io.stockmonitor.market.TickBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;

/**
 * The tape's state (FX thread): the selected symbol's rows, read from the market model once per frame. Each frame
 * appends exactly the trades the model took since the previous one (the ring's running count tells how many), with
 * their direction against the previous trade and their side against the quote read in the same frame; a gap or a
 * refill that settled is added as a mark where it began (the model knows when a span began, not which trade ended
 * it): the refilled or replayed trades are the ones above the mark. Changing the symbol reloads from the model's ring.
 */
public final class TapeViewModel {
    private final StringProperty symbol = new SimpleStringProperty(this, "symbol", "");
    private final DoubleProperty largeSize = new SimpleDoubleProperty(this, "largeSize", 1_000);
    private final DoubleProperty minSize = new SimpleDoubleProperty(this, "minSize", 0);
    private final BooleanProperty paused = new SimpleBooleanProperty(this, "paused");
    private final ReadOnlyLongWrapper version = new ReadOnlyLongWrapper(this, "version");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    private final TapeRows rows = new TapeRows(TapeLimits.ROWS_KEPT);
    private final TickBuffer ticks = new TickBuffer(TapeLimits.READ_PER_FRAME);
    private final TickBuffer reload = new TickBuffer(TapeLimits.ROWS_KEPT);
    private final QuoteView quote = new QuoteView();
    private final Set<String> marked = new HashSet<>();
    private String shownSymbol = "";
    private MarketModel shownMarket;
    private long seenTotal = -1;
    private long lastTs = Long.MIN_VALUE;
    private double lastPrice = Double.NaN;
    private long lastMarksCheckMs = Long.MIN_VALUE;
    private long seenGapAtMs = Long.MIN_VALUE;
    private boolean seenConnectionUp = true;
    private long rowsAtPause;

    public TapeViewModel() {
        paused.addListener((obs, old, now) -> {
            rowsAtPause = rows.added();
            updateStatus();
            version.set(version.get() + 1);
        });
    }

    /** The symbol shown (the watchlist's selection). */
    public StringProperty symbolProperty() {
        return symbol;
    }

    /** Trades of at least this size are highlighted. */
    public DoubleProperty largeSizeProperty() {
        return largeSize;
    }

    /** Trades smaller than this are not shown. */
    public DoubleProperty minSizeProperty() {
        return minSize;
    }

    /** True while the mouse is over the tape: rows keep arriving but the view holds still. */
    public BooleanProperty pausedProperty() {
        return paused;
    }

    /** Goes up when the rows changed: the view draws then. */
    public ReadOnlyLongProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    /** "Paused · 12 new", or empty. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    TapeRows rows() {
        return rows;
    }

    /** Once per frame (when the market changed, or at least every few hundred ms). */
    public void refresh(MarketModel market, long nowMs) {
        String s = symbol.get();
        if (market != shownMarket || !s.equals(shownSymbol)) {
            shownMarket = market;
            shownSymbol = s;
            reload(market, nowMs);
            return;
        }
        if (s.isEmpty() || market == null) {
            return;
        }
        boolean changed = appendNew(market);
        changed |= checkMarks(market, nowMs, false);
        if (changed) {
            updateStatus();
            version.set(version.get() + 1);
        }
    }

    private void reload(MarketModel market, long nowMs) {
        rows.clear();
        marked.clear();
        lastPrice = Double.NaN;
        lastTs = Long.MIN_VALUE;
        seenTotal = -1;
        seenGapAtMs = Long.MIN_VALUE;
        if (market != null && !shownSymbol.isEmpty()) {
            int n = market.readTicks(shownSymbol, 0, reload);
            market.readQuote(shownSymbol, quote);
            for (int i = 0; i < n; i++) {
                add(reload.time(i), reload.price(i), reload.size(i));
            }
            seenTotal = reload.endCount();
            checkMarks(market, nowMs, true);
        }
        rowsAtPause = rows.added();
        updateStatus();
        version.set(version.get() + 1);
    }

    private boolean appendNew(MarketModel market) {
        int n = market.readTicks(shownSymbol, lastTs == Long.MIN_VALUE ? 0 : lastTs, ticks);
        long total = ticks.endCount();
        if (total == seenTotal || n == 0) {
            seenTotal = Math.max(seenTotal, total);
            return false;
        }
        long fresh = seenTotal < 0 ? n : Math.min(n, total - seenTotal);
        seenTotal = total;
        market.readQuote(shownSymbol, quote);
        for (int i = (int) (n - fresh); i < n; i++) {
            add(ticks.time(i), ticks.price(i), ticks.size(i));
        }
        return fresh > 0;
    }

    private void add(long t, double p, double s) {
        byte dir = Double.isNaN(lastPrice) || p == lastPrice ? TapeRows.SAME : p > lastPrice ? TapeRows.UP
                : TapeRows.DOWN;
        double bid = quote.bid();
        double ask = quote.ask();
        byte side = !Double.isNaN(ask) && p >= ask ? TapeRows.AT_ASK
                : !Double.isNaN(bid) && p <= bid ? TapeRows.AT_BID : TapeRows.INSIDE;
        rows.addTrade(t, p, s, dir, side);
        lastPrice = p;
        lastTs = t;
    }

    /** Marks for gaps that ended since the last look; looked for when the quote says a gap settled, or each second. */
    private boolean checkMarks(MarketModel market, long nowMs, boolean force) {
        if (!force) {
            boolean up = market.connectionUp();
            market.readQuote(shownSymbol, quote);
            boolean due = quote.lastGapAtMs() != seenGapAtMs || up != seenConnectionUp
                    || nowMs - lastMarksCheckMs >= TapeLimits.MARKS_CHECK_MS;
            seenConnectionUp = up;
            if (!due) {
                return false;
            }
        }
        seenGapAtMs = quote.lastGapAtMs();
        lastMarksCheckMs = nowMs;
        long oldest = rows.size() == 0 ? Long.MIN_VALUE : rows.time(rows.size() - 1);
        List<GapMarker> markers = market.gapMarkers(shownSymbol, oldest == Long.MIN_VALUE ? 0 : oldest);
        boolean added = false;
        for (GapMarker m : markers) {
            if (m.isOpen()) {
                continue;
            }
            boolean unsettled = m.isPending();
            if (unsettled && !(m.isDisconnect() && nowMs - m.toTs() >= TapeLimits.UNSETTLED_MARK_AFTER_MS)) {
                continue;
            }
            String key = m.cause() + "/" + m.fromTs() + "/" + (unsettled ? "pending" : m.recovery());
            if (marked.add(key)) {
                rows.addMark(m.fromTs(), label(m));
                added = true;
            }
        }
        return added;
    }

    /** What a mark says: "— 37 trades refilled —", "— connection lost 4.2 s · resumed —", ... */
    static String label(GapMarker m) {
        String outcome = switch (m.recovery()) {
            case PENDING -> "";
            case EXACT -> m.refilled() > 0 ? m.refilled() + " trades refilled" : "resumed, nothing lost";
            case BY_TIME -> (m.refilled() >= 0 ? m.refilled() + " trades " : "") + "refilled by time";
            case LOST -> m.missed() > 0 ? m.missed() + " trades lost" : "trades lost";
        };
        String what = switch (m.cause()) {
            case DISCONNECT -> String.format(Locale.ROOT, "connection lost %.1f s", (m.toTs() - m.fromTs()) / 1000.0);
            case SEQUENCE -> "";
            case RESYNC -> "resync" + (m.reason() == null ? "" : " (" + m.reason().wire() + ")");
        };
        String text = what.isEmpty() ? outcome : outcome.isEmpty() ? what : what + " · " + outcome;
        if (m.recovery() == GapKind.PENDING && m.cause() == io.stockmonitor.market.GapCause.DISCONNECT) {
            text = what;
        }
        return "— " + text + " —";
    }

    private void updateStatus() {
        if (paused.get()) {
            long fresh = rows.added() - rowsAtPause;
            status.set("Paused" + (fresh > 0 ? " · " + fresh + " new" : ""));
        } else {
            status.set("");
        }
    }

    /** Rows added while paused: the view keeps them out of sight until the pause ends. */
    long heldBack() {
        return paused.get() ? rows.added() - rowsAtPause : 0;
    }
}
