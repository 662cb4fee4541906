package io.stockmonitor.simulator;

import io.stockmonitor.protocol.Protocol;
import java.util.List;

/**
 * Settings of one simulator instance. An empty {@code symbols} list means the default universe; {@code token} null
 * means no authentication; {@code port} 0 takes a free port. {@code sendQueueFrames} bounds each connection's
 * send queue (a client that falls further behind is closed with 1013); it must hold a full replay.
 */
public record SimulatorConfig(String host, int port, List<String> symbols, double ratePerSymbol, long seed,
                              int historyTicks, long heartbeatMs, String token, int maxClients,
                              int sendQueueFrames) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8787;
    public static final double DEFAULT_RATE = 5.0;
    public static final long DEFAULT_SEED = 20261122L;
    public static final int DEFAULT_MAX_CLIENTS = 1000;
    /** Queue room beyond a full replay, for live ticks that arrive while a slow client catches up. */
    public static final int SEND_QUEUE_HEADROOM = 8192;

    public SimulatorConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        symbols = List.copyOf(symbols == null ? List.of() : symbols);
        if (!(ratePerSymbol > 0) || ratePerSymbol > 100_000) {
            throw new IllegalArgumentException("rate must be > 0 and <= 100000: " + ratePerSymbol);
        }
        if (historyTicks < 1 || historyTicks > 1_000_000) {
            throw new IllegalArgumentException("history ticks must be 1..1000000: " + historyTicks);
        }
        if (heartbeatMs < 10 || heartbeatMs > 3_600_000) {
            throw new IllegalArgumentException("heartbeat ms must be 10..3600000: " + heartbeatMs);
        }
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("token must not be blank");
        }
        if (maxClients < 1) {
            throw new IllegalArgumentException("max clients must be >= 1: " + maxClients);
        }
        if (sendQueueFrames < 16) {
            throw new IllegalArgumentException("send queue frames must be >= 16: " + sendQueueFrames);
        }
    }

    /** The documented nine settings; the send queue holds a full replay plus {@link #SEND_QUEUE_HEADROOM}. */
    public SimulatorConfig(String host, int port, List<String> symbols, double ratePerSymbol, long seed,
                           int historyTicks, long heartbeatMs, String token, int maxClients) {
        this(host, port, symbols, ratePerSymbol, seed, historyTicks, heartbeatMs, token, maxClients,
                historyTicks + SEND_QUEUE_HEADROOM);
    }

    public static SimulatorConfig defaults() {
        return new SimulatorConfig(DEFAULT_HOST, DEFAULT_PORT, List.of(), DEFAULT_RATE, DEFAULT_SEED,
                Protocol.DEFAULT_HISTORY_TICKS, Protocol.DEFAULT_HEARTBEAT_MS, null, DEFAULT_MAX_CLIENTS);
    }

    public SimulatorConfig withHost(String host) {
        return new SimulatorConfig(host, port, symbols, ratePerSymbol, seed, historyTicks, heartbeatMs, token,
                maxClients, sendQueueFrames);
    }

    public SimulatorConfig withPort(int port) {
        return new SimulatorConfig(host, port, symbols, ratePerSymbol, seed, historyTicks, heartbeatMs, token,
                maxClients, sendQueueFrames);
    }

    public SimulatorConfig withSymbols(List<String> symbols) {
        return new SimulatorConfig(host, port, symbols, ratePerSymbol, seed, historyTicks, heartbeatMs, token,
                maxClients, sendQueueFrames);
    }

    public SimulatorConfig withRate(double ratePerSymbol) {
        return new SimulatorConfig(host, port, symbols, ratePerSymbol, seed, historyTicks, heartbeatMs, token,
                maxClients, sendQueueFrames);
    }

    public SimulatorConfig withSeed(long seed) {
        return new SimulatorConfig(host, port, symbols, ratePerSymbol, seed, historyTicks, heartbeatMs, token,
                maxClients, sendQueueFrames);
    }

    /** Also grows the send queue bound so that it still holds a full replay. */
    public SimulatorConfig withHistoryTicks(int historyTicks) {
        return new SimulatorConfig(host, port, symbols, ratePerSymbol, seed, historyTicks, heartbeatMs, token,
                maxClients, Math.max(sendQueueFrames, historyTicks + SEND_QUEUE_HEADROOM));
    }

    public SimulatorConfig withHeartbeatMs(long heartbeatMs) {
        return new SimulatorConfig(host, port, symbols, ratePerSymbol, seed, historyTicks, heartbeatMs, token,
                maxClients, sendQueueFrames);
    }

    public SimulatorConfig withToken(String token) {
        return new SimulatorConfig(host, port, symbols, ratePerSymbol, seed, historyTicks, heartbeatMs, token,
                maxClients, sendQueueFrames);
    }

    public SimulatorConfig withMaxClients(int maxClients) {
        return new SimulatorConfig(host, port, symbols, ratePerSymbol, seed, historyTicks, heartbeatMs, token,
                maxClients, sendQueueFrames);
    }

    /** A small bound makes a slow consumer overflow quickly (tests); replays longer than it overflow too. */
    public SimulatorConfig withSendQueueFrames(int sendQueueFrames) {
        return new SimulatorConfig(host, port, symbols, ratePerSymbol, seed, historyTicks, heartbeatMs, token,
                maxClients, sendQueueFrames);
    }
}
