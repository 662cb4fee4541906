package io.stockmonitor.source.alpaca;

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
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.market.QuoteView;
import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.SourceKind;
import io.stockmonitor.source.SourceLimits;
import io.stockmonitor.source.SourceSettings;
import io.stockmonitor.source.testing.AppliedTrades;
import io.stockmonitor.source.testing.EmulatedTrade;
import io.stockmonitor.source.testing.ProviderEmulator.RestRequest;
import io.stockmonitor.feed.FeedRecordWriter;
import io.stockmonitor.market.BarBuffer;
import io.stockmonitor.market.BarInterval;
import io.stockmonitor.market.HistoryState;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The real Alpaca source against the Alpaca emulator, through real sockets (and a TCP proxy for network faults).
 * Alpaca's ids are not contiguous, so nothing can be proven: after every loss the span must be reported "refilled by
 * time" with the right count, and the trades applied must still be the emulator's list, each exactly once.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AlpacaSourceTest {
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private AlpacaEmulator emulator;
    private TcpProxy proxy;
    private MarketModel market;
    private ConnectionSupervisor client;
    private AppliedTrades applied;

    @BeforeEach
    void start() throws Exception {
        emulator = new AlpacaEmulator(17);
        emulator.addStock("AAPL", "187.25", 96_921);
        emulator.addStock("MSFT", "411.10", 3_000_000);
        emulator.addStock("AMD", "160.05", 12);
        emulator.name("AAPL", "Apple Inc. Common Stock");
        emulator.start();
        // Alpaca sends no heartbeat; the session pings, and these server pings (answered by the client) add to it.
        emulator.serverPings(Duration.ofMillis(400), Duration.ofSeconds(10));
        emulator.trade("AAPL", 40);
        emulator.trade("MSFT", 40);
        proxy = TcpProxy.to(emulator.wsBase());
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        proxy.close();
        emulator.close();
    }

    private SourceSettings settings(List<String> symbols) {
        return settings(symbols, new Credentials(AlpacaEmulator.KEY_ID, AlpacaEmulator.SECRET));
    }

    private SourceSettings settings(List<String> symbols, Credentials credentials) {
        FeedClientConfig connection = FeedClientConfig.of(proxied(), null, symbols).withBackoff(20, 200, 10_000)
                .withTimeouts(3.0, 5_000, 1_000);
        return new SourceSettings(SourceKind.ALPACA, proxied(), emulator.restBase(), credentials, symbols,
                connection, 2_000, 0, SourceLimits.defaults());
    }

    private URI proxied() {
        return URI.create("ws://127.0.0.1:" + proxy.port());
    }

    private void start(SourceSettings settings) {
        market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
        client = AlpacaSource.client(settings, market);
        applied = new AppliedTrades(client);
        client.start();
    }

    private void connect(SourceSettings settings) {
        start(settings);
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.CONNECTED);
    }

    /** Makes trades, then waits until the client has applied the newest of every symbol. */
    private void tradeAndAwait(int n) {
        for (String s : SYMBOLS) {
            emulator.trade(s, n);
        }
        for (String s : SYMBOLS) {
            List<EmulatedTrade> all = emulator.trades(s);
            long newest = all.get(all.size() - 1).id();
            await().atMost(WAIT).until(() -> applied.lastId(s) == newest);
        }
    }

    /** The connection goes down and stays down (upgrades refused) until {@link #allowReconnect()}. */
    private void dropAndHoldDown(Runnable drop) {
        emulator.refuseUpgrades(503, Integer.MAX_VALUE);
        drop.run();
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.RECONNECTING);
    }

    private void allowReconnect() {
        emulator.refuseUpgrades(503, 0);
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.CONNECTED);
    }

    /**
     * Waits for the calls every start makes (the latest trade of each symbol once the subscription is confirmed,
     * minute bars, one snapshot, the asset list of six exchanges), so a REST fault hits the refill it is meant for.
     */
    private void awaitStartupCalls() {
        await().atMost(WAIT).until(() -> {
            List<RestRequest> log = emulator.restLog();
            return count(log, "/trades/latest") == SYMBOLS.size() && count(log, "/bars") == SYMBOLS.size()
                    && count(log, "/snapshots") >= 1 && count(log, "/v2/assets") == 6;
        });
    }

    private static long count(List<RestRequest> log, String pathEnd) {
        return log.stream().filter(r -> r.path().endsWith(pathEnd)).count();
    }

    private void assertEveryTradeOnce() {
        for (String s : SYMBOLS) {
            assertThat(applied.assertExact(s, emulator.trades(s))).isPositive();
        }
    }

    private void assertRefilledByTime(String symbol, long refilled) {
        await().atMost(WAIT).until(() -> !applied.gaps(symbol).isEmpty());
        assertThat(applied.gaps(symbol)).as("gaps of %s", symbol).singleElement().satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.BY_TIME);
            assertThat(g.fromId()).as("ids cannot name the span's ends").isNull();
            assertThat(g.toId()).isNull();
            assertThat(g.refilled()).isEqualTo(refilled);
        });
    }

    @Test
    void startsFromTheLatestTradeAndAppliesEveryLiveTradeAndQuoteOnce() {
        connect(settings(SYMBOLS));
        long latest = emulator.trades("AAPL").get(39).id();
        await().atMost(WAIT).until(() -> applied.lastId("AAPL") == latest);
        tradeAndAwait(100);
        assertEveryTradeOnce();
        assertThat(applied.of("AAPL").get(0).id()).as("the first price: the latest trade before connecting")
                .isEqualTo(latest);
        assertThat(applied.of("AAPL")).allSatisfy(a -> assertThat(a.epoch()).isEqualTo("alpaca"));
        assertThat(applied.gaps("AAPL")).as("nothing was lost").isEmpty();
        QuoteView q = new QuoteView();
        market.readQuote("AAPL", q);
        assertThat(q.freshness()).isEqualTo(Freshness.LIVE);
        assertThat(q.bid()).as("quotes from the stream").isPositive();
        assertThat(q.ask()).isGreaterThan(q.bid());
        await().atMost(WAIT).until(() -> client.sourceSymbols().size() == 3);
        assertThat(client.sourceSymbols()).contains(new SymbolInfo("AAPL", "Apple Inc. Common Stock"));
        assertThat(client.status().detail()).doesNotContain(AlpacaEmulator.KEY_ID, AlpacaEmulator.SECRET);
        await().atMost(WAIT).until(() -> {
            QuoteView v = new QuoteView();
            market.readQuote("MSFT", v);
            return v.prevClose() > 0;
        });
    }

    @Test
    void aDropIsRefilledByTimeAndEveryTradeAppliedOnce() {
        connect(settings(SYMBOLS));
        tradeAndAwait(20);
        dropAndHoldDown(proxy::resetAll);
        emulator.trade("AAPL", 250);
        // More than one page of 10,000: the refill follows next_page_token.
        emulator.trade("MSFT", 10_050);
        allowReconnect();
        tradeAndAwait(20);
        assertEveryTradeOnce();
        assertRefilledByTime("AAPL", 250);
        assertRefilledByTime("MSFT", 10_050);
        assertThat(client.stats().connectionsLost()).isEqualTo(1);
        assertThat(client.stats().gapsByTime()).isEqualTo(2);
        assertThat(client.stats().gapsExact()).as("never exact").isZero();
        List<RestRequest> refills = emulator.restLog().stream()
                .filter(r -> r.path().endsWith("/trades") && r.param("start") != null).toList();
        assertThat(refills).allSatisfy(r -> {
            assertThat(r.param("feed")).isEqualTo("iex");
            assertThat(r.param("sort")).isEqualTo("asc");
        });
        assertThat(refills).anySatisfy(r -> assertThat(r.param("page_token")).isNotNull());
    }

    @Test
    void theRecordHasTheRefilledTradesByIdThenAGapRefilledByTimeWithoutIds() throws Exception {
        StringWriter out = new StringWriter();
        FeedRecordWriter record = new FeedRecordWriter(out);
        market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
        client = AlpacaSource.client(settings(List.of("AAPL")), market);
        client.setTickSink(record);
        client.addListener(record);
        client.start();
        long latest = emulator.trades("AAPL").get(39).id();
        await().atMost(WAIT).until(() -> {
            QuoteView q = new QuoteView();
            return market.readQuote("AAPL", q) && q.seq() == latest;
        });
        dropAndHoldDown(proxy::resetAll);
        List<EmulatedTrade> missed = emulator.trade("AAPL", 7);
        allowReconnect();
        await().atMost(WAIT).until(() -> {
            record.flush();
            return out.toString().contains("\"type\":\"gap\"");
        });
        client.close();
        record.close();
        List<String> lines = out.toString().lines().filter(l -> !l.contains("\"type\":\"state\"")).toList();
        List<String> expected = new ArrayList<>();
        for (EmulatedTrade t : List.of(emulator.trades("AAPL").get(39), missed.get(0), missed.get(1), missed.get(2),
                missed.get(3), missed.get(4), missed.get(5), missed.get(6))) {
            expected.add("{\"type\":\"tick\",\"symbol\":\"AAPL\",\"epoch\":\"alpaca\",\"seq\":" + t.id() + ",\"ts\":"
                    + t.timeMs() + ",\"price\":" + t.price().doubleValue() + ",\"size\":" + t.size().intValueExact()
                    + "}");
        }
        expected.add("{\"type\":\"gap\",\"symbol\":\"AAPL\",\"from\":null,\"to\":null,\"recovered\":\"time\"}");
        assertThat(lines).containsExactlyElementsOf(expected);
    }

    @Test
    void aBlackHoledConnectionIsAStallAndItsSpanIsRefilledByTime() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        proxy.blackHole(true);
        emulator.trade("AAPL", 60);
        await().atMost(WAIT).until(() -> client.stats().connectionsLost() >= 1);
        proxy.blackHole(false);
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.CONNECTED);
        tradeAndAwait(10);
        assertEveryTradeOnce();
        assertRefilledByTime("AAPL", 60);
        assertRefilledByTime("MSFT", 0);
        assertThat(client.lastStallSilenceMs()).isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void pongsToTheClientsPingsKeepAQuietConnectionAlive() {
        emulator.serverPings(Duration.ofHours(1), Duration.ofHours(1));
        connect(settings(SYMBOLS));
        long lost = client.stats().connectionsLost();
        // No trade, no server ping for three silence limits: only the pongs to the session's pings are heard.
        long until = System.nanoTime() + Duration.ofSeconds(6).toNanos();
        await().atMost(WAIT).until(() -> System.nanoTime() - until >= 0);
        assertThat(client.stats().connectionsLost()).isEqualTo(lost);
        assertThat(client.latency().snapshot().lastRttMs()).as("the pongs' round trip").isNotNegative();
        tradeAndAwait(5);
        assertEveryTradeOnce();
    }

    @Test
    void duplicatedMessagesAreDroppedAndCounted() {
        connect(settings(SYMBOLS));
        emulator.duplicateOnSocket("MSFT", 5);
        tradeAndAwait(20);
        assertEveryTradeOnce();
        await().atMost(WAIT).until(() -> client.stats().duplicatesDropped() >= 5);
    }

    @Test
    void throttlingDuringARefillWaitsAndTheSpanIsStillRefilled() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        awaitStartupCalls();
        dropAndHoldDown(proxy::resetAll);
        emulator.trade("AAPL", 30);
        // Alpaca's 429 documents no Retry-After.
        emulator.failRest(429, -1, 3);
        allowReconnect();
        tradeAndAwait(10);
        assertEveryTradeOnce();
        assertRefilledByTime("AAPL", 30);
        assertThat(((FeedCounters) client.stats()).get(FeedCounters.Counter.REST_THROTTLED)).isEqualTo(3);
    }

    @Test
    void aHistoryThatCannotBeReadLeavesALostSpanOfUnknownCount() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        dropAndHoldDown(proxy::resetAll);
        List<EmulatedTrade> missed = emulator.trade("AAPL", 30);
        // 403 "The requested resource is forbidden": retrying cannot help.
        emulator.failRest(403, -1, 1_000);
        allowReconnect();
        await().atMost(WAIT).until(() -> applied.gaps("AAPL").size() == 1);
        emulator.failRest(403, -1, 0);
        tradeAndAwait(10);
        assertThat(applied.gaps("AAPL").get(0)).satisfies(g -> {
            assertThat(g.kind()).isEqualTo(GapKind.LOST);
            assertThat(g.missed()).as("unknown").isEqualTo(-1);
        });
        assertThat(applied.of("AAPL")).extracting(a -> a.id()).doesNotContainAnyElementsOf(
                missed.stream().map(EmulatedTrade::id).toList());
        assertThat(client.stats().gapsLost()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void aRefillThatCannotFinishInTimeIsLostAndTheLiveTradesGoOn() {
        connect(settings(SYMBOLS).withLimits(new SourceLimits(200_000, 3_000, 250, 10_000, 4 << 20, 10_000, 4)));
        tradeAndAwait(10);
        awaitStartupCalls();
        int before = applied.of("MSFT").size();
        dropAndHoldDown(proxy::resetAll);
        emulator.trade("MSFT", 12);
        // Server errors outlast the gate's retries and the refill's own, past the 3 s deadline.
        emulator.failRest(500, -1, 1_000);
        allowReconnect();
        for (String s : SYMBOLS) {
            await().atMost(WAIT).until(() -> applied.gaps(s).size() == 1);
            assertThat(applied.gaps(s).get(0).kind()).isEqualTo(GapKind.LOST);
        }
        emulator.failRest(500, -1, 0);
        tradeAndAwait(10);
        assertThat(applied.of("MSFT")).as("the 12 trades made while down are lost").hasSize(before + 10);
    }

    @Test
    void aSlowClientDisconnectIsASpanRefilledByTime() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        dropAndHoldDown(() -> emulator.slowClient(true));
        emulator.trade("MSFT", 40);
        allowReconnect();
        tradeAndAwait(10);
        assertEveryTradeOnce();
        assertRefilledByTime("MSFT", 40);
        assertRefilledByTime("AAPL", 0);
    }

    @Test
    void refusedUpgradesAreRetriedWithBackoff() {
        emulator.refuseUpgrades(503, 3);
        connect(settings(SYMBOLS));
        assertThat(emulator.upgrades()).isGreaterThanOrEqualTo(4);
        tradeAndAwait(10);
        assertEveryTradeOnce();
    }

    @Test
    void aRefusedKeyFailsWithAPlainMessageAndNoRetry() {
        start(settings(SYMBOLS, new Credentials(AlpacaEmulator.KEY_ID, "not-the-secret")));
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.FAILED);
        assertThat(client.status().detail()).contains("refused the key").contains("402")
                .doesNotContain(AlpacaEmulator.KEY_ID, AlpacaEmulator.SECRET, "not-the-secret");
        assertThat(emulator.upgrades()).isEqualTo(1);
    }

    @Test
    void anAccountWhoseOneConnectionIsTakenFailsWithTheReason() {
        emulator.occupyConnection(true);
        start(settings(SYMBOLS));
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.FAILED);
        assertThat(client.status().detail()).contains("another program").contains("406");
        assertThat(emulator.upgrades()).as("retried on the same socket, not by reconnecting for ever")
                .isLessThanOrEqualTo(2);
    }

    @Test
    void anUnknownSymbolIsRejectedInsteadOfWaitingForever() {
        connect(settings(List.of("AAPL", "NOPE")));
        await().atMost(WAIT).until(() -> applied.events().stream().anyMatch(e ->
                e instanceof FeedEvent.SymbolRejected r && r.symbol().equals("NOPE")));
        assertThat(market.symbols()).containsExactly("AAPL");
    }

    @Test
    void badFramesAreCountedAndDroppedAndTheFeedGoesOn() {
        connect(settings(SYMBOLS));
        tradeAndAwait(5);
        long bad = client.stats().badFrames();
        String time = "\"2024-03-05T15:00:00.123456789Z\"";
        emulator.sendRaw("[{\"T\":\"t\",\"i\":1,\"S\":\"AAPL\",\"x\":\"V\",\"p\":-5,\"s\":1,\"t\":" + time + "}]");
        emulator.sendRaw("[{\"T\":\"t\",\"i\":2,\"S\":\"AAPL\",\"x\":\"V\",\"p\":\"1.5\",\"s\":1,\"t\":" + time + "}]");
        emulator.sendRaw("[{\"T\":\"t\",\"i\":3,\"S\":\"AAPL\",\"p\":1e300,\"s\":1,\"t\":" + time + "}]");
        emulator.sendRaw("[{\"T\":\"t\",\"i\":4,\"S\":\"AAPL\",\"p\":1.5,\"s\":-1,\"t\":" + time + "}]");
        emulator.sendRaw("[{\"T\":\"t\",\"i\":5,\"S\":\"AAPL\",\"p\":1.5,\"s\":1,\"t\":\"yesterday\"}]");
        emulator.sendRaw("[{\"T\":\"t\",\"i\":6,\"S\":\"AAPL\",\"p\":1.5,\"s\":1,\"t\":" + time + "},{\"T\":\"t\"");
        emulator.sendRaw("{\"T\":\"t\",\"i\":7}");
        emulator.sendRaw("[{\"T\":\"t\",\"i\":99999999999999999999,\"S\":\"AAPL\",\"p\":1.5,\"s\":1,\"t\":" + time
                + "}]");
        emulator.sendRaw("not json at all \u001b[31m");
        await().atMost(WAIT).until(() -> client.stats().badFrames() - bad >= 9);
        tradeAndAwait(10);
        assertEveryTradeOnce();
        assertThat(applied.of("AAPL")).noneSatisfy(a -> assertThat(a.id()).isLessThan(96_921));
        assertThat(client.status().state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void theSymbolLimitRejectsTheSymbolsBeyondIt() {
        emulator.symbolLimit(2);
        connect(settings(List.of("AAPL", "MSFT", "AMD")));
        await().atMost(WAIT).until(() -> applied.events().stream().anyMatch(e ->
                e instanceof FeedEvent.SymbolRejected r && r.symbol().equals("AMD") && r.message().contains("405")));
        assertThat(market.symbols()).containsExactly("AAPL", "MSFT");
        tradeAndAwait(5);
        client.subscribe("AMD");
        await().atMost(WAIT).until(() -> applied.events().stream().filter(e ->
                e instanceof FeedEvent.SymbolRejected r && r.symbol().equals("AMD")).count() == 2);
        tradeAndAwait(5);
        assertEveryTradeOnce();
    }

    @Test
    void aSymbolAddedWhileConnectedStartsFromItsLatestTrade() {
        connect(settings(List.of("AAPL")));
        emulator.trade("AMD", 15);
        client.subscribe("AMD");
        long latest = emulator.trades("AMD").get(14).id();
        await().atMost(WAIT).until(() -> applied.lastId("AMD") == latest);
        emulator.trade("AMD", 10);
        long newest = emulator.trades("AMD").get(24).id();
        await().atMost(WAIT).until(() -> applied.lastId("AMD") == newest);
        applied.assertExact("AMD", emulator.trades("AMD"));
    }

    @Test
    void olderBarsComeOnDemandNewestFirstAndAnEmptyPageIsTheStart() {
        connect(settings(SYMBOLS));
        tradeAndAwait(30);
        long before = System.currentTimeMillis() + 2 * 3_600_000L;
        client.loadHistory("AAPL", BarInterval.H1, before);
        await().atMost(WAIT).until(() -> market.historyState("AAPL", BarInterval.H1).oldestMs() < before
                && !market.historyState("AAPL", BarInterval.H1).loading());
        HistoryState h = market.historyState("AAPL", BarInterval.H1);
        assertThat(h.exhausted()).isFalse();
        assertThat(market.readBars("AAPL", BarInterval.H1, Long.MIN_VALUE, new BarBuffer(10))).isPositive();
        assertThat(emulator.restLog()).anySatisfy(r -> {
            assertThat(r.path()).isEqualTo("/v2/stocks/AAPL/bars");
            assertThat(r.param("timeframe")).isEqualTo("1Hour");
            assertThat(r.param("sort")).isEqualTo("desc");
        });
        client.loadHistory("AAPL", BarInterval.H1, h.oldestMs());
        await().atMost(WAIT).until(() -> market.historyState("AAPL", BarInterval.H1).exhausted());
        client.loadHistory("AAPL", BarInterval.S1, before);
        await().atMost(WAIT).until(() -> market.historyState("AAPL", BarInterval.S1).exhausted());
        assertThat(market.historyState("AAPL", BarInterval.S1).oldestMs()).isEqualTo(Long.MAX_VALUE);
    }
}
