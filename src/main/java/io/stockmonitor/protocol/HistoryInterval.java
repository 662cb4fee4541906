package io.stockmonitor.protocol;

/**
 * The bar intervals a v2 {@code history} request may name, by their wire labels. Each divides the next one (5, 3,
 * 4, 5, 3, 4, 4, 6 times), so bars of every interval can be built from the finer ones and align on the same
 * boundaries (a bar starts at a multiple of its length since the Unix epoch, UTC).
 */
public enum HistoryInterval {
    S1("1s", 1_000L),
    S5("5s", 5_000L),
    S15("15s", 15_000L),
    M1("1m", 60_000L),
    M5("5m", 300_000L),
    M15("15m", 900_000L),
    H1("1h", 3_600_000L),
    H4("4h", 14_400_000L),
    D1("1D", 86_400_000L);

    private final String wire;
    private final long millis;

    HistoryInterval(String wire, long millis) {
        this.wire = wire;
        this.millis = millis;
    }

    /** The label on the wire, e.g. {@code "1h"}. */
    public String wire() {
        return wire;
    }

    public long millis() {
        return millis;
    }

    /** The interval labelled {@code wire} (exact case: {@code "1D"}, {@code "1m"}), or null. */
    public static HistoryInterval ofWire(String wire) {
        for (HistoryInterval i : values()) {
            if (i.wire.equals(wire)) {
                return i;
            }
        }
        return null;
    }

    /** The next finer interval, or null for {@link #S1}. */
    public HistoryInterval finer() {
        return ordinal() == 0 ? null : values()[ordinal() - 1];
    }

    /** The next coarser interval, or null for {@link #D1}. */
    public HistoryInterval coarser() {
        return ordinal() == values().length - 1 ? null : values()[ordinal() + 1];
    }

    /** The start of the bar of this interval that holds {@code tsMs}. */
    public long bucket(long tsMs) {
        return tsMs - Math.floorMod(tsMs, millis);
    }
}
