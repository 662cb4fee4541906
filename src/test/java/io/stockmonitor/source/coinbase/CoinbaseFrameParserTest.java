package io.stockmonitor.source.coinbase;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.stockmonitor.feed.SymbolTable;
import io.stockmonitor.source.Trade;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The zero-garbage reader of Coinbase's per-trade frames against the documented examples (kept verbatim under
 * {@code src/test/resources/io/stockmonitor/source/coinbase/}), against malformed and absurd input, and against the
 * allocation it promises not to make.
 */
class CoinbaseFrameParserTest {
    private static final JsonMapper DOCS = JsonMapper.builder().enable(JsonReadFeature.ALLOW_JAVA_COMMENTS).build();

    private final SymbolTable table = new SymbolTable();
    private final CoinbaseFrameParser parser = new CoinbaseFrameParser(table);

    CoinbaseFrameParserTest() {
        table.add("BTC-USD");
        table.add("ETH-USD");
    }

    /** A documented example as one line (the files carry a comment and indentation). */
    private static String documented(String file) throws IOException {
        try (InputStream in = CoinbaseFrameParserTest.class.getResourceAsStream(file)) {
            assertThat(in).as(file).isNotNull();
            return DOCS.writeValueAsString(DOCS.readTree(in));
        }
    }

    @Test
    void readsTheDocumentedMatchTickerAndHeartbeat() throws IOException {
        assertThat(parser.parse(documented("ws-match.json"))).isEqualTo(CoinbaseFrameParser.Kind.MATCH);
        assertThat(parser.symbol).isSameAs("BTC-USD");
        assertThat(parser.tradeId).isEqualTo(10);
        assertThat(parser.price).isEqualTo(400.23);
        assertThat(parser.size).isEqualTo(5.23512);
        assertThat(parser.timeMs).isEqualTo(Instant.parse("2014-11-07T08:19:27.028Z").toEpochMilli());

        assertThat(parser.parse(documented("ws-ticker.json"))).isEqualTo(CoinbaseFrameParser.Kind.TICKER);
        assertThat(parser.symbol).isSameAs("ETH-USD");
        assertThat(parser.bid).isEqualTo(1285.04);
        assertThat(parser.ask).isEqualTo(1285.27);
        assertThat(parser.bidSize).isEqualTo(0.46688654);
        assertThat(parser.askSize).isEqualTo(1.5663704);
        assertThat(parser.open24h).isEqualTo(1310.79);
        assertThat(parser.high24h).isEqualTo(1313.8);
        assertThat(parser.low24h).isEqualTo(1280.52);
        assertThat(parser.volume24h).isEqualTo(245532.79269678);

        assertThat(parser.parse(documented("ws-heartbeat.json"))).isEqualTo(CoinbaseFrameParser.Kind.HEARTBEAT);
        assertThat(parser.symbol).isSameAs("BTC-USD");
        assertThat(parser.lastTradeId).isEqualTo(20);

        String lastMatch = documented("ws-match.json").replace("\"match\"", "\"last_match\"");
        assertThat(parser.parse(lastMatch)).isEqualTo(CoinbaseFrameParser.Kind.LAST_MATCH);
        assertThat(parser.tradeId).isEqualTo(10);
    }

    @Test
    void fieldOrderDoesNotMatterAndOtherProductsAreNotOurs() {
        String frame = " {\"price\":\"1.5\",\"size\":\"2\",\"extra\":{\"a\":[1,2]},\"product_id\":\"SOL-USD\","
                + "\"time\":\"2024-01-01T00:00:00Z\",\"trade_id\":7,\"type\":\"match\"} ";
        assertThat(parser.parse(frame)).isEqualTo(CoinbaseFrameParser.Kind.MATCH);
        assertThat(parser.symbol).as("not subscribed").isNull();
        assertThat(parser.tradeId).isEqualTo(7);
        assertThat(parser.timeMs).isEqualTo(Instant.parse("2024-01-01T00:00:00Z").toEpochMilli());
    }

    @Test
    void controlFramesAndGarbageAreOtherAndTheReaderRecovers() throws IOException {
        String good = documented("ws-match.json");
        for (String other : new String[] {documented("ws-subscriptions.json"), documented("ws-error.json"),
            "not json", "{\"type\":\"match\",\"trade_id\":", "[1,2]", "42", "{\"type\":\"match\"} trailing", "{}",
            "{\"type\":\"status\",\"products\":[]}", "x".repeat(CoinbaseFrameParser.MAX_FAST_FRAME_CHARS + 1)}) {
            assertThat(parser.parse(other)).as(other).isEqualTo(CoinbaseFrameParser.Kind.OTHER);
            assertThat(parser.parse(good)).as("after " + other).isEqualTo(CoinbaseFrameParser.Kind.MATCH);
            assertThat(parser.tradeId).isEqualTo(10);
        }
    }

