package io.stockmonitor.source.coinbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.stockmonitor.feed.ConnectionState;
import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.feed.FeedCounters;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.FeedSession.SymbolInfo;
import io.stockmonitor.feed.testing.TcpProxy;
import io.stockmonitor.market.Freshness;
import io.stockmonitor.market.GapKind;
import io.stockmonitor.market.GapMarker;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.market.QuoteView;
import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.SourceKind;
import io.stockmonitor.source.SourceLimits;
import io.stockmonitor.source.SourceSettings;
import io.stockmonitor.source.Sources;
import io.stockmonitor.source.testing.AppliedTrades;
import io.stockmonitor.source.testing.EmulatedTrade;
import io.stockmonitor.market.BarBuffer;
import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.HistoryState;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real Coinbase source against the Coinbase emulator, through real sockets (and a TCP proxy for network faults):
 * after every fault the trades applied equal the emulator's trade list exactly and every settled gap is exact, or,
 * where the emulator's history cannot fill a hole, the gap is reported lost with the right count.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CoinbaseSourceTest {
    private static final String BTC = "BTC-USD";
    private static final String ETH = "ETH-USD";
    private static final String DOGE = "DOGE-USD";
    private static final List<String> SYMBOLS = List.of(BTC, ETH);
    private static final long BTC_FIRST_ID = 1_099_995_001L;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private CoinbaseEmulator emulator;
    private TcpProxy proxy;
    private MarketModel market;
    private ConnectionSupervisor client;
    private AppliedTrades applied;

    @BeforeEach
    void start() throws Exception {
        emulator = new CoinbaseEmulator(17);
        emulator.addSymbol(BTC, "65000.00", "0.01", BTC_FIRST_ID);
        emulator.addSymbol(ETH, "3200.00", "0.01", 512_000_001L);
        emulator.addSymbol(DOGE, "0.38120", "0.00001", 55_001L);
        emulator.start();
        // Coinbase sends a heartbeat per product each second; quicker here, well under the 2 s silence limit, so an
        // idle test is no stall.
        emulator.heartbeatPeriod(Duration.ofMillis(300));
        emulator.trade(BTC, 40);
        emulator.trade(ETH, 40);
        proxy = TcpProxy.to(emulator.wsBase());
    }

    private void connect(SourceSettings settings) {
        market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
        client = Sources.client(settings, market);
        applied = new AppliedTrades(client);
        client.start();
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.CONNECTED);
    }

    private SourceSettings settings(List<String> symbols) {
        FeedClientConfig connection = FeedClientConfig.of(proxied(), null, symbols).withBackoff(20, 200, 10_000)
                .withTimeouts(3.0, 5_000, 1_000);
        return new SourceSettings(SourceKind.COINBASE, proxied(), emulator.restBase(), Credentials.NONE, symbols,
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

    /** Trades every watched product, then waits until the client has every one of them. */
    private void tradeAndAwait(int n) {
        tradeAndAwait(n, SYMBOLS);
    }

    private void tradeAndAwait(int n, List<String> products) {
        for (String s : products) {
            emulator.trade(s, n);
        }
        for (String s : products) {
            awaitNewest(s);
        }
    }

    private void awaitNewest(String product) {
        long newest = newestId(product);
        await().atMost(WAIT).until(() -> applied.lastId(product) == newest);
    }

    private long newestId(String product) {
        List<EmulatedTrade> all = emulator.trades(product);
        return all.get(all.size() - 1).id();
    }

    private void assertExactAndNoLoss() {
        for (String s : SYMBOLS) {
            assertThat(applied.assertExact(s, emulator.trades(s))).isPositive();
            applied.assertNoLoss(s);
        }
    }

    /** Nothing the window shows is still waiting to be settled. */
    private void assertNoPendingGap(String product) {
        await().atMost(WAIT).untilAsserted(() -> assertThat(market.gapMarkers(product, 0))
                .noneMatch(GapMarker::isPending));
    }

    private long throttled() {
        return ((FeedCounters) client.stats()).get(FeedCounters.Counter.REST_THROTTLED);
    }

    @Test
    void startsFromTheLatestTradeAndAppliesEveryLiveOneOnce() {
        connect(settings(SYMBOLS));
        // Ticker batching skips tickers: the ticker is never used for contiguity.
        emulator.skipTickers(BTC, 5);
        tradeAndAwait(100);
        assertExactAndNoLoss();
        assertThat(applied.gaps(BTC)).isEmpty();
        assertThat(applied.of(BTC).get(0).id()).as("seeded from the latest trade before connecting")
                .isEqualTo(BTC_FIRST_ID + 39);
        assertThat(applied.of(BTC)).allSatisfy(a -> assertThat(a.epoch()).isEqualTo("coinbase"));
        QuoteView q = new QuoteView();
        market.readQuote(BTC, q);
        assertThat(q.freshness()).isEqualTo(Freshness.LIVE);
        assertThat(q.bid()).as("ticker quotes").isPositive();
        assertThat(q.ask()).isGreaterThan(q.bid());
        assertThat(q.open()).as("24 h statistics").isEqualTo(65000.00);
        assertThat(q.high()).isGreaterThanOrEqualTo(q.low()).isPositive();
        await().atMost(WAIT).untilAsserted(() -> assertThat(client.sourceSymbols())
                .contains(new SymbolInfo(BTC, "BTC/USD"), new SymbolInfo(DOGE, "DOGE/USD")));
        assertThat(client.stats().connectionsLost()).isZero();
        assertThat(throttled()).as("within Coinbase's public REST limit").isZero();
    }

    @Test
    void aDropIsRefilledByIdExactly() {
        connect(settings(SYMBOLS));
        tradeAndAwait(20);
        // Down until the trades are made, however fast the client comes back.
        emulator.refuseUpgrades(503, 1_000);
        proxy.resetAll();
        emulator.trade(BTC, 250);
        emulator.trade(ETH, 1_300);
        emulator.refuseUpgrades(503, 0);
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.CONNECTED
                && client.stats().connectionsLost() == 1);
        tradeAndAwait(20);
        assertExactAndNoLoss();
        assertThat(applied.gaps(ETH)).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.EXACT);
            assertThat(g.refilled()).as("more than one page of 1,000").isGreaterThanOrEqualTo(1_000);
        });
        assertThat(client.stats().connectionsLost()).isEqualTo(1);
        assertThat(throttled()).as("the refill stays within Coinbase's public REST limit").isZero();
        assertNoPendingGap(BTC);
        assertNoPendingGap(ETH);
    }

    @Test
    void aDropThatMissedNothingNeedsNoRefillAndLeavesNothingPending() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        long gapsBefore = client.stats().gaps();
        proxy.resetAll();
        await().atMost(WAIT).until(() -> client.stats().connectionsLost() == 1
                && client.status().state() == ConnectionState.CONNECTED);
        assertNoPendingGap(BTC);
        assertNoPendingGap(ETH);
        tradeAndAwait(10);
        assertExactAndNoLoss();
        assertThat(applied.gaps(BTC)).isEmpty();
        assertThat(client.stats().gaps()).as("last_match proved nothing was missed: no refill").isEqualTo(gapsBefore);
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
            assertThat(g.refilled()).isEqualTo(7);
            assertThat(g.toId() - g.fromId() + 1).isEqualTo(7);
        });
        assertThat(client.stats().connectionsLost()).as("a skip is no disconnection").isZero();
    }

    @Test
    void aDroppedLastTradeIsFoundByTheHeartbeat() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        emulator.skipOnSocket(BTC, 3);
        emulator.trade(BTC, 3);
        // No later match reveals them: only the heartbeat's last_trade_id does.
        awaitNewest(BTC);
        assertExactAndNoLoss();
        assertThat(applied.gaps(BTC)).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.EXACT);
            assertThat(g.refilled()).isEqualTo(3);
        });
    }

    @Test
    void heartbeatsWithoutTradeIdsAreSignsOfLifeAndNothingMore() {
        emulator.zeroHeartbeatTradeIds(true);
        connect(settings(SYMBOLS));
        tradeAndAwait(5);
        long gapsBefore = client.stats().gaps();
        // Longer than the silence limit with no trade: heartbeats alone keep the connection.
        await().during(Duration.ofMillis(2_500)).atMost(WAIT).until(() -> client.stats().connectionsLost() == 0);
        assertThat(client.stats().gaps()).as("a zero last_trade_id means unknown, not a gap").isEqualTo(gapsBefore);
        emulator.skipOnSocket(ETH, 2);
        tradeAndAwait(5);
        assertExactAndNoLoss();
    }

    @Test
    void aProductWhoseHeartbeatsStopHasTheSocketReplaced() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        emulator.muteHeartbeats(ETH, true);
        emulator.trade(ETH, 5);
        // BTC's heartbeats keep the socket busy: only the per-product watch sees ETH go quiet.
        await().atMost(WAIT).until(() -> client.stats().connectionsLost() >= 1);
        emulator.muteHeartbeats(ETH, false);
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.CONNECTED);
        tradeAndAwait(10);
        assertExactAndNoLoss();
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
    void throttlingDuringARefillWaitsAndStillEndsExact() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        // Coinbase documents no Retry-After: the client waits on its own.
        emulator.failRest(429, -1, 2);
        emulator.skipOnSocket(ETH, 12);
        tradeAndAwait(20);
        assertExactAndNoLoss();
        assertThat(client.stats().tradesRefilled()).isGreaterThanOrEqualTo(12);
        assertThat(throttled()).isGreaterThanOrEqualTo(1);
        assertThat(client.stats().connectionsLost()).isZero();
    }

    @Test
    void refusedUpgradesAreRetriedWithBackoff() {
        emulator.refuseUpgrades(503, 2);
        connect(settings(SYMBOLS));
        assertThat(emulator.upgrades()).isGreaterThanOrEqualTo(3);
        tradeAndAwait(10);
        // Coinbase's own answer to too many connections: HTTP 429 on the upgrade.
        emulator.refuseUpgrades(429, 2);
        proxy.resetAll();
        emulator.trade(BTC, 30);
        await().atMost(WAIT).until(() -> emulator.upgrades() >= 6);
        tradeAndAwait(10);
        assertExactAndNoLoss();
    }

    @Test
    void anErrorAndCloseLikeErrSlowConsumeIsReportedAndRecovered() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        emulator.errorAndClose("ErrSlowConsume");
        emulator.trade(BTC, 50);
        emulator.trade(ETH, 5);
        await().atMost(WAIT).until(() -> client.stats().connectionsLost() >= 1);
        tradeAndAwait(10);
        assertExactAndNoLoss();
        assertThat(applied.events()).anySatisfy(e -> assertThat(e).isInstanceOfSatisfying(
                FeedEvent.ServerError.class, s -> assertThat(s.message()).contains("ErrSlowConsume")));
    }

    @Test
    void aCleanCloseByTheServerIsRecovered() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        emulator.closeAll(1001, "going away");
        emulator.trade(ETH, 40);
        await().atMost(WAIT).until(() -> client.stats().connectionsLost() >= 1);
        tradeAndAwait(10);
        assertExactAndNoLoss();
        assertNoPendingGap(BTC);
    }

    @Test
    void theSubscribeGoesOutWellInsideTheSubscribeDeadline() {
        // A fifth of the documented 5 s: the subscribe leaves as the socket opens, not after some other work.
        emulator.subscribeDeadline(Duration.ofSeconds(1));
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        await().during(Duration.ofMillis(1_500)).atMost(WAIT).until(() -> client.stats().connectionsLost() == 0);
        tradeAndAwait(10);
        assertExactAndNoLoss();
        assertThat(emulator.upgrades()).isEqualTo(1);
    }

    @Test
    void aDelistedProductIsRefusedOnResubscribeAfterItsLastTradesAreRefilled() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        emulator.delist(ETH);
        emulator.refuseUpgrades(503, 1_000);
        proxy.resetAll();
        emulator.trade(ETH, 30);
        emulator.trade(BTC, 30);
        emulator.refuseUpgrades(503, 0);
        await().atMost(WAIT).until(() -> applied.events().stream().anyMatch(e ->
                e instanceof FeedEvent.SymbolRejected r && r.symbol().equals(ETH)));
        assertThat(market.symbols()).containsExactly(BTC);
        assertThat(applied.events()).filteredOn(e -> e instanceof FeedEvent.SymbolRejected).singleElement()
                .satisfies(e -> assertThat(((FeedEvent.SymbolRejected) e).message()).contains("delisted"));
        assertThat(applied.lastId(ETH)).as("ETH's trades up to the delisting, refilled").isEqualTo(newestId(ETH));
        applied.assertExact(ETH, emulator.trades(ETH));
        applied.assertNoLoss(ETH);
        tradeAndAwait(10, List.of(BTC));
        applied.assertExact(BTC, emulator.trades(BTC));
        applied.assertNoLoss(BTC);
    }

    @Test
    void anUnknownProductIsRejectedInsteadOfWaitingForever() {
        connect(settings(List.of(BTC, "NOPE-USD")));
        await().atMost(WAIT).until(() -> applied.events().stream().anyMatch(e ->
                e instanceof FeedEvent.SymbolRejected r && r.symbol().equals("NOPE-USD")));
        assertThat(market.symbols()).containsExactly(BTC);
        tradeAndAwait(10, List.of(BTC));
        applied.assertExact(BTC, emulator.trades(BTC));
        assertThat(applied.events()).filteredOn(e -> e instanceof FeedEvent.SymbolRejected).hasSize(1);
    }

    @Test
    void aProductAddedLaterIsSubscribedAndKeepsAllItsDigits() {
        emulator.trade(DOGE, 5);
        connect(settings(List.of(BTC)));
        client.subscribe(DOGE);
        await().atMost(WAIT).until(() -> applied.lastId(DOGE) == newestId(DOGE));
        emulator.trade(DOGE, 20);
        awaitNewest(DOGE);
        applied.assertExact(DOGE, emulator.trades(DOGE));
        QuoteView q = new QuoteView();
        market.readQuote(DOGE, q);
        assertThat(q.last()).isEqualTo(emulator.trades(DOGE).get(24).price().doubleValue());
        client.unsubscribe(DOGE);
        await().atMost(WAIT).until(() -> !market.symbols().contains(DOGE));
        tradeAndAwait(5, List.of(BTC));
        applied.assertExact(BTC, emulator.trades(BTC));
    }

    @Test
    void withNoProductTheConnectionIdlesAndTheFirstOneAddedIsSubscribed() {
        connect(settings(List.of()));
        await().during(Duration.ofMillis(2_500)).atMost(WAIT).until(() -> client.stats().connectionsLost() == 0
                && client.status().state() == ConnectionState.CONNECTED);
        client.subscribe(ETH);
        await().atMost(WAIT).until(() -> applied.lastId(ETH) == newestId(ETH));
        tradeAndAwait(10, List.of(ETH));
        applied.assertExact(ETH, emulator.trades(ETH));
        assertThat(client.stats().connectionsLost()).isZero();
        assertThat(emulator.upgrades()).isEqualTo(1);
    }

    @Test
    void badAndForgedFramesAreCountedAndNeverApplied() {
        connect(settings(SYMBOLS));
        tradeAndAwait(5);
        long next = newestId(BTC) + 1;
        List<String> bad = List.of(
                "not json {",
                "[1,2,3]",
                "{\"no_type\":true}",
                match(next, "\"-1.00\"", "\"0.5\"", "\"2024-05-01T10:00:00.000000Z\""),
                match(next, "\"NaN\"", "\"0.5\"", "\"2024-05-01T10:00:00.000000Z\""),
                match(next, "\"100.00\"", "\"-0.5\"", "\"2024-05-01T10:00:00.000000Z\""),
                match(next, "\"100.00\"", "\"0.5\"", "\"1969-12-31T23:59:59.000000Z\""),
                match(next, "\"100.00\"", "\"0.5\"", "\"yesterday\""),
                match(next, "100.00", "\"0.5\"", "\"2024-05-01T10:00:00.000000Z\""),
                "{\"type\":\"match\",\"trade_id\":\"" + next + "\",\"product_id\":\"BTC-USD\",\"price\":\"1\","
                        + "\"size\":\"1\",\"time\":\"2024-05-01T10:00:00Z\"}",
                "{\"type\":\"match\",\"product_id\":\"BTC-USD\",\"price\":\"1\",\"size\":\"1\","
                        + "\"time\":\"2024-05-01T10:00:00Z\"}",
                "{\"type\":\"heartbeat\",\"last_trade_id\":\"x\",\"product_id\":\"BTC-USD\"}",
                "{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"best_bid\":\"-5\",\"best_ask\":\"1\"}");
        for (String frame : bad) {
            emulator.sendRaw(frame);
        }
        emulator.sendError("\u001b[31mforged\nlog line", null);
        await().atMost(WAIT).until(() -> client.stats().badFrames() >= bad.size());
        tradeAndAwait(10);
        assertExactAndNoLoss();
        assertThat(applied.of(BTC)).noneMatch(a -> a.price() == 100.00 || a.price() == 1.0);
        assertThat(client.stats().connectionsLost()).isZero();
        assertThat(applied.events()).filteredOn(e -> e instanceof FeedEvent.ServerError).singleElement()
                .satisfies(e -> assertThat(((FeedEvent.ServerError) e).message())
                        .doesNotContain("\n", "\u001b").contains("\\n", "\\u001b"));
    }

    @Test
    void aHoleTheHistoryNoLongerHasIsReportedLostWithItsCount() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        long firstMissing = newestId(BTC) + 1;
        // REST will not serve the first 100 of the trades the socket is about to miss.
        emulator.forgetRestHistoryBefore(BTC, firstMissing + 100);
        emulator.refuseUpgrades(503, 1_000);
        proxy.resetAll();
        emulator.trade(BTC, 300);
        emulator.refuseUpgrades(503, 0);
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.CONNECTED
                && client.stats().connectionsLost() == 1);
        tradeAndAwait(10);
        assertThat(applied.gaps(BTC)).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.LOST);
            assertThat(g.missed()).isEqualTo(100);
            assertThat(g.fromId()).isEqualTo(firstMissing);
            assertThat(g.toId()).as("the span names only the ids missing").isEqualTo(firstMissing + 99);
            assertThat(g.refilled()).isEqualTo(199); // the newest of the 300 came live, as last_match
        });
        List<EmulatedTrade> served = emulator.trades(BTC).stream()
                .filter(t -> t.id() < firstMissing || t.id() >= firstMissing + 100).toList();
        applied.assertExact(BTC, served);
        assertThat(client.stats().tradesLost()).isEqualTo(100);
        applied.assertExact(ETH, emulator.trades(ETH));
        applied.assertNoLoss(ETH);
    }

    @Test
    void theDefaultsAreCoinbasesOwnEndpoints() {
        SourceSettings s = Sources.settings(SourceKind.COINBASE, List.of(BTC), null, null, null);
        assertThat(s.ws()).isEqualTo(URI.create("wss://ws-feed.exchange.coinbase.com"));
        assertThat(s.rest()).isEqualTo(URI.create("https://api.exchange.coinbase.com"));
        assertThat(s.silenceLimitMs()).isEqualTo(CoinbaseSource.SILENCE_LIMIT_MS);
        assertThat(s.rolloverAfterMs()).isZero();
        assertThat(s.credentials().present()).isFalse();
    }

    private static String match(long id, String price, String size, String time) {
        return "{\"type\":\"match\",\"trade_id\":" + id + ",\"sequence\":1,\"time\":" + time
                + ",\"product_id\":\"BTC-USD\",\"size\":" + size + ",\"price\":" + price + ",\"side\":\"sell\"}";
    }

    @Test
    void olderCandlesComeOnDemandFromCandlesAndAnEmptyPageIsTheStart() {
        connect(settings(SYMBOLS));
        tradeAndAwait(30);
        long before = System.currentTimeMillis() + 2 * 3_600_000L;
        client.loadHistory(BTC, BarInterval.H1, before);
        await().atMost(WAIT).until(() -> market.historyState(BTC, BarInterval.H1).oldestMs() < before
                && !market.historyState(BTC, BarInterval.H1).loading());
        HistoryState h = market.historyState(BTC, BarInterval.H1);
        assertThat(h.exhausted()).isFalse();
        assertThat(market.readBars(BTC, BarInterval.H1, Long.MIN_VALUE, new BarBuffer(10))).isPositive();
        assertThat(emulator.restLog()).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/products/BTC-USD/candles");
            assertThat(r.param("granularity")).isEqualTo("3600");
            assertThat(Long.parseLong(r.param("end")) - Long.parseLong(r.param("start"))).isEqualTo(299 * 3_600L);
        });
        // Before the emulator's first trade there is nothing: the history's start.
        client.loadHistory(BTC, BarInterval.H1, h.oldestMs());
        await().atMost(WAIT).until(() -> market.historyState(BTC, BarInterval.H1).exhausted());
        // 4 h comes as 1 h candles; under a minute Coinbase has none.
        client.loadHistory(BTC, BarInterval.H4, before);
        await().atMost(WAIT).until(() -> market.historyState(BTC, BarInterval.H4).oldestMs() < before);
        assertThat(market.readBars(BTC, BarInterval.H4, Long.MIN_VALUE, new BarBuffer(10))).isPositive();
        client.loadHistory(BTC, BarInterval.S5, before);
        await().atMost(WAIT).until(() -> market.historyState(BTC, BarInterval.S5).exhausted());
        assertThat(market.historyState(BTC, BarInterval.S5).oldestMs()).isEqualTo(Long.MAX_VALUE);
    }
}
