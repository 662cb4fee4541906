package io.stockmonitor.simulator;

import java.time.Duration;

/** Faults to inject for demos and tests; also reachable through the loopback-only admin endpoint. */
public interface FaultControls {
    /** Abrupt TCP close of every connection, without a close frame. */
    void dropAllConnections();

    /**
     * Keeps connections open but sends nothing (no ticks, no heartbeats) for {@code d}; frames queue up meanwhile
     * and go out afterwards. The price model keeps publishing into history, so a resume works after.
     */
    void silence(Duration d);

    /** New epoch: history forgotten, seq restarts at 1 for every symbol; existing connections are dropped. */
    void restartWithNewEpoch();

    /** Delays every outgoing frame by {@code d}; {@link Duration#ZERO} clears. */
    void delayFrames(Duration d);

    /** The next tick of {@code symbol} is sent twice. */
    void duplicateNextTick(String symbol);

    /** The next two ticks of {@code symbol} are sent in swapped order. */
    void swapNextTwoTicks(String symbol);
}
