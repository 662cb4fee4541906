package io.stockmonitor.source;

import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.source.alpaca.AlpacaSource;
import io.stockmonitor.source.binance.BinanceSource;
import io.stockmonitor.source.coinbase.CoinbaseSource;
import io.stockmonitor.source.finnhub.FinnhubSource;
import io.stockmonitor.source.kraken.KrakenSource;
import java.net.URI;
import java.util.List;

/**
 * The one place that knows every provider: its default endpoints and timing, and how to make its feed client. The
 * app and the server ask here; each provider's package knows only itself.
 */
public final class Sources {
    private Sources() {
    }

    /**
     * The settings for {@code kind} with the provider's own endpoints unless {@code ws} or {@code rest} replace them
     * (a mirror such as {@code data-stream.binance.vision}, a test network, an emulator).
     */
    public static SourceSettings settings(SourceKind kind, List<String> symbols, Credentials credentials, URI ws,
                                          URI rest) {
        Defaults d = defaults(kind);
        URI wsBase = ws != null ? ws : d.ws();
        FeedClientConfig connection = FeedClientConfig.of(wsBase, null, symbols);
        return new SourceSettings(kind, wsBase, rest != null ? rest : d.rest(), credentials, symbols, connection,
                d.silenceLimitMs(), d.rolloverAfterMs(), SourceLimits.defaults());
    }

    /** A feed client for a provider (not started). */
    public static ConnectionSupervisor client(SourceSettings settings, MarketModel market) {
        SourceKind kind = settings.kind();
        if (kind.keyed() && !settings.credentials().present()) {
            throw new IllegalArgumentException(kind == SourceKind.ALPACA
                    ? "Alpaca needs a key ID and a secret (File → Connect…, or STOCK_MONITOR_KEY and "
                            + "STOCK_MONITOR_SECRET)"
                    : kind.title().replaceAll(" \\(.*\\)$", "") + " needs a token (File → Connect…, or "
                            + "STOCK_MONITOR_TOKEN)");
        }
        return switch (kind) {
            case BINANCE -> BinanceSource.client(settings, market);
            case COINBASE -> CoinbaseSource.client(settings, market);
            case KRAKEN -> KrakenSource.client(settings, market);
            case ALPACA -> AlpacaSource.client(settings, market);
            case FINNHUB -> FinnhubSource.client(settings, market);
            default -> throw new IllegalArgumentException(settings.kind().title() + " is not a provider source");
        };
    }

    /** A provider's own endpoints and timing. */
    record Defaults(URI ws, URI rest, long silenceLimitMs, long rolloverAfterMs) {
    }

    static Defaults defaults(SourceKind kind) {
        return switch (kind) {
            case BINANCE -> new Defaults(BinanceSource.DEFAULT_WS, BinanceSource.DEFAULT_REST,
                    BinanceSource.SILENCE_LIMIT_MS, BinanceSource.ROLLOVER_AFTER_MS);
            case COINBASE -> new Defaults(CoinbaseSource.DEFAULT_WS, CoinbaseSource.DEFAULT_REST,
                    CoinbaseSource.SILENCE_LIMIT_MS, CoinbaseSource.ROLLOVER_AFTER_MS);
            case KRAKEN -> new Defaults(KrakenSource.DEFAULT_WS, KrakenSource.DEFAULT_REST,
                    KrakenSource.SILENCE_LIMIT_MS, KrakenSource.ROLLOVER_AFTER_MS);
            case ALPACA -> new Defaults(AlpacaSource.DEFAULT_WS, AlpacaSource.DEFAULT_REST,
                    AlpacaSource.SILENCE_LIMIT_MS, 0);
            case FINNHUB -> new Defaults(FinnhubSource.DEFAULT_WS, FinnhubSource.DEFAULT_REST,
                    FinnhubSource.SILENCE_LIMIT_MS, 0);
            default -> throw new IllegalArgumentException(kind.title() + " is not a provider source");
        };
    }
}
