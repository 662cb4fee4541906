package io.stockmonitor.source;

import io.stockmonitor.feed.FeedClientConfig;
import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * Everything a provider source needs to start: where (its WebSocket and REST bases, the provider's own unless the
 * user points at a mirror, a test network or an emulator), who (credentials), what (symbols in the provider's own
 * spelling) and how (the supervisor's backoff and handshake settings, the silence limit, the bounds).
 *
 * @param silenceLimitMs no frame of any kind (pings included) for this long means the connection is dead
 * @param rolloverAfterMs a connection this old is replaced by a planned overlap (Binance's 24 h lifetime); 0 never
 */
public record SourceSettings(SourceKind kind, URI ws, URI rest, Credentials credentials, List<String> symbols,
                             FeedClientConfig connection, long silenceLimitMs, long rolloverAfterMs,
                             SourceLimits limits) {
    public SourceSettings {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(ws, "ws");
        Objects.requireNonNull(rest, "rest");
        credentials = credentials == null ? Credentials.NONE : credentials;
        symbols = List.copyOf(symbols);
        Objects.requireNonNull(connection, "connection");
        Objects.requireNonNull(limits, "limits");
        if (silenceLimitMs < 1 || rolloverAfterMs < 0) {
            throw new IllegalArgumentException("bad source timing: silence " + silenceLimitMs + " ms, rollover "
                    + rolloverAfterMs + " ms");
        }
    }

    public SourceSettings withSilenceLimit(long ms) {
        return new SourceSettings(kind, ws, rest, credentials, symbols, connection, ms, rolloverAfterMs, limits);
    }

    public SourceSettings withRolloverAfter(long ms) {
        return new SourceSettings(kind, ws, rest, credentials, symbols, connection, silenceLimitMs, ms, limits);
    }

    public SourceSettings withConnection(FeedClientConfig newConnection) {
        return new SourceSettings(kind, ws, rest, credentials, symbols, newConnection, silenceLimitMs,
                rolloverAfterMs, limits);
    }

    public SourceSettings withLimits(SourceLimits newLimits) {
        return new SourceSettings(kind, ws, rest, credentials, symbols, connection, silenceLimitMs, rolloverAfterMs,
                newLimits);
    }

    /** The REST base with {@code pathAndQuery} appended (the base may carry a path of its own, e.g. a mirror's). */
    public URI restUri(String pathAndQuery) {
        String base = rest.toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + pathAndQuery
                : base + pathAndQuery);
    }

    /** The WebSocket base with {@code pathAndQuery} appended. */
    public URI wsUri(String pathAndQuery) {
        String base = ws.toString();
        return URI.create(base.endsWith("/") ? base.substring(0, base.length() - 1) + pathAndQuery
                : base + pathAndQuery);
    }

    @Override
    public String toString() {
        return "SourceSettings[" + kind.id() + ", ws=" + ws + ", rest=" + rest + ", " + credentials + ", symbols="
                + symbols + "]";
    }
}
