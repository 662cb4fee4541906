package io.stockmonitor.source.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.feed.ConnectionState;
import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.testing.TcpProxy;
import io.stockmonitor.market.BarBuffer;
import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.Freshness;
import io.stockmonitor.market.GapKind;
import io.stockmonitor.market.HistoryState;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.market.QuoteView;
import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.SourceKind;
import io.stockmonitor.source.SourceLimits;
import io.stockmonitor.source.SourceSettings;
import io.stockmonitor.source.testing.AppliedTrades;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real Binance source against the Binance emulator, through real sockets (and a TCP proxy for network faults):
 * after every fault the trades applied equal the emulator's trade list exactly.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BinanceSourceTest {
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private BinanceEmulator emulator;
    private TcpProxy proxy;
    private MarketModel market;
    private ConnectionSupervisor client;
    private AppliedTrades applied;

    @BeforeEach
    void start() throws Exception {
        emulator = new BinanceEmulator(11);
        emulator.addSymbol("BTCUSDT", "65000.00", "0.01", 3_481_000_000L);
        emulator.addSymbol("ETHUSDT", "3200.00", "0.01", 912_000_000L);
        emulator.addSymbol("DOGEUSDT", "0.38120", "0.00001", 55_000L);
        emulator.start();
        // Binance keeps quiet connections alive with pings (every 20 s); quicker here, under the 2 s silence limit.
        emulator.serverPings(Duration.ofMillis(400), Duration.ofSeconds(10));
        emulator.trade("BTCUSDT", 40);
        emulator.trade("ETHUSDT", 40);
        proxy = TcpProxy.to(emulator.wsBase());
    }

    private void connect(SourceSettings settings) {
        market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
        client = BinanceSource.client(settings, market);
        applied = new AppliedTrades(client);
        client.start();
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.CONNECTED);
    }

    private SourceSettings settings(List<String> symbols) {
        FeedClientConfig connection = FeedClientConfig.of(proxied(), null, symbols).withBackoff(20, 200, 10_000)
                .withTimeouts(3.0, 5_000, 1_000);
        return new SourceSettings(SourceKind.BINANCE, proxied(), emulator.restBase(), Credentials.NONE, symbols,
                connection, 2_000, 0, SourceLimits.defaults());
    }

    private URI proxied() {
        return URI.create("ws://127.0.0.1:" + proxy.port());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        proxy.close();
        emulator.close();
    }

    /** Trades after the drop, then waits until the client has every one of them. */
    private void tradeAndAwait(int n) {
        for (String s : SYMBOLS) {
            emulator.trade(s, n);
        }
        for (String s : SYMBOLS) {
            long newest = emulator.trades(s).get(emulator.trades(s).size() - 1).id();
            await().atMost(WAIT).until(() -> applied.lastId(s) == newest);
        }
    }

    private void assertExactAndNoLoss() {
        for (String s : SYMBOLS) {
            assertThat(applied.assertExact(s, emulator.trades(s))).isPositive();
            applied.assertNoLoss(s);
        }
    }

    @Test
    void startsFromTheLatestTradeAndAppliesEveryLiveOneOnce() {
        connect(settings(SYMBOLS));
        tradeAndAwait(100);
        assertExactAndNoLoss();
        assertThat(applied.of("BTCUSDT").get(0).id()).as("seeded from the latest trade before connecting")
                .isEqualTo(3_481_000_039L);
        assertThat(applied.of("BTCUSDT")).allSatisfy(a -> assertThat(a.epoch()).isEqualTo("binance"));
        QuoteView q = new QuoteView();
        market.readQuote("BTCUSDT", q);
        assertThat(q.freshness()).isEqualTo(Freshness.LIVE);
        assertThat(q.bid()).as("bookTicker quotes").isPositive();
        assertThat(client.sourceSymbols()).extracting(s -> s.symbol()).contains("BTCUSDT", "DOGEUSDT");
    }

    @Test
    void aDropIsRefilledByIdExactly() {
        connect(settings(SYMBOLS));
        tradeAndAwait(20);
        proxy.resetAll();
        emulator.trade("BTCUSDT", 250);
        emulator.trade("ETHUSDT", 1_300);
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.CONNECTED);
        tradeAndAwait(20);
        assertExactAndNoLoss();
        assertThat(applied.gaps("ETHUSDT")).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.EXACT);
            assertThat(g.refilled()).as("more than one page of 1,000").isGreaterThanOrEqualTo(1_300);
        });
        assertThat(client.stats().connectionsLost()).isEqualTo(1);
        assertThat(client.stats().tradesRefilled()).isGreaterThanOrEqualTo(1_550);
    }

    @Test
    void idsSkippedOnTheSocketAreFetchedFromRestAndAppliedInOrder() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        emulator.skipOnSocket("BTCUSDT", 7);
        tradeAndAwait(30);
        assertExactAndNoLoss();
        assertThat(applied.gaps("BTCUSDT")).singleElement().satisfies(g -> {
            assertThat(g.refilled()).isEqualTo(7);
            assertThat(g.toId() - g.fromId() + 1).isEqualTo(7);
        });
        assertThat(client.stats().connectionsLost()).as("a skip is no disconnection").isZero();
    }

    @Test
    void duplicatedMessagesAreDroppedAndCounted() {
        connect(settings(SYMBOLS));
        emulator.duplicateOnSocket("ETHUSDT", 5);
        tradeAndAwait(20);
        assertExactAndNoLoss();
        await().atMost(WAIT).until(() -> client.stats().duplicatesDropped() >= 5);
    }

    @Test
    void aBlackHoledConnectionIsAStallAndWhatItSwallowedIsRefilled() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        proxy.blackHole(true);
        emulator.trade("BTCUSDT", 60);
        await().atMost(WAIT).until(() -> client.stats().connectionsLost() >= 1);
        proxy.blackHole(false);
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.CONNECTED);
        tradeAndAwait(10);
        assertExactAndNoLoss();
        assertThat(client.lastStallSilenceMs()).isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void throttlingDuringARefillWaitsForRetryAfterAndStillEndsExact() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        emulator.failRest(429, 1, 2);
        emulator.skipOnSocket("ETHUSDT", 12);
        tradeAndAwait(20);
        assertExactAndNoLoss();
        assertThat(client.stats().tradesRefilled()).isGreaterThanOrEqualTo(12);
        await().atMost(WAIT).until(() -> client.stats().connectionsLost() == 0);
    }

    @Test
    void theServersShutdownNoticeMovesToANewConnectionWithoutAGap() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        emulator.startTrading(50);
        emulator.serverShutdown(Duration.ofSeconds(3));
        await().atMost(WAIT).until(() -> emulator.connectionsOpened() >= 2);
        await().atMost(WAIT).until(() -> emulator.openSockets() == 1 && emulator.connectionsOpened() >= 2);
        emulator.stopTrading();
        tradeAndAwait(5);
        assertExactAndNoLoss();
        assertThat(client.stats().connectionsLost()).as("the planned overlap is no loss").isZero();
        assertThat(client.status().state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void thePlannedRolloverBeatsTheConnectionLifetime() {
        emulator.connectionLifetime(Duration.ofSeconds(6));
        connect(settings(SYMBOLS).withRolloverAfter(2_000));
        emulator.startTrading(40);
        await().atMost(WAIT).until(() -> emulator.connectionsOpened() >= 4);
        emulator.stopTrading();
        tradeAndAwait(5);
        assertExactAndNoLoss();
        assertThat(emulator.lifetimeCloses()).as("every socket was replaced before its lifetime").isZero();
        assertThat(client.stats().connectionsLost()).isZero();
    }

    @Test
    void refusedUpgradesAreRetriedWithBackoff() {
        emulator.refuseUpgrades(503, 3);
        connect(settings(SYMBOLS));
        assertThat(emulator.upgrades()).isGreaterThanOrEqualTo(4);
        tradeAndAwait(10);
        assertExactAndNoLoss();
    }

    @Test
    void anUnknownSymbolIsRejectedInsteadOfWaitingForever() {
        connect(settings(List.of("BTCUSDT", "NOPEUSDT")));
        await().atMost(WAIT).until(() -> applied.events().stream().anyMatch(e ->
                e instanceof FeedEvent.SymbolRejected r && r.symbol().equals("NOPEUSDT")));
        assertThat(market.symbols()).containsExactly("BTCUSDT");
    }

    @Test
    void tinyPricesArriveWithAllTheirDigits() {
        emulator.trade("DOGEUSDT", 5);
        connect(settings(List.of("DOGEUSDT")));
        emulator.trade("DOGEUSDT", 20);
        long newest = emulator.trades("DOGEUSDT").get(emulator.trades("DOGEUSDT").size() - 1).id();
        await().atMost(WAIT).until(() -> applied.lastId("DOGEUSDT") == newest);
        applied.assertExact("DOGEUSDT", emulator.trades("DOGEUSDT"));
        QuoteView q = new QuoteView();
        market.readQuote("DOGEUSDT", q);
        assertThat(q.last()).isEqualTo(emulator.trades("DOGEUSDT").get(24).price().doubleValue());
    }

    @Test
    void olderCandlesComeOnDemandFromKlinesAndSayWhenThereIsNothingOlder() {
        connect(settings(SYMBOLS));
        tradeAndAwait(30);
        long before = System.currentTimeMillis() + 120_000;
        client.loadHistory("BTCUSDT", BarInterval.H1, before);
        await().atMost(WAIT).until(() -> market.historyState("BTCUSDT", BarInterval.H1).exhausted());
        HistoryState h = market.historyState("BTCUSDT", BarInterval.H1);
        assertThat(h.loading()).isFalse();
        assertThat(h.oldestMs()).as("the emulator's only hour so far").isLessThan(before);
        BarBuffer bars = new BarBuffer(10);
        assertThat(market.readBars("BTCUSDT", BarInterval.H1, Long.MIN_VALUE, bars)).isPositive();
        assertThat(emulator.restLog()).anySatisfy(r -> assertThat(r.path()).isEqualTo("/api/v3/klines"));
    }
}
