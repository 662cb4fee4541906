package io.stockmonitor.source.alpaca;

import static io.stockmonitor.source.testing.RecordingSocket.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stockmonitor.source.testing.EmulatedTrade;
import io.stockmonitor.source.testing.JsonShape;
import io.stockmonitor.source.testing.RecordingSocket;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Holds {@link AlpacaEmulator} to Alpaca's documentation through real sockets: every message kind has the field
 * names and JSON types of the documented example (kept verbatim under src/test/resources), paging returns every
 * trade exactly once, and each fault does what it says.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AlpacaEmulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, String> AUTH_HEADERS =
            Map.of("APCA-API-KEY-ID", AlpacaEmulator.KEY_ID, "APCA-API-SECRET-KEY", AlpacaEmulator.SECRET);

    private AlpacaEmulator emulator;
    private WebSocketClient ws;
    private HttpClient http;

    @BeforeEach
    void start() throws Exception {
        emulator = new AlpacaEmulator(7);
        emulator.addStock("AAPL", "187.25", 52_983_525_029_461L);
        emulator.addStock("MSFT", "411.10", 31_000_000L);
        emulator.start();
        ws = new WebSocketClient();
        ws.start();
        http = HttpClient.newBuilder().connectTimeout(PATIENCE).build();
    }

    @AfterEach
    void stop() throws Exception {
        ws.stop();
        emulator.close();
    }

    // ------------------------------------------------------------------ stream

    @Test
    void theStreamConversationIsTheDocumentedOne() throws Exception {
        RecordingSocket s = open("iex", Map.of());
        awaitFrames(s, 1);
        assertThat(node(s.frame(0))).isEqualTo(doc("ws-connected.json"));

        s.send(auth(AlpacaEmulator.KEY_ID, AlpacaEmulator.SECRET));
        awaitFrames(s, 2);
        assertThat(node(s.frame(1))).isEqualTo(doc("ws-authenticated.json"));

        // The documented sample communication, line by line: '>' we send, '<' the server answers exactly so.
        List<String> exchange = JsonShape.resource(getClass(), "ws-subscription-exchange.txt").lines().toList();
        int expected = 2;
        for (String line : exchange) {
            if (line.startsWith("> ")) {
                s.send(line.substring(2));
            } else {
                awaitFrames(s, ++expected);
                assertThat(node(s.frame(expected - 1))).isEqualTo(node(line.substring(2)));
            }
        }
        assertThat(JsonShape.of(node(s.frame(2)).get(0))).isEqualTo(JsonShape.of(doc("ws-subscription.json").get(0)));
    }

    @Test
    void tradesAndQuotesHaveTheDocumentedFieldsAndTypesAndArriveBatchedInArrays() throws Exception {
        RecordingSocket s = authenticated("iex");
        s.send("{\"action\":\"subscribe\",\"trades\":[\"AAPL\"],\"quotes\":[\"AAPL\"]}");
        awaitFrames(s, 3);
        assertThat(node(s.frame(2)).get(0).get("T").asText()).isEqualTo("subscription");

        List<EmulatedTrade> made = emulator.trade("AAPL", 5);
        await().atMost(PATIENCE).until(() -> points(s, "t").size() == 5 && points(s, "q").size() == 5);

        List<JsonNode> trades = points(s, "t");
        for (int i = 0; i < trades.size(); i++) {
            JsonNode t = trades.get(i);
            assertThat(JsonShape.of(t)).isEqualTo(JsonShape.of(doc("ws-trade.json")));
            assertThat(JsonShape.isIntegral(t.get("i"))).isTrue();
            assertThat(JsonShape.isIntegral(t.get("s"))).isTrue();
            assertThat(t.get("i").asLong()).isEqualTo(made.get(i).id());
            assertThat(t.get("p").decimalValue()).isEqualByComparingTo(made.get(i).price());
            assertThat(new BigDecimal(t.get("s").asText())).isEqualByComparingTo(made.get(i).size());
            assertThat(Instant.parse(t.get("t").asText())).isEqualTo(made.get(i).time());
            assertThat(t.get("S").asText()).isEqualTo("AAPL");
        }
        for (JsonNode q : points(s, "q")) {
            assertThat(JsonShape.of(q)).isEqualTo(JsonShape.of(doc("ws-quote.json")));
            assertThat(JsonShape.isIntegral(q.get("bs")) && JsonShape.isIntegral(q.get("as"))).isTrue();
            assertThat(q.get("bp").decimalValue()).isLessThan(q.get("ap").decimalValue());
        }
        // Documented: data points "may arrive in arrays that have a length that is greater than one".
        assertThat(s.frames().subList(3, s.frames().size())).anySatisfy(f -> assertThat(node(f).size()).isGreaterThan(1));
        assertThat(JsonShape.of(doc("ws-quotes-batch.json"))).startsWith("[{");
    }

    @Test
    void tradeIdsAreUniqueAndIncreasingButNotContiguous() {
        List<EmulatedTrade> made = emulator.trade("MSFT", 300);
        Set<Long> gaps = new HashSet<>();
        for (int i = 1; i < made.size(); i++) {
            long step = made.get(i).id() - made.get(i - 1).id();
            assertThat(step).isPositive();
            gaps.add(step);
        }
        assertThat(gaps).as("steps between consecutive ids").anySatisfy(g -> assertThat(g).isGreaterThan(1));
        assertThat(made).allSatisfy(t -> assertThat(t.size().stripTrailingZeros().scale()).isLessThanOrEqualTo(0));
    }

    @Test
    void aWrongKeyGetsAuthFailedAndTheSocketIsClosedAtTheAuthTimeout() throws Exception {
        emulator.authTimeout(Duration.ofSeconds(1));
        RecordingSocket s = open("iex", Map.of());
        awaitFrames(s, 1);
        s.send(auth(AlpacaEmulator.KEY_ID, "wrong-secret"));
        awaitFrames(s, 2);
        assertThat(node(s.frame(1))).isEqualTo(documentedError(402));
        s.send("{\"action\":\"subscribe\",\"trades\":[\"AAPL\"]}");
        awaitFrames(s, 3);
        assertThat(node(s.frame(2))).isEqualTo(documentedError(401));

        await().atMost(PATIENCE).until(() -> !s.isOpen());
        assertThat(node(s.frame(s.frames().size() - 1))).isEqualTo(documentedError(404));
    }

    @Test
    void aSecondConnectionGetsConnectionLimitExceededUntilTheFirstIsGone() throws Exception {
        RecordingSocket first = authenticated("iex");
        RecordingSocket second = open("iex", Map.of());
        awaitFrames(second, 1);
        second.send(auth(AlpacaEmulator.KEY_ID, AlpacaEmulator.SECRET));
        awaitFrames(second, 2);
        assertThat(node(second.frame(1))).isEqualTo(documentedError(406));
        assertThat(second.isOpen()).as("406 leaves the socket open: the auth may be retried").isTrue();

        first.close();
        await().atMost(PATIENCE).until(() -> emulator.authenticatedSockets() == 0);
        second.send(auth(AlpacaEmulator.KEY_ID, AlpacaEmulator.SECRET));
        awaitFrames(second, 3);
        assertThat(node(second.frame(2))).isEqualTo(doc("ws-authenticated.json"));
    }

    @Test
    void theUpgradeHeadersAuthenticateWithoutAMessage() throws Exception {
        RecordingSocket s = open("iex", AUTH_HEADERS);
        awaitFrames(s, 2);
        assertThat(node(s.frame(0))).isEqualTo(doc("ws-connected.json"));
        assertThat(node(s.frame(1))).isEqualTo(doc("ws-authenticated.json"));
    }

    @Test
    void theDocumentedErrorsAnswerTheirCauses() throws Exception {
        RecordingSocket s = authenticated("iex");
        s.send("not json");
        awaitFrames(s, 3);
        assertThat(node(s.frame(2))).isEqualTo(documentedError(400));
        s.send(auth(AlpacaEmulator.KEY_ID, AlpacaEmulator.SECRET));
        awaitFrames(s, 4);
        assertThat(node(s.frame(3))).isEqualTo(documentedError(403));

        emulator.symbolLimit(2);
        s.send("{\"action\":\"subscribe\",\"trades\":[\"AAPL\",\"MSFT\"],\"quotes\":[\"IBM\"]}");
        awaitFrames(s, 5);
        assertThat(node(s.frame(4))).isEqualTo(documentedError(405));
        s.send("{\"action\":\"subscribe\",\"trades\":[\"AAPL\"],\"quotes\":[\"AAPL\",\"MSFT\"]}");
        awaitFrames(s, 6);
        assertThat(node(s.frame(5)).get(0).get("trades").toString()).isEqualTo("[\"AAPL\"]");

        emulator.sendError(500, "internal error");
        awaitFrames(s, 7);
        assertThat(node(s.frame(6))).isEqualTo(documentedError(500));

        RecordingSocket sip = open("sip", Map.of());
        awaitFrames(sip, 1);
        sip.send(auth(AlpacaEmulator.KEY_ID, AlpacaEmulator.SECRET));
        awaitFrames(sip, 2);
        assertThat(node(sip.frame(1))).isEqualTo(documentedError(409));
    }

    @Test
    void accountFaultsRejectARightKeyAndOccupyTheOneConnection() throws Exception {
        emulator.rejectAuths(1);
        RecordingSocket s = open("iex", Map.of());
        awaitFrames(s, 1);
        s.send(auth(AlpacaEmulator.KEY_ID, AlpacaEmulator.SECRET));
        awaitFrames(s, 2);
        assertThat(node(s.frame(1))).isEqualTo(documentedError(402));

        emulator.occupyConnection(true);
        s.send(auth(AlpacaEmulator.KEY_ID, AlpacaEmulator.SECRET));
        awaitFrames(s, 3);
        assertThat(node(s.frame(2))).isEqualTo(documentedError(406));

        emulator.occupyConnection(false);
        s.send(auth(AlpacaEmulator.KEY_ID, AlpacaEmulator.SECRET));
        awaitFrames(s, 4);
        assertThat(node(s.frame(3))).isEqualTo(doc("ws-authenticated.json"));
    }

    @Test
    void aSlowClientGetsCode407AndIsDisconnected() throws Exception {
        RecordingSocket s = authenticated("iex");
        emulator.slowClient(true);
        await().atMost(PATIENCE).until(() -> !s.isOpen());
        assertThat(node(s.frame(s.frames().size() - 1))).isEqualTo(documentedError(407));
    }

    @Test
    void baseFaultsActOnTheStream() throws Exception {
        RecordingSocket s = authenticated("iex");
        s.send("{\"action\":\"subscribe\",\"trades\":[\"AAPL\"]}");
        awaitFrames(s, 3);

        emulator.skipOnSocket("AAPL", 2);
        List<EmulatedTrade> skipped = emulator.trade("AAPL", 2);
        emulator.duplicateOnSocket("AAPL", 1);
        EmulatedTrade doubled = emulator.trade("AAPL", 1).get(0);
        emulator.silence(Duration.ofHours(1));
        EmulatedTrade silenced = emulator.trade("AAPL", 1).get(0);
        emulator.silence(Duration.ZERO);
        EmulatedTrade marker = emulator.trade("AAPL", 1).get(0);

        // Frames keep their order on a socket: once the marker is in, anything meant to arrive before it has.
        await().atMost(PATIENCE).until(() -> ids(s).contains(marker.id()));
        assertThat(ids(s)).containsExactly(doubled.id(), doubled.id(), marker.id());
        assertThat(ids(s)).doesNotContain(skipped.get(0).id(), skipped.get(1).id(), silenced.id());
        assertThat(restIds("AAPL", skipped.get(0).time().minusSeconds(1), 1000))
                .containsSubsequence(skipped.get(0).id(), skipped.get(1).id(), doubled.id(), silenced.id(),
                        marker.id());

        emulator.dropAll();
        await().atMost(PATIENCE).until(() -> !s.isOpen());
        assertThat(s.closeStatus()).as("a drop: no close frame").isEqualTo(1006);

        emulator.refuseUpgrades(429, 1);
        assertThat(RecordingSocket.refusedStatus(ws, emulator.wsBase().resolve("/v2/iex"), Map.of()))
                .isEqualTo(429);
        assertThat(RecordingSocket.refusedStatus(ws, emulator.wsBase().resolve("/v2/iex"), Map.of())).isEqualTo(-1);
    }

    // ------------------------------------------------------------------ REST

    @Test
    void historicalTradesPageThroughEveryTradeExactlyOnceInEitherOrder() throws Exception {
        List<EmulatedTrade> made = emulator.trade("AAPL", 2_345);
        Instant start = made.get(0).time().minusSeconds(1);
        List<Long> truth = made.stream().map(EmulatedTrade::id).toList();

        HttpResponse<String> first = get("/v2/stocks/AAPL/trades?start=" + start + "&limit=1000&feed=iex",
                AUTH_HEADERS);
        assertThat(first.statusCode()).isEqualTo(200);
        JsonNode firstPage = node(first.body());
        assertThat(JsonShape.of(firstPage)).isEqualTo(JsonShape.of(doc("rest-trades.json")));
        assertThat(JsonShape.isIntegral(firstPage.get("trades").get(0).get("i"))).isTrue();
        assertThat(JsonShape.isIntegral(firstPage.get("trades").get(0).get("s"))).isTrue();

        assertThat(restIds("AAPL", start, 1000)).isEqualTo(truth);
        emulator.rateLimit(10_000, Duration.ofMinutes(1)); // 335 pages of 7 would exceed the free plan's 200 a minute
        assertThat(restIds("AAPL", start, 7)).isEqualTo(truth);
        assertThat(restIds("AAPL", start, 2_345)).as("a page that ends exactly at the end").isEqualTo(truth);

        List<Long> descending = new ArrayList<>(truth);
        java.util.Collections.reverse(descending);
        assertThat(pageIds("/v2/stocks/AAPL/trades?start=" + start + "&limit=500&sort=desc", "AAPL"))
                .isEqualTo(descending);
    }

    @Test
    void multiSymbolTradesAreSortedBySymbolThenTimeAndPageAcrossSymbols() throws Exception {
        List<Long> aapl = emulator.trade("AAPL", 900).stream().map(EmulatedTrade::id).toList();
        List<Long> msft = emulator.trade("MSFT", 650).stream().map(EmulatedTrade::id).toList();
        Instant start = Instant.now().minusSeconds(3600);

        Map<String, List<Long>> seen = new LinkedHashMap<>();
        String token = null;
        int pages = 0;
        do {
            String path = "/v2/stocks/trades?symbols=MSFT,AAPL&start=" + start + "&limit=400"
                    + (token == null ? "" : "&page_token=" + encode(token));
            JsonNode page = node(get(path, AUTH_HEADERS).body());
            if (pages == 0) {
                JsonNode docPage = doc("rest-multi-trades.json");
                assertThat(JsonShape.of(page.get("trades").get("AAPL")))
                        .isEqualTo(JsonShape.of(docPage.get("trades").get("AAPL")));
                assertThat(page.get("next_page_token").isTextual()).isTrue();
            }
            page.get("trades").properties().forEach(e -> e.getValue()
                    .forEach(t -> seen.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(t.get("i").asLong())));
            token = page.get("next_page_token").isNull() ? null : page.get("next_page_token").asText();
            pages++;
        } while (token != null && pages < 100);

        assertThat(seen.keySet()).containsExactly("AAPL", "MSFT");
        assertThat(seen.get("AAPL")).isEqualTo(aapl);
        assertThat(seen.get("MSFT")).isEqualTo(msft);
        assertThat(pages).isEqualTo(4);
    }

    @Test
    void startAndEndAreInclusive() throws Exception {
        List<EmulatedTrade> made = emulator.trade("AAPL", 60);
        Instant from = made.get(10).time();
        Instant to = made.get(40).time();
        List<Long> expected = made.stream().filter(t -> !t.time().isBefore(from) && !t.time().isAfter(to))
                .map(EmulatedTrade::id).toList();
        List<Long> got = pageIds("/v2/stocks/AAPL/trades?start=" + from + "&end=" + to + "&limit=10000", "AAPL");
        assertThat(got).isEqualTo(expected).contains(made.get(10).id(), made.get(40).id());
    }

    @Test
    void restChecksTheKeyHeadersAndAnswersTheRateLimitWithItsHeaders() throws Exception {
        assertThat(get("/v2/stocks/AAPL/trades", Map.of()).statusCode()).isEqualTo(401);
        assertThat(get("/v2/stocks/AAPL/trades",
                Map.of("APCA-API-KEY-ID", AlpacaEmulator.KEY_ID, "APCA-API-SECRET-KEY", "wrong")).statusCode())
                .isEqualTo(401);

        emulator.rateLimit(3, Duration.ofMinutes(1));
        long nowSeconds = Instant.now().getEpochSecond();
        for (int remaining = 2; remaining >= 0; remaining--) {
            HttpResponse<String> r = get("/v2/stocks/AAPL/trades", AUTH_HEADERS);
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("X-RateLimit-Limit")).hasValue("3");
            assertThat(r.headers().firstValue("X-RateLimit-Remaining")).hasValue(Integer.toString(remaining));
            assertThat(Long.parseLong(r.headers().firstValue("X-RateLimit-Reset").orElseThrow()))
                    .isGreaterThanOrEqualTo(nowSeconds);
        }
        HttpResponse<String> refused = get("/v2/stocks/AAPL/trades", AUTH_HEADERS);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("X-RateLimit-Remaining")).hasValue("0");

        emulator.rateLimit(1000, Duration.ofMinutes(1));
        emulator.failRest(429, 7, 1);
        HttpResponse<String> injected = get("/v2/stocks/AAPL/trades", AUTH_HEADERS);
        assertThat(injected.statusCode()).isEqualTo(429);
        assertThat(injected.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(get("/v2/stocks/AAPL/trades", AUTH_HEADERS).statusCode()).isEqualTo(200);
        assertThat(get("/v2/stocks/AAPL/trades?limit=0", AUTH_HEADERS).statusCode()).isEqualTo(400);
    }

    @Test
    void barsSnapshotsLatestTradeAndAssetsHaveTheDocumentedShape() throws Exception {
        List<EmulatedTrade> made = emulator.trade("AAPL", 120);
        emulator.trade("MSFT", 10);
        emulator.name("AAPL", "Apple Inc. Common Stock");
        String start = "&start=" + made.get(0).time().minusSeconds(120);

        JsonNode bars = node(get("/v2/stocks/AAPL/bars?timeframe=1Min" + start, AUTH_HEADERS).body());
        JsonNode docBars = doc("rest-bars.json");
        assertThat(JsonShape.of(bars.get("bars"))).isEqualTo(JsonShape.of(docBars.get("bars")));
        assertThat(bars.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(docBars::fieldNames);
        long volume = 0;
        long count = 0;
        for (JsonNode b : bars.get("bars")) {
            volume += b.get("v").asLong();
            count += b.get("n").asLong();
        }
        assertThat(volume).isEqualTo(made.stream().mapToLong(t -> t.size().longValueExact()).sum());
        assertThat(count).isEqualTo(made.size());

        JsonNode snapshot = node(get("/v2/stocks/AAPL/snapshot", AUTH_HEADERS).body());
        assertThat(JsonShape.of(snapshot)).isEqualTo(JsonShape.of(doc("rest-snapshot.json")));
        assertThat(snapshot.get("latestTrade").get("i").asLong()).isEqualTo(made.get(made.size() - 1).id());

        JsonNode snapshots = node(get("/v2/stocks/snapshots?symbols=AAPL,MSFT", AUTH_HEADERS).body());
        JsonNode docSnapshots = doc("rest-snapshots.json");
        assertThat(snapshots.fieldNames()).toIterable().containsExactly("AAPL", "MSFT");
        assertThat(JsonShape.of(snapshots.get("MSFT"))).isEqualTo(JsonShape.of(docSnapshots.get("AAPL")));

        JsonNode latest = node(get("/v2/stocks/AAPL/trades/latest", AUTH_HEADERS).body());
        assertThat(JsonShape.of(latest)).isEqualTo(JsonShape.of(doc("rest-latest-trade.json")));

        JsonNode assets = node(get("/v2/assets?status=active&asset_class=us_equity", AUTH_HEADERS).body());
        assertThat(assets.size()).isEqualTo(2);
        JsonNode docAsset = doc("rest-asset.json");
        for (JsonNode asset : assets) {
            docAsset.properties().forEach(e -> assertThat(JsonShape.of(asset.get(e.getKey())))
                    .as(e.getKey()).isEqualTo(JsonShape.of(e.getValue())));
            // Not in that example; in the official SDK's Asset model (alpaca-py: name, attributes).
            assertThat(asset.get("name").isTextual()).isTrue();
            assertThat(asset.get("attributes").isArray()).isTrue();
        }
        assertThat(assets.get(0).get("name").asText()).isEqualTo("Apple Inc. Common Stock");
    }

    // ------------------------------------------------------------------ helpers

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private RecordingSocket open(String feed, Map<String, String> headers) throws Exception {
        return RecordingSocket.connect(ws, emulator.wsBase().resolve("/v2/" + feed), headers);
    }

    private RecordingSocket authenticated(String feed) throws Exception {
        RecordingSocket s = open(feed, Map.of());
        awaitFrames(s, 1);
        s.send(auth(AlpacaEmulator.KEY_ID, AlpacaEmulator.SECRET));
        awaitFrames(s, 2);
        assertThat(node(s.frame(1))).isEqualTo(doc("ws-authenticated.json"));
        return s;
    }

    private static String auth(String key, String secret) {
        return "{\"action\":\"auth\",\"key\":\"" + key + "\",\"secret\":\"" + secret + "\"}";
    }

    private static void awaitFrames(RecordingSocket s, int n) {
        await().atMost(PATIENCE).until(() -> s.frames().size() >= n);
    }

    private static List<JsonNode> points(RecordingSocket s, String type) {
        List<JsonNode> out = new ArrayList<>();
        for (String f : s.frames()) {
            for (JsonNode p : node(f)) {
                if (type.equals(p.path("T").asText())) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    private static List<Long> ids(RecordingSocket s) {
        return points(s, "t").stream().map(p -> p.get("i").asLong()).toList();
    }

    private JsonNode documentedError(int code) {
        return JsonShape.resource(getClass(), "ws-errors.jsonl").lines().map(AlpacaEmulatorTest::node)
                .filter(n -> n.get(0).get("code").asInt() == code).findFirst().orElseThrow();
    }

    private JsonNode doc(String name) {
        return JsonShape.doc(getClass(), name);
    }

    private static JsonNode node(String text) {
        return JsonShape.parse(JSON, text);
    }

    private HttpResponse<String> get(String pathAndQuery, Map<String, String> headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emulator.restBase() + pathAndQuery))
                .timeout(PATIENCE).GET();
        headers.forEach(b::header);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private List<Long> restIds(String symbol, Instant start, int limit) throws Exception {
        return pageIds("/v2/stocks/" + symbol + "/trades?start=" + start + "&limit=" + limit, symbol);
    }

    /** Follows next_page_token to the end (at most 1,000 pages), keeping the other parameters unchanged. */
    private List<Long> pageIds(String firstPath, String symbol) throws Exception {
        List<Long> ids = new ArrayList<>();
        String token = null;
        for (int pages = 0; pages < 1_000; pages++) {
            // Tokens are base64 ('+', '/', '='): they must be URL-encoded like any query value.
            HttpResponse<String> r = get(firstPath + (token == null ? "" : "&page_token=" + encode(token)),
                    AUTH_HEADERS);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode page = node(r.body());
            assertThat(page.get("symbol").asText()).isEqualTo(symbol);
            page.get("trades").forEach(t -> ids.add(t.get("i").asLong()));
            if (page.get("next_page_token").isNull()) {
                return ids;
            }
            token = page.get("next_page_token").asText();
        }
        throw new AssertionError("more than 1,000 pages");
    }
}
