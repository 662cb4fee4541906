package io.stockmonitor.source.alpaca;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.feed.SymbolTable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The Alpaca frame parser on Alpaca's documented examples (kept verbatim in the test resources), on broken and forged
 * messages, and without allocating on the trade path; the RFC 3339 reader against {@link Instant#parse}.
 */
class AlpacaFrameParserTest {
    private final SymbolTable symbols = new SymbolTable();
    private final AlpacaFrameParser parser = new AlpacaFrameParser(symbols);

    AlpacaFrameParserTest() {
        symbols.add("AAPL");
        symbols.add("AMD");
    }

    private static String doc(String name) throws IOException {
        try (InputStream in = AlpacaFrameParserTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheDocumentedTradeAndTheBatchOfQuotes() throws IOException {
        assertThat(parser.parse("[" + doc("ws-trade.json") + "]")).isTrue();
        assertThat(parser.count).isEqualTo(1);
        assertThat(parser.kind[0]).isEqualTo(AlpacaFrameParser.TRADE);
        assertThat(parser.symbol[0]).isEqualTo("AAPL");
        assertThat(parser.id[0]).isEqualTo(96921);
        assertThat(parser.price[0]).isEqualTo(126.55);
        assertThat(parser.size[0]).isEqualTo(1);
        assertThat(parser.timeNanos[0]).isEqualTo(nanos("2021-02-22T15:51:44.208Z"));

        assertThat(parser.parse(doc("ws-quotes-batch.json"))).isTrue();
        assertThat(parser.count).as("data points batched in one array").isEqualTo(3);
        for (int i = 0; i < 3; i++) {
            assertThat(parser.kind[i]).isEqualTo(AlpacaFrameParser.QUOTE);
            assertThat(parser.symbol[i]).isEqualTo("AMD");
            assertThat(parser.bid[i]).isEqualTo(87.66);
        }
        assertThat(parser.ask[1]).isEqualTo(87.68);
        assertThat(parser.bidSize[1]).as("bs").isEqualTo(1);
        assertThat(parser.askSize[1]).as("as").isEqualTo(4);
    }

    @Test
    void controlMessagesAreLeftToTheGeneralDecoderAndUnsubscribedSymbolsAreSkipped() throws IOException {
        assertThat(parser.parse(doc("ws-subscription.json"))).isTrue();
        assertThat(parser.kind[0]).isEqualTo(AlpacaFrameParser.OTHER);
        String voo = "[{\"T\":\"t\",\"i\":1,\"S\":\"VOO\",\"p\":1.5,\"s\":1,\"t\":\"2021-02-22T15:51:44Z\"}]";
        assertThat(parser.parse(voo)).isTrue();
        assertThat(parser.kind[0]).isEqualTo(AlpacaFrameParser.UNWANTED);
    }

    @Test
    void brokenFramesApplyNothingAndForgedValuesAreBad() {
        String ok = "{\"T\":\"t\",\"i\":1,\"S\":\"AAPL\",\"p\":1.5,\"s\":1,\"t\":\"2021-02-22T15:51:44Z\"}";
        assertThat(parser.parse("[" + ok + ",{\"T\":\"t\"")).as("cut short").isFalse();
        assertThat(parser.parse("[" + ok + "] trailing")).isFalse();
        assertThat(parser.parse(ok)).as("not an array").isFalse();
        assertThat(parser.parse("[" + ok + "]")).as("the parser recovers").isTrue();
        assertThat(parser.kind[0]).isEqualTo(AlpacaFrameParser.TRADE);
        for (String forged : new String[] {
            ok.replace("1.5", "0"), ok.replace("1.5", "-1.5"), ok.replace("1.5", "1e300"), ok.replace("1.5", "\"1.5\""),
            ok.replace("\"s\":1", "\"s\":-1"), ok.replace("\"i\":1", "\"i\":-1"),
            ok.replace("\"i\":1", "\"i\":123456789012345678901234"),
            ok.replace("2021-02-22T15:51:44Z", "1969-12-31T23:59:59Z"),
            ok.replace("2021-02-22T15:51:44Z", "2021-02-30T15:51:44Z"), ok.replace("2021-02-22T15:51:44Z", "soon"),
            ok.replace(",\"p\":1.5", ""), "{\"S\":\"AAPL\"}", "1"}) {
            assertThat(parser.parse("[" + forged + "]")).as(forged).isTrue();
            assertThat(parser.kind[0]).as(forged).isEqualTo(AlpacaFrameParser.BAD);
        }
    }

    @Test
    void readsRfc3339AsInstantDoes() {
        for (String t : new String[] {"2021-02-22T15:51:44.208Z", "2021-02-22T15:51:45.335689322Z",
            "2024-02-29T00:00:00Z",
            "2021-02-22T10:51:44.1-05:00", "2021-02-22T21:21:44.123456+05:30", "2261-12-31T23:59:59.999999999Z",
            "1970-01-01T00:00:00.000000001Z"}) {
            assertThat(AlpacaTime.parse(t)).as(t).isEqualTo(nanos(t));
            assertThat(AlpacaTime.parse(AlpacaTime.format(AlpacaTime.parse(t)))).as("written back: " + t)
                    .isEqualTo(nanos(t));
        }
        for (String t : new String[] {"2021-02-22 15:51:44Z", "2021-02-22T15:51:44", "2021-13-01T00:00:00Z",
            "2021-02-22T24:00:00Z", "2021-02-22T15:51:44.Z", "1970-01-01T00:00:00Z", ""}) {
            assertThat(AlpacaTime.parse(t)).as(t).isEqualTo(AlpacaTime.INVALID);
        }
    }

    @Test
    void aBatchOfTradesAllocatesNothing() {
        StringBuilder frame = new StringBuilder("[");
        for (int i = 0; i < 20; i++) {
            frame.append(i == 0 ? "" : ",").append("{\"T\":\"t\",\"i\":").append(96921 + 7 * i)
                    .append(",\"S\":\"AAPL\",\"x\":\"V\",\"p\":126.5").append(i % 10)
                    .append(",\"s\":100,\"t\":\"2021-02-22T15:51:44.2081234").append(i % 10)
                    .append("Z\",\"c\":[\"@\",\"I\"],\"z\":\"C\"}");
        }
        String text = frame.append(']').toString();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            parser.parse(text);
        }
        int frames = 20_000;
        boolean all = true;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < frames; i++) {
            all &= parser.parse(text);
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(all).isTrue();
        assertThat(parser.count).isEqualTo(20);
        assertThat(parser.kind[19]).isEqualTo(AlpacaFrameParser.TRADE);
        // Nothing per trade: at most the shared frame reader's one location object per frame, until the JIT's escape
        // analysis removes it (it usually has by now: 0 bytes).
        assertThat(allocated / (frames * 20L)).as("bytes allocated per trade").isLessThan(8);
    }

    private static long nanos(String rfc3339) {
        Instant t = java.time.OffsetDateTime.parse(rfc3339).toInstant();
        return t.getEpochSecond() * 1_000_000_000L + t.getNano();
    }
}
