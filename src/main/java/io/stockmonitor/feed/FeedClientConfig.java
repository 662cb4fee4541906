package io.stockmonitor.feed;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * What a feed client connects to and how its {@link ConnectionSupervisor} behaves on faults. {@link #of} gives the
 * product's values; the {@code with*} methods change one group of them (tests use short windows).
 *
 * @param server feed URL, {@code ws://} or {@code wss://} (for a provider: its WebSocket base URL)
 * @param token bearer token of our protocol's server, or null (providers keep their keys in their own settings)
 * @param symbols symbols to subscribe at start
 * @param backoffFirstMs upper bound of the first reconnect delay (full jitter: uniform in [0, bound])
 * @param backoffCapMs the doubling bound stops here
 * @param backoffResetAfterMs a connection must stay up this long before the delays start small again
 * @param stallHeartbeats silence limit in heartbeats: no frame for this many {@code heartbeatMs} aborts the connection
 * @param handshakeTimeoutMs limit for the upgrade plus the source's handshake (our welcome, a provider's
 *                           confirmation); frames that do not complete it do not extend it
 * @param pingIntervalMs how often a ping measures the round trip
 * @param trust the certificates trusted for {@code wss://} and {@code https://} instead of the JDK's CAs, or null
 */
public record FeedClientConfig(URI server, String token, List<String> symbols, long backoffFirstMs,
                               long backoffCapMs, long backoffResetAfterMs, double stallHeartbeats,
                               long handshakeTimeoutMs, long pingIntervalMs, TrustedCertificates trust) {
    public static final long DEFAULT_BACKOFF_FIRST_MS = 250;
    public static final long DEFAULT_BACKOFF_CAP_MS = 10_000;
    public static final long DEFAULT_BACKOFF_RESET_AFTER_MS = 10_000;
    public static final double DEFAULT_STALL_HEARTBEATS = 3.0;
    public static final long DEFAULT_HANDSHAKE_TIMEOUT_MS = 10_000;
    public static final long DEFAULT_PING_INTERVAL_MS = 5_000;

    public FeedClientConfig {
        Objects.requireNonNull(server, "server");
        symbols = List.copyOf(symbols);
        if (backoffFirstMs <= 0 || backoffCapMs < backoffFirstMs || backoffResetAfterMs < 0) {
            throw new IllegalArgumentException("bad backoff settings");
        }
        if (!(stallHeartbeats >= 1.0) || handshakeTimeoutMs <= 0 || pingIntervalMs <= 0) {
            throw new IllegalArgumentException("bad stall or ping settings");
        }
    }

    /** The product's settings for {@code server}. */
    public static FeedClientConfig of(URI server, String token, List<String> symbols) {
        return new FeedClientConfig(server, token, symbols, DEFAULT_BACKOFF_FIRST_MS, DEFAULT_BACKOFF_CAP_MS,
                DEFAULT_BACKOFF_RESET_AFTER_MS, DEFAULT_STALL_HEARTBEATS, DEFAULT_HANDSHAKE_TIMEOUT_MS,
                DEFAULT_PING_INTERVAL_MS, null);
    }

    public FeedClientConfig withBackoff(long firstMs, long capMs, long resetAfterMs) {
        return new FeedClientConfig(server, token, symbols, firstMs, capMs, resetAfterMs, stallHeartbeats,
                handshakeTimeoutMs, pingIntervalMs, trust);
    }

    public FeedClientConfig withTimeouts(double stallHeartbeats, long handshakeTimeoutMs, long pingIntervalMs) {
        return new FeedClientConfig(server, token, symbols, backoffFirstMs, backoffCapMs, backoffResetAfterMs,
                stallHeartbeats, handshakeTimeoutMs, pingIntervalMs, trust);
    }

    public FeedClientConfig withSymbols(List<String> newSymbols) {
        return new FeedClientConfig(server, token, newSymbols, backoffFirstMs, backoffCapMs, backoffResetAfterMs,
                stallHeartbeats, handshakeTimeoutMs, pingIntervalMs, trust);
    }

    /** Trusts {@code certificates} (null: the JDK's CAs) for this feed's TLS connections. */
    public FeedClientConfig withTrust(TrustedCertificates certificates) {
        return new FeedClientConfig(server, token, symbols, backoffFirstMs, backoffCapMs, backoffResetAfterMs,
                stallHeartbeats, handshakeTimeoutMs, pingIntervalMs, certificates);
    }

    /** The URL as shown to the user: no user info, no query (a {@code ?token=} must never reach a screen or log). */
    public String serverLabel() {
        URI u = server;
        if (u.getScheme() == null || u.getHost() == null) {
            return String.valueOf(u.getScheme() == null ? u.getSchemeSpecificPart() : u.getScheme() + ":...");
        }
        return u.getScheme() + "://" + u.getHost() + (u.getPort() >= 0 ? ":" + u.getPort() : "")
                + (u.getRawPath() == null ? "" : u.getRawPath());
    }

    @Override
    public String toString() {
        return "FeedClientConfig[server=" + serverLabel() + ", token=" + (token == null ? "none" : "***")
                + ", symbols=" + symbols + (trust == null ? "" : ", trust=" + trust.file()) + "]";
    }
}
