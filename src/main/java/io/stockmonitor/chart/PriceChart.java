package io.stockmonitor.chart;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongConsumer;

import io.stockmonitor.indicators.IndicatorSet;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.css.CssMetaData;
import javafx.css.SimpleStyleableObjectProperty;
import javafx.css.Styleable;
import javafx.css.StyleableObjectProperty;
import javafx.css.StyleableProperty;
import javafx.css.converter.FontConverter;
import javafx.css.converter.PaintConverter;
import javafx.scene.Cursor;
import javafx.scene.canvas.Canvas;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.scene.text.Font;

/**
 * A live price chart drawn on a Canvas: a price pane (candles or a tick line, the last-price line labelled on the
 * price axis, indicator overlays), a volume pane under it (coloured by direction, with a volume average), indicator
 * sub-panes under that (RSI, MACD), a time axis, shaded gap spans, and a crosshair with an OHLCV and indicator
 * readout.
 *
 * <h2>Indicators</h2>
 * {@link #indicators()} is the chart's {@link IndicatorSet}: add, remove or reconfigure indicators
 * ({@code chart.indicators().add(new Sma(20))}, {@code rsi.setPeriod(9)}); the chart redraws and computes only the
 * bars that changed. They apply to candles (the tick line shows none).
 *
 * <h2>History</h2>
 * When the view reaches the oldest bar and {@link #setOlderDataAvailable older bars can be had}, the chart calls
 * {@link #setOnNeedOlder its callback} with that bar's time, once per oldest bar.
 *
 * <h2>Feeding it</h2>
 * The chart owns its data: {@link #ticks()} and {@link #candles()} are bounded primitive-array series the caller
 * fills on the FX thread (append / upsert, or {@link #setTicks} / {@link #setCandles} to copy whole columns), then
 * calls {@link #markDirty()}. Nothing is drawn per data change: the chart redraws at most once per pulse, in its
 * layout pass, and only when something changed. {@link #refresh()} draws immediately (for callers that already
 * run once per frame, and for benchmarks).
 *
 * <h2>Cost</h2>
 * A frame reduces the rows in view to at most one summary per pixel column ({@link ColumnReducer}) and draws them
 * with one path per colour, so its cost follows the chart's width, not the number of rows.
 *
 * <h2>Looks</h2>
 * Style class {@value #STYLE_CLASS}; colours are the CSS properties of {@link ChartColor}, the font is
 * {@code -sm-chart-font}. Defaults are in {@code price-chart.css} (dark, with a light palette for
 * {@code .light .price-chart}).
 *
 * <p>All methods must be called on the FX thread.
 */
public class PriceChart extends Region {

    public static final String STYLE_CLASS = "price-chart";

    /** Span factor of one zoom step (keyboard + / −, one mouse-wheel notch). */
    public static final double ZOOM_STEP = 1.25;

    /** Bars in view after a mode or interval change. */
    public static final int DEFAULT_BARS_IN_VIEW = 120;

    /** Tick-line span after a mode change. */
    public static final long DEFAULT_TICK_SPAN_MILLIS = 120_000L;

    /** Shortest tick-line span a short series is fitted to on opening. */
    public static final long MIN_FIT_TICK_SPAN_MILLIS = 10_000L;

    private static final double WHEEL_NOTCH = 40;

    /** How close (px) to the line above a sub-pane the mouse must be to drag it. */
    private static final double SEPARATOR_SLOP = 3;

    private final Canvas plotCanvas = new Canvas();
    private final Canvas overlayCanvas = new Canvas();
    private final TickSeries ticks;
    private final CandleSeries candles;
    private final List<ChartGap> gaps = new ArrayList<>();
    private final Viewport viewport = new Viewport(DEFAULT_BARS_IN_VIEW * 60_000.0);
    private final ChartRenderer renderer;
    private final Map<ChartColor, StyleableObjectProperty<Paint>> colors = new EnumMap<>(ChartColor.class);
    private final StyleableObjectProperty<Font> font =
            new SimpleStyleableObjectProperty<>(FONT_META, this, "font", Font.getDefault());
    private final BooleanProperty followLive = new SimpleBooleanProperty(this, "followLive", true);
    private final ObjectProperty<ChartMode> mode = new SimpleObjectProperty<>(this, "mode", ChartMode.CANDLES);
    private final LongProperty intervalMillis = new SimpleLongProperty(this, "intervalMillis", 60_000L);
    private final ReadOnlyStringWrapper crosshairReadout = new ReadOnlyStringWrapper(this, "crosshairReadout", "");
    private final IndicatorSet indicators = new IndicatorSet();
    private final javafx.beans.property.ReadOnlyLongWrapper hoveredTime =
            new javafx.beans.property.ReadOnlyLongWrapper(this, "hoveredTime", NO_TIME);
    /** The time another chart's pointer is at ({@link #NO_TIME}: none), shown as a vertical line. */
    private long linkedTime = NO_TIME;
    private LongConsumer onNeedOlder;
    private boolean olderAvailable;