    @Test
    void wrongTypesMissingFieldsAndAbsurdValuesAreMalformed() {
        String[] bad = {
            match("\"trade_id\":\"10\"", "\"price\":\"1\"", "\"size\":\"1\"", "\"time\":\"2024-01-01T00:00:00Z\""),
            match("\"trade_id\":10", "\"price\":1.0", "\"size\":\"1\"", "\"time\":\"2024-01-01T00:00:00Z\""),
            match("\"trade_id\":10", "\"price\":\"-1\"", "\"size\":\"1\"", "\"time\":\"2024-01-01T00:00:00Z\""),
            match("\"trade_id\":10", "\"price\":\"0\"", "\"size\":\"1\"", "\"time\":\"2024-01-01T00:00:00Z\""),
            match("\"trade_id\":10", "\"price\":\"NaN\"", "\"size\":\"1\"", "\"time\":\"2024-01-01T00:00:00Z\""),
            match("\"trade_id\":10", "\"price\":\"1e999\"", "\"size\":\"1\"", "\"time\":\"2024-01-01T00:00:00Z\""),
            match("\"trade_id\":10", "\"price\":\"1\"", "\"size\":\"-0.1\"", "\"time\":\"2024-01-01T00:00:00Z\""),
            match("\"trade_id\":10", "\"price\":\"1\"", "\"size\":\"1\"", "\"time\":\"1969-12-31T23:59:59Z\""),
            match("\"trade_id\":10", "\"price\":\"1\"", "\"size\":\"1\"", "\"time\":\"2024-02-30T00:00:00Z\""),
            match("\"trade_id\":10", "\"price\":\"1\"", "\"size\":\"1\"", "\"time\":1704067200000"),
            match("\"trade_id\":0", "\"price\":\"1\"", "\"size\":\"1\"", "\"time\":\"2024-01-01T00:00:00Z\""),
            match("\"trade_id\":99999999999999999999", "\"price\":\"1\"", "\"size\":\"1\"",
                    "\"time\":\"2024-01-01T00:00:00Z\""),
            match("\"price\":\"1\"", "\"size\":\"1\"", "\"time\":\"2024-01-01T00:00:00Z\"", "\"side\":\"buy\""),
            "{\"type\":\"heartbeat\",\"product_id\":\"BTC-USD\",\"last_trade_id\":-1}",
            "{\"type\":\"heartbeat\",\"product_id\":\"BTC-USD\",\"last_trade_id\":\"20\"}",
            "{\"type\":\"ticker\",\"product_id\":\"BTC-USD\",\"best_bid\":\"-1\",\"best_ask\":\"2\"}",
            "{\"type\":\"ticker\",\"product_id\":[\"BTC-USD\"],\"best_bid\":\"1\",\"best_ask\":\"2\"}",
        };
        for (String frame : bad) {
            assertThat(parser.parse(frame)).as(frame).isEqualTo(CoinbaseFrameParser.Kind.MALFORMED);
            assertThat(parser.problem).as(frame).isNotBlank();
        }
    }

    @Test
    void timesAreReadToTheMillisecondAsInstantWouldTruncateThem() {
        SplittableRandom random = new SplittableRandom(5);
        for (int i = 0; i < 10_000; i++) {
            Instant t = Instant.ofEpochSecond(random.nextLong(0, 8_000_000_000L), random.nextInt(1_000_000_000));
            String micros = t.toString();
            assertThat(CoinbaseTime.parseMillis(micros)).as(micros).isEqualTo(t.toEpochMilli());
        }
        assertThat(CoinbaseTime.parseMillis("2014-11-07T08:19:27.028459Z")).isEqualTo(1415348367028L);
        assertThat(CoinbaseTime.parseMillis("2020-03-20T00:36:59.860Z")).isEqualTo(1584664619860L);
        for (String bad : new String[] {"", "2024-01-01", "2024-01-01T00:00:00", "2024-01-01T00:00:00+00:00",
            "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z", "2024-01-01T00:00:00.Z", "2024-01-01T00:00:00.1aZ",
            "2023-02-29T00:00:00Z", "+2024-01-01T00:00:00Z"}) {
            assertThat(CoinbaseTime.parseMillis(bad)).as(bad).isEqualTo(CoinbaseTime.INVALID);
        }
    }

    @Test
    void theDocumentedRestTradeRowIsATrade() throws IOException {
        CoinbaseTradeHistory history = new CoinbaseTradeHistory(null, null, null, s -> CoinbaseTradeHistory.UNKNOWN);
        List<Trade> rows = history.parse("BTC-USD", documented("rest-trades.json"), Long.MAX_VALUE);
        assertThat(rows).containsExactly(new Trade(86327327, Instant.parse("2020-03-20T00:36:59.860Z").toEpochMilli(),
                6225.32, 0.06469797, true));
    }

    @Test
    void readingTradesHeartbeatsAndTickersAllocatesNothing() throws IOException {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        String[] frames = new String[300];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = switch (i % 3) {
                case 0 -> documented("ws-match.json").replace("\"trade_id\":10", "\"trade_id\":" + (1_000 + i));
                case 1 -> documented("ws-ticker.json");
                default -> documented("ws-heartbeat.json");
            };
        }
        long sink = 0;
        // Long enough for the JIT's escape analysis: before it, the interpreter allocates a few short-lived objects.
        for (int round = 0; round < 1_500; round++) {
            for (String f : frames) {
                sink += parser.parse(f).ordinal();
            }
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int round = 0; round < 100; round++) {
            for (String f : frames) {
                sink += parser.parse(f).ordinal();
            }
        }
        long perFrame = (threads.getThreadAllocatedBytes(id) - before) / (100L * frames.length);
        assertThat(sink).isPositive();
        assertThat(perFrame).as("bytes allocated per frame").isLessThan(8);
    }

    private static String match(String... fields) {
        return "{\"type\":\"match\",\"product_id\":\"BTC-USD\"," + String.join(",", fields) + "}";
    }
}
