package io.stockmonitor.simulator;

import java.util.List;
import java.util.Map;

/**
 * What makes a feed's ticks: the simulated market ({@link SimulatedMarket}) or a provider relayed as the upstream
 * ({@link RelayProducer}). A server makes ticks only while it may: always with its history in memory; while it holds
 * the lease with a shared history, the other servers following what it writes.
 */
interface TickProducer {
    /** The feed's symbols, in the order of their indexes. */
    List<String> symbols();

    /** How symbol {@code symbolIndex}'s feed starts {@code epoch}, the same on every server. */
    EpochStart opening(int symbolIndex, Epoch epoch);

    /**
     * Starts making ticks of {@code epoch} into {@code target}, each symbol going on after {@code latest[i]} (null:
     * the symbol has no tick yet in this epoch).
     */
    void start(Epoch epoch, TickRecord[] latest, TickTarget target);

    /** Stops making ticks and waits until no more are written. */
    void stop();

    /** What the admin status and the health check show of it. */
    Map<String, Object> status();
}