    private double lastPrice = Double.NaN;
    private ZoneId zone = ZoneId.systemDefault();
    private boolean dirty = true;
    private boolean overlayDirty = true;
    private double crosshairX = Double.NaN;
    private double crosshairY = Double.NaN;

    /** No time: the pointer is not over the plot, or no other chart's pointer is. */
    public static final long NO_TIME = Long.MIN_VALUE;
    private double dragLastX = Double.NaN;
    private int resizingPane = -1;
    /** Distance from the pointer to the top of the pane being resized, fixed when the drag starts. */
    private double resizeGrabOffset;

    public PriceChart() {
        this(ChartBounds.DEFAULT_TICK_CAPACITY, ChartBounds.DEFAULT_CANDLE_CAPACITY);
    }

    /** A chart whose owned series hold at most the given numbers of ticks and candles. */
    public PriceChart(int tickCapacity, int candleCapacity) {
        ticks = new TickSeries(tickCapacity);
        candles = new CandleSeries(candleCapacity);
        candles.attach(indicators);
        indicators.setOnChange(this::markDirty);
        renderer = new ChartRenderer(this);
        getStyleClass().add(STYLE_CLASS);
        overlayCanvas.setMouseTransparent(true);
        overlayCanvas.setVisible(false);
        getChildren().addAll(plotCanvas, overlayCanvas);
        for (ChartColor c : ChartColor.values()) {
            StyleableObjectProperty<Paint> p =
                    new SimpleStyleableObjectProperty<>(COLOR_META.get(c), this, c.name(), c.fallback());
            p.addListener(o -> markDirty());
            colors.put(c, p);
        }
        font.addListener(o -> markDirty());
        followLive.addListener((o, was, now) -> {
            viewport.setFollowLive(now);
            markDirty();
        });
        mode.addListener((o, was, now) -> resetSpan());
        intervalMillis.addListener((o, was, now) -> {
            if (now.longValue() <= 0) {
                // A bound source may push a bad value; keep the last good one rather than divide by zero later.
                intervalMillis.set(was.longValue());
                return;
            }
            resetSpan();
        });
        resetSpan();
        setMinSize(120, 90);
        setPrefSize(640, 400);
        setFocusTraversable(true);
        addEventHandler(MouseEvent.MOUSE_MOVED, e -> {
            setCursor(renderer.layout().separatorAt(e.getY(), SEPARATOR_SLOP) >= 0 ? Cursor.V_RESIZE : null);
            moveCrosshair(e.getX(), e.getY());
        });
        addEventHandler(MouseEvent.MOUSE_EXITED, e -> moveCrosshair(Double.NaN, Double.NaN));
        addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                resizingPane = renderer.layout().separatorAt(e.getY(), SEPARATOR_SLOP);
                // The pane's edge keeps its distance to the pointer: a grab a few pixels off the line must not
                // make the pane jump by those pixels on the first move.
                resizeGrabOffset = resizingPane >= 0 ? renderer.layout().subPaneTop(resizingPane) - e.getY() : 0;
                dragLastX = resizingPane >= 0 ? Double.NaN : e.getX();
                requestFocus();
            }
        });
        addEventHandler(MouseEvent.MOUSE_RELEASED, e -> {
            dragLastX = Double.NaN;
            resizingPane = -1;
        });
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(KeyEvent.KEY_PRESSED, this::onKey);
    }

    // ---- data input -------------------------------------------------------------------------------------------

    /** The chart-owned tick series (line mode). Fill it, then call {@link #markDirty()}. */
    public TickSeries ticks() {
        return ticks;
    }

    /** The chart-owned candle series (candle mode). Fill it, then call {@link #markDirty()}. */
    public CandleSeries candles() {
        return candles;
    }

    /** Copies {@code count} ticks from the given columns, starting at {@code from}; {@code volumes} may be null. */
    public void setTicks(long[] times, double[] prices, double[] volumes, int from, int count) {
        ticks.setAll(times, prices, volumes, from, count);
        markDirty();
    }

    /** Copies {@code count} bars from the given columns, starting at {@code from}; {@code volumes} may be null. */
    public void setCandles(long[] times, double[] opens, double[] highs, double[] lows, double[] closes,
                           double[] volumes, int from, int count) {
        candles.setAll(times, opens, highs, lows, closes, volumes, from, count);
        markDirty();
    }

    /**
     * Spans to shade (missing data); replaces the previous ones. Call when they change, not every frame (it copies
     * the list). At most {@link ChartBounds#MAX_GAPS} are kept, the last ones of the list.
     */
    public void setGaps(List<ChartGap> spans) {
        gaps.clear();
        int skip = Math.max(0, spans.size() - ChartBounds.MAX_GAPS);
        for (int i = skip; i < spans.size(); i++) {
            gaps.add(Objects.requireNonNull(spans.get(i)));
        }
        markDirty();
    }

    public List<ChartGap> getGaps() {
        return Collections.unmodifiableList(gaps);
    }

    /**
     * The wall clock the live edge keeps up with while data are missing (a feed that is down), or
     * {@link Long#MIN_VALUE} to follow the data alone; see {@link Viewport#setClock}.
     */
    public void setLiveClock(long nowMillis) {
        double clock = nowMillis == Long.MIN_VALUE ? Double.NaN : nowMillis;
        viewport.setClock(clock);
        markDirty();
    }

    /** The last traded price, drawn as a line labelled on the price axis; {@code NaN} hides it. */
    public void setLastPrice(double price) {
        if (Double.compare(price, lastPrice) != 0) {
            lastPrice = price;
            markDirty();
        }
    }

    public double getLastPrice() {
        return lastPrice;
    }

    /** Empties both series and the gaps (e.g. another symbol is shown); the next data positions the view afresh. */
    public void clear() {
        ticks.clear();
        candles.clear();
        gaps.clear();
        lastPrice = Double.NaN;
        viewport.clearData();
        renderer.resetAxisWidth();
        markDirty();
    }

    // ---- indicators and history ---------------------------------------------------------------------------------

    /**
     * The chart's indicators, computed over its candles: add, remove and configure them here; the chart redraws on
     * every change. FX thread only.
     */
    public IndicatorSet indicators() {
        return indicators;
    }

    /**
     * Called with the start time of the oldest bar held when the view reaches it and older bars can be had: the
     * owner asks its source for bars before that time. At most once per oldest bar (and never while
     * {@link #setOlderDataAvailable} is false), so the request rate is bounded by the answers. Null: never.
     */
    public void setOnNeedOlder(LongConsumer callback) {
        onNeedOlder = callback;
    }

    /** Whether older bars can be asked for (the source's history is neither exhausted nor loading). */
    public void setOlderDataAvailable(boolean available) {
        if (available != olderAvailable) {
            olderAvailable = available;
            markDirty();
        }
    }

    public boolean isOlderDataAvailable() {
        return olderAvailable;
    }

    void needOlder(long oldestMillis) {
        if (onNeedOlder != null) {
            onNeedOlder.accept(oldestMillis);
        }
    }

    /** Where the panes are, as last laid out (tests). */
    ChartLayout layoutOfPanes() {
        return renderer.layout();
    }

    /** True when the last draw had no data and said so (tests). */
    boolean showsNoData() {
        return renderer.showsNoData();
    }

    // ---- view state -------------------------------------------------------------------------------------------

    public ObjectProperty<ChartMode> modeProperty() {
        return mode;
    }

    public ChartMode getMode() {
        return mode.get();
    }

    /** Switches between candles and the tick line; resets the visible span to the mode's default. */
    public void setMode(ChartMode m) {
        mode.set(Objects.requireNonNull(m));
    }

    /** Bar length in candle mode (ms); changing it resets the span to {@value #DEFAULT_BARS_IN_VIEW} bars. */
    public LongProperty intervalMillisProperty() {
        return intervalMillis;
    }

    public long getIntervalMillis() {
        return intervalMillis.get();
    }

    public void setIntervalMillis(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("interval must be positive: " + millis);
        }
        intervalMillis.set(millis);
    }

    /** Keep the live edge in view (default true). Panning into the past sets it to false. */
    public BooleanProperty followLiveProperty() {
        return followLive;
    }

    public boolean isFollowLive() {
        return followLive.get();
    }

    public void setFollowLive(boolean follow) {
        followLive.set(follow);
    }

    /** The zone time labels are printed in (default: the system zone). */
    public void setZone(ZoneId zoneId) {
        zone = Objects.requireNonNull(zoneId);
        markDirty();
    }

    public ZoneId getZone() {
        return zone;
    }

    /** Zooms in one step (keyboard +), around the live edge when following, else around the centre. */
    public void zoomIn() {
        zoomAround(1 / ZOOM_STEP, viewport.start() + viewport.span() / 2);
    }

    /** Zooms out one step (keyboard −). */
    public void zoomOut() {
        zoomAround(ZOOM_STEP, viewport.start() + viewport.span() / 2);
    }

    public void setVisibleSpanMillis(double spanMillis) {
        viewport.setSpan(spanMillis);
        markDirty();
    }

    public double getVisibleSpanMillis() {
        return viewport.span();
    }

    /** Time at the left edge of the plot (epoch ms). */
    public double getVisibleStartMillis() {
        return viewport.start();
    }

    /** Time at the right edge of the plot (epoch ms). */
    public double getVisibleEndMillis() {
        return viewport.end();
    }

    /**
     * The price at {@code y} (the chart's own coordinates) on the price axis as last drawn; NaN outside the price
     * pane or before any data. Lets a caller turn a click into a price level (e.g. an alert at this price).
     */
    public double priceAtY(double y) {
        return renderer.priceAt(y);
    }

    /** The OHLCV (or tick) readout of the row under the crosshair; empty when the mouse is not over data. */
    public ReadOnlyStringProperty crosshairReadoutProperty() {
        return crosshairReadout.getReadOnlyProperty();
    }

    /**
     * The time under the pointer while it is over the plot, {@link #NO_TIME} otherwise; changes on mouse events
     * only, so other charts can show it ({@link #showLinkedCrosshair}).
     */
    public javafx.beans.property.ReadOnlyLongProperty hoveredTimeProperty() {
        return hoveredTime.getReadOnlyProperty();
    }

    /** Shows a vertical crosshair line at {@code timeMs} (another chart's pointer) while this chart's is away. */
    public void showLinkedCrosshair(long timeMs) {
        if (linkedTime != timeMs) {
            linkedTime = timeMs;
            overlayDirty = true;
            requestLayout();
        }
    }

    /** Removes the line {@link #showLinkedCrosshair} drew. */
    public void clearLinkedCrosshair() {
        showLinkedCrosshair(NO_TIME);
    }

    /** The time of the other chart's crosshair this chart shows, {@link #NO_TIME} when none. */
    public long getLinkedCrosshairTime() {
        return linkedTime;
    }

    // ---- drawing ----------------------------------------------------------------------------------------------

    /** Notes that data or state changed; the chart redraws once in the next pulse, however often this is called. */
    public void markDirty() {
        dirty = true;
        requestLayout();
    }

    /** Draws now if anything changed since the last draw (cheap no-op otherwise). */
    public void refresh() {
        if (dirty) {
            drawPlot();
        }
        if (overlayDirty) {
            drawOverlay();
        }
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (plotCanvas.getWidth() != w || plotCanvas.getHeight() != h) {
            plotCanvas.setWidth(w);
            plotCanvas.setHeight(h);
            overlayCanvas.setWidth(w);
            overlayCanvas.setHeight(h);
            dirty = true;
        }
        refresh();
    }

    private void drawPlot() {
        dirty = false;
        renderer.drawPlot(plotCanvas.getGraphicsContext2D(), plotCanvas.getWidth(), plotCanvas.getHeight());
        overlayDirty = true;
    }

    private void drawOverlay() {
        overlayDirty = false;
        // A hidden canvas costs nothing to render; a transparent one is still blended over the whole chart.
        boolean own = !Double.isNaN(crosshairX);
        overlayCanvas.setVisible(own || linkedTime != NO_TIME);
        String readout = "";
        if (own) {
            readout = renderer.drawOverlay(overlayCanvas.getGraphicsContext2D(), overlayCanvas.getWidth(),
                    overlayCanvas.getHeight(), crosshairX, crosshairY);
        } else if (linkedTime != NO_TIME) {
            renderer.drawLinkedOverlay(overlayCanvas.getGraphicsContext2D(), overlayCanvas.getWidth(),
                    overlayCanvas.getHeight(), linkedTime);
        }
        crosshairReadout.set(readout);
    }

    @Override
    public String getUserAgentStylesheet() {
        return Objects.requireNonNull(PriceChart.class.getResource("price-chart.css")).toExternalForm();
    }

    // ---- interaction ------------------------------------------------------------------------------------------

    private void moveCrosshair(double x, double y) {
        crosshairX = x;
        crosshairY = y;
        overlayDirty = true;
        requestLayout();
        double plotWidth = renderer.plotWidth();
        boolean over = x >= 0 && x < plotWidth && renderer.layout().paneAt(y) != Integer.MIN_VALUE;
        hoveredTime.set(over ? (long) viewport.xToTime(x, plotWidth) : NO_TIME);
    }

    private void onDrag(MouseEvent e) {
        if (resizingPane >= 0) {
            // The separator above a sub-pane follows the mouse: that pane's share of the height changes.
            ChartLayout l = renderer.layout();
            if (resizingPane < l.subPaneCount()) {
                double panes = l.panesBottom() - l.priceTop();
                double top = e.getY() + resizeGrabOffset;
                l.setSubPaneWeight(resizingPane, (l.subPaneBottom(resizingPane) - top) / Math.max(1, panes));
                markDirty();
            }
            return;
        }
        if (Double.isNaN(dragLastX) || e.getButton() != MouseButton.PRIMARY) {
            return;
        }
        double plotWidth = renderer.plotWidth();
        if (plotWidth > 0) {
            viewport.pan(-(e.getX() - dragLastX) / plotWidth * viewport.span());
            syncFollowLive();
        }
        dragLastX = e.getX();
        moveCrosshair(e.getX(), e.getY());
        markDirty();
    }

    private void onScroll(ScrollEvent e) {
        if (e.getDeltaY() == 0) {
            return;
        }
        double plotWidth = renderer.plotWidth();
        double anchor = plotWidth > 0
                ? viewport.xToTime(Math.min(e.getX(), plotWidth), plotWidth)
                : viewport.start() + viewport.span() / 2;
        zoomAround(Math.pow(ZOOM_STEP, -e.getDeltaY() / WHEEL_NOTCH), anchor);
        e.consume();
    }

    private void onKey(KeyEvent e) {
        KeyCode code = e.getCode();
        if (code == KeyCode.PLUS || code == KeyCode.ADD || code == KeyCode.EQUALS) {
            zoomIn();
            e.consume();
        } else if (code == KeyCode.MINUS || code == KeyCode.SUBTRACT) {
            zoomOut();
            e.consume();
        }
    }

    private void zoomAround(double factor, double anchorMillis) {
        viewport.zoom(factor, anchorMillis);
        markDirty();
    }

    private void syncFollowLive() {
        if (followLive.get() != viewport.isFollowLive()) {
            followLive.set(viewport.isFollowLive());
        }
    }

    private void resetSpan() {
        double span = mode.get() == ChartMode.CANDLES
                ? (double) DEFAULT_BARS_IN_VIEW * intervalMillis.get()
                : DEFAULT_TICK_SPAN_MILLIS;
        viewport.setSpan(span);
        viewport.fitToData();
        markDirty();
    }

    // ---- state for the renderer -------------------------------------------------------------------------------

    Viewport viewport() {
        return viewport;
    }

    List<ChartGap> gapList() {
        return gaps;
    }

    Paint color(ChartColor c) {
        return colors.get(c).get();
    }

    Font chartFont() {
        return font.get();
    }

    // ---- CSS --------------------------------------------------------------------------------------------------

    /** The styleable colour property for {@code c} (CSS property {@link ChartColor#cssProperty()}). */
    public ObjectProperty<Paint> colorProperty(ChartColor c) {
        return colors.get(c);
    }

    /** The font of axis labels and the readout (CSS {@code -sm-chart-font}). */
    public ObjectProperty<Font> fontProperty() {
        return font;
    }

    private static final Map<ChartColor, CssMetaData<PriceChart, Paint>> COLOR_META = new EnumMap<>(ChartColor.class);

    private static final CssMetaData<PriceChart, Font> FONT_META =
            new CssMetaData<>("-sm-chart-font", FontConverter.getInstance(), Font.getDefault()) {
                @Override
                public boolean isSettable(PriceChart chart) {
                    return !chart.font.isBound();
                }

                @Override
                public StyleableProperty<Font> getStyleableProperty(PriceChart chart) {
                    return chart.font;
                }
            };

    private static final List<CssMetaData<? extends Styleable, ?>> CSS_META;

    static {
        List<CssMetaData<? extends Styleable, ?>> all = new ArrayList<>(Region.getClassCssMetaData());
        for (ChartColor c : ChartColor.values()) {
            CssMetaData<PriceChart, Paint> meta =
                    new CssMetaData<>(c.cssProperty(), PaintConverter.getInstance(), c.fallback()) {
                        @Override
                        public boolean isSettable(PriceChart chart) {
                            return !chart.colors.get(c).isBound();
                        }

                        @Override
                        public StyleableProperty<Paint> getStyleableProperty(PriceChart chart) {
                            return chart.colors.get(c);
                        }
                    };
            COLOR_META.put(c, meta);
            all.add(meta);
        }
        all.add(FONT_META);
        CSS_META = Collections.unmodifiableList(all);
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS_META;
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return getClassCssMetaData();
    }
}
