package io.stockmonitor.source.v1;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.protocol.Message;
import io.stockmonitor.protocol.MessageCodec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TickFrameParserTest {
    private final MessageCodec codec = new MessageCodec();
    private final TickFrameParser parser = TickFrameParser.forSymbols(List.of("AAPL", "MSFT", "BRK.B"));

    @Test
    void readsTicksAsTheCodecDoesFrameAfterFrame() {
        for (int i = 1; i <= 1_000; i++) {
            Message.Tick t = new Message.Tick(i % 2 == 0 ? "AAPL" : "BRK.B", i, 1_700_000_000_000L + i,
                    100 + i / 100.0, 100L * i, 99.99 + i / 100.0, 100.01 + i / 100.0);
            assertThat(parser.parse(codec.encode(t))).isEqualTo(TickFrameParser.Kind.TICK);
            ParsedTick p = parser.tick();
            assertThat(p.problem(NOW)).isNull();
            assertThat(new Message.Tick(p.symbol, p.seq, p.ts, p.price, p.size, p.bid, p.ask)).isEqualTo(t);
            assertThat(p.symbol).isSameAs(t.symbol().equals("AAPL") ? "AAPL" : "BRK.B");
        }
    }

    @Test
    void aFractionalSizeIsATickOfThatSize() {
        // A relay of a crypto venue (v2) sends the venue's fractional quantities.
        String frame = "{\"type\":\"tick\",\"symbol\":\"AAPL\",\"seq\":7,\"ts\":1700000000000,\"price\":65000.12,"
                + "\"size\":0.015}";
        assertThat(parser.parse(frame)).isEqualTo(TickFrameParser.Kind.TICK);
        assertThat(parser.tick().size).isEqualTo(0.015);
        assertThat(parser.tick().problem(NOW)).isNull();
    }

    @Test
    void fieldOrderAndWhitespaceDoNotMatter() {
        String frame = " { \"seq\" : 5, \"price\":1.5,\"symbol\":\"MSFT\",\"extra\":{\"a\":[1,2]},\"ts\":9,"
                + "\"size\":3,\"bid\":1.4,\"ask\":1.6,\"type\":\"tick\" } ";
        assertThat(parser.parse(frame)).isEqualTo(TickFrameParser.Kind.TICK);
        assertThat(parser.tick().symbol).isEqualTo("MSFT");
        assertThat(parser.tick().seq).isEqualTo(5);
        assertThat(parser.tick().price).isEqualTo(1.5);
    }

    @Test
    void controlFramesAndGarbageGoToTheCodecAndTheParserRecovers() {
        String heartbeat = codec.encode(new Message.Heartbeat(1, Map.of("AAPL", 3L)));
        String good = codec.encode(new Message.Tick("AAPL", 7, 1, 2.5, 1, 2.4, 2.6));
        for (String other : new String[] {heartbeat, "not json", "{\"type\":\"tick\",\"symbol\":", "[1,2]", "42",
            "{\"type\":\"tick\"} trailing", "{\"type\":{\"x\":1}}", "{}"}) {
            assertThat(parser.parse(other)).as(other).isEqualTo(TickFrameParser.Kind.OTHER);
            assertThat(parser.parse(good)).as("after " + other).isEqualTo(TickFrameParser.Kind.TICK);
            assertThat(parser.tick().seq).isEqualTo(7);
        }
    }

    private static final long NOW = 1_800_000_000_000L;

    @Test
    void whatCannotBeAPriceASizeOrATimeIsFlaggedAndBidAskMayBeLeftOut() {
        String base = "{\"type\":\"tick\",\"symbol\":\"AAPL\",\"seq\":1,\"price\":1.5,";
        assertThat(parser.parse(base + "\"ts\":1700000000000,\"size\":1}")).isEqualTo(TickFrameParser.Kind.TICK);
        assertThat(parser.tick().problem(NOW)).as("bid and ask are optional").isNull();
        assertThat(Double.isNaN(parser.tick().bid)).isTrue();
        for (String bad : new String[] {"\"ts\":0,\"size\":1}", "\"ts\":-1,\"size\":1}",
            "\"ts\":4102444800000,\"size\":1}", "\"ts\":1700000000000,\"size\":9223372036854775807}",
            "\"ts\":1700000000000,\"size\":-5}"}) {
            assertThat(parser.parse(base + bad)).isEqualTo(TickFrameParser.Kind.TICK);
            assertThat(parser.tick().problem(NOW)).as(bad).isNotNull();
        }
    }

    @Test
    void badValuesAreFlaggedNotSilentlyAccepted() {
        assertThat(parser.parse("{\"type\":\"tick\",\"symbol\":\"AAPL\",\"seq\":1,\"ts\":1700000000000,\"price\":-1,\"size\":1,"
                + "\"bid\":1,\"ask\":1}")).isEqualTo(TickFrameParser.Kind.TICK);
        assertThat(parser.tick().problem(NOW)).contains("price");
        assertThat(parser.parse("{\"type\":\"tick\",\"symbol\":\"AAPL\",\"seq\":1,\"ts\":1,\"size\":1,"
                + "\"bid\":1,\"ask\":1}")).isEqualTo(TickFrameParser.Kind.TICK);
        assertThat(parser.tick().problem(NOW)).contains("price");
        assertThat(parser.parse("{\"type\":\"tick\",\"symbol\":\"ZZZZ\",\"seq\":1,\"ts\":1,\"price\":1,\"size\":1,"
                + "\"bid\":1,\"ask\":1}")).isEqualTo(TickFrameParser.Kind.TICK);
        assertThat(parser.tick().symbol).isNull();
        assertThat(parser.parse("{\"type\":\"tick\",\"symbol\":\"AAPL\",\"seq\":\"1\",\"ts\":1,\"price\":1,"
                + "\"size\":1,\"bid\":1,\"ask\":1}")).isEqualTo(TickFrameParser.Kind.TICK);
        assertThat(parser.tick().problem(NOW)).contains("seq");
    }
}
