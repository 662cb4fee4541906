package io.stockmonitor.ui.tape;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.css.CssMetaData;
import javafx.css.Styleable;
import javafx.css.StyleableProperty;
import javafx.beans.value.ObservableValue;
import javafx.css.StyleablePropertyFactory;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.paint.Paint;
import javafx.scene.shape.Rectangle;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The tape drawn on a few canvas "pages" of {@link TapeLimits#PAGE_ROWS} rows each, stacked newest on top like a
 * paper tape: a new trade is drawn once, into its page, and the pages slide down by a row (moving a node, not
 * redrawing it); a page that slides out at the bottom is cleared and reused at the top. Everything is drawn again
 * only when the rows change below the top (a mark inserted), the filter, size or style changes, or a pause ends.
 *
 * <p>Looks: style class {@code tape-canvas}; colours {@code -sm-tape-background}, {@code -sm-tape-text-color},
 * {@code -sm-tape-muted-color}, {@code -sm-tape-up-color}, {@code -sm-tape-down-color}, {@code -sm-tape-large-background},
 * {@code -sm-tape-mark-background}, {@code -sm-tape-mark-color}; font {@code -sm-tape-font}; row height
 * {@code -sm-tape-row-height}.
 */
public final class TapeCanvas extends Region {
    private static final StyleablePropertyFactory<TapeCanvas> CSS =
            new StyleablePropertyFactory<>(Region.getClassCssMetaData());
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT).withZone(ZoneId.systemDefault());
    private static final double PAD = 6;

    private final StyleableProperty<Color> background =
            CSS.createStyleableColorProperty(this, "background", "-sm-tape-background", s -> s.background,
                    Color.web("#0d1117"));
    private final StyleableProperty<Color> text =
            CSS.createStyleableColorProperty(this, "text", "-sm-tape-text-color", s -> s.text, Color.web("#e6edf3"));
    private final StyleableProperty<Color> muted =
            CSS.createStyleableColorProperty(this, "muted", "-sm-tape-muted-color", s -> s.muted,
                    Color.web("#7d8590"));
    private final StyleableProperty<Color> up =
            CSS.createStyleableColorProperty(this, "up", "-sm-tape-up-color", s -> s.up, Color.web("#3fb950"));
    private final StyleableProperty<Color> down =
            CSS.createStyleableColorProperty(this, "down", "-sm-tape-down-color", s -> s.down, Color.web("#f85149"));
    private final StyleableProperty<Color> large =
            CSS.createStyleableColorProperty(this, "large", "-sm-tape-large-background", s -> s.large,
                    Color.web("#3a2f0b"));
    private final StyleableProperty<Color> markBackground =
            CSS.createStyleableColorProperty(this, "markBackground", "-sm-tape-mark-background",
                    s -> s.markBackground, Color.web("#161b22"));
    private final StyleableProperty<Color> markColor =
            CSS.createStyleableColorProperty(this, "markColor", "-sm-tape-mark-color", s -> s.markColor,
                    Color.web("#d29922"));
    private final StyleableProperty<Font> font =
            CSS.createStyleableFontProperty(this, "font", "-sm-tape-font", s -> s.font, Font.font("monospaced", 12));
    private final StyleableProperty<Number> rowHeight =
            CSS.createStyleableNumberProperty(this, "rowHeight", "-sm-tape-row-height", s -> s.rowHeight, 18);

    /** One canvas of {@link TapeLimits#PAGE_ROWS} rows; {@code page} is its place in display order, -1 if none. */
    private static final class Page {
        final Canvas canvas = new Canvas();
        long page = -1;
    }

    private final TapeViewModel model;
    private final List<Page> pages = new ArrayList<>();
    private final Rectangle clip = new Rectangle();
    /** Rows in display order so far (passing the filter); the newest has index {@code displayed - 1}. */
    private long displayed;
    private long shownAdded;
    private long shownLayout = -1;
    private double shownMinSize = Double.NaN;
    private boolean wasPaused;
    private boolean redrawAll = true;
    private int decimals = 2;
    private long rowsDrawn;

    public TapeCanvas(TapeViewModel model) {
        this.model = model;
        getStyleClass().add("tape-canvas");
        setClip(clip);
        setFocusTraversable(false);
        for (StyleableProperty<?> p : List.of(background, text, muted, up, down, large, markBackground,
                markColor, font, rowHeight)) {
            ((ObservableValue<?>) p).addListener(o -> {
                redrawAll = true;
                requestLayout();
            });
        }
    }

    /** Rows drawn since the start (tests: a new trade draws one row, not the tape). */
    public long rowsDrawn() {
        return rowsDrawn;
    }

    private double rowH() {
        return Math.max(10, rowHeight.getValue().doubleValue());
    }

    /** Brings the pages up to the view model's rows: once per frame, after the rows changed. */
    public void update() {
        TapeRows rows = model.rows();
        boolean paused = model.pausedProperty().get();
        if (paused) {
            wasPaused = true;
            return;
        }
        if (wasPaused || rows.layoutVersion() != shownLayout || model.minSizeProperty().get() != shownMinSize) {
            wasPaused = false;
            redrawAll = true;
        }
        if (redrawAll || rows.added() - shownAdded > rows.size()) {
            drawAll();
            return;
        }
        int fresh = (int) (rows.added() - shownAdded);
        shownAdded = rows.added();
        if (fresh <= 0) {
            return;
        }
        double min = model.minSizeProperty().get();
        for (int i = fresh - 1; i >= 0; i--) {
            if (passes(rows, i, min)) {
                long r = displayed++;
                drawRow(rows, i, pageFor(r / TapeLimits.PAGE_ROWS, true), r);
            }
        }
        place();
    }

    private static boolean passes(TapeRows rows, int i, double min) {
        return rows.isMark(i) || rows.size(i) >= min;
    }

    private void drawAll() {
        redrawAll = false;
        TapeRows rows = model.rows();
        shownAdded = rows.added();
        shownLayout = rows.layoutVersion();
        shownMinSize = model.minSizeProperty().get();
        double min = shownMinSize;
        decimals = 2;
        long passing = 0;
        for (int i = 0; i < rows.size(); i++) {
            if (passes(rows, i, min)) {
                passing++;
                if (!rows.isMark(i)) {
                    decimals = Math.max(decimals, decimalsOf(rows.price(i)));
                }
            }
        }
        displayed = passing;
        for (Page p : pages) {
            p.page = -1;
        }
        int visible = visibleRows();
        long r = displayed;
        for (int i = 0; i < rows.size() && r > displayed - visible - 1; i++) {
            if (passes(rows, i, min)) {
                r--;
                drawRow(rows, i, pageFor(r / TapeLimits.PAGE_ROWS, true), r);
            }
        }
        for (Page p : pages) {
            if (p.page < 0) {
                clear(p);
            }
        }
        place();
    }

    private int visibleRows() {
        return (int) Math.ceil(getHeight() / rowH()) + 1;
    }

    /** The page holding display page {@code index}: an assigned one, else one that is out of sight, cleared. */
    private Page pageFor(long index, boolean create) {
        Page free = null;
        long lowestVisible = (displayed - visibleRows()) / TapeLimits.PAGE_ROWS;
        for (Page p : pages) {
            if (p.page == index) {
                return p;
            }
            if (free == null && (p.page < 0 || p.page < lowestVisible - 1)) {
                free = p;
            }
        }
        if (!create) {
            return null;
        }
        if (free == null) {
            free = new Page();
            free.canvas.setManaged(false);
            getChildren().add(free.canvas);
            pages.add(free);
        }
        free.page = index;
        sizeCanvas(free);
        clear(free);
        return free;
    }

    private void sizeCanvas(Page p) {
        double w = Math.max(1, snapSizeX(getWidth()));
        double h = TapeLimits.PAGE_ROWS * rowH();
        if (p.canvas.getWidth() != w || p.canvas.getHeight() != h) {
            p.canvas.setWidth(w);
            p.canvas.setHeight(h);
        }
    }

    private void clear(Page p) {
        GraphicsContext gc = p.canvas.getGraphicsContext2D();
        gc.clearRect(0, 0, p.canvas.getWidth(), p.canvas.getHeight());
        gc.setFill(background.getValue());
        gc.fillRect(0, 0, p.canvas.getWidth(), p.canvas.getHeight());
    }

    /** Pages slide to where their rows are now; out of sight, they hide. */
    private void place() {
        double h = rowH();
        double viewH = getHeight();
        for (Page p : pages) {
            if (p.page < 0) {
                p.canvas.setVisible(false);
                continue;
            }
            double y = (displayed - (p.page + 1) * TapeLimits.PAGE_ROWS) * h;
            boolean inView = y < viewH && y + TapeLimits.PAGE_ROWS * h > 0;
            p.canvas.setVisible(inView);
            p.canvas.relocate(0, y);
        }
    }

    private void drawRow(TapeRows rows, int i, Page page, long r) {
        rowsDrawn++;
        double h = rowH();
        long p = r / TapeLimits.PAGE_ROWS;
        double y = ((p + 1) * TapeLimits.PAGE_ROWS - 1 - r) * h;
        GraphicsContext gc = page.canvas.getGraphicsContext2D();
        double w = page.canvas.getWidth();
        double middle = y + h / 2;
        gc.setTextBaseline(VPos.CENTER);
        if (rows.isMark(i)) {
            gc.setFill(markBackground.getValue());
            gc.fillRect(0, y, w, h);
            gc.setFill(markColor.getValue());
            gc.setFont(Font.font(font.getValue().getFamily(), FontWeight.BOLD, font.getValue().getSize() - 1));
            gc.setTextAlign(TextAlignment.CENTER);
            gc.fillText(rows.mark(i), w / 2, middle, w - 2 * PAD);
            return;
        }
        double size = rows.size(i);
        boolean isLarge = size >= model.largeSizeProperty().get();
        gc.setFill(isLarge ? large.getValue() : background.getValue());
        gc.fillRect(0, y, w, h);
        decimals = Math.max(decimals, decimalsOf(rows.price(i)));
        byte dir = rows.direction(i);
        Paint priceColor = dir == TapeRows.UP ? up.getValue() : dir == TapeRows.DOWN ? down.getValue() : text.getValue();
        Font f = font.getValue();
        gc.setFont(f);
        double timeRight = Math.min(w * 0.40, 100);
        double priceRight = w * 0.68;
        double sizeRight = w - 28;
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setFill(muted.getValue());
        gc.fillText(TIME.format(Instant.ofEpochMilli(rows.time(i))), PAD, middle, timeRight - PAD);
        gc.setTextAlign(TextAlignment.RIGHT);
        gc.setFill(priceColor);
        gc.fillText(String.format(Locale.ROOT, "%,." + decimals + "f", rows.price(i)), priceRight, middle,
                priceRight - timeRight - PAD);
        gc.setFill(isLarge ? text.getValue() : muted.getValue());
        if (isLarge) {
            gc.setFont(Font.font(f.getFamily(), FontWeight.BOLD, f.getSize()));
        }
        gc.fillText(sizeText(size), sizeRight, middle, sizeRight - priceRight - PAD);
        gc.setFont(f);
        byte side = rows.side(i);
        String mark = dir == TapeRows.UP ? "▲" : dir == TapeRows.DOWN ? "▼" : "·";
        gc.setTextAlign(TextAlignment.LEFT);
        gc.setFill(side == TapeRows.AT_ASK ? up.getValue() : side == TapeRows.AT_BID ? down.getValue() : priceColor);
        gc.fillText(side == TapeRows.AT_ASK ? "A" : side == TapeRows.AT_BID ? "B" : mark, sizeRight + 8, middle);
    }

    static String sizeText(double size) {
        if (size == Math.rint(size) && size < 1e12) {
            return String.format(Locale.ROOT, "%,d", (long) size);
        }
        return String.format(Locale.ROOT, "%,.4f", size).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    static int decimalsOf(double price) {
        for (int d = 2; d < 8; d++) {
            double scaled = price * Math.pow(10, d);
            if (Math.abs(scaled - Math.rint(scaled)) < 1e-6) {
                return d;
            }
        }
        return 8;
    }

    @Override
    protected void layoutChildren() {
        clip.setWidth(getWidth());
        clip.setHeight(getHeight());
        boolean resized = false;
        for (Page p : pages) {
            double w = Math.max(1, snapSizeX(getWidth()));
            if (p.canvas.getWidth() != w || p.canvas.getHeight() != TapeLimits.PAGE_ROWS * rowH()) {
                resized = true;
            }
        }
        if (resized || redrawAll) {
            for (Page p : pages) {
                sizeCanvas(p);
            }
            drawAll();
        } else {
            place();
        }
    }

    @Override
    protected double computePrefWidth(double height) {
        return 280;
    }

    @Override
    protected double computePrefHeight(double width) {
        return rowH() * 20;
    }

    public static List<CssMetaData<? extends Styleable, ?>> getClassCssMetaData() {
        return CSS.getCssMetaData();
    }

    @Override
    public List<CssMetaData<? extends Styleable, ?>> getCssMetaData() {
        return getClassCssMetaData();
    }
}
