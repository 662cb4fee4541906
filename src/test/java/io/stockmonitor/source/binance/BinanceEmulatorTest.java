package io.stockmonitor.source.binance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stockmonitor.source.testing.EmulatedTrade;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Binance emulator against Binance's own documentation, through real sockets: every message kind has the field
 * names and JSON value types of the documented example (kept verbatim under src/test/resources, see the README
 * there), REST pages hand out every trade exactly once, and each fault does what it says.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BinanceEmulatorTest {
    private static final ObjectMapper DOCS = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .build();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final long BTC_FIRST = 3_000_000_000L;
    private static final long ETH_FIRST = 400_000_000L;

    private BinanceEmulator emulator;
    private WebSocketClient ws;
    private HttpClient http;

    @BeforeEach
    void start() throws Exception {
        emulator = new BinanceEmulator(7);
        emulator.addSymbol("BTCUSDT", "65000.00", "0.01", BTC_FIRST);
        emulator.addSymbol("ETHBTC", "0.05123", "0.00001", ETH_FIRST);
        emulator.start();
        ws = new WebSocketClient();
        ws.start();
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @AfterEach
    void stop() throws Exception {
        ws.stop();
        emulator.close();
    }

    // ------------------------------------------------------------------ streams

    @Test
    void combinedStreamWrapsAggTradeAndBookTickerInTheDocumentedShapes() throws Exception {
        Recorder r = connect("/stream?streams=btcusdt@aggTrade/btcusdt@bookTicker");
        List<EmulatedTrade> made = emulator.trade("BTCUSDT", 20);
        List<JsonNode> frames = r.take(40);

        JsonNode aggDoc = doc("ws-aggTrade.jsonc");
        JsonNode bookDoc = doc("ws-bookTicker.jsonc");
        List<JsonNode> aggs = new ArrayList<>();
        long lastU = -1;
        for (JsonNode f : frames) {
            assertThat(names(f)).containsExactlyInAnyOrder("stream", "data");
            String stream = f.get("stream").asText();
            if (stream.equals("btcusdt@aggTrade")) {
                assertSameShape(aggDoc, f.get("data"));
                aggs.add(f.get("data"));
            } else {
                assertThat(stream).isEqualTo("btcusdt@bookTicker");
                JsonNode book = f.get("data");
                assertSameShape(bookDoc, book);
                assertThat(book.get("u").asLong()).isGreaterThan(lastU);
                lastU = book.get("u").asLong();
                assertThat(new BigDecimal(book.get("b").asText())).isLessThan(new BigDecimal(book.get("a").asText()));
            }
        }
        assertThat(aggs).hasSize(20);
        long previousLast = -1;
        for (int i = 0; i < 20; i++) {
            JsonNode a = aggs.get(i);
            EmulatedTrade t = made.get(i);
            assertThat(a.get("e").asText()).isEqualTo("aggTrade");
            assertThat(a.get("s").asText()).isEqualTo("BTCUSDT");
            assertThat(a.get("a").asLong()).isEqualTo(t.id()).isEqualTo(BTC_FIRST + i);
            assertThat(a.get("p").asText()).matches("\\d+\\.\\d{8}");
            assertThat(new BigDecimal(a.get("p").asText())).isEqualByComparingTo(t.price());
            assertThat(new BigDecimal(a.get("q").asText())).isEqualByComparingTo(t.size());
            assertThat(a.get("T").asLong()).isEqualTo(t.timeMs());
            assertThat(a.get("E").asLong()).isGreaterThanOrEqualTo(t.timeMs());
            assertThat(a.get("m").asBoolean()).isEqualTo(t.buyerMaker());
            long[] fl = emulator.underlyingTradeIds("BTCUSDT", t.id());
            assertThat(a.get("f").asLong()).isEqualTo(fl[0]);
            assertThat(a.get("l").asLong()).isEqualTo(fl[1]).isGreaterThanOrEqualTo(fl[0]);
            if (previousLast >= 0) {
                assertThat(fl[0]).isEqualTo(previousLast + 1);
            }
            previousLast = fl[1];
        }
    }

    @Test
    void rawStreamSendsTheBarePayload() throws Exception {
        Recorder r = connect("/ws/ethbtc@aggTrade");
        emulator.trade("BTCUSDT", 2);
        EmulatedTrade t = emulator.trade("ETHBTC", 1).get(0);
        JsonNode a = r.take(1).get(0);
        assertSameShape(doc("ws-aggTrade.jsonc"), a);
        assertThat(a.get("a").asLong()).isEqualTo(t.id()).isEqualTo(ETH_FIRST);
        assertThat(a.get("p").asText()).isEqualTo(t.price().setScale(8).toPlainString());
    }

    @Test
    void liveRequestsAnswerAsDocumented() throws Exception {
        emulator.incomingMessagesPerSecond(0); // six requests in a row: the documented limit would close (see below)
        Recorder r = connect("/ws");
        r.send(compact("ws-subscribe-request.jsonc"));
        assertThat(r.take(1).get(0)).isEqualTo(doc("ws-subscribe-response.jsonc"));
        r.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":4}");
        assertThat(r.take(1).get(0)).isEqualTo(JSON.readTree(
                "{\"result\":[\"btcusdt@aggTrade\",\"btcusdt@depth\"],\"id\":4}"));
        r.send(compact("ws-unsubscribe-request.jsonc"));
        assertThat(r.take(1).get(0)).isEqualTo(doc("ws-unsubscribe-response.jsonc"));
        r.send(compact("ws-list-subscriptions-request.jsonc"));
        assertThat(r.take(1).get(0)).isEqualTo(doc("ws-list-subscriptions-response.jsonc"));

        emulator.trade("BTCUSDT", 1);
        assertThat(names(r.take(1).get(0))).contains("e", "a", "p").doesNotContain("stream");
        r.send(compact("ws-set-property-request.jsonc"));
        assertThat(r.take(1).get(0)).isEqualTo(doc("ws-set-property-response.jsonc"));
        r.send(compact("ws-get-property-request.jsonc"));
        assertThat(r.take(1).get(0)).isEqualTo(doc("ws-get-property-response.jsonc"));
        emulator.trade("BTCUSDT", 1);
        JsonNode wrapped = r.take(1).get(0);
        assertThat(wrapped.get("stream").asText()).isEqualTo("btcusdt@aggTrade");
        assertSameShape(doc("ws-aggTrade.jsonc"), wrapped.get("data"));
    }

    @Test
    void badRequestsGetTheDocumentedErrors() throws Exception {
        emulator.incomingMessagesPerSecond(0);
        Recorder r = connect("/stream");
        r.send("{\"method\":\"SUBSCRIBE\",");
        assertThat(r.take(1).get(0).get("code").asInt()).isEqualTo(3);
        r.send("{\"method\":\"SUBSCRIBEX\",\"params\":[],\"id\":9}");
        JsonNode unknown = r.take(1).get(0);
        assertThat(unknown.get("code").asInt()).isEqualTo(2);
        assertThat(unknown.get("msg").asText()).startsWith("Invalid request: unknown variant `SUBSCRIBEX`, expected "
                + "one of `SUBSCRIBE`, `UNSUBSCRIBE`, `LIST_SUBSCRIPTIONS`, `SET_PROPERTY`, `GET_PROPERTY`");
        r.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\"]}");
        assertThat(r.take(1).get(0)).isEqualTo(JSON.readTree(
                "{\"code\":2,\"msg\":\"Invalid request: request ID must be an unsigned integer\"}"));
        r.send("{\"method\":\"SET_PROPERTY\",\"params\":[\"colour\",true],\"id\":5}");
        assertThat(r.take(1).get(0)).isEqualTo(JSON.readTree("{\"code\":0,\"msg\":\"Unknown property\",\"id\":5}"));
        r.send("{\"method\":\"SET_PROPERTY\",\"params\":[\"combined\",1],\"id\":6}");
        assertThat(r.take(1).get(0).get("code").asInt()).isEqualTo(1);
        r.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@nonsense\"],\"id\":\"abc\"}");
        assertThat(r.take(1).get(0)).isEqualTo(JSON.readTree(
                "{\"code\":2,\"msg\":\"Invalid request: invalid stream\",\"id\":\"abc\"}"));

        emulator.errorShape(BinanceEmulator.ErrorShape.WRAPPED);
        r.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@nonsense\"],\"id\":8}");
        assertThat(r.take(1).get(0)).isEqualTo(JSON.readTree(
                "{\"error\":{\"code\":2,\"msg\":\"Invalid request: invalid stream\"},\"id\":8}"));
    }

    @Test
    void unknownSymbolsAreAcceptedAndSilent() throws Exception {
        Recorder r = connect("/stream");
        r.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"BTCUSDT@aggTrade\",\"xyzusdt@aggTrade\"],\"id\":1}");
        assertThat(r.take(1).get(0)).isEqualTo(JSON.readTree("{\"result\":null,\"id\":1}"));
        r.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@bookTicker\"],\"id\":2}");
        assertThat(r.take(1).get(0)).isEqualTo(JSON.readTree("{\"result\":null,\"id\":2}"));
        emulator.trade("BTCUSDT", 3);
        for (JsonNode f : r.take(3)) {
            assertThat(f.get("stream").asText()).isEqualTo("btcusdt@bookTicker"); // upper case never delivers
        }
    }

    @Test
    void serverShutdownIsSentInBothFormsThenTheConnectionCloses() throws Exception {
        Recorder combined = connect("/stream?streams=btcusdt@aggTrade");
        Recorder raw = connect("/ws/btcusdt@aggTrade");
        emulator.serverShutdown(Duration.ofMillis(200));
        JsonNode c = combined.take(1).get(0);
        assertSameShape(doc("ws-serverShutdown-combined.jsonc"), c);
        assertThat(c.get("stream").asText()).isEqualTo("!serverShutdown");
        assertThat(c.get("data").get("e").asText()).isEqualTo("serverShutdown");
        JsonNode r = raw.take(1).get(0);
        assertSameShape(doc("ws-serverShutdown-raw.jsonc"), r);
        assertThat(r.get("e").asText()).isEqualTo("serverShutdown");
        assertThat(combined.closeCode()).isEqualTo(BinanceEmulator.GOING_AWAY);
        assertThat(raw.closeCode()).isEqualTo(BinanceEmulator.GOING_AWAY);
    }

    @Test
    void serverShutdownWithoutCloseLeavesTheConnectionWorking() throws Exception {
        Recorder r = connect("/stream?streams=btcusdt@aggTrade");
        emulator.serverShutdown(null);
        assertThat(r.take(1).get(0).get("stream").asText()).isEqualTo("!serverShutdown");
        emulator.trade("BTCUSDT", 1);
        assertThat(r.take(1).get(0).get("stream").asText()).isEqualTo("btcusdt@aggTrade");
        assertThat(r.session.isOpen()).isTrue();
    }

    @Test
    void connectionsCloseAtTheirLifetime() throws Exception {
        emulator.connectionLifetime(Duration.ofMillis(300));
        Recorder r = connect("/stream?streams=btcusdt@aggTrade");
        assertThat(r.closeCode()).isEqualTo(BinanceEmulator.GOING_AWAY);
        assertThat(emulator.lifetimeCloses()).isEqualTo(1);
    }

    @Test
    void pingsMustBeAnsweredWithTheirPayload() throws Exception {
        // 400 ms apart: the pongs stay under the 5 incoming messages a second that also count them.
        emulator.serverPings(Duration.ofMillis(400), Duration.ofMillis(900));
        ManualPonger answering = new ManualPonger(true);
        connect("/ws/btcusdt@aggTrade", answering);
        Recorder auto = connect("/ws/btcusdt@aggTrade");
        ManualPonger mute = new ManualPonger(false);
        connect("/ws/btcusdt@aggTrade", mute);
        WrongPonger wrong = new WrongPonger();
        connect("/ws/btcusdt@aggTrade", wrong);

        assertThat(mute.closeCode()).isEqualTo(BinanceEmulator.POLICY_VIOLATION);
        assertThat(wrong.closeCode()).isEqualTo(BinanceEmulator.POLICY_VIOLATION);
        await().atMost(WAIT).until(() -> answering.pings.size() >= 4);
        assertThat(answering.pings).doesNotHaveDuplicates().allSatisfy(p -> assertThat(p).isNotEmpty());
        assertThat(answering.session.isOpen()).isTrue();
        assertThat(auto.session.isOpen()).isTrue(); // Jetty's own pong copies the payload
        emulator.trade("BTCUSDT", 1);
        assertThat(auto.take(1)).hasSize(1);
    }

    @Test
    void moreThanFiveIncomingMessagesASecondDisconnect() throws Exception {
        Recorder calm = connect("/stream");
        for (int i = 1; i <= 5; i++) {
            calm.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + i + "}");
        }
        assertThat(calm.take(5)).hasSize(5);
        assertThat(calm.session.isOpen()).isTrue();

        Recorder hasty = connect("/stream");
        for (int i = 1; i <= 7; i++) {
            hasty.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":" + i + "}");
        }
        assertThat(hasty.closeCode()).isEqualTo(BinanceEmulator.POLICY_VIOLATION);
        assertThat(emulator.rateLimitCloses()).isEqualTo(1);
    }

    @Test
    void aRefusedSubscriptionSubscribesNothing() throws Exception {
        emulator.refuseSubscriptions(1);
        Recorder r = connect("/stream");
        r.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\"],\"id\":7}");
        assertThat(r.take(1).get(0)).isEqualTo(JSON.readTree(
                "{\"code\":2,\"msg\":\"Invalid request: invalid stream\",\"id\":7}"));
        r.send("{\"method\":\"LIST_SUBSCRIPTIONS\",\"id\":8}");
        assertThat(r.take(1).get(0)).isEqualTo(JSON.readTree("{\"result\":[],\"id\":8}"));
        r.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@aggTrade\"],\"id\":9}");
        assertThat(r.take(1).get(0)).isEqualTo(JSON.readTree("{\"result\":null,\"id\":9}"));
        EmulatedTrade t = emulator.trade("BTCUSDT", 1).get(0);
        assertThat(r.take(1).get(0).get("data").get("a").asLong()).isEqualTo(t.id());
    }

    @Test
    void moreThanTheStreamLimitIsRefused() throws Exception {
        emulator.maxStreamsPerConnection(2);
        Recorder r = connect("/stream?streams=btcusdt@aggTrade");
        r.send("{\"method\":\"SUBSCRIBE\",\"params\":[\"btcusdt@bookTicker\",\"ethbtc@aggTrade\"],\"id\":1}");
        JsonNode refused = r.take(1).get(0);
        assertThat(refused.get("code").asInt()).isEqualTo(2);
        assertThat(refused.get("id").asInt()).isEqualTo(1);
        assertThat(emulator.subscriptions()).containsExactly(Set.of("btcusdt@aggTrade"));
    }

    @Test
    void skippedIdsLeaveAHoleOnTheSocketThatRestFills() throws Exception {
        Recorder r = connect("/stream?streams=btcusdt@aggTrade");
        emulator.trade("BTCUSDT", 2);
        emulator.skipOnSocket("BTCUSDT", 3);
        emulator.trade("BTCUSDT", 5);
        List<Long> ids = new ArrayList<>();
        for (JsonNode f : r.take(4)) {
            ids.add(f.get("data").get("a").asLong());
        }
        assertThat(ids).containsExactly(BTC_FIRST, BTC_FIRST + 1, BTC_FIRST + 5, BTC_FIRST + 6);
        JsonNode page = json(get("/api/v3/aggTrades?symbol=BTCUSDT&fromId=" + (BTC_FIRST + 2) + "&limit=3"));
        assertThat(page).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(page.get(i).get("a").asLong()).isEqualTo(BTC_FIRST + 2 + i);
        }
    }

    @Test
    void duplicatedMessagesRepeatTheSameAggregateId() throws Exception {
        Recorder r = connect("/stream?streams=btcusdt@aggTrade/btcusdt@bookTicker");
        emulator.duplicateOnSocket("BTCUSDT", 1);
        emulator.trade("BTCUSDT", 2);
        List<String> kinds = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (JsonNode f : r.take(5)) {
            kinds.add(f.get("stream").asText());
            if (f.get("stream").asText().endsWith("@aggTrade")) {
                ids.add(f.get("data").get("a").asLong());
            }
        }
        assertThat(ids).containsExactly(BTC_FIRST, BTC_FIRST, BTC_FIRST + 1);
        assertThat(kinds).filteredOn(k -> k.endsWith("@bookTicker")).hasSize(2);
    }

    @Test
    void dropClosesWithoutACloseFrameAndSilenceLosesFrames() throws Exception {
        Recorder dropped = connect("/stream?streams=btcusdt@aggTrade");
        emulator.dropAll();
        assertThat(dropped.closeCode()).isEqualTo(1006);

        Recorder quiet = connect("/stream?streams=btcusdt@aggTrade");
        emulator.silence(Duration.ofMillis(300));
        List<EmulatedTrade> lost = emulator.trade("BTCUSDT", 3);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> {
            emulator.trade("BTCUSDT", 1);
            return !quiet.texts.isEmpty();
        });
        long first = quiet.take(1).get(0).get("data").get("a").asLong();
        assertThat(first).isGreaterThan(lost.get(2).id());
    }

    @Test
    void refusedUpgradesFailWithTheStatusThenConnect() throws Exception {
        emulator.refuseUpgrades(429, 1);
        assertThatThrownBy(() -> ws.connect(new Recorder(), uri("/stream?streams=btcusdt@aggTrade"))
                .get(20, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOfSatisfying(UpgradeException.class,
                        e -> assertThat(e.getResponseStatusCode()).isEqualTo(429));
        Recorder r = connect("/stream?streams=btcusdt@aggTrade");
        emulator.trade("BTCUSDT", 1);
        assertThat(r.take(1)).hasSize(1);
        assertThat(emulator.upgrades()).isEqualTo(2);
    }

    // ------------------------------------------------------------------ REST: trades

    @Test
    void aggTradesPagesByFromIdHandOutEveryTradeOnce() throws Exception {
        List<EmulatedTrade> made = emulator.trade("BTCUSDT", 2345);
        JsonNode sample = json(get("/api/v3/aggTrades?symbol=BTCUSDT&fromId=" + BTC_FIRST + "&limit=1"));
        assertSameShape(doc("rest-aggTrades.jsonc"), sample);

        List<Long> seen = new ArrayList<>();
        long fromId = BTC_FIRST;
        for (int page = 0; page < 10; page++) {
            JsonNode rows = json(get("/api/v3/aggTrades?symbol=BTCUSDT&fromId=" + fromId + "&limit=1000"));
            if (rows.isEmpty()) {
                break;
            }
            for (JsonNode row : rows) {
                seen.add(row.get("a").asLong());
            }
            fromId = rows.get(rows.size() - 1).get("a").asLong() + 1;
        }
        assertThat(seen).containsExactlyElementsOf(made.stream().map(EmulatedTrade::id).toList());

        List<Long> small = new ArrayList<>();
        fromId = BTC_FIRST + 100;
        for (int page = 0; page < 20; page++) {
            JsonNode rows = json(get("/api/v3/aggTrades?symbol=BTCUSDT&fromId=" + fromId + "&limit=7"));
            rows.forEach(row -> small.add(row.get("a").asLong()));
            fromId += 7;
        }
        assertThat(small).containsExactlyElementsOf(made.subList(100, 240).stream().map(EmulatedTrade::id).toList());
    }

    @Test
    void aggTradesWithoutCursorTimeWindowsAndLimits() throws Exception {
        List<EmulatedTrade> made = emulator.trade("BTCUSDT", 1200);
        JsonNode recent = json(get("/api/v3/aggTrades?symbol=BTCUSDT"));
        assertThat(recent).hasSize(500);
        assertThat(recent.get(0).get("a").asLong()).isEqualTo(made.get(700).id());
        assertThat(recent.get(499).get("a").asLong()).isEqualTo(made.get(1199).id());
        assertThat(json(get("/api/v3/aggTrades?symbol=BTCUSDT&limit=5000"))).hasSize(1000);

        EmulatedTrade middle = made.get(600);
        JsonNode fromTime = json(get("/api/v3/aggTrades?symbol=BTCUSDT&startTime=" + middle.timeMs() + "&limit=3"));
        long firstAtTime = made.stream().filter(t -> t.timeMs() >= middle.timeMs()).findFirst().orElseThrow().id();
        assertThat(fromTime.get(0).get("a").asLong()).isEqualTo(firstAtTime);
        assertThat(fromTime).hasSize(3);
        JsonNode untilTime = json(get("/api/v3/aggTrades?symbol=BTCUSDT&endTime=" + middle.timeMs() + "&limit=3"));
        long lastAtTime = made.stream().filter(t -> t.timeMs() <= middle.timeMs()).reduce((a, b) -> b).orElseThrow()
                .id();
        assertThat(untilTime.get(2).get("a").asLong()).isEqualTo(lastAtTime);
        assertThat(untilTime.get(0).get("a").asLong()).isEqualTo(lastAtTime - 2);
        JsonNode both = json(get("/api/v3/aggTrades?symbol=BTCUSDT&startTime=" + made.get(0).timeMs() + "&endTime="
                + made.get(0).timeMs() + "&limit=1000"));
        for (JsonNode row : both) {
            assertThat(row.get("T").asLong()).isEqualTo(made.get(0).timeMs());
        }
        assertThat(both.get(0).get("a").asLong()).isEqualTo(BTC_FIRST);
    }

    @Test
    void aggTradesRefusesBadParametersWithTheDocumentedCodes() throws Exception {
        emulator.trade("BTCUSDT", 3);
        assertError(get("/api/v3/aggTrades"), 400, -1102,
                "Mandatory parameter 'symbol' was not sent, was empty/null, or malformed.");
        HttpResponse<String> unknown = get("/api/v3/aggTrades?symbol=NOPEUSDT");
        assertSameShape(doc("rest-error.jsonc"), json(unknown));
        assertError(unknown, 400, -1121, "Invalid symbol.");
        assertError(get("/api/v3/aggTrades?symbol=BTCUSDT&fromId=1&startTime=1"), 400, -1128,
                "Combination of optional parameters invalid.");
        assertError(get("/api/v3/aggTrades?symbol=BTCUSDT&limit=-1"), 400, -1100,
                "Illegal characters found in parameter 'limit'; legal range is '^[0-9]{1,20}$'.");
        assertError(get("/api/v3/aggTrades?symbol=BTCUSDT&symbol=BTCUSDT"), 400, -1101,
                "Duplicate values for a parameter detected.");
        assertThat(json(get("/api/v3/aggTrades?symbol=BTCUSDT&fromId=" + (BTC_FIRST + 3)))).isEmpty();
    }

    @Test
    void invalidatedHistoryRecordsKeepTheirIdWithZeroes() throws Exception {
        emulator.trade("BTCUSDT", 3);
        emulator.invalidateInHistory("BTCUSDT", BTC_FIRST + 1);
        JsonNode rows = json(get("/api/v3/aggTrades?symbol=BTCUSDT&fromId=" + BTC_FIRST));
        assertThat(rows).hasSize(3);
        JsonNode bad = rows.get(1);
        assertSameShape(doc("rest-aggTrades.jsonc").get(0), bad);
        assertThat(bad.get("a").asLong()).isEqualTo(BTC_FIRST + 1);
        assertThat(bad.get("p").asText()).isEqualTo("0");
        assertThat(bad.get("q").asText()).isEqualTo("0");
        assertThat(bad.get("f").asLong()).isEqualTo(-1);
        assertThat(bad.get("l").asLong()).isEqualTo(-1);
    }

    // ------------------------------------------------------------------ REST: klines, 24 h, symbols

    @Test
    void klinesHaveTheDocumentedRowLayoutAndAddUp() throws Exception {
        List<EmulatedTrade> made = emulator.trade("BTCUSDT", 300);
        for (String interval : List.of("1s", "1m", "1h", "1d", "1w", "1M")) {
            JsonNode rows = json(get("/api/v3/klines?symbol=BTCUSDT&interval=" + interval + "&limit=1000"));
            assertSameShape(doc("rest-klines.jsonc"), rows);
            BigDecimal volume = BigDecimal.ZERO;
            long count = 0;
            long previousOpen = Long.MIN_VALUE;
            for (JsonNode row : rows) {
                assertThat(row.get(0).asLong()).isGreaterThan(previousOpen);
                previousOpen = row.get(0).asLong();
                assertThat(row.get(6).asLong()).isGreaterThan(row.get(0).asLong());
                volume = volume.add(new BigDecimal(row.get(5).asText()));
                count += row.get(8).asLong();
                assertThat(row.get(11).asText()).isEqualTo("0");
            }
            assertThat(volume).isEqualByComparingTo(made.stream().map(EmulatedTrade::size)
                    .reduce(BigDecimal.ZERO, BigDecimal::add));
            long[] first = emulator.underlyingTradeIds("BTCUSDT", made.get(0).id());
            long[] last = emulator.underlyingTradeIds("BTCUSDT", made.get(299).id());
            assertThat(count).isEqualTo(last[1] - first[0] + 1);
            assertThat(new BigDecimal(rows.get(0).get(1).asText())).isEqualByComparingTo(made.get(0).price());
            assertThat(new BigDecimal(rows.get(rows.size() - 1).get(4).asText()))
                    .isEqualByComparingTo(made.get(299).price());
        }
        JsonNode seconds = json(get("/api/v3/klines?symbol=BTCUSDT&interval=1s"));
        for (JsonNode row : seconds) {
            assertThat(row.get(6).asLong() - row.get(0).asLong()).isEqualTo(999);
            assertThat(row.get(0).asLong() % 1000).isZero();
        }
        JsonNode eastern = json(get("/api/v3/klines?symbol=BTCUSDT&interval=1d&timeZone=8"));
        for (JsonNode row : eastern) {
            assertThat((row.get(0).asLong() + 8 * 3_600_000L) % 86_400_000L).isZero();
        }
        long secondOpen = seconds.get(Math.min(1, seconds.size() - 1)).get(0).asLong();
        JsonNode fromSecond = json(get("/api/v3/klines?symbol=BTCUSDT&interval=1s&startTime=" + secondOpen
                + "&limit=1"));
        assertThat(fromSecond).hasSize(1);
        assertThat(fromSecond.get(0).get(0).asLong()).isEqualTo(secondOpen);
        JsonNode untilSecond = json(get("/api/v3/klines?symbol=BTCUSDT&interval=1s&endTime=" + secondOpen));
        assertThat(untilSecond.get(untilSecond.size() - 1).get(0).asLong()).isEqualTo(secondOpen);
        assertError(get("/api/v3/klines?symbol=BTCUSDT&interval=1d&timeZone=15"), 400, -1130,
                "Data sent for parameter 'timeZone' is not valid.");
        assertError(get("/api/v3/klines?symbol=BTCUSDT&interval=2m"), 400, -1120, "Invalid interval.");
        assertError(get("/api/v3/klines?symbol=BTCUSDT"), 400, -1102,
                "Mandatory parameter 'interval' was not sent, was empty/null, or malformed.");
    }

    @Test
    void ticker24hrFullMiniAndArrayFormsAreDocumentedShapes() throws Exception {
        List<EmulatedTrade> made = emulator.trade("BTCUSDT", 50);
        emulator.trade("ETHBTC", 5);
        JsonNode full = json(get("/api/v3/ticker/24hr?symbol=BTCUSDT"));
        assertSameShape(doc("rest-ticker-24hr-full.jsonc"), full);
        assertThat(full.get("lastPrice").asText()).isEqualTo(made.get(49).price().setScale(8).toPlainString());
        assertThat(full.get("openPrice").asText()).isEqualTo(made.get(0).price().setScale(8).toPlainString());
        long[] first = emulator.underlyingTradeIds("BTCUSDT", made.get(0).id());
        long[] last = emulator.underlyingTradeIds("BTCUSDT", made.get(49).id());
        assertThat(full.get("firstId").asLong()).isEqualTo(first[0]);
        assertThat(full.get("lastId").asLong()).isEqualTo(last[1]);
        assertThat(full.get("count").asLong()).isEqualTo(last[1] - first[0] + 1);
        assertThat(full.get("closeTime").asLong() - full.get("openTime").asLong()).isEqualTo(86_400_000L);

        String both = URLEncoder.encode("[\"BTCUSDT\",\"ETHBTC\"]", StandardCharsets.UTF_8);
        JsonNode array = json(get("/api/v3/ticker/24hr?symbols=" + both));
        assertSameShape(doc("rest-ticker-24hr-full-array.jsonc"), array);
        assertThat(array).hasSize(2);
        assertSameShape(doc("rest-ticker-24hr-full-array.jsonc"), json(get("/api/v3/ticker/24hr")));
        assertSameShape(doc("rest-ticker-24hr-mini.jsonc"), json(get("/api/v3/ticker/24hr?symbol=ETHBTC&type=MINI")));
        assertError(get("/api/v3/ticker/24hr?symbol=BTCUSDT&type=HUGE"), 400, -1139, "Invalid ticker type.");
    }

    @Test
    void exchangeInfoListsSymbolsWithAssetsStatusAndTickSize() throws Exception {
        emulator.symbolStatus("ETHBTC", "HALT");
        JsonNode info = json(get("/api/v3/exchangeInfo"));
        JsonNode documented = doc("rest-exchangeInfo.jsonc");
        assertThat(names(info)).containsExactlyInAnyOrder("timezone", "serverTime", "rateLimits", "exchangeFilters",
                "symbols"); // "sors" is documented as optional
        for (String field : List.of("timezone", "serverTime", "rateLimits", "exchangeFilters", "symbols")) {
            assertSameShape(documented.get(field), info.get(field));
        }
        assertSameShape(doc("enums-rate-limit-request-weight.jsonc"), info.get("rateLimits").get(0));
        assertThat(info.get("rateLimits").get(0).get("limit").asInt())
                .isEqualTo(BinanceEmulator.DOCUMENTED_WEIGHT_PER_MINUTE);
        assertThat(info.get("symbols")).hasSize(2);
        JsonNode btc = info.get("symbols").get(0);
        assertThat(btc.get("symbol").asText()).isEqualTo("BTCUSDT");
        assertThat(btc.get("baseAsset").asText()).isEqualTo("BTC");
        assertThat(btc.get("quoteAsset").asText()).isEqualTo("USDT");
        assertThat(btc.get("status").asText()).isEqualTo("TRADING");
        assertThat(info.get("symbols").get(1).get("status").asText()).isEqualTo("HALT");
        JsonNode priceFilter = btc.get("filters").get(0);
        assertSameShape(doc("filters-price-filter.jsonc"), priceFilter);
        assertThat(priceFilter.get("tickSize").asText()).isEqualTo("0.01000000");
        assertSameShape(doc("filters-lot-size.jsonc"), btc.get("filters").get(1));

        JsonNode one = json(get("/api/v3/exchangeInfo?symbol=ETHBTC"));
        assertThat(one.get("symbols")).hasSize(1);
        assertThat(one.get("symbols").get(0).get("baseAsset").asText()).isEqualTo("ETH");
        assertThat(one.get("symbols").get(0).get("quoteAsset").asText()).isEqualTo("BTC");
        assertError(get("/api/v3/exchangeInfo?symbol=NOPEUSDT"), 400, -1121, "Invalid symbol.");
        assertSameShape(doc("rest-ping.jsonc"), json(get("/api/v3/ping")));
        assertSameShape(doc("rest-time.jsonc"), json(get("/api/v3/time")));
    }

    // ------------------------------------------------------------------ REST: weights and limits

    @Test
    void everyResponseCarriesTheUsedWeight() throws Exception {
        emulator.trade("BTCUSDT", 3);
        emulator.requestWeightLimit(6000, Duration.ofMinutes(1));
        assertThat(weight(get("/api/v3/aggTrades?symbol=BTCUSDT"))).isEqualTo(4);
        assertThat(weight(get("/api/v3/klines?symbol=BTCUSDT&interval=1m"))).isEqualTo(6);
        assertThat(weight(get("/api/v3/ticker/24hr?symbol=BTCUSDT"))).isEqualTo(8);
        assertThat(weight(get("/api/v3/exchangeInfo"))).isEqualTo(28);
        assertThat(weight(get("/api/v3/ticker/24hr"))).isEqualTo(108);
        HttpResponse<String> error = get("/api/v3/aggTrades?symbol=NOPEUSDT");
        assertThat(weight(error)).isEqualTo(112);
        assertThat(error.headers().firstValue("X-MBX-USED-WEIGHT")).contains("112");
        assertThat(emulator.usedWeight()).isEqualTo(112);
    }

    @Test
    void overTheLimitIs429ThenABan418BothWithRetryAfter() throws Exception {
        emulator.requestWeightLimit(10, Duration.ofHours(1));
        emulator.banAfter(2, Duration.ofMinutes(2));
        assertThat(get("/api/v3/aggTrades?symbol=BTCUSDT").statusCode()).isEqualTo(200);
        assertThat(get("/api/v3/aggTrades?symbol=BTCUSDT").statusCode()).isEqualTo(200);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> limited = get("/api/v3/aggTrades?symbol=BTCUSDT");
            assertThat(limited.statusCode()).isEqualTo(429);
            assertThat(retryAfter(limited)).isBetween(1L, 3600L);
            assertThat(limited.headers().firstValue("X-MBX-USED-WEIGHT-60M")).isPresent();
            assertThat(json(limited).get("code").asInt()).isEqualTo(-1003);
            assertThat(json(limited).get("msg").asText()).startsWith("Too much request weight used");
        }
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> banned = get("/api/v3/time");
            assertThat(banned.statusCode()).isEqualTo(418);
            assertThat(retryAfter(banned)).isBetween(1L, 120L);
            assertThat(json(banned).get("code").asInt()).isEqualTo(-1003);
            assertThat(json(banned).get("msg").asText()).startsWith("Way too much request weight used; IP banned");
        }
    }

    @Test
    void theWeightComesBackWhenTheWindowTurns() throws Exception {
        emulator.requestWeightLimit(8, Duration.ofSeconds(1));
        List<HttpResponse<String>> limited = new CopyOnWriteArrayList<>();
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> {
            HttpResponse<String> response = get("/api/v3/aggTrades?symbol=BTCUSDT");
            if (response.statusCode() == 429) {
                limited.add(response);
            }
            return !limited.isEmpty();
        });
        // A client that honours Retry-After (asking again sooner adds rejections and ends in a 418 ban).
        Duration retryAfter = Duration.ofSeconds(retryAfter(limited.get(0)));
        await().atMost(WAIT).pollDelay(retryAfter).pollInterval(retryAfter)
                .until(() -> get("/api/v3/aggTrades?symbol=BTCUSDT").statusCode() == 200);
        assertThat(get("/api/v3/time").headers().firstValue("X-MBX-USED-WEIGHT-1S")).isPresent();
    }

    @Test
    void injectedFailuresCarryRetryAfterAndBinanceBodies() throws Exception {
        emulator.failRest(429, 7, 1);
        HttpResponse<String> limited = get("/api/v3/aggTrades?symbol=BTCUSDT");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(retryAfter(limited)).isEqualTo(7);
        assertThat(json(limited).get("code").asInt()).isEqualTo(-1003);
        emulator.failRest(418, 120, 1);
        HttpResponse<String> banned = get("/api/v3/aggTrades?symbol=BTCUSDT");
        assertThat(banned.statusCode()).isEqualTo(418);
        assertThat(retryAfter(banned)).isEqualTo(120);
        assertThat(get("/api/v3/aggTrades?symbol=BTCUSDT").statusCode()).isEqualTo(200);
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode doc(String name) throws IOException {
        try (InputStream in = BinanceEmulatorTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return DOCS.readTree(in);
        }
    }

    /** A documented request without its comments, as a client would send it. */
    private static String compact(String name) throws IOException {
        return JSON.writeValueAsString(doc(name));
    }

    private static List<String> names(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /**
     * Same field names and the same JSON value types as the documented example. An empty documented container
     * ("// These are defined in ...") says only that a container is there; an array of containers is a list of
     * like elements; a documented array of several scalars is a fixed row (klines), compared place by place.
     */
    static void assertSameShape(JsonNode documented, JsonNode actual) {
        assertThat(actual).as("missing value for %s", documented).isNotNull();
        assertThat(actual.getNodeType()).as("type of %s (documented %s)", actual, documented)
                .isEqualTo(documented.getNodeType());
        if (documented.isObject() && !documented.isEmpty()) {
            assertThat(names(actual)).as("fields of %s", actual).containsExactlyInAnyOrderElementsOf(names(documented));
            for (Iterator<String> it = documented.fieldNames(); it.hasNext(); ) {
                String field = it.next();
                assertSameShape(documented.get(field), actual.get(field));
            }
        } else if (documented.isArray() && !documented.isEmpty()) {
            JsonNode first = documented.get(0);
            if (first.isContainerNode() || documented.size() == 1) {
                actual.forEach(element -> assertSameShape(first, element));
            } else {
                assertThat(actual).as("row %s", actual).hasSize(documented.size());
                for (int i = 0; i < documented.size(); i++) {
                    assertSameShape(documented.get(i), actual.get(i));
                }
            }
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create(emulator.wsBase() + pathAndQuery);
    }

    private Recorder connect(String pathAndQuery) throws Exception {
        return connect(pathAndQuery, new Recorder());
    }

    /** Connects and waits until the emulator's side of the socket is registered too (trades go to it from then). */
    private <T extends Recorder> T connect(String pathAndQuery, T endpoint) throws Exception {
        int before = emulator.connectionsOpened();
        ws.connect(endpoint, uri(pathAndQuery)).get(20, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> emulator.connectionsOpened() > before);
        return endpoint;
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(emulator.restBase() + pathAndQuery)).GET()
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static long weight(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("X-MBX-USED-WEIGHT-1M").orElseThrow());
    }

    private static long retryAfter(HttpResponse<String> response) {
        return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
    }

    private static void assertError(HttpResponse<String> response, int status, int code, String msg)
            throws IOException {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(json(response)).isEqualTo(JSON.createObjectNode().put("code", code).put("msg", msg));
    }

    /** A plain client endpoint: text frames queued, the close code kept; Jetty answers pings itself. */
    public static class Recorder implements Session.Listener.AutoDemanding {
        final BlockingQueue<String> texts = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closed = new CompletableFuture<>();
        volatile Session session;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String text) {
            texts.add(text);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            closed.complete(statusCode);
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            closed.complete(1006);
        }

        void send(String text) {
            session.sendText(text, Callback.NOOP);
        }

        /** The next {@code n} text frames, parsed; fails when they do not come in time. */
        List<JsonNode> take(int n) throws Exception {
            List<JsonNode> got = new ArrayList<>(n);
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (got.size() < n) {
                String text = texts.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
                assertThat(text).as("frame %d of %d", got.size() + 1, n).isNotNull();
                got.add(JSON.readTree(text));
            }
            return got;
        }

        int closeCode() throws Exception {
            return closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Listens to pings itself (so Jetty does not answer): keeps their payloads, answers them or not. */
    public static class ManualPonger extends Recorder {
        final List<byte[]> pings = new CopyOnWriteArrayList<>();
        private final boolean answer;

        ManualPonger(boolean answer) {
            this.answer = answer;
        }

        @Override
        public void onWebSocketPing(ByteBuffer payload) {
            byte[] copy = new byte[payload.remaining()];
            payload.slice().get(copy);
            pings.add(copy);
            if (answer) {
                session.sendPong(ByteBuffer.wrap(copy), Callback.NOOP);
            }
        }
    }

    /** Answers every ping with an empty (unsolicited) pong: documented not to prevent the disconnection. */
    public static class WrongPonger extends Recorder {
        @Override
        public void onWebSocketPing(ByteBuffer payload) {
            session.sendPong(ByteBuffer.allocate(0), Callback.NOOP);
        }
    }
}
