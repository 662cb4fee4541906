package io.stockmonitor.indicators;

/**
 * OHLCV bars in parallel primitive columns, read by index; rows live in {@code [first, end)} of the arrays (a
 * sliding series keeps them anywhere in its storage). The arrays may be replaced when the storage grows, so an
 * indicator asks for them on each computation and never keeps them.
 */
public interface BarColumns {
    /** Bar start times, epoch ms, increasing. */
    long[] timeColumn();

    double[] openColumn();

    double[] highColumn();

    double[] lowColumn();

    double[] closeColumn();

    double[] volumeColumn();
}
