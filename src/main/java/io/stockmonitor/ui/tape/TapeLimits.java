package io.stockmonitor.ui.tape;

/** Every bound of the tape, in one place. */
public final class TapeLimits {
    /** Rows (trades and marks) the tape keeps for the selected symbol; older ones are dropped. */
    public static final int ROWS_KEPT = 2_000;
    /** Trades read from the model per frame at most (100 trades/s is under 2 a frame). */
    static final int READ_PER_FRAME = 1_024;
    /** Rows per canvas page: a new trade draws one row into its page, and the pages slide down. */
    static final int PAGE_ROWS = 16;
    /** How often gap marks are looked for when nothing else says they changed. */
    static final long MARKS_CHECK_MS = 1_000;
    /** A disconnection still unsettled this long after it closed is marked anyway (its outcome follows). */
    static final long UNSETTLED_MARK_AFTER_MS = 5_000;

    private TapeLimits() {
    }
}
