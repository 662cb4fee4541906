package io.stockmonitor.ui.tape;

import java.util.Arrays;

/**
 * The tape's rows, newest first (index 0), at most {@link TapeLimits#ROWS_KEPT}: trades as primitives, and marks
 * (a gap, a refill) as text. Appending a trade allocates nothing; a mark can go a few rows back, where its time is.
 */
final class TapeRows {
    static final byte UP = 1;
    static final byte DOWN = -1;
    static final byte SAME = 0;
    static final byte AT_ASK = 1;
    static final byte AT_BID = -1;
    static final byte INSIDE = 0;

    private final int capacity;
    private final long[] time;
    private final double[] price;
    private final double[] size;
    private final byte[] direction;
    private final byte[] side;
    private final String[] mark;
    /** Physical slot of the newest row. */
    private int head = -1;
    private int count;
    /** Rows ever added (marks included): tells the view how far to slide. */
    private long added;
    /** Bumped when rows change other than at the top (a mark inserted lower down, a clear): redraw everything. */
    private long layoutVersion;

    TapeRows(int capacity) {
        this.capacity = capacity;
        time = new long[capacity];
        price = new double[capacity];
        size = new double[capacity];
        direction = new byte[capacity];
        side = new byte[capacity];
        mark = new String[capacity];
    }

    int size() {
        return count;
    }

    long added() {
        return added;
    }

    long layoutVersion() {
        return layoutVersion;
    }

    void clear() {
        head = -1;
        count = 0;
        Arrays.fill(mark, null);
        layoutVersion++;
    }

    private int slot(int index) {
        return Math.floorMod(head - index, capacity);
    }

    void addTrade(long t, double p, double s, byte dir, byte atSide) {
        head = (head + 1) % capacity;
        time[head] = t;
        price[head] = p;
        size[head] = s;
        direction[head] = dir;
        side[head] = atSide;
        mark[head] = null;
        count = Math.min(count + 1, capacity);
        added++;
    }

    /** A mark at time {@code t}: above every row older than or as old as it. */
    void addMark(long t, String text) {
        int at = 0;
        while (at < count && time[slot(at)] > t && !isMark(at)) {
            at++;
        }
        // Shift the newer rows up by one slot, then write the mark under them.
        head = (head + 1) % capacity;
        count = Math.min(count + 1, capacity);
        for (int i = 0; i < at; i++) {
            copy(slot(i + 1), slot(i));
        }
        int s = slot(at);
        time[s] = t;
        price[s] = Double.NaN;
        size[s] = 0;
        direction[s] = SAME;
        side[s] = INSIDE;
        mark[s] = text;
        added++;
        if (at > 0) {
            layoutVersion++;
        }
    }

    private void copy(int from, int to) {
        time[to] = time[from];
        price[to] = price[from];
        size[to] = size[from];
        direction[to] = direction[from];
        side[to] = side[from];
        mark[to] = mark[from];
    }

    boolean isMark(int index) {
        return mark[slot(index)] != null;
    }

    String mark(int index) {
        return mark[slot(index)];
    }

    long time(int index) {
        return time[slot(index)];
    }

    double price(int index) {
        return price[slot(index)];
    }

    double size(int index) {
        return size[slot(index)];
    }

    byte direction(int index) {
        return direction[slot(index)];
    }

    byte side(int index) {
        return side[slot(index)];
    }
}
