package io.stockmonitor.market;

/** Bar intervals the model keeps: 1 s bars from ticks, the others derived from the same ticks incrementally. */
public enum BarInterval {
    S1(1_000, "1s"), S5(5_000, "5s"), S15(15_000, "15s"), M1(60_000, "1m"), M5(300_000, "5m");

    private final long millis;
    private final String label;

    BarInterval(long millis, String label) {
        this.millis = millis;
        this.label = label;
    }

    public long millis() {
        return millis;
    }

    public String label() {
        return label;
    }
}
