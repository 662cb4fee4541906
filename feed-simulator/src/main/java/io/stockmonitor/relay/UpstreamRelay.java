package io.stockmonitor.relay;

import io.stockmonitor.feed.ConnectionStatus;
import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.market.QuoteView;
import io.stockmonitor.source.SourceSettings;
import io.stockmonitor.source.Sources;

/**
 * A provider's feed relayed: the same feed client the app runs ({@link Sources#client}: connection supervisor,
 * provider session, refill by id or by time, gap reports), its trades and settled gaps handed to an {@link Output}
 * in the order the client accepted them. Its market model is the client's working state (day statistics, quotes),
 * read right after each trade; it stores recent ticks within {@link MarketLimits#defaults()}.
 */
public final class UpstreamRelay implements AutoCloseable {
    /** Where relayed trades and gaps go; called on the feed client's single thread, so it must not block. */
    public interface Output {
        /** A trade of {@code symbol}, each once and in the symbol's order (refilled trades included). */
        void trade(String symbol, RelayedTrade trade);

        /**
         * A hole in {@code symbol}'s upstream ended as {@code gap} says; it comes after the trades that refilled it
         * and before the symbol's next trade.
         */
        void gap(String symbol, FeedEvent.GapSettled gap);
    }

    private final ConnectionSupervisor client;

    private UpstreamRelay(ConnectionSupervisor client) {
        this.client = client;
    }

    /** Connects to the provider {@code settings} name and relays into {@code output} until closed. */
    public static UpstreamRelay start(SourceSettings settings, Output output) {
        MarketModel market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
        ConnectionSupervisor client = Sources.client(settings, market);
        QuoteView quote = new QuoteView();
        client.setTickSink((symbol, epoch, seq, ts, price, size) -> {
            market.readQuote(symbol, quote);
            output.trade(symbol, new RelayedTrade(seq, ts, price, size, quote.bid(), quote.ask(), quote.open(),
                    quote.high(), quote.low(), quote.prevClose(), quote.volume()));
        });
        client.addListener(event -> {
            if (event instanceof FeedEvent.GapSettled gap) {
                output.gap(gap.symbol(), gap);
            }
        });
        client.start();
        return new UpstreamRelay(client);
    }

    /** The upstream connection's state (for the server's status and health). */
    public ConnectionStatus status() {
        return client.status();
    }

    /** Disconnects from the provider. */
    @Override
    public void close() {
        client.close();
    }
}
