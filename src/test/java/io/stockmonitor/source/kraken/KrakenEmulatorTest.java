package io.stockmonitor.source.kraken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockmonitor.source.testing.EmulatedTrade;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Kraken emulator against Kraken's documentation, through real sockets: every message kind has the field names and
 * JSON value types of the documented example (the files next to this class's resources), REST paging with
 * {@code since} yields every trade exactly once, and each fault does what it says.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
public class KrakenEmulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final Duration HEARTBEAT = Duration.ofMillis(200);
    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final String BTC = "BTC/USD";

    private KrakenEmulator kraken;
    private WebSocketClient ws;
    private HttpClient http;

    @BeforeEach
    void start() throws Exception {
        kraken = new KrakenEmulator(7);
        kraken.addDocumentedPairs();
        kraken.heartbeatInterval(HEARTBEAT);
        kraken.start();
        ws = new WebSocketClient();
        ws.start();
        http = HttpClient.newHttpClient();
    }

    @AfterEach
    void stop() throws Exception {
        ws.stop();
        kraken.close();
    }

    // ------------------------------------------------------------------ WebSocket v2: the documented messages

    @Test
    void statusIsTheFirstFrameAndHasTheDocumentedShape() throws Exception {
        Client c = connect();

        JsonNode status = c.frames.get(0);
        assertShape(status, "ws-status.json");
        assertThat(status.at("/data/0/system").asText()).isEqualTo("online");
        assertThat(status.at("/data/0/api_version").asText()).isEqualTo("v2");
        // Like the documented 13834774380200032777: an unsigned 64-bit value, beyond a Java long.
        assertThat(status.at("/data/0/connection_id").bigIntegerValue())
                .isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
    }

    @Test
    void tradeSubscriptionIsAckedThenSnapshotsTheLast50ThenStreamsUpdatesWithConsecutiveIds() throws Exception {
        List<EmulatedTrade> before = kraken.trade(BTC, 60);
        Client c = connect();

        c.send(subscribe("trade", BTC, "\"snapshot\":true", null));
        await().atMost(WAIT).until(() -> c.channel("trade").size() == 1);
        JsonNode ack = c.method("subscribe").get(0);
        assertShape(ack, "ws-trade-subscribe-ack.json");
        assertThat(ack.at("/result/symbol").asText()).isEqualTo(BTC);
        assertThat(ack.at("/result/snapshot").asBoolean()).isTrue();
        assertThat(ack.get("success").asBoolean()).isTrue();
        JsonNode snapshot = c.channel("trade").get(0);
        assertThat(c.frames.indexOf(ack)).as("ack before snapshot").isLessThan(c.frames.indexOf(snapshot));
        assertShape(snapshot, "ws-trade-snapshot.json");
        assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
        assertTrades(snapshot.get("data"), before.subList(10, 60));

        List<EmulatedTrade> after = kraken.trade(BTC, 3);
        await().atMost(WAIT).until(() -> c.channel("trade").size() == 4);
        assertThat(after.get(0).id()).isEqualTo(before.get(59).id() + 1);
        for (int i = 0; i < 3; i++) {
            JsonNode update = c.channel("trade").get(1 + i);
            assertShape(update, "ws-trade-update.json");
            assertThat(update.get("type").asText()).isEqualTo("update");
            assertTrades(update.get("data"), after.subList(i, i + 1));
        }
    }

    @Test
    void snapshotThenLiveUpdatesLeaveNoGapAndNoOverlapWhileTrading() throws Exception {
        kraken.trade(BTC, 20);
        kraken.startTrading(300);
        Client c = connect();
        c.send(subscribe("trade", BTC, "\"snapshot\":true", null));
        await().atMost(WAIT).until(() -> tradeIds(c).size() >= 150);
        kraken.stopTrading();

        List<Long> ids = tradeIds(c);
        assertThat(c.channel("trade").get(0).get("type").asText()).isEqualTo("snapshot");
        for (int i = 1; i < ids.size(); i++) {
            assertThat(ids.get(i)).as("id after %s", ids.get(i - 1)).isEqualTo(ids.get(i - 1) + 1);
        }
    }

    @Test
    void tradeSnapshotDefaultsToFalseAndReqIdIsEchoed() throws Exception {
        kraken.trade(BTC, 10);
        Client c = connect();

        c.send(subscribe("trade", BTC, null, 7));
        await().atMost(WAIT).until(() -> c.method("subscribe").size() == 1);
        JsonNode ack = c.method("subscribe").get(0);
        assertThat(ack.get("req_id").asLong()).isEqualTo(7);
        assertThat(ack.at("/result/snapshot").asBoolean()).isFalse();

        EmulatedTrade next = kraken.trade(BTC, 1).get(0);
        await().atMost(WAIT).until(() -> c.channel("trade").size() == 1);
        JsonNode first = c.channel("trade").get(0);
        assertThat(first.get("type").asText()).as("no snapshot before the first update").isEqualTo("update");
        assertTrades(first.get("data"), List.of(next));
    }

    @Test
    void tickerSnapshotAndUpdatesHaveTheDocumentedShape() throws Exception {
        kraken.trade(BTC, 5);
        Client c = connect();

        c.send(resource("ws-ticker-subscribe-request.json").replace("ALGO/USD", BTC));
        await().atMost(WAIT).until(() -> c.channel("ticker").size() == 1);
        JsonNode snapshot = c.channel("ticker").get(0);
        assertShape(snapshot, "ws-ticker-snapshot.json");
        assertThat(snapshot.get("type").asText()).isEqualTo("snapshot");
        List<EmulatedTrade> all = kraken.trades(BTC);
        assertThat(snapshot.at("/data/0/last").decimalValue()).isEqualByComparingTo(all.get(4).price());

        EmulatedTrade t = kraken.trade(BTC, 1).get(0);
        await().atMost(WAIT).until(() -> c.channel("ticker").size() == 2);
        JsonNode update = c.channel("ticker").get(1);
        assertShape(update, "ws-ticker-snapshot.json");
        assertThat(update.get("type").asText()).isEqualTo("update");
        assertThat(update.at("/data/0/last").decimalValue()).isEqualByComparingTo(t.price());
        assertThat(update.at("/data/0/bid").decimalValue()).isLessThan(update.at("/data/0/ask").decimalValue());
        assertThat(update.at("/data/0/volume").decimalValue()).isEqualByComparingTo(
                all.stream().map(EmulatedTrade::size).reduce(t.size(), BigDecimal::add));
    }

    @Test
    void heartbeatsFlowOnlyOnceSomethingIsSubscribedAndHaveTheDocumentedShape() throws Exception {
        Client c = connect();
        await().during(HEARTBEAT.multipliedBy(4)).atMost(WAIT).until(() -> c.channel("heartbeat").isEmpty());

        c.send(subscribe("trade", BTC, null, null));
        await().atMost(WAIT).until(() -> c.channel("heartbeat").size() >= 3);
        assertShape(c.channel("heartbeat").get(0), "ws-heartbeat.json");
    }

    @Test
    void theHeartbeatSubscriptionOfTheReconnectionGuideIsAckedAndStartsHeartbeats() throws Exception {
        Client c = connect();

        c.send("{\"method\": \"subscribe\", \"params\": {\"channel\": \"heartbeat\"}}");
        await().atMost(WAIT).until(() -> c.channel("heartbeat").size() >= 2);
        JsonNode ack = c.method("subscribe").get(0);
        assertThat(ack.get("success").asBoolean()).isTrue();
        assertThat(ack.at("/result/channel").asText()).isEqualTo("heartbeat");
    }

    @Test
    void pingIsAnsweredWithTheDocumentedPong() throws Exception {
        Client c = connect();

        c.send(resource("ws-ping.json"));
        await().atMost(WAIT).until(() -> c.method("pong").size() == 1);
        JsonNode pong = c.method("pong").get(0);
        assertShape(pong, "ws-pong.json");
        assertThat(pong.get("req_id").asLong()).isEqualTo(101);
        assertRfc3339Micros(pong.get("time_in").asText());
    }

    @Test
    void unsubscribeIsAckedAndStopsTheChannel() throws Exception {
        Client c = connect();
        c.send(subscribe("trade", BTC, null, null));
        await().atMost(WAIT).until(() -> c.method("subscribe").size() == 1);

        c.send("{\"method\":\"unsubscribe\",\"params\":{\"channel\":\"trade\",\"symbol\":[\"BTC/USD\"]},\"req_id\":5}");
        await().atMost(WAIT).until(() -> c.method("unsubscribe").size() == 1);
        JsonNode ack = c.method("unsubscribe").get(0);
        assertThat(fieldNames(ack)).containsExactly("method", "result", "success", "time_in", "time_out", "req_id");
        assertThat(fieldNames(ack.get("result"))).containsExactly("channel", "symbol");
        c.send(subscribe("ticker", BTC, "\"snapshot\":false", null));
        await().atMost(WAIT).until(() -> c.method("subscribe").size() == 2);
        kraken.trade(BTC, 1);
        // The emulator sends a trade's update before its ticker: once the ticker is here, no update will follow.
        await().atMost(WAIT).until(() -> c.channel("ticker").size() == 1);
        assertThat(c.channel("trade")).isEmpty();
    }

    // ------------------------------------------------------------------ REST: the documented responses

    @Test
    void restTradesHaveTheDocumentedRowsAndLastCursor() throws Exception {
        List<EmulatedTrade> made = kraken.trade(BTC, 5);

        JsonNode body = getJson("/0/public/Trades?pair=XBTUSD");
        assertShape(body, "rest-trades.json");
        JsonNode rows = body.at("/result/XXBTZUSD");
        assertRows(rows, made);
        assertThat(rows.get(0).get(0).asText()).as("price string, 5 decimals as in the example").matches(
                "\\d+\\.\\d{5}");
        assertThat(rows.get(0).get(1).asText()).as("volume string, 8 decimals").matches("\\d+\\.\\d{8}");
        assertThat(body.at("/result/last").asText()).isEqualTo(Long.toString(KrakenEmulator.sinceOf(made.get(4))));
        assertThat(getJson("/0/public/Trades?pair=xxbtzusd").at("/result").fieldNames().next())
                .as("the key, any case, answers under the key").isEqualTo("XXBTZUSD");
    }

    @Test
    void pagingWithSinceReturnsEveryTradeExactlyOnce() throws Exception {
        kraken.trade(BTC, 2_500);
        kraken.trade("ETH/BTC", 40);
        List<EmulatedTrade> truth = kraken.trades(BTC);

        Map<Long, JsonNode> seen = new LinkedHashMap<>();
        String since = "0";
        int pages = 0;
        boolean done = false;
        while (!done && pages < 20) {
            pages++;
            JsonNode result = getJson("/0/public/Trades?pair=XBTUSD&since=" + since).get("result");
            JsonNode rows = result.get("XXBTZUSD");
            assertThat(rows.size()).isLessThanOrEqualTo(KrakenEmulator.MAX_TRADES_PER_CALL);
            int fresh = 0;
            long previous = Long.MIN_VALUE;
            for (JsonNode row : rows) {
                long id = row.get(6).asLong();
                assertThat(id).as("oldest first").isGreaterThan(previous);
                previous = id;
                if (seen.putIfAbsent(id, row) == null) {
                    fresh++;
                }
            }
            done = fresh == 0;
            // One nanosecond of overlap: trades that share the boundary's timestamp come again (deduplicated by id).
            since = Long.toString(Long.parseLong(result.get("last").asText()) - 1);
        }

        assertThat(done).as("paging ended by itself after %s pages", pages).isTrue();
        assertThat(seen.keySet()).containsExactlyElementsOf(truth.stream().map(EmulatedTrade::id).toList());
        assertRows(JSON.valueToTree(new ArrayList<>(seen.values())), truth);
    }

    @Test
    void sinceIsExclusiveOnTradeTimeAcceptsSecondsAndCountBoundsThePage() throws Exception {
        List<EmulatedTrade> made = kraken.trade(BTC, 30);
        long cut = KrakenEmulator.sinceOf(made.get(10));
        List<EmulatedTrade> after = made.stream().filter(t -> KrakenEmulator.sinceOf(t) > cut).toList();

        JsonNode rows = getJson("/0/public/Trades?pair=XBTUSD&since=" + cut).at("/result/XXBTZUSD");
        assertRows(rows, after);

        JsonNode two = getJson("/0/public/Trades?pair=XBTUSD&count=2&since=" + cut).get("result");
        assertRows(two.get("XXBTZUSD"), after.subList(0, 2));
        assertThat(two.get("last").asText()).isEqualTo(Long.toString(KrakenEmulator.sinceOf(after.get(1))));

        JsonNode newest = getJson("/0/public/Trades?pair=XBTUSD&count=5").at("/result/XXBTZUSD");
        assertRows(newest, made.subList(25, 30));

        long seconds = made.get(0).time().getEpochSecond() - 1;
        assertRows(getJson("/0/public/Trades?pair=XBTUSD&since=" + seconds).at("/result/XXBTZUSD"), made);

        for (String bad : List.of("count=0", "count=1001", "count=x", "since=x", "since=-5")) {
            assertError("/0/public/Trades?pair=XBTUSD&" + bad, KrakenEmulator.INVALID_ARGUMENTS_ERROR);
        }
    }

    @Test
    void ohlcHasTheDocumentedShapeAndAlwaysEndsWithTheCurrentInterval() throws Exception {
        kraken.trade(BTC, 20);

        JsonNode body = getJson("/0/public/OHLC?pair=XBTUSD&interval=1");
        assertShape(body, "rest-ohlc.json");
        JsonNode rows = body.at("/result/XXBTZUSD");
        int count = 0;
        for (JsonNode row : rows) {
            count += row.get(7).asInt();
        }
        assertThat(count).isEqualTo(20);
        long lastEntry = rows.get(rows.size() - 1).get(0).asLong();
        assertThat(lastEntry % 60).isZero();
        assertThat(lastEntry).isLessThanOrEqualTo(Instant.now().getEpochSecond());
        long last = body.at("/result/last").asLong();
        assertThat(last).isEqualTo(rows.size() >= 2 ? rows.get(rows.size() - 2).get(0).asLong() : lastEntry - 60);

        JsonNode future = getJson("/0/public/OHLC?pair=XBTUSD&since=" + (lastEntry + 3600)).at("/result/XXBTZUSD");
        assertThat(future.size()).as("the current entry, whatever since says").isEqualTo(1);
        assertError("/0/public/OHLC?pair=XBTUSD&interval=2", KrakenEmulator.INVALID_ARGUMENTS_ERROR);
    }

    @Test
    void tickerHasTheDocumentedShapeAndTheMarketsValues() throws Exception {
        List<EmulatedTrade> made = kraken.trade(BTC, 8);

        JsonNode body = getJson("/0/public/Ticker?pair=XBTUSD");
        assertShape(body, "rest-ticker.json");
        JsonNode t = body.at("/result/XXBTZUSD");
        assertThat(new BigDecimal(t.at("/c/0").asText())).isEqualByComparingTo(made.get(7).price());
        assertThat(new BigDecimal(t.at("/c/1").asText())).isEqualByComparingTo(made.get(7).size());
        assertThat(t.at("/t/1").asInt()).isEqualTo(8);
        assertThat(new BigDecimal(t.at("/b/0").asText())).isLessThan(new BigDecimal(t.at("/a/0").asText()));
        assertThat(getJson("/0/public/Ticker").get("result").size()).as("no pair: every pair").isEqualTo(2);
    }

    @Test
    void assetPairsHaveTheDocumentedShapeAndMapEverySpellingToOnePair() throws Exception {
        JsonNode all = getJson("/0/public/AssetPairs");
        assertShape(all, "rest-assetpairs.json");
        JsonNode btc = all.at("/result/XXBTZUSD");
        assertThat(btc.get("altname").asText()).isEqualTo("XBTUSD");
        assertThat(btc.get("wsname").asText()).isEqualTo("XBT/USD");
        assertThat(btc.get("tick_size").asText()).isEqualTo("0.1");
        assertThat(btc.get("pair_decimals").asInt()).isEqualTo(1);

        for (String spelling : List.of("BTC/USD", "XBT/USD", "XBTUSD", "XXBTZUSD")) {
            assertThat(fieldNames(getJson("/0/public/AssetPairs?pair=" + spelling.replace("/", "%2F"))
                    .get("result"))).as(spelling).containsExactly("XXBTZUSD");
        }
        assertThat(fieldNames(getJson("/0/public/AssetPairs?pair=BTC%2FUSD,ETH%2FBTC").get("result")))
                .containsExactly("XXBTZUSD", "XETHXXBT");
        assertError("/0/public/AssetPairs?pair=DOGE%2FUSD", KrakenEmulator.UNKNOWN_PAIR_ERROR);
    }

    @Test
    void badParametersAnswerTheDocumentedErrorArraysWithHttp200() throws Exception {
        assertError("/0/public/Trades?pair=NOPEUSD", KrakenEmulator.UNKNOWN_PAIR_ERROR);
        assertError("/0/public/Trades?pair=BTC%2FUSD", KrakenEmulator.UNKNOWN_PAIR_ERROR);
        assertError("/0/public/Trades", KrakenEmulator.INVALID_ARGUMENTS_ERROR);
        assertError("/0/public/OHLC?pair=NOPEUSD", KrakenEmulator.UNKNOWN_PAIR_ERROR);
        assertError("/0/public/Ticker?pair=XBTUSD,NOPEUSD", KrakenEmulator.UNKNOWN_PAIR_ERROR);
        assertError("/0/public/AssetPairs?info=everything", KrakenEmulator.INVALID_ARGUMENTS_ERROR);
    }

    @Test
    void systemStatusAndTimeAnswer() throws Exception {
        JsonNode status = getJson("/0/public/SystemStatus").get("result");
        assertThat(status.get("status").asText()).isEqualTo("online");
        assertThat(fieldNames(status)).containsExactly("status", "timestamp");
        JsonNode time = getJson("/0/public/Time").get("result");
        assertThat(time.get("unixtime").isIntegralNumber()).isTrue();
        assertThat(time.get("rfc1123").asText())
                .matches("[A-Z][a-z]{2}, \\d\\d [A-Z][a-z]{2} \\d\\d [0-9:]{8} \\+0000");
    }

    // ------------------------------------------------------------------ faults

    @Test
    void unknownSymbolIsRefusedInTheAckEnvelope() throws Exception {
        Client c = connect();

        c.send(subscribe("trade", "XBT/USD", null, 3));
        await().atMost(WAIT).until(() -> c.method("subscribe").size() == 1);
        JsonNode refusal = c.method("subscribe").get(0);
        assertThat(refusal.get("success").asBoolean()).isFalse();
        assertThat(refusal.get("error").asText()).isEqualTo("Currency pair not supported XBT/USD");
        assertThat(refusal.get("symbol").asText()).isEqualTo("XBT/USD");
        assertThat(refusal.get("req_id").asLong()).isEqualTo(3);
        assertThat(fieldNames(refusal)).containsExactlyInAnyOrder("error", "method", "success", "symbol", "time_in",
                "time_out", "req_id");

        kraken.refuseSubscriptions("ETH/BTC", "Subscription refused");
        c.send(subscribe("trade", "ETH/BTC", null, 4));
        await().atMost(WAIT).until(() -> c.method("subscribe").size() == 2);
        assertThat(c.method("subscribe").get(1).get("error").asText()).isEqualTo("Subscription refused");
        kraken.refuseSubscriptions("ETH/BTC", null);
        c.send(subscribe("trade", "ETH/BTC", null, 5));
        await().atMost(WAIT).until(() -> c.method("subscribe").size() == 3);
        assertThat(c.method("subscribe").get(2).get("success").asBoolean()).isTrue();
    }

    @Test
    void idsSkippedOnTheSocketAreStillServedByRest() throws Exception {
        Client c = subscribedClient();
        List<EmulatedTrade> made = new ArrayList<>(kraken.trade(BTC, 3));
        kraken.skipOnSocket(BTC, 2);
        made.addAll(kraken.trade(BTC, 3));
        await().atMost(WAIT).until(() -> tradeIds(c).size() == 4);

        long first = made.get(0).id();
        assertThat(tradeIds(c)).containsExactly(first, first + 1, first + 2, first + 5);
        long since = KrakenEmulator.sinceOf(made.get(2)) - 1;
        JsonNode rows = getJson("/0/public/Trades?pair=XBTUSD&since=" + since).at("/result/XXBTZUSD");
        assertThat(ids(rows)).containsSubsequence(first + 2, first + 3, first + 4, first + 5);
    }

    @Test
    void duplicatedTradesArriveTwiceWithTheSameId() throws Exception {
        Client c = subscribedClient();
        kraken.duplicateOnSocket(BTC, 1);
        List<EmulatedTrade> made = kraken.trade(BTC, 2);
        await().atMost(WAIT).until(() -> tradeIds(c).size() == 3);

        assertThat(tradeIds(c)).containsExactly(made.get(0).id(), made.get(0).id(), made.get(1).id());
    }

    @Test
    void dropClosesAbnormallyAndANewConnectionIsGreetedAfresh() throws Exception {
        Client c = subscribedClient();
        String firstId = c.frames.get(0).at("/data/0/connection_id").asText();

        kraken.dropAll();
        await().atMost(WAIT).until(() -> c.closeCode == 1006);
        await().atMost(WAIT).until(() -> kraken.openSockets() == 0);

        Client again = connect();
        assertThat(again.frames.get(0).at("/data/0/connection_id").asText()).isNotEqualTo(firstId);
    }

    @Test
    void silenceStopsEveryFrameIncludingHeartbeatsAndTradesMadeMeanwhileAreLostOnTheSocket() throws Exception {
        Client c = subscribedClient();
        await().atMost(WAIT).until(() -> c.channel("heartbeat").size() >= 1);
        EmulatedTrade before = kraken.trade(BTC, 1).get(0);
        await().atMost(WAIT).until(() -> tradeIds(c).size() == 1);

        kraken.silence(Duration.ofSeconds(6));
        List<EmulatedTrade> lost = kraken.trade(BTC, 2);
        // Frames already on the wire may still land; then nothing for a second (five heartbeat intervals).
        AtomicInteger seen = new AtomicInteger(-1);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> {
            int now = c.frames.size();
            return seen.getAndSet(now) == now;
        });

        int heartbeats = c.channel("heartbeat").size();
        await().atMost(WAIT).until(() -> c.channel("heartbeat").size() > heartbeats);
        EmulatedTrade after = kraken.trade(BTC, 1).get(0);
        await().atMost(WAIT).until(() -> tradeIds(c).size() == 2);
        assertThat(tradeIds(c)).containsExactly(before.id(), after.id());
        assertThat(after.id()).isEqualTo(lost.get(1).id() + 1);
    }

    @Test
    void restFailuresCarryRetryAfterAndKrakensErrorArray() throws Exception {
        kraken.failRest(429, 7, 1);
        HttpResponse<String> limited = get("/0/public/Trades?pair=XBTUSD");
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(JSON.readTree(limited.body()).get("error").get(0).asText())
                .isEqualTo(KrakenEmulator.RATE_LIMIT_ERROR);

        kraken.failRest(503, 3, 1);
        HttpResponse<String> unavailable = get("/0/public/Trades?pair=XBTUSD");
        assertThat(unavailable.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(unavailable.body()).get("error").get(0).asText()).isEqualTo("EService:Unavailable");

        assertThat(get("/0/public/Trades?pair=XBTUSD").statusCode()).isEqualTo(200);
    }

    @Test
    void krakensOwnRateLimitErrorComesWithHttp200() throws Exception {
        kraken.rateLimitRest(2);
        assertError("/0/public/Trades?pair=XBTUSD", KrakenEmulator.RATE_LIMIT_ERROR);
        assertError("/0/public/OHLC?pair=XBTUSD", KrakenEmulator.RATE_LIMIT_ERROR);
        assertThat(getJson("/0/public/Trades?pair=XBTUSD").get("error")).isEmpty();

        kraken.rateLimitRest(1, KrakenEmulator.TOO_MANY_REQUESTS_ERROR);
        assertError("/0/public/Ticker?pair=XBTUSD", KrakenEmulator.TOO_MANY_REQUESTS_ERROR);

        kraken.restRateLimit(3, 0);
        for (int i = 0; i < 3; i++) {
            assertThat(getJson("/0/public/Time").get("error")).as("call %s", i + 1).isEmpty();
        }
        assertError("/0/public/Time", KrakenEmulator.RATE_LIMIT_ERROR);
        kraken.restRateLimit(0, 0);
        assertThat(getJson("/0/public/Time").get("error")).isEmpty();
    }

    @Test
    void refusedUpgradeFailsTheConnectThenTheNextOneIsServed() throws Exception {
        kraken.refuseUpgrades(503, 1);

        Client refused = new Client();
        assertThatThrownBy(() -> ws.connect(refused, wsUri()).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UpgradeException.class)
                .satisfies(e -> assertThat(((UpgradeException) e).getResponseStatusCode()).isEqualTo(503));
        connect();
        assertThat(kraken.upgrades()).isEqualTo(2);
    }

    @Test
    void maintenanceIsPushedOnTheStatusChannelAndGreetsNewConnections() throws Exception {
        Client c = connect();

        kraken.systemStatus("maintenance");
        await().atMost(WAIT).until(() -> c.channel("status").size() == 2);
        JsonNode update = c.channel("status").get(1);
        assertShape(update, "ws-status.json");
        assertThat(update.at("/data/0/system").asText()).isEqualTo("maintenance");
        assertThat(connect().frames.get(0).at("/data/0/system").asText()).isEqualTo("maintenance");
        assertThat(getJson("/0/public/SystemStatus").at("/result/status").asText()).isEqualTo("maintenance");

        kraken.systemStatus("online");
        await().atMost(WAIT).until(() -> c.channel("status").size() == 3);
        assertThat(c.channel("status").get(2).at("/data/0/system").asText()).isEqualTo("online");
    }

    @Test
    void serverCloseSendsACloseFrameWithTheGivenCode() throws Exception {
        Client c = subscribedClient();

        kraken.closeAll(1001, "going away");
        await().atMost(WAIT).until(() -> c.closeCode == 1001);
    }

    @Test
    void aBatchOfTradesArrivesAsOneUpdate() throws Exception {
        Client c = subscribedClient();

        List<EmulatedTrade> batch = kraken.tradeBatch(BTC, 3);
        await().atMost(WAIT).until(() -> c.channel("trade").size() == 1);
        JsonNode update = c.channel("trade").get(0);
        assertShape(update, "ws-trade-update.json");
        assertTrades(update.get("data"), batch);
    }

    // ------------------------------------------------------------------ helpers

    /** A socket subscribed to BTC/USD trades without a snapshot, its ack received. */
    private Client subscribedClient() throws Exception {
        Client c = connect();
        c.send(subscribe("trade", BTC, null, null));
        await().atMost(WAIT).until(() -> c.method("subscribe").size() == 1);
        return c;
    }

    private Client connect() throws Exception {
        Client c = new Client();
        ws.connect(c, wsUri()).get(10, TimeUnit.SECONDS);
        await().atMost(WAIT).until(() -> !c.channel("status").isEmpty());
        return c;
    }

    private URI wsUri() {
        return URI.create(kraken.wsBase() + KrakenEmulator.WS_PATH);
    }

    private static String subscribe(String channel, String symbol, String extra, Integer reqId) {
        return "{\"method\":\"subscribe\",\"params\":{\"channel\":\"" + channel + "\",\"symbol\":[\"" + symbol + "\"]"
                + (extra == null ? "" : "," + extra) + "}" + (reqId == null ? "" : ",\"req_id\":" + reqId) + "}";
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(kraken.restBase() + pathAndQuery))
                .timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode getJson(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> r = get(pathAndQuery);
        assertThat(r.statusCode()).as(pathAndQuery).isEqualTo(200);
        return JSON.readTree(r.body());
    }

    /** HTTP 200 and a body of exactly {@code {"error":[error]}} (no result, as the docs say of failed requests). */
    private void assertError(String pathAndQuery, String error) throws IOException, InterruptedException {
        JsonNode body = getJson(pathAndQuery);
        assertThat(fieldNames(body)).as(pathAndQuery).containsExactly("error");
        assertThat(body.get("error").get(0).asText()).as(pathAndQuery).isEqualTo(error);
        assertThat(body.get("error").size()).isEqualTo(1);
    }

    private static List<Long> tradeIds(Client c) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode m : c.channel("trade")) {
            for (JsonNode t : m.get("data")) {
                ids.add(t.get("trade_id").asLong());
            }
        }
        return ids;
    }

    private static List<Long> ids(JsonNode rows) {
        return StreamSupport.stream(rows.spliterator(), false).map(r -> r.get(6).asLong()).toList();
    }

    private static void assertTrades(JsonNode data, List<EmulatedTrade> expected) {
        assertThat(data.size()).isEqualTo(expected.size());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode d = data.get(i);
            EmulatedTrade t = expected.get(i);
            assertThat(d.get("trade_id").asLong()).isEqualTo(t.id());
            assertThat(d.get("symbol").asText()).isEqualTo(t.symbol());
            assertThat(d.get("side").asText()).isEqualTo(t.takerSide());
            assertThat(d.get("price").decimalValue()).isEqualByComparingTo(t.price());
            assertThat(d.get("qty").decimalValue()).isEqualByComparingTo(t.size());
            assertThat(d.get("ord_type").asText()).isIn("limit", "market");
            String ts = d.get("timestamp").asText();
            assertRfc3339Micros(ts);
            assertThat(Instant.parse(ts)).isEqualTo(t.time().truncatedTo(ChronoUnit.MICROS));
        }
    }

    /** REST rows: {@code [price, volume, time, b/s, m/l, misc, trade_id]} equal to the trades, in order. */
    private static void assertRows(JsonNode rows, List<EmulatedTrade> expected) {
        assertThat(ids(rows)).containsExactlyElementsOf(expected.stream().map(EmulatedTrade::id).toList());
        for (int i = 0; i < expected.size(); i++) {
            JsonNode r = rows.get(i);
            EmulatedTrade t = expected.get(i);
            assertThat(new BigDecimal(r.get(0).asText())).isEqualByComparingTo(t.price());
            assertThat(new BigDecimal(r.get(1).asText())).isEqualByComparingTo(t.size());
            assertThat(r.get(2).decimalValue().movePointRight(9).longValueExact()).isEqualTo(KrakenEmulator.sinceOf(t));
            assertThat(r.get(3).asText()).isEqualTo(t.takerSide().substring(0, 1));
            assertThat(r.get(4).asText()).isEqualTo(KrakenEmulator.ordType(t).substring(0, 1));
            assertThat(r.get(5).asText()).isEmpty();
        }
    }

    private static void assertRfc3339Micros(String ts) {
        assertThat(ts).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}Z");
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static void assertShape(JsonNode actual, String documented) {
        JsonNode doc = parse(resource(documented));
        assertThat(shape(actual)).as("shape of %s against %s", actual, documented).isEqualTo(shape(doc));
    }

    /** A homogeneous JSON array (a list), as opposed to a positional tuple such as a REST trade row. */
    private record ListOf(Object element) {
    }

    /**
     * Field names and JSON value types, nothing else: objects by field name (order ignored), arrays whose elements
     * share one shape as a list of it, other arrays position by position, numbers as integer or float.
     */
    private static Object shape(JsonNode n) {
        if (n.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<String, JsonNode> e : n.properties()) {
                m.put(e.getKey(), shape(e.getValue()));
            }
            return m;
        }
        if (n.isArray()) {
            List<Object> elements = StreamSupport.stream(n.spliterator(), false).map(KrakenEmulatorTest::shape)
                    .collect(Collectors.toList());
            if (!elements.isEmpty() && elements.stream().distinct().count() == 1) {
                return new ListOf(elements.get(0));
            }
            return elements;
        }
        if (n.isTextual()) {
            return "string";
        }
        if (n.isBoolean()) {
            return "boolean";
        }
        if (n.isIntegralNumber()) {
            return "integer";
        }
        if (n.isNumber()) {
            return "float";
        }
        return n.getNodeType().toString();
    }

    private static String resource(String name) {
        try (InputStream in = KrakenEmulatorTest.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing documented example " + name);
            }
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A plain v2 client socket that keeps every frame it receives. */
    public static final class Client implements Session.Listener.AutoDemanding {
        final List<JsonNode> frames = new CopyOnWriteArrayList<>();
        volatile Session session;
        volatile int closeCode = -1;
        volatile Throwable error;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String text) {
            frames.add(parse(text));
        }

        /** Connection failures show up in the test's own assertions (close codes, connect futures). */
        @Override
        public void onWebSocketError(Throwable cause) {
            error = cause;
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            closeCode = statusCode;
            callback.succeed();
        }

        void send(String text) {
            session.sendText(text, Callback.NOOP);
        }

        List<JsonNode> channel(String channel) {
            return frames.stream().filter(f -> channel.equals(f.path("channel").asText(null))).toList();
        }

        List<JsonNode> method(String method) {
            return frames.stream().filter(f -> method.equals(f.path("method").asText(null))).toList();
        }
    }
}
