package io.stockmonitor.chart;

/**
 * The visible time range and its zoom / pan / follow-live rules, in plain numbers (epoch ms) so they are testable
 * without a UI.
 *
 * <ul>
 *   <li>Following live, the right edge stays at the end of the data plus a small margin; zooming keeps that edge.
 *   <li>Panning towards the past stops following; the UI turns following back on with its toggle.
 *   <li>Zooming keeps the time under the anchor (the mouse) at the same place on screen.
 *   <li>The view never goes beyond the live edge, and keeps at least a sliver of data in view on the left.
 *   <li>Until the user zooms, pans or sets a span, the span fits the data ({@link #setFitSpan}): a series shorter
 *       than the default span fills the view instead of leaving most of the axis empty.
 * </ul>
 */
public final class Viewport {

    /** Empty space right of the newest data while following live, as a fraction of the span. */
    public static final double RIGHT_MARGIN_FRACTION = 0.04;

    /** Empty space left of the oldest data when the span is fitted to the data, as a fraction of the span. */
    public static final double FIT_LEFT_MARGIN_FRACTION = 0.02;

    /** At least this fraction of the view shows data when panning into the past. */
    static final double MIN_DATA_FRACTION = 0.1;

    private double start;
    private double span;
    private boolean followLive = true;
    private boolean hasData;
    private double dataFirst;
    private double dataEnd;
    /** Wall-clock time the live edge must reach even without data (a feed that is down), or NaN. */
    private double clock = Double.NaN;
    private boolean autoFit = true;
    private double fitMin = Double.NaN;
    private double fitMax = Double.NaN;

    public Viewport(double spanMillis) {
        this.span = clampSpan(spanMillis);
    }

    /**
     * Tells the viewport where the data lies: {@code firstMillis} is the oldest time, {@code endMillis} the end of
     * the newest (for candles: the newest bar's start plus the interval). Following live, the view moves with it.
     */
    public void setDataRange(double firstMillis, double endMillis) {
        boolean first = !hasData;
        hasData = true;
        dataFirst = firstMillis;
        dataEnd = Math.max(firstMillis, endMillis);
        if (autoFit && fitMax > 0) {
            double fitted = (dataEnd - dataFirst) / (1 - RIGHT_MARGIN_FRACTION - FIT_LEFT_MARGIN_FRACTION);
            span = clampSpan(Math.max(fitMin, Math.min(fitMax, fitted)));
        }
        if (followLive || first) {
            start = liveEdge() - span;
        } else {
            clampStart();
        }
    }

    /**
     * Keeps the live edge at least at {@code nowMillis} (NaN: only the data decide): while a feed is down no data
     * arrive, but time goes on, and the span without data must grow on screen as it does in fact.
     */
    public void setClock(double nowMillis) {
        clock = nowMillis;
        if (followLive && hasData) {
            start = liveEdge() - span;
        }
    }

    /** Forgets the data range (e.g. another symbol is shown); the next {@link #setDataRange} positions the view. */
    public void clearData() {
        hasData = false;
        autoFit = true;
    }

    /**
     * While the user has not zoomed or panned, the span follows the data's length, between {@code minMillis} and
     * {@code maxMillis} (the default span): a new series opens fitted, then grows to the default span.
     */
    public void setFitSpan(double minMillis, double maxMillis) {
        fitMin = minMillis;
        fitMax = maxMillis;
    }

    /** The span follows the data again (see {@link #setFitSpan}), e.g. after the interval changed. */
    public void fitToData() {
        autoFit = true;
    }

    /** True while the span follows the data (no zoom, pan or explicit span since). */
    public boolean isFittingData() {
        return autoFit;
    }

    /** Moves the view by {@code deltaMillis} (negative = towards the past). Moving to the past stops following. */
    public void pan(double deltaMillis) {
        autoFit = false;
        if (deltaMillis < 0) {
            followLive = false;
        }
        start += deltaMillis;
        clampStart();
    }

    /**
     * Scales the span by {@code factor} (&lt; 1 zooms in) keeping {@code anchorMillis} at the same screen position;
     * while following live the live edge is the anchor.
     */
    public void zoom(double factor, double anchorMillis) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("zoom factor must be positive: " + factor);
        }
        autoFit = false;
        double newSpan = clampSpan(span * factor);
        if (followLive && hasData) {
            span = newSpan;
            start = liveEdge() - span;
            return;
        }
        double fraction = (anchorMillis - start) / span;
        start = anchorMillis - fraction * newSpan;
        span = newSpan;
        clampStart();
    }

    /** Sets the visible span, keeping the right edge (or the live edge when following). */
    public void setSpan(double spanMillis) {
        autoFit = false;
        double end = start + span;
        span = clampSpan(spanMillis);
        start = (followLive && hasData ? liveEdge() : end) - span;
        clampStart();
    }

    /**
     * Following live, moves the left edge back to a whole multiple of {@code msPerColumn} (at most one column; the
     * right margin absorbs it), so that from frame to frame the view moves by whole pixel columns and a reduction can
     * keep its closed columns. Returns whether it did (false when not following or without data).
     */
    public boolean snapToColumns(double msPerColumn) {
        if (!followLive || !hasData || !(msPerColumn > 0)) {
            return false;
        }
        start = Math.floor(start / msPerColumn) * msPerColumn;
        return true;
    }

    public void setFollowLive(boolean follow) {
        followLive = follow;
        if (follow && hasData) {
            start = liveEdge() - span;
        }
    }

    public boolean isFollowLive() {
        return followLive;
    }

    /** Time at the left edge (epoch ms). */
    public double start() {
        return start;
    }

    /** Time at the right edge (epoch ms). */
    public double end() {
        return start + span;
    }

    public double span() {
        return span;
    }

    /** X of {@code timeMillis} in a plot {@code widthPx} wide. */
    public double timeToX(double timeMillis, double widthPx) {
        return (timeMillis - start) / span * widthPx;
    }

    /** Time under {@code x} in a plot {@code widthPx} wide. */
    public double xToTime(double x, double widthPx) {
        return start + x / widthPx * span;
    }

    private double liveEdge() {
        double end = Double.isNaN(clock) ? dataEnd : Math.max(dataEnd, clock);
        return end + span * RIGHT_MARGIN_FRACTION;
    }

    private void clampStart() {
        if (!hasData) {
            return;
        }
        double maxStart = liveEdge() - span;
        double minStart = dataFirst - span * (1 - MIN_DATA_FRACTION);
        start = Math.max(Math.min(start, maxStart), Math.min(minStart, maxStart));
    }

    private static double clampSpan(double spanMillis) {
        if (!(spanMillis > 0)) {
            throw new IllegalArgumentException("span must be positive: " + spanMillis);
        }
        return Math.max(ChartBounds.MIN_SPAN_MILLIS, Math.min(ChartBounds.MAX_SPAN_MILLIS, spanMillis));
    }
}
