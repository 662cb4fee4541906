package io.stockmonitor.indicators;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The indicators of one chart over one bar series, kept current incrementally.
 *
 * <p>The series tells the set what happened to its rows ({@link #rowsChanged}, {@link #rowsMoved},
 * {@link #storageGrew}); {@link #update} then recomputes, per indicator, only from the first row that changed (one
 * row for an appended or updated live bar). Not thread-safe: the chart's thread only.
 */
public final class IndicatorSet {

    private final List<Indicator> indicators = new ArrayList<>();
    private final List<Indicator> view = Collections.unmodifiableList(indicators);
    private int storageLength;
    private long version;
    private Runnable onChange = () -> { };

    /** Called (on the chart's thread) when an indicator is added, removed or reconfigured. */
    public void setOnChange(Runnable listener) {
        onChange = Objects.requireNonNull(listener);
    }

    /** Adds an indicator (computed at the next {@link #update}); returns it. */
    public <T extends Indicator> T add(T indicator) {
        Objects.requireNonNull(indicator);
        if (indicators.contains(indicator)) {
            return indicator;
        }
        indicator.attach(this, storageLength);
        indicators.add(indicator);
        changed();
        return indicator;
    }

    /** Removes an indicator; false if it was not in the set. */
    public boolean remove(Indicator indicator) {
        if (!indicators.remove(indicator)) {
            return false;
        }
        indicator.detach();
        changed();
        return true;
    }

    /** Removes every indicator. */
    public void clear() {
        for (Indicator i : indicators) {
            i.detach();
        }
        indicators.clear();
        changed();
    }

    /** The indicators, in the order added (read-only view). */
    public List<Indicator> all() {
        return view;
    }

    public boolean isEmpty() {
        return indicators.isEmpty();
    }

    /** Increments on every add, remove and parameter change. */
    public long version() {
        return version;
    }

    void changed() {
        version++;
        onChange.run();
    }

    // ---- what the series reports --------------------------------------------------------------------------------

    /** Rows from storage index {@code from} on were written (appended, updated or replaced). */
    public void rowsChanged(int from) {
        for (Indicator i : indicators) {
            i.dirtyFrom = Math.min(i.dirtyFrom, from);
        }
    }

    /** The series moved rows {@code [from, from + count)} of its storage to index 0. */
    public void rowsMoved(int from, int count) {
        for (Indicator i : indicators) {
            i.move(from, count);
        }
    }

    /** The series' storage now has {@code length} rows. */
    public void storageGrew(int length) {
        storageLength = Math.max(storageLength, length);
        for (Indicator i : indicators) {
            i.ensureStorage(storageLength);
        }
    }

    /** Storage length the indicators' columns cover. */
    public int storageLength() {
        return storageLength;
    }

    /** Recomputes the stale rows of every indicator; the series' rows are {@code [first, to)} of {@code bars}. */
    public void update(BarColumns bars, int first, int to) {
        for (Indicator i : indicators) {
            i.update(bars, first, to);
        }
    }

    /** True when some indicator has rows to recompute below {@code to}. */
    public boolean isStale(int to) {
        for (Indicator i : indicators) {
            if (i.dirtyFrom < to) {
                return true;
            }
        }
        return false;
    }
}
