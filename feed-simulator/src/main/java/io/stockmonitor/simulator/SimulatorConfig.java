package io.stockmonitor.simulator;

import io.stockmonitor.protocol.Protocol;
import java.util.List;

/**
 * Settings of one simulator instance, and every bound the simulator applies, named here in one place.
 *
 * <ul>
 *   <li>An empty {@code symbols} list means the default universe; {@code token} null means no authentication;
 *       {@code port} 0 takes a free port; {@code tls} null serves plain {@code ws://}.</li>
 *   <li>{@code sendQueueFrames} and {@code sendQueueBytes} bound each connection's send queue (frames not yet
 *       written to the socket); a client that falls further behind is closed with 1013. The frame bound must hold
 *       a full replay; the byte bound is what keeps a client that stops reading from holding the heap.</li>
 *   <li>{@code totalSendQueueBytes} bounds all send queues together: each connection may always queue up to
 *       {@link #sendQueueReserveBytes()}; beyond that only while all queues together hold less than half of
 *       {@code totalSendQueueBytes}, so the sum never exceeds it (see {@link SendBudget}).</li>
 *   <li>{@code catchUpBurstBytes} and {@code catchUpBytesPerSecond} bound the snapshot and replay bytes one
 *       connection may cause (a token bucket), so a client re-subscribing in a loop cannot make the server
 *       serialize snapshots without end; and none is started while the connection's queue holds more than
 *       {@link #catchUpBacklogBytes()}.</li>
 *   <li>{@code admin} turns the HTTP admin endpoint on; the in-process {@link EmbeddedSimulator#faults()} works
 *       either way.</li>
 * </ul>
 */
