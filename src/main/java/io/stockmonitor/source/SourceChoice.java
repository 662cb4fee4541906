package io.stockmonitor.source;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Where the user wants prices from: the bundled simulator (demo), a server speaking our protocol (a URL), or a
 * provider (with its own endpoints, or a mirror, test network or emulator in their place). Credentials ride along
 * in memory only: {@link #toString()} and {@link #label()} never show them, and nothing persists them.
 *
 * @param kind        the source
 * @param server      the feed URL of a {@link SourceKind#V1} server, else null
 * @param credentials a bearer token (v1, Finnhub) or a key and secret (Alpaca); {@link Credentials#NONE} if none
 * @param ws          replaces the provider's WebSocket base, or null
 * @param rest        replaces the provider's REST base, or null
 * @param trustCert   a certificate file (PEM or DER) trusted instead of the JDK's CAs for this feed, or null
 */
public record SourceChoice(SourceKind kind, String server, Credentials credentials, URI ws, URI rest,
                           Path trustCert) {
    public SourceChoice {
        Objects.requireNonNull(kind, "kind");
        credentials = credentials == null ? Credentials.NONE : credentials;
        if (kind == SourceKind.V1 && (server == null || server.isBlank())) {
            throw new IllegalArgumentException("a protocol server needs its URL");
        }
    }

    public static SourceChoice demo() {
        return new SourceChoice(SourceKind.DEMO, null, Credentials.NONE, null, null, null);
    }

    public static SourceChoice server(String url, Credentials token) {
        return new SourceChoice(SourceKind.V1, url, token, null, null, null);
    }

    public static SourceChoice provider(SourceKind kind, Credentials credentials, URI ws, URI rest) {
        if (!kind.provider()) {
            throw new IllegalArgumentException(kind.id() + " is not a provider");
        }
        return new SourceChoice(kind, null, credentials, ws, rest, null);
    }

    public boolean isDemo() {
        return kind == SourceKind.DEMO;
    }

    /** The same choice without its credentials (what may be remembered). */
    public SourceChoice withoutCredentials() {
        return new SourceChoice(kind, server, Credentials.NONE, ws, rest, trustCert);
    }

    public SourceChoice withCredentials(Credentials c) {
        return new SourceChoice(kind, server, c, ws, rest, trustCert);
    }

    /** The same choice trusting {@code file}'s certificates (null: the JDK's CAs); not for the demo. */
    public SourceChoice withTrustCert(Path file) {
        if (file != null && kind == SourceKind.DEMO) {
            throw new IllegalArgumentException("the demo needs no certificate");
        }
        return new SourceChoice(kind, server, credentials, ws, rest, file);
    }

    /** What to show the user before a session tells more: never a credential or a URL's query. */
    public String label() {
        return switch (kind) {
            case DEMO -> "demo (bundled simulator)";
            case V1 -> safeUrl(server);
            default -> kind.title().replaceAll(" \\(.*\\)$", "") + (ws == null ? "" : " via " + safeUrl(ws.toString()));
        };
    }

    /** A URL as it may be shown: scheme, host, port and path (no user info, no query). */
    public static String safeUrl(String url) {
        try {
            URI u = new URI(url.trim());
            if (u.getScheme() == null || u.getHost() == null) {
                return "(not a URL)";
            }
            return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost()
                    + (u.getPort() >= 0 ? ":" + u.getPort() : "") + (u.getRawPath() == null ? "" : u.getRawPath());
        } catch (URISyntaxException e) {
            return "(not a URL)";
        }
    }

    /** The symbols to open with when the user has none: a few of the source's best-known instruments. */
    public List<String> defaultSymbols() {
        return switch (kind) {
            case DEMO, V1 -> List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "JPM", "V", "XOM");
            case BINANCE -> List.of("BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT", "XRPUSDT", "DOGEUSDT", "ADAUSDT");
            case COINBASE -> List.of("BTC-USD", "ETH-USD", "SOL-USD", "XRP-USD", "DOGE-USD", "ADA-USD");
            case KRAKEN -> List.of("BTC/USD", "ETH/USD", "SOL/USD", "XRP/USD", "DOGE/USD", "ADA/USD");
            case ALPACA, FINNHUB -> List.of("AAPL", "MSFT", "NVDA", "AMZN", "GOOGL", "META", "TSLA", "JPM");
        };
    }

    @Override
    public String toString() {
        return "SourceChoice[" + kind.id() + (server == null ? "" : ", " + safeUrl(server)) + ", " + credentials
                + (ws == null ? "" : ", ws=" + safeUrl(ws.toString()))
                + (rest == null ? "" : ", rest=" + safeUrl(rest.toString()))
                + (trustCert == null ? "" : ", trustCert=" + trustCert) + "]";
    }
}
