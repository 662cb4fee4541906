package io.stockmonitor.market;

/**
 * How a span of missing data ended. Every gap the UI, the log and the record show is one of these, so a trader can
 * tell a recovered stretch from a lost one at a glance.
 */
public enum GapKind {
    /** Not settled yet: the connection is down, or a refill is under way. */
    PENDING("pending"),
    /** Nothing lost: the stream was resumed, or refilled and proven complete by the provider's contiguous ids. */
    EXACT("exact"),
    /** Refilled by time from the provider's history; its completeness cannot be proven (no contiguous ids). */
    BY_TIME("time"),
    /** Data missing for good (the count, when known, is on the marker). */
    LOST("none");

    private final String recordName;

    GapKind(String recordName) {
        this.recordName = recordName;
    }

    /** The {@code "recovered"} value of a gap line in the headless record: exact, time or none. */
    public String recordName() {
        return recordName;
    }
}
