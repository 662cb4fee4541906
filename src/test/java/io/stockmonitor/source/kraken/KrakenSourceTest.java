package io.stockmonitor.source.kraken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.feed.ConnectionState;
import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.feed.FeedCounters;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.testing.TcpProxy;
import io.stockmonitor.market.Freshness;
import io.stockmonitor.market.GapKind;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.market.QuoteView;
import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.SourceKind;
import io.stockmonitor.source.SourceLimits;
import io.stockmonitor.source.SourceSettings;
import io.stockmonitor.source.testing.AppliedTrades;
import io.stockmonitor.source.testing.EmulatedTrade;
import io.stockmonitor.market.BarBuffer;
import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.HistoryState;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real Kraken source against the Kraken emulator, through real sockets (and a TCP proxy for network faults):
 * after every fault the trades applied equal the emulator's trade list exactly, and every settled gap is exact.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KrakenSourceTest {
    private static final String BTC = "BTC/USD";
    private static final String ETH = "ETH/BTC";
    private static final List<String> SYMBOLS = List.of(BTC, ETH);
    private static final Duration WAIT = Duration.ofSeconds(30);
    /** Kraken's "slow down" pauses 5 s, doubling; here 200 ms, so a throttling test stays short. */
    private static final KrakenTiming TIMING = new KrakenTiming(200, 1_000, 60_000);

    private KrakenEmulator emulator;
    private TcpProxy proxy;
    private MarketModel market;
    private ConnectionSupervisor client;
    private AppliedTrades applied;

    @BeforeEach
    void start() throws Exception {
        emulator = new KrakenEmulator(17);
        emulator.addDocumentedPairs();
        emulator.addSymbol("SOL/USD", "150.00", "0.01", 9_000_000L);
        emulator.start();
        // Kraken sends a heartbeat after a second of quiet; quicker here, well inside the 2 s silence limit.
        emulator.heartbeatInterval(Duration.ofMillis(300));
        emulator.trade(BTC, 40);
        emulator.trade(ETH, 40);
        proxy = TcpProxy.to(emulator.wsBase());
    }

    private void connect(SourceSettings settings) {
        market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
        client = KrakenSource.client(settings, market, TIMING);
        applied = new AppliedTrades(client);
        client.start();
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.CONNECTED);
    }

    private SourceSettings settings(List<String> symbols) {
        FeedClientConfig connection = FeedClientConfig.of(proxied(), null, symbols).withBackoff(20, 200, 10_000)
                .withTimeouts(3.0, 5_000, 1_000);
        return new SourceSettings(SourceKind.KRAKEN, proxied(), emulator.restBase(), Credentials.NONE, symbols,
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

    /** Makes {@code n} trades of each symbol, then waits until the client has every one of them. */
    private void tradeAndAwait(int n) {
        for (String s : SYMBOLS) {
            emulator.trade(s, n);
        }
        awaitNewest(SYMBOLS);
    }

    private void awaitNewest(List<String> symbols) {
        for (String s : symbols) {
            long newest = newestId(s);
            await().atMost(WAIT).until(() -> applied.lastId(s) == newest);
        }
    }

    private long newestId(String symbol) {
        List<EmulatedTrade> all = emulator.trades(symbol);
        return all.get(all.size() - 1).id();
    }

    private void assertExactAndNoLoss() {
        for (String s : SYMBOLS) {
            assertThat(applied.assertExact(s, emulator.trades(s))).isPositive();
            applied.assertNoLoss(s);
        }
    }

    private void awaitReconnected() {
        await().atMost(WAIT).until(() -> client.stats().connectionsLost() >= 1);
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.CONNECTED);
    }

    /** Keeps the client out (every upgrade refused) until {@link #letIn()}, so trades surely happen while it is. */
    private void keepOut() {
        emulator.refuseUpgrades(503, Integer.MAX_VALUE);
    }

    private void letIn() {
        emulator.refuseUpgrades(503, 0);
    }

    private long throttled() {
        return ((FeedCounters) client.stats()).get(FeedCounters.Counter.REST_THROTTLED);
    }

    @Test
    void appliesTheSnapshotAndEveryLiveTradeOnceWithQuotesStatisticsAndSymbols() {
        connect(settings(SYMBOLS));
        tradeAndAwait(100);
        emulator.tradeBatch(BTC, 30);
        awaitNewest(List.of(BTC));
        assertExactAndNoLoss();
        assertThat(applied.of(BTC).get(0).id()).as("history from before the connection (snapshot or seed)")
                .isLessThanOrEqualTo(61_044_952L + 39);
        assertThat(applied.of(BTC)).allSatisfy(a -> assertThat(a.epoch()).isEqualTo("kraken"));
        QuoteView q = new QuoteView();
        await().atMost(WAIT).until(() -> market.readQuote(BTC, q) && q.bid() > 0 && q.open() > 0);
        assertThat(q.freshness()).isEqualTo(Freshness.LIVE);
        assertThat(q.ask()).as("ticker quotes").isGreaterThan(q.bid());
        await().atMost(WAIT).until(() -> client.sourceSymbols().size() == 3);
        assertThat(client.sourceSymbols()).extracting(s -> s.symbol())
                .as("v2 spellings, XBT renamed").containsExactlyInAnyOrder(BTC, ETH, "SOL/USD");
        assertThat(client.stats().badFrames()).isZero();
        assertThat(emulator.restLog()).as("REST asks by altname, never by the v2 symbol")
                .filteredOn(r -> r.path().endsWith("/Trades"))
                .allSatisfy(r -> assertThat(r.param("pair")).isIn("XBTUSD", "ETHXBT"));
    }

    @Test
    void aDropLongerThanTheSnapshotIsRefilledByIdExactly() {
        connect(settings(SYMBOLS));
        tradeAndAwait(20);
        keepOut();
        proxy.resetAll();
        await().atMost(WAIT).until(() -> client.stats().connectionsLost() >= 1);
        emulator.trade(BTC, 250);
        emulator.trade(ETH, 1_300);
        letIn();
        awaitReconnected();
        tradeAndAwait(20);
        assertExactAndNoLoss();
        assertThat(applied.gaps(ETH)).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.EXACT);
            assertThat(g.refilled()).as("more than the 50-trade snapshot, over more than one page")
                    .isGreaterThan(1_000);
        });
        assertThat(applied.gaps(BTC)).singleElement().satisfies(g ->
                assertThat(g.refilled()).isGreaterThanOrEqualTo(200));
        assertThat(client.stats().connectionsLost()).isEqualTo(1);
    }

    @Test
    void aBlackHoledConnectionIsAStallAndWhatItSwallowedIsRefilled() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        proxy.blackHole(true);
        emulator.trade(BTC, 60);
        await().atMost(WAIT).until(() -> client.stats().connectionsLost() >= 1);
        proxy.blackHole(false);
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.CONNECTED);
        tradeAndAwait(10);
        assertExactAndNoLoss();
        assertThat(client.lastStallSilenceMs()).isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void idsSkippedOnTheSocketAreFetchedFromRestAndAppliedInOrder() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        emulator.skipOnSocket(BTC, 7);
        tradeAndAwait(30);
        assertExactAndNoLoss();
        assertThat(applied.gaps(BTC)).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.EXACT);
            assertThat(g.refilled()).isEqualTo(7);
            assertThat(g.toId() - g.fromId() + 1).isEqualTo(7);
        });
        assertThat(client.stats().connectionsLost()).as("a skip is no disconnection").isZero();
    }

    @Test
    void duplicatedMessagesAreDroppedAndCounted() {
        connect(settings(SYMBOLS));
        emulator.duplicateOnSocket(ETH, 5);
        tradeAndAwait(20);
        assertExactAndNoLoss();
        await().atMost(WAIT).until(() -> client.stats().duplicatesDropped() >= 5);
    }

    @Test
    void krakensRateLimitErrorDuringARefillPausesAndStillEndsExact() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        emulator.rateLimitRest(2);
        emulator.skipOnSocket(ETH, 12);
        tradeAndAwait(20);
        emulator.rateLimitRest(2, KrakenEmulator.TOO_MANY_REQUESTS_ERROR);
        emulator.skipOnSocket(BTC, 9);
        tradeAndAwait(20);
        assertExactAndNoLoss();
        assertThat(client.stats().tradesRefilled()).isGreaterThanOrEqualTo(21);
        await().atMost(WAIT).until(() -> throttled() >= 4);
        assertThat(client.stats().connectionsLost()).isZero();
    }

    @Test
    void krakensCallCounterDuringARefillOfBothPairsIsWaitedOut() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        emulator.restRateLimit(3, 1.0);
        keepOut();
        proxy.resetAll();
        await().atMost(WAIT).until(() -> client.stats().connectionsLost() >= 1);
        emulator.trade(BTC, 2_200);
        emulator.trade(ETH, 2_200);
        letIn();
        awaitReconnected();
        tradeAndAwait(10);
        assertExactAndNoLoss();
        assertThat(throttled()).as("the counter was hit").isPositive();
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
    void theServersCloseFrameIsAReconnectAndWhatItMissedIsRefilled() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        keepOut();
        emulator.closeAll(1001, "going away");
        await().atMost(WAIT).until(() -> client.stats().connectionsLost() >= 1);
        emulator.trade(BTC, 120);
        emulator.trade(ETH, 70);
        letIn();
        awaitReconnected();
        tradeAndAwait(10);
        assertExactAndNoLoss();
        assertThat(applied.gaps(BTC)).singleElement().satisfies(g -> assertThat(g.refilled()).isPositive());
    }

    @Test
    void maintenanceIsShownAndIsNoStall() {
        connect(settings(SYMBOLS));
        tradeAndAwait(5);
        emulator.systemStatus("maintenance");
        await().atMost(WAIT).until(() -> client.status().detail().contains("maintenance"));
        // No trades during maintenance: heartbeats (and pings) keep the quiet socket alive.
        await().during(Duration.ofMillis(3_000)).atMost(WAIT)
                .until(() -> client.status().state() == ConnectionState.CONNECTED);
        assertThat(client.stats().connectionsLost()).isZero();
        // A socket greeted in maintenance says so too.
        proxy.resetAll();
        awaitReconnected();
        await().atMost(WAIT).until(() -> client.status().detail().contains("maintenance"));
        emulator.systemStatus("online");
        await().atMost(WAIT).until(() -> !client.status().detail().contains("maintenance"));
        tradeAndAwait(10);
        assertExactAndNoLoss();
    }

    @Test
    void aRefusedSubscriptionRejectsThatSymbolAloneWithoutReconnecting() {
        emulator.refuseSubscriptions(ETH, "Subscription refused\nfor this test");
        connect(settings(SYMBOLS));
        await().atMost(WAIT).until(() -> applied.events().stream().anyMatch(e ->
                e instanceof FeedEvent.SymbolRejected r && r.symbol().equals(ETH)));
        assertThat(applied.events()).filteredOn(e -> e instanceof FeedEvent.SymbolRejected).singleElement()
                .satisfies(e -> assertThat(((FeedEvent.SymbolRejected) e).message())
                        .as("peer text escaped").contains("Subscription refused\\nfor this test"));
        assertThat(market.symbols()).containsExactly(BTC);
        emulator.trade(BTC, 20);
        awaitNewest(List.of(BTC));
        applied.assertExact(BTC, emulator.trades(BTC));
        assertThat(client.stats().connectionsLost()).isZero();
    }

    @Test
    void anUnknownSymbolIsRejectedInsteadOfWaitingForever() {
        connect(settings(List.of(BTC, "NOPE/USD")));
        await().atMost(WAIT).until(() -> applied.events().stream().anyMatch(e ->
                e instanceof FeedEvent.SymbolRejected r && r.symbol().equals("NOPE/USD")));
        assertThat(market.symbols()).containsExactly(BTC);
        emulator.trade(BTC, 10);
        awaitNewest(List.of(BTC));
        applied.assertExact(BTC, emulator.trades(BTC));
    }

    @Test
    void badFramesAreCountedAndDroppedAndNoForgedTradeIsApplied() {
        connect(settings(SYMBOLS));
        tradeAndAwait(5);
        long next = newestId(BTC) + 1;
        String stamp = "2024-05-01T10:00:00.123456Z";
        emulator.sendRaw("{not json");
        emulator.sendRaw("[1,2,3]");
        emulator.sendRaw(forged(next, "-5.0", "1.0", stamp));
        emulator.sendRaw(forged(next, "0", "1.0", stamp));
        emulator.sendRaw(forged(next, "1e999", "1.0", stamp));
        emulator.sendRaw(forged(next, "\"30000.0\"", "1.0", stamp));
        emulator.sendRaw(forged(next, "30000.0", "-1.0", stamp));
        emulator.sendRaw(forged(next, "30000.0", "1.0", "yesterday"));
        emulator.sendRaw(forged(next, "30000.0", "1.0", "1970-01-01T00:00:00Z"));
        emulator.sendRaw("{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\","
                + "\"price\":30000.0,\"qty\":1.0,\"timestamp\":\"" + stamp + "\"}]}");
        emulator.sendRaw("{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\","
                + "\"price\":30000.0,\"qty\":1.0,\"trade_id\":99999999999999999999999,\"timestamp\":\"" + stamp
                + "\"}]}");
        emulator.sendRaw("{\"channel\":\"trade\",\"type\":\"update\",\"data\":\"oops\"}");
        emulator.sendRaw("{\"channel\":\"ticker\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\","
                + "\"bid\":0,\"ask\":-1}]}");
        emulator.sendRaw("{\"channel\":\"status\",\"data\":[{\"system\":42}],\"type\":\"update\"}");
        await().atMost(WAIT).until(() -> client.stats().badFrames() >= 14);
        tradeAndAwait(10);
        assertExactAndNoLoss();
        assertThat(client.stats().connectionsLost()).isZero();
    }

    private static String forged(long id, String price, String qty, String stamp) {
        return "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[{\"symbol\":\"BTC/USD\",\"side\":\"buy\","
                + "\"price\":" + price + ",\"qty\":" + qty + ",\"ord_type\":\"limit\",\"trade_id\":" + id
                + ",\"timestamp\":\"" + stamp + "\"}]}";
    }

    @Test
    void aRestRowThatContradictsTheSocketIsNeverCalledExact() {
        connect(settings(SYMBOLS));
        tradeAndAwait(5);
        long first = newestId(BTC) + 1;
        // Three trades the socket never carries; then the socket claims the second with another price.
        emulator.skipOnSocket(BTC, 3);
        emulator.trade(BTC, 3);
        emulator.sendRaw(forged(first + 1, "1.5", "0.5", Instant.now().toString()));
        await().atMost(WAIT).until(() -> applied.gaps(BTC).stream().anyMatch(g -> g.kind() == GapKind.LOST));
        assertThat(applied.gaps(BTC)).noneMatch(g -> g.kind() == GapKind.EXACT && g.fromId() <= first + 1
                && g.toId() >= first + 1);
    }

    @Test
    void olderCandlesComeOnDemandFromOhlcWhichHasNothingBeyondItsNewestEntries() {
        connect(settings(SYMBOLS));
        tradeAndAwait(30);
        long before = System.currentTimeMillis() + 2 * 3_600_000L;
        client.loadHistory(BTC, BarInterval.H1, before);
        await().atMost(WAIT).until(() -> market.historyState(BTC, BarInterval.H1).exhausted());
        HistoryState h = market.historyState(BTC, BarInterval.H1);
        assertThat(h.loading()).isFalse();
        assertThat(h.oldestMs()).isLessThan(before);
        assertThat(market.readBars(BTC, BarInterval.H1, Long.MIN_VALUE, new BarBuffer(10))).isPositive();
        assertThat(emulator.restLog()).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/0/public/OHLC");
            assertThat(r.param("interval")).isEqualTo("60");
        });
        client.loadHistory(BTC, BarInterval.S15, before);
        await().atMost(WAIT).until(() -> market.historyState(BTC, BarInterval.S15).exhausted());
        assertThat(market.historyState(BTC, BarInterval.S15).oldestMs()).isEqualTo(Long.MAX_VALUE);
    }
}
