package io.stockmonitor.simulator;

/**
 * The last {@code capacity} ticks of one symbol in primitive ring arrays (prices in cents). Seqs are consecutive,
 * so the slot of a seq is computed, not searched. Not thread-safe: the symbol's feed lock guards it.
 */
final class TickHistory {
    private final int capacity;
    private final long[] ts;
    private final long[] price;
    private final long[] size;
    private final long[] bid;
    private final long[] ask;
    private long lastSeq;

    TickHistory(int capacity) {
        this.capacity = capacity;
        ts = new long[capacity];
        price = new long[capacity];
        size = new long[capacity];
        bid = new long[capacity];
        ask = new long[capacity];
    }

    /** Appends the tick with seq {@code lastSeq() + 1}. */
    void append(long tsMs, long priceCents, long sz, long bidCents, long askCents) {
        lastSeq++;
        int slot = slot(lastSeq);
        ts[slot] = tsMs;
        price[slot] = priceCents;
        size[slot] = sz;
        bid[slot] = bidCents;
        ask[slot] = askCents;
    }

    long lastSeq() {
        return lastSeq;
    }

    /** Oldest retained seq; {@code lastSeq() + 1} when empty. */
    long firstSeq() {
        return Math.max(1, lastSeq - capacity + 1);
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

    long priceCents(long seq) {
        return price[checked(seq)];
    }

    long size(long seq) {
        return size[checked(seq)];
    }

    long bidCents(long seq) {
        return bid[checked(seq)];
    }

    long askCents(long seq) {
        return ask[checked(seq)];
    }
}
