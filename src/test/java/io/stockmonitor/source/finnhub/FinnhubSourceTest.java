package io.stockmonitor.source.finnhub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import io.stockmonitor.feed.ConnectionState;
import io.stockmonitor.feed.ConnectionSupervisor;
import io.stockmonitor.feed.FeedClientConfig;
import io.stockmonitor.feed.FeedEvent;
import io.stockmonitor.feed.FeedSession.SymbolInfo;
import io.stockmonitor.feed.testing.TcpProxy;
import io.stockmonitor.market.GapKind;
import io.stockmonitor.market.MarketLimits;
import io.stockmonitor.market.MarketModel;
import io.stockmonitor.market.QuoteView;
import io.stockmonitor.source.Credentials;
import io.stockmonitor.source.SourceKind;
import io.stockmonitor.source.SourceLimits;
import io.stockmonitor.source.SourceSettings;
import io.stockmonitor.source.testing.AppliedTrades;
import io.stockmonitor.source.testing.AppliedTrades.Applied;
import io.stockmonitor.source.testing.EmulatedTrade;
import io.stockmonitor.feed.FeedRecordWriter;
import io.stockmonitor.market.BarInterval;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.LoggerFactory;

/**
 * The real Finnhub source against the Finnhub emulator, through real sockets (and a TCP proxy for network faults).
 * Finnhub can refill nothing: after every loss each symbol must show a lost span of unknown size, trades after the
 * reconnect must be applied in order with their local sequence going on, and the token, which the socket URL
 * carries, must appear in no log line, status detail or event of any test.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FinnhubSourceTest {
    private static final List<String> SYMBOLS = List.of("AAPL", "MSFT");
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String WRONG_TOKEN = "wrongtoken9876543210";

    private FinnhubEmulator emulator;
    private TcpProxy proxy;
    private MarketModel market;
    private final List<ConnectionSupervisor> clients = new ArrayList<>();
    private ConnectionSupervisor client;
    private AppliedTrades applied;
    private final List<String> statusDetails = new CopyOnWriteArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private Level previousLevel;

    @BeforeEach
    void start() throws Exception {
        Logger ours = (Logger) LoggerFactory.getLogger("io.stockmonitor");
        previousLevel = ours.getLevel();
        ours.setLevel(Level.DEBUG);
        logs.start();
        root().addAppender(logs);
        emulator = new FinnhubEmulator(23);
        emulator.addStock("AAPL", "187.25");
        emulator.addStock("MSFT", "411.10");
        emulator.addStock("IBM", "180.00");
        emulator.name("AAPL", "APPLE INC");
        emulator.start();
        // Finnhub's JSON ping comes every minute or two; quicker here, under the 2 s silence limit.
        emulator.pingEvery(Duration.ofMillis(400));
        emulator.trade("AAPL", 5);
        proxy = TcpProxy.to(emulator.wsBase());
    }

    private static Logger root() {
        return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    }

    @AfterEach
    void stop() {
        clients.forEach(ConnectionSupervisor::close);
        proxy.close();
        emulator.close();
        root().detachAppender(logs);
        ((Logger) LoggerFactory.getLogger("io.stockmonitor")).setLevel(previousLevel);
        assertNoTokenAnywhere();
    }

    /** The token (and a wrong one) in no log line, exception text, status detail or event of the whole test. */
    private void assertNoTokenAnywhere() {
        List<String> seen = new ArrayList<>(statusDetails);
        for (ILoggingEvent e : logs.list) {
            seen.add(e.getFormattedMessage());
            for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
                seen.add(t.getClassName() + ": " + t.getMessage());
            }
        }
        if (applied != null) {
            applied.events().forEach(ev -> seen.add(String.valueOf(ev)));
        }
        assertThat(logs.list).as("log lines captured").isNotEmpty();
        assertThat(seen).noneSatisfy(text -> assertThat(text).containsAnyOf(FinnhubEmulator.TOKEN, WRONG_TOKEN));
    }

    private SourceSettings settings(List<String> symbols, String token) {
        FeedClientConfig connection = FeedClientConfig.of(proxied(), null, symbols).withBackoff(20, 200, 10_000)
                .withTimeouts(3.0, 5_000, 1_000);
        return new SourceSettings(SourceKind.FINNHUB, proxied(), emulator.restBase(), new Credentials(token, null),
                symbols, connection, 2_000, 0, SourceLimits.defaults());
    }

    private SourceSettings settings(List<String> symbols) {
        return settings(symbols, FinnhubEmulator.TOKEN);
    }

    private URI proxied() {
        return URI.create("ws://127.0.0.1:" + proxy.port());
    }

    private ConnectionSupervisor start(SourceSettings settings) {
        market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
        ConnectionSupervisor c = FinnhubSource.client(settings, market);
        c.addListener(e -> {
            if (e instanceof FeedEvent.StateChanged s) {
                statusDetails.add(s.status().detail() + " " + s.status());
            }
        });
        clients.add(c);
        client = c;
        applied = new AppliedTrades(c);
        c.start();
        return c;
    }

    /** Connected, and the emulator has every symbol's subscription (Finnhub acknowledges none). */
    private void connect(SourceSettings settings) {
        start(settings);
        awaitSubscribed(settings.symbols());
    }

    private void awaitSubscribed(List<String> symbols) {
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.CONNECTED);
        for (String s : symbols) {
            await().atMost(WAIT).until(() -> emulator.subscribers(s) == 1 && emulator.openSockets() == 1);
        }
    }

    /** Makes trades, waits until the client has applied them all, and checks them against the emulator's. */
    private void tradeAndAwait(int n) {
        for (String s : SYMBOLS) {
            int before = applied.of(s).size();
            List<EmulatedTrade> made = emulator.trade(s, n);
            await().atMost(WAIT).until(() -> applied.of(s).size() >= before + n);
            List<Applied> now = applied.of(s);
            assertThat(now).hasSize(before + n);
            assertSame(made, now.subList(before, now.size()), before);
        }
    }

    /** Applied trades are the emulator's, in order, with the local sequence going on from {@code seqBefore}. */
    private static void assertSame(List<EmulatedTrade> made, List<Applied> got, long seqBefore) {
        for (int i = 0; i < made.size(); i++) {
            EmulatedTrade t = made.get(i);
            Applied a = got.get(i);
            assertThat(a.epoch()).isEqualTo("finnhub");
            assertThat(a.id()).as("local sequence").isEqualTo(seqBefore + i + 1);
            assertThat(a.ts()).isEqualTo(t.timeMs());
            assertThat(a.price()).isEqualTo(t.price().doubleValue());
            assertThat(a.size()).isEqualTo(t.size().doubleValue());
        }
    }

    private void assertLostSpanForEach(List<String> symbols) {
        for (String s : symbols) {
            await().atMost(WAIT).until(() -> !applied.gaps(s).isEmpty());
            assertThat(applied.gaps(s)).as("gaps of %s", s).singleElement().satisfies(g -> {
                assertThat(g.kind()).isEqualTo(GapKind.LOST);
                assertThat(g.fromId()).isNull();
                assertThat(g.toId()).isNull();
                assertThat(g.missed()).as("count unknown").isEqualTo(-1);
            });
        }
    }

    private void dropAndHoldDown(Runnable drop) {
        emulator.refuseUpgrades(503, Integer.MAX_VALUE);
        drop.run();
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.RECONNECTING);
    }

    private void allowReconnect() {
        emulator.refuseUpgrades(503, 0);
        awaitSubscribed(SYMBOLS);
    }

    @Test
    void appliesEveryTradeInOrderWithALocalSequenceAndShowsTheQuote() {
        connect(settings(SYMBOLS));
        tradeAndAwait(30);
        tradeAndAwait(20);
        assertThat(applied.gaps("AAPL")).isEmpty();
        await().atMost(WAIT).until(() -> {
            QuoteView q = new QuoteView();
            market.readQuote("MSFT", q);
            return q.prevClose() == 411.10 && q.high() > 0;
        });
        await().atMost(WAIT).until(() -> client.sourceSymbols().size() == 3);
        assertThat(client.sourceSymbols()).contains(new SymbolInfo("AAPL", "APPLE INC"));
        assertThat(client.status().detail()).contains("confirms no subscription");
    }

    @Test
    void aDropIsALostSpanForEverySymbolAndTradesGoOnAfterIt() {
        connect(settings(SYMBOLS));
        tradeAndAwait(10);
        dropAndHoldDown(proxy::resetAll);
        emulator.trade("AAPL", 25);
        allowReconnect();
        // The 25 trades made while down cannot come back: the next ones follow the last seen, seq 11 on.
        tradeAndAwait(10);
        assertLostSpanForEach(SYMBOLS);
        assertThat(applied.of("AAPL")).hasSize(20);
        assertThat(client.stats().gapsLost()).isEqualTo(2);
        assertThat(client.stats().connectionsLost()).isEqualTo(1);
    }

    @Test
    void theRecordHasLocalSequencesAndALostGapForEachSymbolWithoutIds() throws Exception {
        StringWriter out = new StringWriter();
        FeedRecordWriter record = new FeedRecordWriter(out);
        market = new MarketModel(MarketLimits.defaults(), System::currentTimeMillis);
        client = FinnhubSource.client(settings(SYMBOLS), market);
        clients.add(client);
        client.setTickSink(record);
        client.addListener(record);
        client.start();
        awaitSubscribed(SYMBOLS);
        List<EmulatedTrade> before = emulator.trade("AAPL", 3);
        await().atMost(WAIT).until(() -> {
            record.flush();
            return out.toString().lines().filter(l -> l.contains("\"tick\"")).count() == 3;
        });
        dropAndHoldDown(proxy::resetAll);
        emulator.trade("AAPL", 4);
        allowReconnect();
        List<EmulatedTrade> after = emulator.trade("AAPL", 2);
        await().atMost(WAIT).until(() -> {
            record.flush();
            return out.toString().lines().filter(l -> l.contains("\"tick\"")).count() == 5;
        });
        client.close();
        record.close();
        List<String> lines = out.toString().lines().filter(l -> !l.contains("\"type\":\"state\"")).toList();
        List<String> expected = new ArrayList<>();
        long seq = 1;
        for (EmulatedTrade t : before) {
            expected.add(tick(t, seq++));
        }
        for (String s : SYMBOLS) {
            expected.add("{\"type\":\"gap\",\"symbol\":\"" + s
                    + "\",\"from\":null,\"to\":null,\"recovered\":\"none\"}");
        }
        for (EmulatedTrade t : after) {
            expected.add(tick(t, seq++));
        }
        assertThat(lines).containsExactlyElementsOf(expected);
    }

    private static String tick(EmulatedTrade t, long seq) {
        return "{\"type\":\"tick\",\"symbol\":\"" + t.symbol() + "\",\"epoch\":\"finnhub\",\"seq\":" + seq
                + ",\"ts\":" + t.timeMs() + ",\"price\":" + t.price().doubleValue() + ",\"size\":"
                + t.size().intValueExact() + "}";
    }

    @Test
    void aBlackHoledConnectionIsAStallAndALostSpan() {
        connect(settings(SYMBOLS));
        tradeAndAwait(5);
        proxy.blackHole(true);
        await().atMost(WAIT).until(() -> client.stats().connectionsLost() >= 1);
        proxy.blackHole(false);
        allowReconnect();
        tradeAndAwait(5);
        assertLostSpanForEach(SYMBOLS);
        assertThat(client.lastStallSilenceMs()).isGreaterThanOrEqualTo(2_000);
    }

    @Test
    void theServersRestartIsALostSpanAndTheClientComesBack() {
        connect(settings(SYMBOLS));
        tradeAndAwait(5);
        emulator.restartServer();
        await().atMost(WAIT).until(() -> client.stats().connectionsLost() >= 1);
        awaitSubscribed(SYMBOLS);
        tradeAndAwait(5);
        assertLostSpanForEach(SYMBOLS);
    }

    @Test
    void duplicatedMessagesCannotBeToldApartAndAreAppliedAsTheyCome() {
        connect(settings(SYMBOLS));
        emulator.duplicateOnSocket("MSFT", 5);
        List<EmulatedTrade> made = emulator.trade("MSFT", 10);
        await().atMost(WAIT).until(() -> applied.of("MSFT").size() == 15);
        assertThat(applied.of("MSFT")).extracting(Applied::id).containsExactlyElementsOf(
                java.util.stream.LongStream.rangeClosed(1, 15).boxed().toList());
        assertThat(applied.of("MSFT").get(14).ts()).isEqualTo(made.get(9).timeMs());
    }

    @Test
    void throttledQuotesAreAskedAgain() {
        emulator.failRest(429, -1, 3);
        connect(settings(SYMBOLS));
        await().atMost(WAIT).until(() -> {
            QuoteView q = new QuoteView();
            market.readQuote("AAPL", q);
            return q.prevClose() == 187.25;
        });
        tradeAndAwait(5);
    }

    @Test
    void refusedUpgradesAreRetriedWithBackoff() {
        emulator.refuseUpgrades(503, 3);
        connect(settings(SYMBOLS));
        assertThat(emulator.upgrades()).isGreaterThanOrEqualTo(4);
        tradeAndAwait(10);
    }

    @Test
    void aWrongTokenFailsWithAPlainMessage() {
        start(settings(SYMBOLS, WRONG_TOKEN));
        await().atMost(WAIT).until(() -> client.status().state() == ConnectionState.FAILED);
        assertThat(client.status().detail()).contains("401");
        assertThat(emulator.upgrades()).isEqualTo(1);
    }

    @Test
    void aSecondConnectionOnTheSameTokenIsRefusedAndSaysWhy() {
        connect(settings(SYMBOLS));
        ConnectionSupervisor first = client;
        AppliedTrades firstApplied = applied;
        ConnectionSupervisor second = start(settings(SYMBOLS));
        await().atMost(WAIT).until(() -> second.status().detail().contains("token in use"));
        client = first;
        applied = firstApplied;
        tradeAndAwait(5);
        assertThat(first.status().state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void anUnknownSymbolIsRejectedInsteadOfWaitingForever() {
        start(settings(List.of("AAPL", "NOPE")));
        await().atMost(WAIT).until(() -> applied.events().stream().anyMatch(e ->
                e instanceof FeedEvent.SymbolRejected r && r.symbol().equals("NOPE")));
        assertThat(market.symbols()).containsExactly("AAPL");
    }

    @Test
    void badFramesAreCountedAndDroppedAndTheFeedGoesOn() {
        connect(settings(SYMBOLS));
        tradeAndAwait(5);
        long bad = client.stats().badFrames();
        String ok = "{\"c\":[\"1\"],\"p\":1.5,\"s\":\"AAPL\",\"t\":1700000000000,\"v\":10}";
        for (String forged : new String[] {ok.replace("1.5", "-1.5"), ok.replace("1.5", "\"NaN\""),
            ok.replace("1700000000000", "0"), ok.replace("\"v\":10", "\"v\":-10"), ok.replace(",\"p\":1.5", ""),
            ok.replace("1.5", "1e308")}) {
            emulator.sendRaw("{\"data\":[" + forged + "],\"type\":\"trade\"}");
        }
        emulator.sendRaw("{\"data\":[" + ok + ",{\"p\":");
        emulator.sendRaw("[1,2,3]");
        emulator.sendRaw("{\"type\":\"news\",\"data\":\"\u001b[2J\"}");
        emulator.sendError("Subscribing to too many symbols");
        await().atMost(WAIT).until(() -> client.stats().badFrames() - bad >= 9);
        await().atMost(WAIT).until(() -> applied.events().stream().anyMatch(e ->
                e instanceof FeedEvent.ServerError s && s.message().contains("too many symbols")));
        tradeAndAwait(5);
        assertThat(applied.of("AAPL")).noneSatisfy(a -> assertThat(a.price()).isEqualTo(1.5));
        assertThat(client.status().state()).isEqualTo(ConnectionState.CONNECTED);
    }

    @Test
    void noCandlesOnTheFreePlanSoTheHistoryIsExhaustedAtOnce() {
        connect(settings(SYMBOLS));
        client.loadHistory("AAPL", BarInterval.H1, System.currentTimeMillis());
        await().atMost(WAIT).until(() -> market.historyState("AAPL", BarInterval.H1).exhausted());
        assertThat(market.historyState("AAPL", BarInterval.H1).oldestMs()).isEqualTo(Long.MAX_VALUE);
    }
}