public record SimulatorConfig(String host, int port, List<String> symbols, double ratePerSymbol, long seed,
                              int historyTicks, long heartbeatMs, String token, int maxClients,
                              int sendQueueFrames, long sendQueueBytes, long totalSendQueueBytes,
                              long catchUpBurstBytes, long catchUpBytesPerSecond, boolean admin, TlsConfig tls) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8787;
    public static final double DEFAULT_RATE = 5.0;
    public static final long DEFAULT_SEED = 20261122L;
    public static final int DEFAULT_MAX_CLIENTS = 1000;
    /** Queue room beyond a full replay, for live ticks that arrive while a slow client catches up. */
    public static final int SEND_QUEUE_HEADROOM = 8192;
    private static final long MIB = 1024L * 1024;
    /** Per connection: the snapshots of a 200-symbol watchlist (about 35 MB) or a full replay fit with room. */
    public static final long DEFAULT_SEND_QUEUE_BYTES = 64 * MIB;
    /** All connections together. */
    public static final long DEFAULT_TOTAL_SEND_QUEUE_BYTES = 512 * MIB;
    /** Snapshot and replay bytes a connection may cause at once: a 200-symbol watchlist's snapshots fit. */
    public static final long DEFAULT_CATCH_UP_BURST_BYTES = 64 * MIB;
    /** ... and then per second: about 20 snapshots of an hour of bars, or three full replays. */
    public static final long DEFAULT_CATCH_UP_BYTES_PER_SECOND = 4 * MIB;

    /**
     * Days of bars before an epoch's start that a v2 {@code history} request can reach: derived from the seed on
     * demand ({@link DerivedHistory}), so only a few hundred numbers per symbol are kept for them.
     */
    public static final int DERIVED_HISTORY_DAYS = 365;
    /**
     * Live bars kept per symbol and interval above 1 s (1 s keeps an hour, {@link SecondBars}): 2,048 bars, e.g.
     * 2.8 h of 5 s bars, 34 h of 1 m bars, 85 days of 1 h bars; about 0.8 MB per symbol for the eight intervals.
     * Once a span since the start has been dropped, history at that interval ends at the oldest bar kept.
     */
    public static final int LIVE_BARS_PER_INTERVAL = 2_048;

    /** Most characters of a peer-supplied symbol echoed back in an error frame. */
    public static final int MAX_ECHOED_SYMBOL_CHARS = 32;
    /** Most characters of an error frame's message (it may quote peer text). */
    public static final int MAX_ERROR_MESSAGE_CHARS = 256;
    /** Most characters of peer-supplied text written to a log line (escaped). */
    public static final int MAX_LOGGED_PEER_CHARS = 120;
    /** A connection idle this long before its HTTP request is complete (or between HTTP requests) is closed. */
    public static final long HTTP_IDLE_TIMEOUT_MS = 5_000;
    /** A connection that has not become a WebSocket this long after it opened is closed (slow, half-sent requests). */
    public static final long HTTP_PHASE_DEADLINE_MS = 10_000;
    /** A WebSocket with no traffic either way for this long is closed; heartbeats keep live ones busy. */
    public static final long WEBSOCKET_IDLE_TIMEOUT_MS = 120_000;
    /** A connection whose socket write has not completed for this long is not reading: closed with 1013. */
    public static final long SEND_STALL_TIMEOUT_MS = 15_000;
    /** An admitted upgrade whose WebSocket has not opened this long after admission gives its slot back. */
    public static final long UPGRADE_OPEN_DEADLINE_MS = 10_000;
    /**
     * Relayed trades and gaps waiting to be written into the feed (the relay's client thread must never block on
     * it): 65,536, about 20 minutes of a busy crypto pair's refill. A trade that does not fit is counted and reported
     * lost, in a gap before the symbol's next trade.
     */
    public static final int RELAY_QUEUE_ITEMS = 65_536;
    /** Largest token or password file read, in bytes. */
    public static final int MAX_SECRET_FILE_BYTES = 4096;

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
        if (sendQueueBytes < 64 * 1024) {
            throw new IllegalArgumentException("send queue bytes must be >= 65536: " + sendQueueBytes);
        }
        if (totalSendQueueBytes < sendQueueBytes) {
            throw new IllegalArgumentException("total send queue bytes must be >= the per-connection bound: "
                    + totalSendQueueBytes);
        }
        if (catchUpBurstBytes < 1 || catchUpBytesPerSecond < 1) {
            throw new IllegalArgumentException("catch-up budget must be positive");
        }
    }

    /** The documented nine settings; every bound at its default, admin off, no TLS. */
    public SimulatorConfig(String host, int port, List<String> symbols, double ratePerSymbol, long seed,
                           int historyTicks, long heartbeatMs, String token, int maxClients) {
        this(host, port, symbols, ratePerSymbol, seed, historyTicks, heartbeatMs, token, maxClients,
                historyTicks + SEND_QUEUE_HEADROOM, DEFAULT_SEND_QUEUE_BYTES, DEFAULT_TOTAL_SEND_QUEUE_BYTES,
                DEFAULT_CATCH_UP_BURST_BYTES, DEFAULT_CATCH_UP_BYTES_PER_SECOND, false, null);
    }

    public static SimulatorConfig defaults() {
        return new SimulatorConfig(DEFAULT_HOST, DEFAULT_PORT, List.of(), DEFAULT_RATE, DEFAULT_SEED,
                Protocol.DEFAULT_HISTORY_TICKS, Protocol.DEFAULT_HEARTBEAT_MS, null, DEFAULT_MAX_CLIENTS);
    }

    /**
     * Bytes every connection may queue whatever the others hold: half the server-wide bound shared equally by the
     * most connections there can be. The other half is shared first come, first served.
     */
    public long sendQueueReserveBytes() {
        return Math.min(sendQueueBytes, totalSendQueueBytes / (2L * maxClients));
    }

    /**
     * A connection holding more than this in its send queue gets no new snapshot or replay (rate_limited): it is not
     * reading what it has. Half the per-connection bound, so a client that reads gets a full watchlist's snapshots.
     */
    public long catchUpBacklogBytes() {
        return sendQueueBytes / 2;
    }

    public SimulatorConfig withHost(String host) {
        return copy().host(host).build();
    }

    public SimulatorConfig withPort(int port) {
        return copy().port(port).build();
    }

    public SimulatorConfig withSymbols(List<String> symbols) {
        return copy().symbols(symbols).build();
    }

    public SimulatorConfig withRate(double ratePerSymbol) {
        return copy().rate(ratePerSymbol).build();
    }

    public SimulatorConfig withSeed(long seed) {
        return copy().seed(seed).build();
    }

    /** Also grows the send queue bound so that it still holds a full replay. */
    public SimulatorConfig withHistoryTicks(int historyTicks) {
        return copy().historyTicks(historyTicks)
                .sendQueueFrames(Math.max(sendQueueFrames, historyTicks + SEND_QUEUE_HEADROOM)).build();
    }

    public SimulatorConfig withHeartbeatMs(long heartbeatMs) {
        return copy().heartbeatMs(heartbeatMs).build();
    }

    public SimulatorConfig withToken(String token) {
        return copy().token(token).build();
    }

    public SimulatorConfig withMaxClients(int maxClients) {
        return copy().maxClients(maxClients).build();
    }

    /** A small bound makes a slow consumer overflow quickly (tests); replays longer than it overflow too. */
    public SimulatorConfig withSendQueueFrames(int sendQueueFrames) {
        return copy().sendQueueFrames(sendQueueFrames).build();
    }

    /** Per-connection byte bound; the server-wide bound grows to at least this. */
    public SimulatorConfig withSendQueueBytes(long sendQueueBytes) {
        return copy().sendQueueBytes(sendQueueBytes)
                .totalSendQueueBytes(Math.max(totalSendQueueBytes, sendQueueBytes)).build();
    }

    public SimulatorConfig withTotalSendQueueBytes(long totalSendQueueBytes) {
        return copy().totalSendQueueBytes(totalSendQueueBytes).build();
    }

    public SimulatorConfig withCatchUpBudget(long burstBytes, long bytesPerSecond) {
        return copy().catchUp(burstBytes, bytesPerSecond).build();
    }

    /** Serves the HTTP admin endpoint (loopback only, token when one is set); off by default. */
    public SimulatorConfig withAdmin(boolean admin) {
        return copy().admin(admin).build();
    }

    /** Serves {@code wss://} with this keystore; null for plain {@code ws://}. */
    public SimulatorConfig withTls(TlsConfig tls) {
        return copy().tls(tls).build();
    }

    /** Never shows the token or the keystore password. */
    @Override
    public String toString() {
        return "SimulatorConfig[host=" + host + ", port=" + port + ", symbols=" + symbols + ", rate=" + ratePerSymbol
                + ", seed=" + seed + ", historyTicks=" + historyTicks + ", heartbeatMs=" + heartbeatMs
                + ", token=" + (token == null ? "none" : "(set)") + ", maxClients=" + maxClients
                + ", sendQueueFrames=" + sendQueueFrames + ", sendQueueBytes=" + sendQueueBytes
                + ", totalSendQueueBytes=" + totalSendQueueBytes + ", catchUpBurstBytes=" + catchUpBurstBytes
                + ", catchUpBytesPerSecond=" + catchUpBytesPerSecond + ", admin=" + admin + ", tls=" + tls + "]";
    }

    private Copy copy() {
        return new Copy(this);
    }

    /** A mutable copy, so each wither names only what it changes. */
    private static final class Copy {
        private String host;
        private int port;
        private List<String> symbols;
        private double rate;
        private long seed;
        private int historyTicks;
        private long heartbeatMs;
        private String token;
        private int maxClients;
        private int sendQueueFrames;
        private long sendQueueBytes;
        private long totalSendQueueBytes;
        private long catchUpBurstBytes;
        private long catchUpBytesPerSecond;
        private boolean admin;
        private TlsConfig tls;

        Copy(SimulatorConfig c) {
            host = c.host;
            port = c.port;
            symbols = c.symbols;
            rate = c.ratePerSymbol;
            seed = c.seed;
            historyTicks = c.historyTicks;
            heartbeatMs = c.heartbeatMs;
            token = c.token;
            maxClients = c.maxClients;
            sendQueueFrames = c.sendQueueFrames;
            sendQueueBytes = c.sendQueueBytes;
            totalSendQueueBytes = c.totalSendQueueBytes;
            catchUpBurstBytes = c.catchUpBurstBytes;
            catchUpBytesPerSecond = c.catchUpBytesPerSecond;
            admin = c.admin;
            tls = c.tls;
        }

        Copy host(String v) {
            host = v;
            return this;
        }

        Copy port(int v) {
            port = v;
            return this;
        }

        Copy symbols(List<String> v) {
            symbols = v;
            return this;
        }

        Copy rate(double v) {
            rate = v;
            return this;
        }

        Copy seed(long v) {
            seed = v;
            return this;
        }

        Copy historyTicks(int v) {
            historyTicks = v;
            return this;
        }

        Copy heartbeatMs(long v) {
            heartbeatMs = v;
            return this;
        }

        Copy token(String v) {
            token = v;
            return this;
        }

        Copy maxClients(int v) {
            maxClients = v;
            return this;
        }

        Copy sendQueueFrames(int v) {
            sendQueueFrames = v;
            return this;
        }

        Copy sendQueueBytes(long v) {
            sendQueueBytes = v;
            return this;
        }

        Copy totalSendQueueBytes(long v) {
            totalSendQueueBytes = v;
            return this;
        }

        Copy catchUp(long burst, long perSecond) {
            catchUpBurstBytes = burst;
            catchUpBytesPerSecond = perSecond;
            return this;
        }

        Copy admin(boolean v) {
            admin = v;
            return this;
        }

        Copy tls(TlsConfig v) {
            tls = v;
            return this;
        }

        SimulatorConfig build() {
            return new SimulatorConfig(host, port, symbols, rate, seed, historyTicks, heartbeatMs, token, maxClients,
                    sendQueueFrames, sendQueueBytes, totalSendQueueBytes, catchUpBurstBytes, catchUpBytesPerSecond,
                    admin, tls);
        }
    }
}
