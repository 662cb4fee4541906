package io.stockmonitor.source.kraken;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stockmonitor.feed.SymbolTable;
import io.stockmonitor.source.testing.JsonShape;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The zero-garbage reader of Kraken's v2 data frames, on Kraken's own documented examples (kept verbatim in the test
 * resources), on forged elements, and on what it costs per frame.
 */
class KrakenFrameParserTest {
    private final SymbolTable table = new SymbolTable();
    private final KrakenFrameParser parser = new KrakenFrameParser(table);

    private static String doc(String name) {
        return JsonShape.resource(KrakenFrameParserTest.class, name);
    }

    @Test
    void readsTheDocumentedUpdate() {
        table.add("MATIC/USD");
        assertThat(parser.parse(doc("ws-trade-update.json"))).isEqualTo(KrakenFrameParser.Kind.TRADES);
        assertThat(parser.count()).isEqualTo(1);
        assertThat(parser.snapshot()).isFalse();
        assertThat(parser.problem(0)).isEqualTo(KrakenFrameParser.OK);
        assertThat(parser.symbol(0)).isEqualTo("MATIC/USD");
        assertThat(parser.id(0)).isEqualTo(4_665_906L);
        assertThat(parser.price(0)).isEqualTo(0.5117);
        assertThat(parser.quantity(0)).isEqualTo(40.0);
        assertThat(parser.timeMs(0)).isEqualTo(Instant.parse("2023-09-25T07:49:37.708706Z").toEpochMilli());
    }

    @Test
    void readsTheDocumentedSnapshotTickerAndHeartbeat() {
        table.add("MATIC/USD");
        table.add("ALGO/USD");
        assertThat(parser.parse(doc("ws-trade-snapshot.json"))).isEqualTo(KrakenFrameParser.Kind.TRADES);
        assertThat(parser.snapshot()).isTrue();
        assertThat(parser.count()).isEqualTo(2);
        assertThat(parser.quantity(1)).isEqualTo(1136.19677815);
        assertThat(parser.parse(doc("ws-ticker-snapshot.json"))).isEqualTo(KrakenFrameParser.Kind.TICKER);
        assertThat(parser.tickerSymbol).isEqualTo("ALGO/USD");
        assertThat(parser.bid).isEqualTo(0.10025);
        assertThat(parser.ask).isEqualTo(0.10036);
        assertThat(parser.bidQty).isEqualTo(740.0);
        assertThat(parser.askQty).isEqualTo(1361.44813783);
        assertThat(parser.parse(doc("ws-heartbeat.json"))).isEqualTo(KrakenFrameParser.Kind.HEARTBEAT);
        assertThat(parser.parse(doc("ws-status.json"))).isEqualTo(KrakenFrameParser.Kind.OTHER);
        assertThat(parser.parse(doc("ws-trade-subscribe-ack.json"))).isEqualTo(KrakenFrameParser.Kind.OTHER);
    }

    @Test
    void aBatchIsPutInIdOrderAndAForgedElementIsFlaggedAlone() {
        table.add("BTC/USD");
        String frame = "{\"data\":[" + element(12, "30000.1", "0.5") + "," + element(10, "-1", "0.5") + ","
                + element(11, "30000.2", "0.25") + "," + "{\"symbol\":\"DOGE/USD\",\"price\":1,\"qty\":1,"
                + "\"trade_id\":1,\"timestamp\":\"2024-01-01T00:00:00Z\"}" + "],\"type\":\"update\","
                + "\"channel\":\"trade\"}";
        assertThat(parser.parse(frame)).as("the channel may come last").isEqualTo(KrakenFrameParser.Kind.TRADES);
        assertThat(parser.count()).isEqualTo(4);
        parser.sortById();
        assertThat(parser.id(parser.inOrder(0))).isEqualTo(1);
        assertThat(parser.symbol(parser.inOrder(0))).as("not subscribed").isNull();
        assertThat(parser.id(parser.inOrder(1))).isEqualTo(10);
        assertThat(parser.problem(parser.inOrder(1))).isEqualTo(KrakenFrameParser.BAD_PRICE);
        assertThat(parser.id(parser.inOrder(2))).isEqualTo(11);
        assertThat(parser.problem(parser.inOrder(2))).isEqualTo(KrakenFrameParser.OK);
        assertThat(parser.id(parser.inOrder(3))).isEqualTo(12);
    }

    @Test
    void malformedFramesAreOtherAndTheNextFrameStillReads() {
        table.add("BTC/USD");
        assertThat(parser.parse("{\"channel\":\"trade\",\"data\":[" + element(1, "1.0", "1.0"))).isEqualTo(
                KrakenFrameParser.Kind.OTHER);
        assertThat(parser.parse("{\"channel\":\"trade\",\"data\":[]} trailing")).isEqualTo(
                KrakenFrameParser.Kind.OTHER);
        assertThat(parser.parse("not json at all")).isEqualTo(KrakenFrameParser.Kind.OTHER);
        assertThat(parser.parse(update(element(5, "2.5", "1.0")))).isEqualTo(KrakenFrameParser.Kind.TRADES);
        assertThat(parser.problem(0)).isEqualTo(KrakenFrameParser.OK);
        assertThat(parser.price(0)).isEqualTo(2.5);
    }

