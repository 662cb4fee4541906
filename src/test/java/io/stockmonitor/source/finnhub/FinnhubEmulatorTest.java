package io.stockmonitor.source.finnhub;

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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Holds {@link FinnhubEmulator} to Finnhub's documented and observed API through real sockets: the trade message
 * has the documented fields and types, there is no id to resume from, pings come as JSON, and each fault does what
 * it says.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FinnhubEmulatorTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private FinnhubEmulator emulator;
    private WebSocketClient ws;
    private HttpClient http;

    @BeforeEach
    void start() throws Exception {
        emulator = new FinnhubEmulator(11);
        emulator.addStock("AAPL", "187.25");
        emulator.addStock("MSFT", "411.10");
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
    void aWrongOrMissingTokenIsRefusedAtTheUpgradeWith401() throws Exception {
        assertThat(RecordingSocket.refusedStatus(ws, streamUri("wrong"), Map.of())).isEqualTo(401);
        assertThat(RecordingSocket.refusedStatus(ws, emulator.wsBase().resolve("/"), Map.of())).isEqualTo(401);
        assertThat(RecordingSocket.refusedStatus(ws, streamUri(FinnhubEmulator.TOKEN), Map.of())).isEqualTo(-1);
    }

    @Test
    void tradesHaveTheDocumentedFieldsAndTypesComeSeveralToAMessageAndCarryNoId() throws Exception {
        RecordingSocket s = subscribed("AAPL");
        List<EmulatedTrade> made = emulator.trade("AAPL", 4);
        await().atMost(PATIENCE).until(() -> points(s).size() == 4);

        JsonNode documented = doc("ws-trade.json");
        JsonNode message = node(s.frame(0));
        assertThat(message.fieldNames()).toIterable().containsExactlyInAnyOrderElementsOf(documented::fieldNames);
        assertThat(message.get("type").asText()).isEqualTo("trade");
        assertThat(message.get("data").size()).as("one message, several trades").isEqualTo(4);

        JsonNode documentedPoint = documented.get("data").get(0);
        List<JsonNode> points = points(s);
        for (int i = 0; i < points.size(); i++) {
            JsonNode p = points.get(i);
            documentedPoint.properties().forEach(e -> assertThat(JsonShape.of(p.get(e.getKey())))
                    .as(e.getKey()).isEqualTo(JsonShape.of(e.getValue())));
            // The only other field is "c", documented in the same page's field list ("List of trade conditions").
            Set<String> extra = new HashSet<>();
            p.fieldNames().forEachRemaining(extra::add);
            documentedPoint.fieldNames().forEachRemaining(extra::remove);
            assertThat(extra).containsExactly("c");
            assertThat(p.get("c").isArray() && p.get("c").get(0).isTextual()).isTrue();
            assertThat(JsonShape.isIntegral(p.get("t"))).as("UNIX milliseconds").isTrue();
            assertThat(p.get("t").asLong()).isEqualTo(made.get(i).timeMs());
            assertThat(p.get("p").decimalValue()).isEqualByComparingTo(made.get(i).price());
            assertThat(p.get("v").decimalValue()).isEqualByComparingTo(made.get(i).size());
            assertThat(p.get("s").asText()).isEqualTo("AAPL");
        }
    }

    @Test
    void pingsArriveAsJsonMessagesAtTheConfiguredPeriod() throws Exception {
        RecordingSocket s = open();
        emulator.pingEvery(Duration.ofMillis(100));
        await().atMost(PATIENCE).until(() -> s.frames().size() >= 3);
        assertThat(s.frames()).allSatisfy(f -> assertThat(node(f)).isEqualTo(doc("ws-ping.json")));
    }

    @Test
    void aSecondConnectionWithTheSameTokenIsClosedAtOnce() throws Exception {
        RecordingSocket first = open();
        RecordingSocket second = open();
        await().atMost(PATIENCE).until(() -> !second.isOpen());
        assertThat(first.isOpen()).isTrue();
        assertThat(emulator.openSockets()).isEqualTo(1);
    }

    @Test
    void subscribingPastTheSymbolLimitIsAnError() throws Exception {
        emulator.symbolLimit(2);
        RecordingSocket s = open();
        s.send("{\"type\":\"subscribe\",\"symbol\":\"AAPL\"}");
        s.send("{\"type\":\"subscribe\",\"symbol\":\"MSFT\"}");
        s.send("{\"type\":\"subscribe\",\"symbol\":\"IBM\"}");
        await().atMost(PATIENCE).until(() -> s.frames().size() >= 1);
        assertThat(node(s.frame(0))).isEqualTo(doc("ws-error.json"));
        assertThat(emulator.subscribers("IBM")).isZero();
        assertThat(emulator.subscribers("MSFT")).isEqualTo(1);
    }

    @Test
    void theDocumentedSubscribeAndUnsubscribeMessagesWork() throws Exception {
        // The docs' sample code sends a JavaScript object literal through JSON.stringify; this is its JSON.
        JsonNode subscribe = JsonShape.parse(JsonShape.DOC_READER.copy().enable(
                com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_SINGLE_QUOTES.mappedFeature()),
                JsonShape.resource(getClass(), "ws-subscribe.js.txt"));
        RecordingSocket s = open();
        s.send(JSON.writeValueAsString(subscribe));
        s.send("{\"type\":\"subscribe\",\"symbol\":\"MSFT\"}");
        await().atMost(PATIENCE).until(() -> emulator.subscribers("AAPL") == 1 && emulator.subscribers("MSFT") == 1);

        s.send("{\"type\":\"unsubscribe\",\"symbol\":\"AAPL\"}");
        await().atMost(PATIENCE).until(() -> emulator.subscribers("AAPL") == 0);
        EmulatedTrade unwanted = emulator.trade("AAPL", 1).get(0);
        EmulatedTrade marker = emulator.trade("MSFT", 1).get(0);
        await().atMost(PATIENCE).until(() -> times(s, "MSFT").contains(marker.timeMs()));
        assertThat(points(s)).noneSatisfy(p -> assertThat(p.get("s").asText()).isEqualTo(unwanted.symbol()));
    }

    @Test
    void faultsActOnTheStreamAndLeaveLostTradesOnlyInTheTruth() throws Exception {
        RecordingSocket s = subscribed("AAPL");
        emulator.skipOnSocket("AAPL", 3);
        List<EmulatedTrade> skipped = emulator.trade("AAPL", 3);
        emulator.duplicateOnSocket("AAPL", 1);
        emulator.trade("AAPL", 1);
        emulator.silence(Duration.ofHours(1));
        emulator.trade("AAPL", 2);
        emulator.silence(Duration.ZERO);
        EmulatedTrade marker = emulator.trade("AAPL", 1).get(0);

        await().atMost(PATIENCE).until(() -> points(s).size() >= 3
                && points(s).get(points(s).size() - 1).get("p").decimalValue().compareTo(marker.price()) == 0
                && points(s).get(points(s).size() - 1).get("t").asLong() == marker.timeMs());
        assertThat(points(s)).hasSize(3);
        assertThat(points(s).get(0)).isEqualTo(points(s).get(1));
        assertThat(emulator.trades("AAPL")).hasSize(7).containsAll(skipped);

        emulator.restartServer();
        await().atMost(PATIENCE).until(() -> !s.isOpen());
        assertThat(s.closeStatus()).isEqualTo(1001);

        RecordingSocket again = open();
        // The client's open can complete a moment before the server side registers the socket.
        await().atMost(PATIENCE).until(() -> emulator.openSockets() == 1);
        emulator.dropAll();
        await().atMost(PATIENCE).until(() -> !again.isOpen());
        assertThat(again.closeStatus()).as("a drop: no close frame").isEqualTo(1006);

        emulator.refuseUpgrades(503, 1);
        assertThat(RecordingSocket.refusedStatus(ws, streamUri(FinnhubEmulator.TOKEN), Map.of())).isEqualTo(503);

        RecordingSocket third = open();
        emulator.sendError("internal error");
        await().atMost(PATIENCE).until(() -> third.frames().size() >= 1);
        assertThat(JsonShape.of(node(third.frame(0)))).isEqualTo(JsonShape.of(doc("ws-error.json")));
    }

    // ------------------------------------------------------------------ REST

    @Test
    void quoteHasTheDocumentedFieldsAndTheMarketsValues() throws Exception {
        List<EmulatedTrade> made = emulator.trade("AAPL", 20);
        HttpResponse<String> r = get("/api/v1/quote?symbol=AAPL&token=" + FinnhubEmulator.TOKEN, Map.of());
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode q = node(r.body());
        JsonNode documented = doc("rest-quote.json");
        documented.properties().forEach(e -> assertThat(JsonShape.of(q.get(e.getKey())))
                .as(e.getKey()).isEqualTo(JsonShape.of(e.getValue())));
        Set<String> extra = new HashSet<>();
        q.fieldNames().forEachRemaining(extra::add);
        documented.fieldNames().forEachRemaining(extra::remove);
        assertThat(extra).as("beyond the OpenAPI example: the live API's t").containsExactly("t");
        assertThat(JsonShape.isIntegral(q.get("t"))).isTrue();

        EmulatedTrade last = made.get(made.size() - 1);
        BigDecimal pc = new BigDecimal("187.25");
        assertThat(q.get("c").decimalValue()).isEqualByComparingTo(last.price());
        assertThat(q.get("pc").decimalValue()).isEqualByComparingTo(pc);
        assertThat(q.get("d").decimalValue()).isEqualByComparingTo(last.price().subtract(pc));
        assertThat(q.get("t").asLong()).isEqualTo(last.time().getEpochSecond());

        JsonNode unknown = node(get("/api/v1/quote?symbol=NOPE", Map.of("X-Finnhub-Token", FinnhubEmulator.TOKEN))
                .body());
        assertThat(unknown.get("c").asDouble()).isZero();
        assertThat(unknown.get("d").isNull()).isTrue();
    }

    @Test
    void stockSymbolsHaveTheDocumentedFields() throws Exception {
        emulator.name("AAPL", "APPLE INC");
        HttpResponse<String> r = get("/api/v1/stock/symbol?exchange=US",
                Map.of("X-Finnhub-Token", FinnhubEmulator.TOKEN));
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode list = node(r.body());
        assertThat(list.size()).isEqualTo(2);
        assertThat(JsonShape.of(list)).isEqualTo(JsonShape.of(doc("rest-stock-symbol.json")));
        assertThat(list.get(0).get("symbol").asText()).isEqualTo("AAPL");
        assertThat(list.get(0).get("description").asText()).isEqualTo("APPLE INC");
    }

    @Test
    void restChecksTheTokenAndAnswersTheRateLimitWith429() throws Exception {
        assertThat(get("/api/v1/quote?symbol=AAPL", Map.of()).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/quote?symbol=AAPL&token=wrong", Map.of()).statusCode()).isEqualTo(401);
        assertThat(get("/api/v1/quote?symbol=AAPL", Map.of("X-Finnhub-Token", "wrong")).statusCode()).isEqualTo(401);

        emulator.rateLimit(3, 1_000);
        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/v1/quote?symbol=AAPL&token=" + FinnhubEmulator.TOKEN, Map.of()).statusCode())
                    .isEqualTo(200);
        }
        HttpResponse<String> refused = get("/api/v1/quote?symbol=AAPL&token=" + FinnhubEmulator.TOKEN, Map.of());
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(node(refused.body()).get("error").asText()).startsWith("API limit reached");

        emulator.rateLimit(1_000, 1_000);
        emulator.failRest(429, 5, 1);
        HttpResponse<String> injected = get("/api/v1/quote?symbol=AAPL&token=" + FinnhubEmulator.TOKEN, Map.of());
        assertThat(injected.statusCode()).isEqualTo(429);
        assertThat(injected.headers().firstValue("Retry-After")).hasValue("5");
    }

    // ------------------------------------------------------------------ helpers

    private URI streamUri(String token) {
        return URI.create(emulator.wsBase() + "/?token=" + token);
    }

    private RecordingSocket open() throws Exception {
        return RecordingSocket.connect(ws, streamUri(FinnhubEmulator.TOKEN), Map.of());
    }

    /** Opens and subscribes; Finnhub acknowledges nothing, so this waits until the emulator has the subscription. */
    private RecordingSocket subscribed(String symbol) throws Exception {
        RecordingSocket s = open();
        s.send("{\"type\":\"subscribe\",\"symbol\":\"" + symbol + "\"}");
        await().atMost(PATIENCE).until(() -> emulator.subscribers(symbol) == 1);
        return s;
    }

    private static List<JsonNode> points(RecordingSocket s) {
        List<JsonNode> out = new ArrayList<>();
        for (String f : s.frames()) {
            JsonNode m = node(f);
            if ("trade".equals(m.path("type").asText())) {
                m.get("data").forEach(out::add);
            }
        }
        return out;
    }

    private static List<Long> times(RecordingSocket s, String symbol) {
        return points(s).stream().filter(p -> symbol.equals(p.get("s").asText())).map(p -> p.get("t").asLong())
                .toList();
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
}
