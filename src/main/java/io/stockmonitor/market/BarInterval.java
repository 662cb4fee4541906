package io.stockmonitor.market;

/**
 * Bar intervals the model keeps: 1 s bars from ticks, the others built from the same ticks incrementally, and
 * filled further back from the source's history (candles) where the source has it. Each interval keeps a span of
 * time: the sub-minute ones the 1 s window, the coarser ones days to years ({@link #keptSpanMillis()}), bounded by
 * {@link MarketLimits#derivedBarsPerSymbol()}.
 */
public enum BarInterval {
    S1(1_000, "1s", 0),
    S5(5_000, "5s", 0),
    S15(15_000, "15s", 0),
    M1(60_000, "1m", 7 * Days.DAY),
    M5(300_000, "5m", 14 * Days.DAY),
    M15(900_000, "15m", 30 * Days.DAY),
    H1(3_600_000, "1h", 90 * Days.DAY),
    H4(14_400_000, "4h", 180 * Days.DAY),
    D1(86_400_000, "1D", 1_461 * Days.DAY);

    private final long millis;
    private final String label;
    private final long keptSpanMillis;

    BarInterval(long millis, String label, long keptSpanMillis) {
        this.millis = millis;
        this.label = label;
        this.keptSpanMillis = keptSpanMillis;
    }

    public long millis() {
        return millis;
    }

    public String label() {
        return label;
    }

    /** The time this interval's bars cover at most; 0 for the sub-minute ones, which cover the 1 s window. */
    public long keptSpanMillis() {
        return keptSpanMillis;
    }

    /** The interval labelled {@code label} (e.g. "1h"), or null. */
    public static BarInterval ofLabel(String label) {
        for (BarInterval i : values()) {
            if (i.label.equalsIgnoreCase(label)) {
                return i;
            }
        }
        return null;
    }

    /** Day lengths without a dependency on java.time in an enum constant initialiser. */
    private static final class Days {
        static final long DAY = 86_400_000L;
    }
}