    @Test
    void aFrameLongerThanTheFastReaderIsReadAllTheSame() {
        table.add("BTC/USD");
        StringBuilder elements = new StringBuilder();
        int n = 1_000;
        for (int i = 0; i < n; i++) {
            elements.append(i == 0 ? "" : ",").append(element(5_000 + i, "30243." + (i % 10), "0.5"));
        }
        String frame = update(elements.toString());
        assertThat(frame.length()).isGreaterThan(KrakenFrameParser.MAX_FAST_FRAME_CHARS);
        assertThat(parser.parse(frame)).isEqualTo(KrakenFrameParser.Kind.TRADES);
        assertThat(parser.count()).isEqualTo(n);
        assertThat(parser.id(n - 1)).isEqualTo(5_000 + n - 1);
        assertThat(parser.problem(n - 1)).isEqualTo(KrakenFrameParser.OK);
        assertThat(parser.parse(frame + "x")).as("trailing garbage").isEqualTo(KrakenFrameParser.Kind.OTHER);
        assertThat(parser.parse(update(element(7, "1.5", "2")))).as("the fast reader goes on")
                .isEqualTo(KrakenFrameParser.Kind.TRADES);
        assertThat(parser.id(0)).isEqualTo(7);
    }

    @Test
    void wrongTypesAndAbsurdValuesAreFlagged() {
        table.add("BTC/USD");
        String[] bad = {
            "{\"symbol\":\"BTC/USD\",\"price\":\"1.0\",\"qty\":1.0,\"trade_id\":1,\"timestamp\":\"2024-01-01T00:00:00Z\"}",
            "{\"symbol\":\"BTC/USD\",\"price\":1.0,\"qty\":-1.0,\"trade_id\":1,\"timestamp\":\"2024-01-01T00:00:00Z\"}",
            "{\"symbol\":\"BTC/USD\",\"price\":1.0,\"qty\":1.0,\"trade_id\":-1,\"timestamp\":\"2024-01-01T00:00:00Z\"}",
            "{\"symbol\":\"BTC/USD\",\"price\":1.0,\"qty\":1.0,\"trade_id\":1.5,\"timestamp\":\"2024-01-01T00:00:00Z\"}",
            "{\"symbol\":\"BTC/USD\",\"price\":1.0,\"qty\":1.0,\"trade_id\":1,\"timestamp\":\"2024-02-30T00:00:00Z\"}",
            "{\"symbol\":\"BTC/USD\",\"price\":1.0,\"qty\":1.0,\"trade_id\":1,\"timestamp\":1700000000}",
            "{\"price\":1.0,\"qty\":1.0,\"trade_id\":1,\"timestamp\":\"2024-01-01T00:00:00Z\"}",
            "[\"BTC/USD\"]",
        };
        for (String e : bad) {
            assertThat(parser.parse(update(e))).as(e).isEqualTo(KrakenFrameParser.Kind.TRADES);
            assertThat(parser.problem(0)).as(e).isNotEqualTo(KrakenFrameParser.OK);
        }
    }

    @Test
    void timestampsAreReadLikeInstantParse() {
        String[] times = {"2023-09-25T07:49:37.708706Z", "2024-02-29T23:59:59.999999999Z", "1999-12-31T23:59:59Z",
            "2023-09-25T07:49:37.7Z", "2023-09-25T09:49:37.708+02:00", "2100-03-01T00:00:00.000001Z"};
        for (String t : times) {
            char[] c = t.toCharArray();
            assertThat(KrakenTimestamp.parseMillis(c, 0, c.length)).as(t).isEqualTo(
                    java.time.OffsetDateTime.parse(t).toInstant().toEpochMilli());
        }
        for (String t : new String[] {"2023-13-01T00:00:00Z", "2023-09-25T07:49:37.Z", "2023-09-25T07:49:37",
            "2023-09-25 07:49:37.1Zjunk", "yesterday, around noon"}) {
            char[] c = t.toCharArray();
            assertThat(KrakenTimestamp.parseMillis(c, 0, c.length)).as(t).isEqualTo(KrakenTimestamp.INVALID);
        }
    }

    /**
     * No allocation per trade: a frame of ten trades costs what a frame of one does. (Each frame costs the shared
     * {@code JsonFrameReader} one small location object, about 48 bytes, when it checks the frame's end.)
     */
    @Test
    void aBatchOfTradesAllocatesNothingPerTrade() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled());
        table.add("BTC/USD");
        StringBuilder ten = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            ten.append(i == 0 ? "" : ",").append(element(110 - i, "30243." + i, "0.3450767" + i));
        }
        String one = update(element(101, "30243.4", "0.34507674"));
        String many = update(ten.toString());
        long perOne = bytesPerFrame(threads, one);
        long perMany = bytesPerFrame(threads, many);
        assertThat(perMany - perOne).as("bytes a frame of ten trades costs beyond a frame of one").isLessThan(8);
        assertThat(perOne).as("bytes per frame").isLessThanOrEqualTo(64);
    }

    private long bytesPerFrame(com.sun.management.ThreadMXBean threads, String frame) {
        long sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += run(frame);
        }
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 20_000; i++) {
            sum += run(frame);
        }
        long per = (threads.getCurrentThreadAllocatedBytes() - before) / 20_000;
        assertThat(sum).isPositive();
        return per;
    }

    private long run(String frame) {
        if (parser.parse(frame) != KrakenFrameParser.Kind.TRADES) {
            throw new AssertionError("not read: " + frame);
        }
        parser.sortById();
        long s = 0;
        for (int k = 0; k < parser.count(); k++) {
            s += parser.id(parser.inOrder(k)) + parser.timeMs(k);
        }
        return s;
    }

    private static String update(String elements) {
        return "{\"channel\":\"trade\",\"type\":\"update\",\"data\":[" + elements + "]}";
    }

    private static String element(long id, String price, String qty) {
        return "{\"symbol\":\"BTC/USD\",\"side\":\"buy\",\"price\":" + price + ",\"qty\":" + qty
                + ",\"ord_type\":\"limit\",\"trade_id\":" + id + ",\"timestamp\":\"2024-05-01T10:00:00.123456Z\"}";
    }
}
