package io.stockmonitor.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.feed.ConnectionState;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.testing.TcpProxy;
import io.stockmonitor.market.GapKind;
import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.ResyncReason;
import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.SourceKind;
import io.stockmonitor.source.SourceLimits;
import io.stockmonitor.source.SourceSettings;
import io.stockmonitor.source.binance.BinanceEmulator;
import io.stockmonitor.source.finnhub.FinnhubEmulator;
import io.stockmonitor.source.testing.EmulatedTrade;
import java.net.URI;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The feed server relaying a provider (its emulator on loopback, through a TCP proxy for the provider's network
 * faults) to the real desktop client: every trade once, in order, with our seqs; the provider's gaps reach the
 * desktop as what they were (refilled exactly, or lost).
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RelayTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private TcpProxy providerPath;
    private AutoCloseable emulator;
    private EmbeddedSimulator relay;
    private SharedFeedClient desktop;

    @AfterEach
    void stop() throws Exception {
        if (desktop != null) {
            desktop.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (providerPath != null) {
            providerPath.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private SourceSettings settings(SourceKind kind, List<String> symbols, URI rest, Credentials credentials) {
        URI ws = URI.create("ws://127.0.0.1:" + providerPath.port());
        FeedClientConfig connection = FeedClientConfig.of(ws, null, symbols).withBackoff(20, 200, 10_000)
                .withTimeouts(3.0, 5_000, 1_000);
        return new SourceSettings(kind, ws, rest, credentials, symbols, connection, 2_000, 0, SourceLimits.defaults());
    }

    private void startRelay(SourceSettings upstream) throws Exception {
        relay = EmbeddedSimulator.start(SimulatorConfig.defaults().withPort(0).withHeartbeatMs(200), upstream, null);
        desktop = new SharedFeedClient(upstream.symbols(), List.of(relay));
        desktop.start();
    }

    @Test
    void binanceTradesReachTheDesktopOnceInOrderWithOurSeqsAndARefilledDropAsExact() throws Exception {
        BinanceEmulator binance = new BinanceEmulator(5);
        emulator = binance;
        binance.addSymbol("BTCUSDT", "65000.00", "0.01", 3_481_000_000L);
        binance.addSymbol("DOGEUSDT", "0.38120", "0.00001", 55_000L);
        binance.start();
        binance.serverPings(Duration.ofMillis(400), Duration.ofSeconds(10));
        binance.trade("BTCUSDT", 10);
        binance.trade("DOGEUSDT", 10);
        providerPath = TcpProxy.to(binance.wsBase());
        List<String> symbols = List.of("BTCUSDT", "DOGEUSDT");
        startRelay(settings(SourceKind.BINANCE, symbols, binance.restBase(), Credentials.NONE));
        awaitRelayed(binance, "BTCUSDT", binance.trade("BTCUSDT", 30));
        awaitRelayed(binance, "DOGEUSDT", binance.trade("DOGEUSDT", 30));

        // The provider's connection drops and stays down while 120 trades are made; the relay refills them by id.
        providerPath.refuseNew(true);
        providerPath.resetAll();
        await().atMost(WAIT).until(() -> !"CONNECTED".equals(relay.hub().producer().status().get("upstreamState")));
        binance.trade("BTCUSDT", 120);
        providerPath.refuseNew(false);
        awaitRelayed(binance, "BTCUSDT", binance.trade("BTCUSDT", 5));
        awaitRelayed(binance, "DOGEUSDT", binance.trade("DOGEUSDT", 5));
        // The settled gap rides on the symbol's next tick after the refilled ones.
        awaitRelayed(binance, "BTCUSDT", binance.trade("BTCUSDT", 1));

        assertThat(desktop.checkStreams(EnumSet.noneOf(ResyncReason.class))).isGreaterThan(100);
        for (String s : symbols) {
            assertSameTrades(binance.trades(s), s);
        }
        assertThat(desktop.events()).filteredOn(e -> e instanceof FeedEvent.GapSettled g
                && g.symbol().equals("BTCUSDT")).singleElement().satisfies(e -> {
                    FeedEvent.GapSettled g = (FeedEvent.GapSettled) e;
                    assertThat(g.kind()).isEqualTo(GapKind.EXACT);
                    assertThat(g.refilled()).isGreaterThanOrEqualTo(120);
                    assertThat(g.missed()).isZero();
                });
        Message.Tick doge = desktop.published(relay.epoch(), "DOGEUSDT", 1);
        assertThat(doge.price()).as("every digit of a tiny price").isLessThan(1.0);
    }

    @Test
    void finnhubsLostSpanReachesTheDesktopAsLostAndTheSeqsGoOnUnbroken() throws Exception {
        FinnhubEmulator finnhub = new FinnhubEmulator(9);
        emulator = finnhub;
        finnhub.addStock("AAPL", "187.25");
        finnhub.start();
        finnhub.pingEvery(Duration.ofMillis(400));
        providerPath = TcpProxy.to(finnhub.wsBase());
        List<String> symbols = List.of("AAPL");
        startRelay(settings(SourceKind.FINNHUB, symbols, finnhub.restBase(),
                new Credentials(FinnhubEmulator.TOKEN, null)));
        await().atMost(WAIT).until(() -> finnhub.subscribers("AAPL") == 1);
        finnhub.trade("AAPL", 10);
        await().atMost(WAIT).until(() -> desktop.ticks("AAPL") >= 10);

        finnhub.refuseUpgrades(503, Integer.MAX_VALUE);
        providerPath.resetAll();
        finnhub.trade("AAPL", 7); // made while the relay is cut off: Finnhub cannot give them back
        finnhub.refuseUpgrades(503, 0);
        await().atMost(WAIT).until(() -> finnhub.subscribers("AAPL") == 1 && finnhub.openSockets() == 1);
        finnhub.trade("AAPL", 5);
        await().atMost(WAIT).until(() -> desktop.ticks("AAPL") >= 15);

        assertThat(desktop.checkStreams(EnumSet.noneOf(ResyncReason.class))).isEqualTo(15);
        assertThat(desktop.events()).filteredOn(e -> e instanceof FeedEvent.GapSettled)
                .singleElement().satisfies(e -> assertThat(((FeedEvent.GapSettled) e).kind()).isEqualTo(GapKind.LOST));
        assertThat(desktop.client.stats().gapsLost()).isEqualTo(1);
    }

    /** Waits until the desktop has the last of {@code made}. */
    private void awaitRelayed(BinanceEmulator binance, String symbol, List<EmulatedTrade> made) {
        EmulatedTrade last = made.get(made.size() - 1);
        await().atMost(WAIT).until(() -> relay.connectionCount() == 1
                && desktop.client.status().state() == ConnectionState.CONNECTED
                && lastRelayedPrice(symbol, last));
    }

    private boolean lastRelayedPrice(String symbol, EmulatedTrade last) {
        long n = desktop.lastSeq(symbol);
        Message.Tick t = n <= 0 ? null : desktop.published(relay.epoch(), symbol, n);
        return t != null && t.ts() == last.timeMs() && t.price() == last.price().doubleValue();
    }

    /** The desktop's ticks of {@code symbol} are the provider's trades from the first relayed one on, in order. */
    private void assertSameTrades(List<EmulatedTrade> trades, String symbol) {
        long n = desktop.lastSeq(symbol);
        int first = trades.size() - (int) n;
        assertThat(first).as("the relay starts at the provider's latest trade").isGreaterThanOrEqualTo(0);
        for (int i = 0; i < n; i++) {
            EmulatedTrade t = trades.get(first + i);
            Message.Tick got = desktop.published(relay.epoch(), symbol, i + 1);
            assertThat(got.price()).as("%s seq %d", symbol, i + 1).isEqualTo(t.price().doubleValue());
            assertThat(got.ts()).isEqualTo(t.timeMs());
        }
    }
}
