package io.stockmonitor.simulator;

/**
 * The last {@code capacity} ticks of one symbol in primitive ring arrays (prices in currency units), with the
 * upstream gap, if any, that came just before each (a relay's; null for nearly every tick). Seqs are consecutive,
 * so the slot of a seq is computed, not searched. Not thread-safe: the symbol's feed lock guards it.
 */
final class TickHistory {
    private final int capacity;
    private final long[] ts;
    private final double[] price;
    private final double[] size;
    private final double[] bid;
    private final double[] ask;
    private final UpstreamGap[] gapBefore;
    private long lastSeq;
    /** Seqs below this were never held here (the history was restarted after them). */
    private long firstKept = 1;

    TickHistory(int capacity) {
        this.capacity = capacity;
        ts = new long[capacity];
        price = new double[capacity];
        size = new double[capacity];
        bid = new double[capacity];
        ask = new double[capacity];
        gapBefore = new UpstreamGap[capacity];
    }

    /** Appends the tick with seq {@code lastSeq() + 1}; {@code gap} is the upstream gap just before it, or null. */
    void append(long tsMs, double p, double sz, double b, double a, UpstreamGap gap) {
        lastSeq++;
        int slot = slot(lastSeq);
        ts[slot] = tsMs;
        price[slot] = p;
        size[slot] = sz;
        bid[slot] = b;
        ask[slot] = a;
        gapBefore[slot] = gap;
    }

    /** Empties the history and makes {@code seq} the last one, so the next append is {@code seq + 1}. */
    void restartAfter(long seq) {
        java.util.Arrays.fill(gapBefore, null);
        lastSeq = seq;
        firstKept = seq + 1;
    }

    long lastSeq() {
        return lastSeq;
    }

    /** Oldest retained seq; {@code lastSeq() + 1} when empty. */
    long firstSeq() {
        return Math.max(firstKept, lastSeq - capacity + 1);
    }

    private int slot(long seq) {
        return (int) ((seq - 1) % capacity);
    }

    private int checked(long seq) {
        if (seq < firstSeq() || seq > lastSeq) {
            throw new IndexOutOfBoundsException("seq " + seq + " not retained");
        }
        return slot(seq);
    }

    long ts(long seq) {
        return ts[checked(seq)];
    }

    double price(long seq) {
        return price[checked(seq)];
    }

    double size(long seq) {
        return size[checked(seq)];
    }

    /** NaN when the tick carried no quote. */
    double bid(long seq) {
        return bid[checked(seq)];
    }

    double ask(long seq) {
        return ask[checked(seq)];
    }

    /** The upstream gap that came just before {@code seq}, or null. */
    UpstreamGap gapBefore(long seq) {
        return gapBefore[checked(seq)];
    }
}
