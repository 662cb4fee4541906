package io.stockmonitor.simulator;

/** Where a producer's ticks go: this server's feeds directly, or a shared history that every server follows. */
@FunctionalInterface
interface TickTarget {
    /**
     * Writes the next tick of symbol {@code symbolIndex}. False when it was not taken (the epoch moved on, or this
     * server may no longer produce): the producer then must not count it as made.
     */
    boolean write(int symbolIndex, TickRecord tick);
}
