package io.stockmonitor.source.coinbase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stockmonitor.source.testing.EmulatedTrade;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Coinbase emulator against Coinbase's documentation, through real sockets: a plain Jetty WebSocket client and
 * the JDK's HTTP client. Every message kind has the field names and JSON value types of the documented example
 * (kept verbatim under {@code src/test/resources/io/stockmonitor/source/coinbase/}); pagination returns every trade
 * exactly once; each fault does what it says.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CoinbaseEmulatorTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final JsonMapper DOCS = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();
    private static final String BTC = "BTC-USD";
    private static final long BTC_FIRST_ID = 1_000_000_001L;

    private static WebSocketClient webSocket;
    private static HttpClient http;
    private CoinbaseEmulator coinbase;

    @BeforeAll
    static void clients() throws Exception {
        webSocket = new WebSocketClient();
        webSocket.start();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stopClients() throws Exception {
        webSocket.stop();
    }

    @BeforeEach
    void emulator() throws Exception {
        coinbase = new CoinbaseEmulator(42);
        coinbase.addSymbol(BTC, "30000.00", "0.01", BTC_FIRST_ID);
        coinbase.addSymbol("ETH-USD", "2000.00", "0.01", 500_000_001L);
        coinbase.addSymbol("ETH-EUR", "1800.00", "0.01", 70_000_001L);
        coinbase.addSymbol("ETH-BTC", "0.05000", "0.00001", 9_000_001L);
        coinbase.start();
    }

    @AfterEach
    void stopEmulator() {
        coinbase.close();
    }

    // ------------------------------------------------------------------ WebSocket: handshake and messages

    @Test
    void subscribeIsAnsweredWithSubscriptionsThenTheTickerAndLastMatchOfTheDocumentedShapes() throws Exception {
        List<EmulatedTrade> made = coinbase.trade(BTC, 5);
        EmulatedTrade last = made.get(4);
        Feed feed = connect();
        feed.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"matches\",\"ticker\","
                + "\"heartbeat\"]}");

        await().atMost(WAIT).until(() -> feed.frames.size() >= 3);
        JsonNode subscriptions = feed.frames.get(0);
        assertSameShape("subscriptions", subscriptions, doc("ws-subscriptions.json"));
        assertThat(subscriptions.get("channels").toString()).isEqualTo("[{\"name\":\"matches\",\"product_ids\":"
                + "[\"BTC-USD\"]},{\"name\":\"ticker\",\"product_ids\":[\"BTC-USD\"]},{\"name\":\"heartbeat\","
                + "\"product_ids\":[\"BTC-USD\"]}]");
        JsonNode ticker = feed.frames.get(1);
        assertSameShape("ticker", ticker, doc("ws-ticker.json"));
        assertThat(ticker.get("trade_id").asLong()).isEqualTo(last.id());
        assertThat(new BigDecimal(ticker.get("price").asText())).isEqualByComparingTo(last.price());
        assertThat(new BigDecimal(ticker.get("last_size").asText())).isEqualByComparingTo(last.size());
        JsonNode lastMatch = feed.frames.get(2);
        assertThat(lastMatch.get("type").asText()).isEqualTo("last_match");
        assertSameShape("last_match", lastMatch, doc("ws-match.json"));
        assertMatches(lastMatch, last);
        assertThat(lastMatch.get("sequence").asLong()).as("ticker and match of one trade share the sequence")
                .isEqualTo(ticker.get("sequence").asLong());
    }

    @Test
    void rootProductIdsAreAddedToEveryChannelExactlyAsInTheDocumentedExample() throws Exception {
        // The documented request and reply, with level2 (which needs authentication now) replaced by matches.
        String request = DOCS.writeValueAsString(doc("ws-subscribe-request.json")).replace("\"level2\"",
                "\"matches\"");
        String reply = DOCS.writeValueAsString(doc("ws-subscriptions.json")).replace("\"level2\"", "\"matches\"");
        Feed feed = connect();
        feed.send(request);

        await().atMost(WAIT).until(() -> !feed.ofType("subscriptions").isEmpty());
        assertThat(feed.ofType("subscriptions").get(0)).isEqualTo(DOCS.readTree(reply));
        assertThat(feed.ofType("error")).isEmpty();
    }

    @Test
    void theDocumentedUnsubscribeRemovesTheWholeChannel() throws Exception {
        Feed feed = subscribed("[\"heartbeat\",\"matches\"]", BTC, "ETH-USD");
        feed.send(DOCS.writeValueAsString(doc("ws-unsubscribe-request.json")));

        await().atMost(WAIT).until(() -> feed.ofType("subscriptions").size() == 2);
        assertThat(feed.ofType("subscriptions").get(1).get("channels").toString())
                .isEqualTo("[{\"name\":\"matches\",\"product_ids\":[\"BTC-USD\",\"ETH-USD\"]}]");
    }

    @Test
    void matchesCarryContiguousTradeIdsWhileTheirSequenceJumps() throws Exception {
        coinbase.trade(BTC, 1);
        Feed feed = subscribed("[\"matches\"]", BTC);
        await().atMost(WAIT).until(() -> feed.ofType("last_match").size() == 1);
        List<EmulatedTrade> made = coinbase.trade(BTC, 50);

        await().atMost(WAIT).until(() -> feed.ofType("match").size() == 50);
        List<JsonNode> matches = feed.ofType("match");
        long previousId = feed.ofType("last_match").get(0).get("trade_id").asLong();
        long previousSequence = feed.ofType("last_match").get(0).get("sequence").asLong();
        boolean jumped = false;
        for (int i = 0; i < matches.size(); i++) {
            JsonNode m = matches.get(i);
            assertSameShape("match", m, doc("ws-match.json"));
            assertMatches(m, made.get(i));
            assertThat(m.get("trade_id").asLong()).as("trade_id is contiguous").isEqualTo(previousId + 1);
            assertThat(m.get("sequence").asLong()).as("sequence increases").isGreaterThan(previousSequence);
            jumped |= m.get("sequence").asLong() > previousSequence + 1;
            previousId = m.get("trade_id").asLong();
            previousSequence = m.get("sequence").asLong();
        }
        assertThat(jumped).as("the matches channel skips the sequence numbers of other order events").isTrue();
    }

    @Test
    void tickerSideIsTheTakersAndMatchSideTheMakers() throws Exception {
        Feed feed = subscribed("[\"matches\",\"ticker\"]", BTC);
        List<EmulatedTrade> made = coinbase.trade(BTC, 20);

        await().atMost(WAIT).until(() -> feed.ofType("ticker").size() == 20 && feed.ofType("match").size() == 20);
        for (int i = 0; i < made.size(); i++) {
            JsonNode ticker = feed.ofType("ticker").get(i);
            JsonNode match = feed.ofType("match").get(i);
            assertSameShape("ticker", ticker, doc("ws-ticker.json"));
            assertThat(ticker.get("trade_id").asLong()).isEqualTo(match.get("trade_id").asLong());
            assertThat(ticker.get("side").asText()).isEqualTo(made.get(i).takerSide());
            assertThat(match.get("side").asText()).isNotEqualTo(ticker.get("side").asText());
        }
        int tickerIndex = feed.frames.indexOf(feed.ofType("ticker").get(0));
        assertThat(feed.frames.get(tickerIndex + 1)).as("a trade's ticker comes just before its match")
                .isEqualTo(feed.ofType("match").get(0));
    }

    @Test
    void heartbeatsCarryTheProductSequenceAndLastTradeIdAtTheConfiguredPeriod() throws Exception {
        coinbase.heartbeatPeriod(Duration.ofMillis(100));
        Feed feed = subscribed("[\"heartbeat\",\"matches\"]", BTC);
        List<EmulatedTrade> made = coinbase.trade(BTC, 3);
        long lastId = made.get(2).id();

        await().atMost(WAIT).until(() -> feed.ofType("heartbeat").stream()
                .filter(h -> h.get("last_trade_id").asLong() == lastId).count() >= 3);
        JsonNode lastMatch = feed.ofType("match").get(2);
        for (JsonNode h : feed.ofType("heartbeat")) {
            assertSameShape("heartbeat", h, doc("ws-heartbeat.json"));
            assertThat(h.get("product_id").asText()).isEqualTo(BTC);
        }
        JsonNode after = feed.ofType("heartbeat").stream().filter(h -> h.get("last_trade_id").asLong() == lastId)
                .findFirst().orElseThrow();
        assertThat(after.get("sequence").asLong()).isGreaterThanOrEqualTo(lastMatch.get("sequence").asLong());
    }

    @Test
    void aConnectionWithoutSubscribeIsClosedAtTheDeadlineAndASubscribedOneIsNot() throws Exception {
        coinbase.subscribeDeadline(Duration.ofSeconds(2));
        Feed silent = connect();
        Feed subscribing = connect();
        subscribing.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"matches\"]}");

        await().atMost(WAIT).until(() -> silent.closeStatus != null);
        assertThat(silent.closeStatus).isEqualTo(CoinbaseEmulator.CLOSE_NO_SUBSCRIBE);
        await().during(Duration.ofSeconds(1)).atMost(WAIT).until(() -> subscribing.closeStatus == null);
        assertThat(CoinbaseEmulator.DOCUMENTED_SUBSCRIBE_DEADLINE).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void unknownAndDelistedProductsAndUnknownChannelsAreRefusedAndTheRestSubscribed() throws Exception {
        coinbase.delist("ETH-EUR");
        Feed feed = connect();
        feed.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\",\"NOPE-USD\",\"ETH-EUR\"],"
                + "\"channels\":[\"matches\",\"level2\"]}");

        await().atMost(WAIT).until(() -> !feed.ofType("subscriptions").isEmpty());
        List<JsonNode> errors = feed.ofType("error");
        for (JsonNode e : errors) {
            assertHasDocumentedFields("error", e, doc("ws-error.json"));
            assertThat(e.get("message").asText()).isEqualTo("Failed to subscribe");
        }
        assertThat(errors).extracting(e -> e.get("reason").asText()).containsExactly(
                "NOPE-USD is not a valid product", "ETH-EUR is delisted", "level2 is not a valid channel");
        assertThat(feed.ofType("subscriptions").get(0).get("channels").toString())
                .isEqualTo("[{\"name\":\"matches\",\"product_ids\":[\"BTC-USD\"]}]");
        JsonNode products = rest("/products").body;
        assertThat(products.findValuesAsText("status")).containsExactly("online", "online", "delisted", "online");
    }

    @Test
    void malformedRequestsAreAnsweredWithAnError() throws Exception {
        Feed feed = connect();
        feed.send("not json");
        feed.send("{\"type\":\"subscribe\",\"channels\":\"matches\"}");

        await().atMost(WAIT).until(() -> feed.ofType("error").size() == 2);
        feed.ofType("error").forEach(e -> assertHasDocumentedFields("error", e, doc("ws-error.json")));
        assertThat(feed.closeStatus).isNull();
    }

    // ------------------------------------------------------------------ REST

    @Test
    void tradesArePagedNewestFirstAndAfterReachesEveryOlderTradeExactlyOnce() throws Exception {
        List<EmulatedTrade> made = coinbase.trade(BTC, 2_345);
        Rest first = rest("/products/BTC-USD/trades");

        assertThat(first.status).isEqualTo(200);
        assertThat(first.body).hasSize(CoinbaseEmulator.TRADES_LIMIT_MAX);
        assertSameShape("trades", first.body, doc("rest-trades.json"));
        assertThat(first.body.get(0).get("trade_id").asLong()).isEqualTo(made.get(made.size() - 1).id());
        assertThat(first.header("CB-BEFORE")).contains(first.body.get(0).get("trade_id").asText());
        assertThat(first.header("CB-AFTER")).contains(first.body.get(999).get("trade_id").asText());

        List<Long> ids = new ArrayList<>();
        Rest page = first;
        for (int pages = 0; pages < 10 && !page.body.isEmpty(); pages++) {
            long previous = Long.MAX_VALUE;
            for (JsonNode row : page.body) {
                long id = row.get("trade_id").asLong();
                assertThat(id).as("newest first").isLessThan(previous);
                previous = id;
                assertRestTrade(row, made.get((int) (id - BTC_FIRST_ID)));
                ids.add(id);
            }
            page = rest("/products/BTC-USD/trades?after=" + page.header("CB-AFTER").orElseThrow());
        }
        assertThat(page.body).as("paged to the end").isEmpty();
        assertThat(ids).doesNotHaveDuplicates().hasSize(made.size());
        assertThat(new HashSet<>(ids)).isEqualTo(idsOf(made));
    }

    @Test
    void beforePagesForwardFromAKnownTradeAndReachesEveryNewerTradeExactlyOnce() throws Exception {
        List<EmulatedTrade> made = coinbase.trade(BTC, 1_234);
        long known = made.get(99).id();

        Rest page = rest("/products/BTC-USD/trades?limit=100&before=" + known);
        assertThat(page.body).extracting(r -> r.get("trade_id").asLong()).as("the 100 just newer, newest first")
                .containsExactlyElementsOf(descending(known + 1, known + 100));
        List<Long> ids = new ArrayList<>();
        for (int pages = 0; pages < 20 && !page.body.isEmpty(); pages++) {
            page.body.forEach(r -> ids.add(r.get("trade_id").asLong()));
            page = rest("/products/BTC-USD/trades?limit=100&before=" + page.header("CB-BEFORE").orElseThrow());
        }
        assertThat(page.body).isEmpty();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(new HashSet<>(ids)).isEqualTo(idsOf(made.subList(100, made.size())));
    }

    @Test
    void aGapLeftOnTheSocketIsRefilledExactlyFromTheTradesEndpointWithAfter() throws Exception {
        Feed feed = subscribed("[\"matches\"]", BTC);
        coinbase.trade(BTC, 10);
        coinbase.skipOnSocket(BTC, 7);
        coinbase.trade(BTC, 20);
        List<EmulatedTrade> truth = coinbase.trades(BTC);

        await().atMost(WAIT).until(() -> feed.ofType("match").size() == 23);
        List<Long> applied = new ArrayList<>();
        for (JsonNode m : feed.ofType("match")) {
            long id = m.get("trade_id").asLong();
            if (!applied.isEmpty() && id > applied.get(applied.size() - 1) + 1) {
                long missing = id - applied.get(applied.size() - 1) - 1;
                Rest refill = rest("/products/BTC-USD/trades?after=" + id + "&limit=" + missing);
                List<JsonNode> rows = new ArrayList<>();
                refill.body.forEach(rows::add);
                for (int i = rows.size() - 1; i >= 0; i--) {
                    applied.add(rows.get(i).get("trade_id").asLong());
                }
            }
            applied.add(id);
        }
        assertThat(applied).isEqualTo(new ArrayList<>(idsOf(truth).stream().sorted().toList()));
    }

    @Test
    void badParametersUnknownProductsAndPathsGetTheDocumentedErrorShape() throws Exception {
        coinbase.trade(BTC, 3);
        for (String query : List.of("limit=0", "limit=1001", "limit=ten", "after=abc", "before=1.5")) {
            Rest r = rest("/products/BTC-USD/trades?" + query);
            assertThat(r.status).as(query).isEqualTo(400);
            assertSameShape(query, r.body, doc("rest-error.json"));
        }
        for (String path : List.of("/products/NOPE-USD/trades", "/products/BTC-USD/book2", "/accounts")) {
            Rest r = rest(path);
            assertThat(r.status).as(path).isEqualTo(404);
            assertThat(r.body.get("message").asText()).isEqualTo("NotFound");
        }
        assertThat(rest("/products/btc-usd/trades?limit=1").status).isEqualTo(200);
    }

    @Test
    void candlesAreRowsOfTimeLowHighOpenCloseVolumeNewestFirst() throws Exception {
        List<EmulatedTrade> made = coinbase.trade(BTC, 300);
        Rest r = rest("/products/BTC-USD/candles?granularity=60");

        assertThat(r.status).isEqualTo(200);
        assertSameShape("candles", r.body, doc("rest-candles.json"));
        BigDecimal volume = BigDecimal.ZERO;
        long previous = Long.MAX_VALUE;
        for (JsonNode row : r.body) {
            assertThat(row.get(0).asLong()).as("newest first, on the minute").isLessThan(previous)
                    .matches(t -> t % 60 == 0);
            previous = row.get(0).asLong();
            assertThat(row.get(1).decimalValue()).isLessThanOrEqualTo(row.get(3).decimalValue())
                    .isLessThanOrEqualTo(row.get(2).decimalValue());
            volume = volume.add(row.get(5).decimalValue());
        }
        assertThat(volume).isEqualByComparingTo(made.stream().map(EmulatedTrade::size)
                .reduce(BigDecimal.ZERO, BigDecimal::add));
        JsonNode newest = r.body.get(0);
        EmulatedTrade last = made.get(made.size() - 1);
        assertThat(newest.get(4).decimalValue()).isEqualByComparingTo(last.price());

        String start = Instant.now().minus(1, ChronoUnit.HOURS).toString();
        String end = Instant.now().toString();
        assertThat(rest("/products/BTC-USD/candles?granularity=60&start=" + start + "&end=" + end).status)
                .isEqualTo(200);
        Rest tooMany = rest("/products/BTC-USD/candles?granularity=60&start="
                + Instant.now().minus(6, ChronoUnit.HOURS) + "&end=" + end);
        assertThat(tooMany.status).isEqualTo(400);
        assertThat(tooMany.body.get("message").asText()).contains("exceeds 300");
        for (String g : List.of("61", "", "minute")) {
            Rest bad = rest("/products/BTC-USD/candles?granularity=" + g);
            assertThat(bad.status).as(g).isEqualTo(400);
            assertSameShape(g, bad.body, doc("rest-error.json"));
        }
    }

    @Test
    void statsTickerAndProductsHaveTheDocumentedShapesAndTheEmulatorsValues() throws Exception {
        List<EmulatedTrade> made = coinbase.trade(BTC, 40);
        EmulatedTrade last = made.get(made.size() - 1);

        JsonNode stats = rest("/products/BTC-USD/stats").body;
        assertSameShape("stats", stats, doc("rest-stats.json"));
        assertThat(new BigDecimal(stats.get("last").asText())).isEqualByComparingTo(last.price());
        assertThat(new BigDecimal(stats.get("volume").asText())).isEqualByComparingTo(made.stream()
                .map(EmulatedTrade::size).reduce(BigDecimal.ZERO, BigDecimal::add));
        BigDecimal high = made.stream().map(EmulatedTrade::price).reduce(new BigDecimal("30000.00"), BigDecimal::max);
        assertThat(new BigDecimal(stats.get("high").asText())).isEqualByComparingTo(high);

        JsonNode ticker = rest("/products/BTC-USD/ticker").body;
        assertSameShape("ticker", ticker, doc("rest-ticker.json"));
        assertThat(ticker.get("trade_id").asLong()).isEqualTo(last.id());
        assertThat(Instant.parse(ticker.get("time").asText())).isEqualTo(last.time().truncatedTo(ChronoUnit.MILLIS));

        JsonNode products = rest("/products").body;
        assertSameShape("products", products, doc("rest-products.json"));
        assertThat(products.findValuesAsText("id")).containsExactly(BTC, "ETH-USD", "ETH-EUR", "ETH-BTC");
        assertThat(products.get(0).get("quote_increment").asText()).isEqualTo("0.01000000");
        assertSameShape("product", rest("/products/BTC-USD").body, doc("rest-products.json").get(0));
    }

    // ------------------------------------------------------------------ faults

    @Test
    void duplicateOnSocketSendsTheSameMatchTwice() throws Exception {
        Feed feed = subscribed("[\"matches\"]", BTC);
        coinbase.duplicateOnSocket(BTC, 2);
        coinbase.trade(BTC, 5);

        await().atMost(WAIT).until(() -> feed.ofType("match").size() == 7);
        List<Long> ids = feed.ofType("match").stream().map(m -> m.get("trade_id").asLong()).toList();
        assertThat(ids).containsExactly(BTC_FIRST_ID, BTC_FIRST_ID, BTC_FIRST_ID + 1, BTC_FIRST_ID + 1,
                BTC_FIRST_ID + 2, BTC_FIRST_ID + 3, BTC_FIRST_ID + 4);
        assertThat(feed.ofType("match").get(0)).isEqualTo(feed.ofType("match").get(1));
    }

    @Test
    void silenceLosesEveryFrameIncludingHeartbeatsAndRestStillHasTheTrades() throws Exception {
        coinbase.heartbeatPeriod(Duration.ofMillis(100));
        Feed feed = subscribed("[\"matches\",\"heartbeat\"]", BTC);
        await().atMost(WAIT).until(() -> !feed.ofType("heartbeat").isEmpty());
        coinbase.silence(Duration.ofSeconds(3));
        int heartbeatsBefore = feed.ofType("heartbeat").size();
        List<EmulatedTrade> lost = coinbase.trade(BTC, 5);

        await().atMost(WAIT).until(() -> feed.ofType("heartbeat").stream()
                .anyMatch(h -> h.get("last_trade_id").asLong() == lost.get(4).id()));
        assertThat(feed.ofType("match")).isEmpty();
        assertThat(feed.ofType("heartbeat").size()).isGreaterThan(heartbeatsBefore);
        assertThat(rest("/products/BTC-USD/trades?limit=5").body).extracting(r -> r.get("trade_id").asLong())
                .containsExactlyElementsOf(descending(lost.get(0).id(), lost.get(4).id()));
    }

    @Test
    void dropAllEndsTheConnectionWithoutACloseFrameAndAReconnectStartsWithTheLatestTrade() throws Exception {
        Feed feed = subscribed("[\"matches\"]", BTC);
        coinbase.trade(BTC, 3);
        await().atMost(WAIT).until(() -> feed.ofType("match").size() == 3);
        coinbase.dropAll();
        await().atMost(WAIT).until(() -> feed.closeStatus != null);
        assertThat(feed.closeStatus).isEqualTo(StatusCode.ABNORMAL);

        List<EmulatedTrade> missed = coinbase.trade(BTC, 30);
        Feed again = subscribed("[\"matches\"]", BTC);
        await().atMost(WAIT).until(() -> again.ofType("last_match").size() == 1);
        long lastSeen = feed.ofType("match").get(2).get("trade_id").asLong();
        long lastMatch = again.ofType("last_match").get(0).get("trade_id").asLong();
        assertThat(lastMatch).isEqualTo(missed.get(29).id());
        Rest refill = rest("/products/BTC-USD/trades?after=" + lastMatch + "&limit=" + (lastMatch - lastSeen - 1));
        assertThat(refill.body).extracting(r -> r.get("trade_id").asLong())
                .containsExactlyElementsOf(descending(lastSeen + 1, lastMatch - 1));
    }

    @Test
    void closeAllErrorAndCloseAndSendErrorDoWhatTheySay() throws Exception {
        Feed closed = subscribed("[\"matches\"]", BTC);
        coinbase.closeAll(StatusCode.SHUTDOWN, "going away");
        await().atMost(WAIT).until(() -> closed.closeStatus != null);
        assertThat(closed.closeStatus).isEqualTo(StatusCode.SHUTDOWN);

        Feed warned = subscribed("[\"matches\"]", BTC);
        coinbase.sendError("warning", "just so");
        await().atMost(WAIT).until(() -> !warned.ofType("error").isEmpty());
        assertThat(warned.ofType("error").get(0).get("reason").asText()).isEqualTo("just so");
        coinbase.errorAndClose("ErrSlowConsume");
        await().atMost(WAIT).until(() -> warned.closeStatus != null);
        assertThat(warned.ofType("error").get(1).get("message").asText()).isEqualTo("ErrSlowConsume");
        assertThat(warned.closeStatus).isEqualTo(StatusCode.SERVER_ERROR);
    }

    @Test
    void failRestAnswersWithTheStatusTheOptionalRetryAfterAndTheDocumentedBody() throws Exception {
        coinbase.failRest(429, 3, 1);
        Rest limited = rest("/products");
        assertThat(limited.status).isEqualTo(429);
        assertThat(limited.header("Retry-After")).contains("3");
        assertSameShape("429", limited.body, doc("rest-error.json"));
        assertThat(rest("/products").status).isEqualTo(200);

        coinbase.failRest(429, -1, 1);
        Rest undocumented = rest("/products");
        assertThat(undocumented.status).isEqualTo(429);
        assertThat(undocumented.header("Retry-After")).isEmpty();
    }

    @Test
    void thePublicRestRateLimitAnswers429WithoutRetryAfterOnceTheBurstIsSpent() throws Exception {
        coinbase.restRateLimit(1, 3);
        List<Integer> statuses = new ArrayList<>();
        Rest limited = null;
        for (int i = 0; i < 20 && limited == null; i++) {
            Rest r = rest("/products");
            statuses.add(r.status);
            if (r.status == 429) {
                limited = r;
            }
        }
        assertThat(statuses.subList(0, 3)).containsOnly(200);
        assertThat(limited).isNotNull();
        assertThat(limited.body.get("message").asText()).isEqualTo("Public rate limit exceeded");
        assertThat(limited.header("Retry-After")).isEmpty();
        coinbase.restRateLimit(0, 0);
        assertThat(rest("/products").status).isEqualTo(200);
    }

    @Test
    void refusedUpgradesAndTheConnectionRateLimitFailTheHandshakeWithTheirStatus() throws Exception {
        coinbase.refuseUpgrades(503, 1);
        assertThat(upgradeStatus()).isEqualTo(503);
        assertThat(connect().closeStatus).isNull();

        coinbase.connectRateLimit(0.5, 2);
        Integer refused = null;
        for (int i = 0; i < 10 && refused == null; i++) {
            refused = upgradeStatus();
        }
        assertThat(refused).isEqualTo(429);
    }

    @Test
    void tooManyClientMessagesGetErrSlowReadAndTheConnectionClosed() throws Exception {
        coinbase.clientMessageRateLimit(1, 3);
        Feed feed = connect();
        for (int i = 0; i < 20; i++) {
            feed.send("{\"type\":\"subscribe\",\"product_ids\":[\"BTC-USD\"],\"channels\":[\"matches\"]}");
        }
        await().atMost(WAIT).until(() -> feed.closeStatus != null);
        assertThat(feed.ofType("error")).extracting(e -> e.get("message").asText()).contains("ErrSlowRead");
        assertThat(feed.closeStatus).isEqualTo(CoinbaseEmulator.CLOSE_SLOW_READ);
    }

    @Test
    void zeroHeartbeatTradeIdsAndSkippedTickersDoWhatTheySay() throws Exception {
        coinbase.heartbeatPeriod(Duration.ofMillis(100));
        coinbase.zeroHeartbeatTradeIds(true);
        coinbase.skipTickers(BTC, 3);
        Feed feed = subscribed("[\"matches\",\"ticker\",\"heartbeat\"]", BTC);
        coinbase.trade(BTC, 5);

        await().atMost(WAIT).until(() -> feed.ofType("match").size() == 5 && feed.ofType("ticker").size() == 2
                && feed.ofType("heartbeat").size() >= 2);
        assertThat(feed.ofType("heartbeat")).allMatch(h -> h.get("last_trade_id").asLong() == 0);
        assertThat(feed.ofType("ticker")).extracting(t -> t.get("trade_id").asLong())
                .containsExactly(BTC_FIRST_ID + 3, BTC_FIRST_ID + 4);
    }

    @Test
    void forgottenRestHistoryEndsThePagesAtItsFloor() throws Exception {
        coinbase.trade(BTC, 50);
        coinbase.forgetRestHistoryBefore(BTC, BTC_FIRST_ID + 20);

        assertThat(rest("/products/BTC-USD/trades").body).hasSize(30);
        assertThat(rest("/products/BTC-USD/trades?after=" + (BTC_FIRST_ID + 20)).body).isEmpty();
        assertThat(rest("/products/BTC-USD/trades?before=" + BTC_FIRST_ID + "&limit=5").body)
                .extracting(r -> r.get("trade_id").asLong())
                .containsExactlyElementsOf(descending(BTC_FIRST_ID + 20, BTC_FIRST_ID + 24));
    }

    // ------------------------------------------------------------------ helpers

    /** A client endpoint keeping every frame it receives. Public: Jetty requires endpoint classes to be. */
    public static final class Feed implements Session.Listener.AutoDemanding {
        final List<JsonNode> frames = new CopyOnWriteArrayList<>();
        volatile Session session;
        volatile Integer closeStatus;
        volatile Throwable error;

        @Override
        public void onWebSocketOpen(Session s) {
            session = s;
        }

        @Override
        public void onWebSocketText(String text) {
            try {
                frames.add(DOCS.readTree(text));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, Callback callback) {
            closeStatus = statusCode;
            callback.succeed();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            error = cause; // a refused upgrade or a connection that ended under a send: the tests look at closeStatus
        }

        void send(String text) {
            session.sendText(text, Callback.NOOP);
        }

        List<JsonNode> ofType(String type) {
            return frames.stream().filter(f -> type.equals(f.path("type").asText())).toList();
        }
    }

    private Feed connect() throws Exception {
        Feed feed = new Feed();
        webSocket.connect(feed, coinbase.wsUri()).get(20, TimeUnit.SECONDS);
        return feed;
    }

    /** A connection subscribed to {@code channels} (a JSON array) for the products, its subscriptions received. */
    private Feed subscribed(String channels, String... products) throws Exception {
        Feed feed = connect();
        feed.send("{\"type\":\"subscribe\",\"product_ids\":" + DOCS.writeValueAsString(products) + ",\"channels\":"
                + channels + "}");
        await().atMost(WAIT).until(() -> !feed.ofType("subscriptions").isEmpty());
        return feed;
    }

    /** The HTTP status of a refused upgrade, null when the upgrade succeeded. */
    private Integer upgradeStatus() throws Exception {
        try {
            connect();
            return null;
        } catch (ExecutionException e) {
            assertThat(e.getCause()).isInstanceOf(UpgradeException.class);
            return ((UpgradeException) e.getCause()).getResponseStatusCode();
        }
    }

    private record Rest(int status, HttpResponse<String> response, JsonNode body) {
        Optional<String> header(String name) {
            return response.headers().firstValue(name);
        }
    }

    private Rest rest(String pathAndQuery) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(coinbase.restBase() + pathAndQuery))
                .timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
        return new Rest(r.statusCode(), r, DOCS.readTree(r.body()));
    }

    private static JsonNode doc(String name) {
        try (InputStream in = CoinbaseEmulatorTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return DOCS.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Same field names in the same order, and the same JSON value types, as the documented example: objects field
     * by field, arrays element by element when the example is a fixed-length row of the same length, otherwise
     * every element against the example's first; numbers must agree on integral or not.
     */
    static void assertSameShape(String what, JsonNode actual, JsonNode documented) {
        assertThat(actual).as(what).isNotNull();
        if (documented.isObject()) {
            assertThat(actual.isObject()).as(what + " is an object: " + actual).isTrue();
            assertThat(names(actual)).as(what + " fields").containsExactlyElementsOf(names(documented));
            documented.properties().forEach(e -> assertSameShape(what + "." + e.getKey(), actual.get(e.getKey()),
                    e.getValue()));
        } else if (documented.isArray()) {
            assertThat(actual.isArray()).as(what + " is an array: " + actual).isTrue();
            if (documented.isEmpty()) {
                return;
            }
            boolean row = documented.size() > 1 && actual.size() == documented.size();
            for (int i = 0; i < actual.size(); i++) {
                assertSameShape(what + "[" + i + "]", actual.get(i), documented.get(row ? i : 0));
            }
        } else {
            assertThat(actual.getNodeType()).as(what + " type: " + actual).isEqualTo(documented.getNodeType());
            if (documented.isNumber()) {
                assertThat(actual.isIntegralNumber()).as(what + " integral: " + actual)
                        .isEqualTo(documented.isIntegralNumber());
            }
        }
    }

    /** The documented fields are there with their types (the example ends in "/* ... *&#47;": more may follow). */
    static void assertHasDocumentedFields(String what, JsonNode actual, JsonNode documented) {
        documented.properties().forEach(e -> assertSameShape(what + "." + e.getKey(), actual.get(e.getKey()),
                e.getValue()));
    }

    private static List<String> names(JsonNode node) {
        return node.properties().stream().map(java.util.Map.Entry::getKey).toList();
    }

    private static void assertMatches(JsonNode match, EmulatedTrade t) {
        assertThat(match.get("trade_id").asLong()).isEqualTo(t.id());
        assertThat(match.get("product_id").asText()).isEqualTo(t.symbol());
        assertThat(new BigDecimal(match.get("price").asText())).isEqualByComparingTo(t.price());
        assertThat(new BigDecimal(match.get("size").asText())).isEqualByComparingTo(t.size());
        assertThat(match.get("side").asText()).as("the maker's side").isEqualTo(t.buyerMaker() ? "buy" : "sell");
        assertThat(Instant.parse(match.get("time").asText())).isEqualTo(t.time().truncatedTo(ChronoUnit.MICROS));
        assertThat(match.get("time").asText()).matches(".*\\.\\d{6}Z");
    }

    private static void assertRestTrade(JsonNode row, EmulatedTrade t) {
        assertThat(row.get("trade_id").asLong()).isEqualTo(t.id());
        assertThat(row.get("price").asText()).isEqualTo(t.price().setScale(8).toPlainString());
        assertThat(row.get("size").asText()).isEqualTo(t.size().setScale(8).toPlainString());
        assertThat(row.get("side").asText()).isEqualTo(t.buyerMaker() ? "buy" : "sell");
        assertThat(Instant.parse(row.get("time").asText())).isEqualTo(t.time().truncatedTo(ChronoUnit.MILLIS));
    }

    private static Set<Long> idsOf(List<EmulatedTrade> trades) {
        Set<Long> ids = new HashSet<>();
        trades.forEach(t -> ids.add(t.id()));
        return ids;
    }

    /** {@code to} down to {@code from}, both included. */
    private static List<Long> descending(long from, long to) {
        List<Long> out = new ArrayList<>();
        for (long id = to; id >= from; id--) {
            out.add(id);
        }
        return out;
    }
}
