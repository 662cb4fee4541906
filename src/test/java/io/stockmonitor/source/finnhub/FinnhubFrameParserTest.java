package io.stockmonitor.source.finnhub;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.feed.SymbolTable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The Finnhub frame parser on Finnhub's documented sample (kept verbatim in the test resources), on broken and forged
 * trades, and without allocating on the trade path.
 */
class FinnhubFrameParserTest {
    private final SymbolTable symbols = new SymbolTable();
    private final FinnhubFrameParser parser = new FinnhubFrameParser(symbols);

    FinnhubFrameParserTest() {
        symbols.add("BINANCE:BTCUSDT");
        symbols.add("AAPL");
    }

    private static String doc(String name) throws IOException {
        try (InputStream in = FinnhubFrameParserTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void readsTheDocumentedSamplePingAndError() throws IOException {
        assertThat(parser.parse(doc("ws-trade.json"))).isEqualTo(FinnhubFrameParser.Kind.TRADES);
        assertThat(parser.count).isEqualTo(1);
        assertThat(parser.kind[0]).isEqualTo(FinnhubFrameParser.TRADE);
        assertThat(parser.symbol[0]).isEqualTo("BINANCE:BTCUSDT");
        assertThat(parser.price[0]).isEqualTo(7296.89);
        assertThat(parser.timeMs[0]).isEqualTo(1575526691134L);
        assertThat(parser.volume[0]).isEqualTo(0.011467);
        assertThat(parser.parse(doc("ws-ping.json"))).isEqualTo(FinnhubFrameParser.Kind.PING);
        assertThat(parser.parse(doc("ws-error.json"))).isEqualTo(FinnhubFrameParser.Kind.OTHER);
    }

    @Test
    void brokenFramesApplyNothingAndForgedValuesAreBad() {
        String ok = "{\"c\":null,\"p\":1.5,\"s\":\"AAPL\",\"t\":1700000000000,\"v\":10}";
        assertThat(parser.parse("{\"data\":[" + ok + ",{\"p\":")).isEqualTo(FinnhubFrameParser.Kind.MALFORMED);
        assertThat(parser.parse("{\"type\":\"trade\",\"data\":[" + ok + "]} x")).isEqualTo(
                FinnhubFrameParser.Kind.MALFORMED);
        assertThat(parser.parse("[]")).isEqualTo(FinnhubFrameParser.Kind.MALFORMED);
        assertThat(parser.parse("{\"type\":\"trade\",\"data\":[" + ok + "]}")).isEqualTo(
                FinnhubFrameParser.Kind.TRADES);
        assertThat(parser.kind[0]).isEqualTo(FinnhubFrameParser.TRADE);
        assertThat(parser.parse("{\"type\":\"trade\",\"data\":[" + ok.replace("AAPL", "MSFT") + "]}")).isEqualTo(
                FinnhubFrameParser.Kind.TRADES);
        assertThat(parser.kind[0]).as("not subscribed").isEqualTo(FinnhubFrameParser.UNWANTED);
        for (String forged : new String[] {ok.replace("1.5", "0"), ok.replace("1.5", "-1"), ok.replace("1.5", "1e300"),
            ok.replace("1.5", "\"1.5\""), ok.replace("\"v\":10", "\"v\":-1"), ok.replace("1700000000000", "0"),
            ok.replace("1700000000000", "1.7e12"), ok.replace("1700000000000", "99999999999999999999999"),
            ok.replace(",\"p\":1.5", ""), "{\"p\":1.5}", "7"}) {
            assertThat(parser.parse("{\"data\":[" + forged + "],\"type\":\"trade\"}")).as(forged)
                    .isEqualTo(FinnhubFrameParser.Kind.TRADES);
            assertThat(parser.kind[0]).as(forged).isEqualTo(FinnhubFrameParser.BAD);
        }
    }

    @Test
    void aBatchOfTradesAllocatesNothing() {
        StringBuilder frame = new StringBuilder("{\"data\":[");
        for (int i = 0; i < 20; i++) {
            frame.append(i == 0 ? "" : ",").append("{\"c\":[\"1\",\"12\"],\"p\":187.2").append(i % 10)
                    .append(",\"s\":\"AAPL\",\"t\":17000000000").append(10 + i).append(",\"v\":100}");
        }
        String text = frame.append("],\"type\":\"trade\"}").toString();
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            parser.parse(text);
        }
        int frames = 20_000;
        boolean all = true;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < frames; i++) {
            all &= parser.parse(text) == FinnhubFrameParser.Kind.TRADES;
        }
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertThat(all).isTrue();
        assertThat(parser.count).isEqualTo(20);
        assertThat(parser.kind[19]).isEqualTo(FinnhubFrameParser.TRADE);
        // Nothing per trade: at most the shared frame reader's one location object per frame, until the JIT's escape
        // analysis removes it (it usually has by now: 0 bytes).
        assertThat(allocated / (frames * 20L)).as("bytes allocated per trade").isLessThan(8);
    }
}
