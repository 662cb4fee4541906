package io.stockmonitor.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageCodecTest {
    private final MessageCodec codec = new MessageCodec();

    @Test
    void readsTheDocumentedExamples() throws Exception {
        assertThat(codec.decode("{\"type\":\"welcome\",\"protocol\":1,\"server\":\"feed-simulator/0.1.0\","
                + "\"epoch\":\"e1\",\"heartbeatMs\":1000,\"historyTicks\":10000,\"symbols\":[\"AAPL\",\"MSFT\"]}"))
                .isEqualTo(new Message.Welcome(1, "feed-simulator/0.1.0", "e1", 1000, 10000, List.of("AAPL", "MSFT")));
        assertThat(codec.decode("{\"type\":\"subscribe\",\"id\":2,\"symbols\":[\"AAPL\"],"
                + "\"resume\":{\"epoch\":\"e\",\"after\":{\"AAPL\":1234}}}"))
                .isEqualTo(new Message.Subscribe(2, List.of("AAPL"), new Message.Resume("e", Map.of("AAPL", 1234L))));
        assertThat(codec.decode("{\"type\":\"subscribed\",\"id\":1,\"symbol\":\"AAPL\",\"epoch\":\"e\","
                + "\"resumed\":false,\"reason\":\"too_old\"}"))
                .isEqualTo(new Message.Subscribed(1, "AAPL", "e", false, null, ResyncReason.TOO_OLD));
        assertThat(codec.decode("{\"type\":\"tick\",\"symbol\":\"AAPL\",\"seq\":1235,\"ts\":1700000000000,"
                + "\"price\":189.23,\"size\":100,\"bid\":189.22,\"ask\":189.24}"))
                .isEqualTo(new Message.Tick("AAPL", 1235, 1700000000000L, 189.23, 100, 189.22, 189.24));
        assertThat(codec.decode("{\"type\":\"ping\",\"id\":4}")).isEqualTo(new Message.Ping(4));
    }

    @Test
    void roundTripsEveryMessageType() throws Exception {
        Bars bars = new Bars(1000, 2, new long[] {1000, 2000}, new double[] {1, 2}, new double[] {3, 4},
                new double[] {0.5, 1.5}, new double[] {2, 3}, new long[] {100, 200});
        List<Message> all = List.of(
                new Message.Welcome(1, "feed-simulator/0.1.0", "e", 1000, 10000, List.of("AAPL")),
                new Message.Subscribe(1, List.of("AAPL", "MSFT"), null),
                new Message.Unsubscribe(3, List.of("AAPL")),
                new Message.Ping(4),
                new Message.Subscribed(2, "AAPL", "e", true, 1234L, null),
                new Message.Unsubscribed(3, "AAPL"),
                new Message.Snapshot("AAPL", "e", 1290, 189.2, 189.19, 189.21, 188, 190, 187.5, 187.9, 12345, bars),
                new Message.Tick("AAPL", 1235, 1_700_000_000_000L, 189.23, 100, 189.22, 189.24),
                new Message.Heartbeat(1_700_000_000_000L, Map.of("AAPL", 1290L)),
                new Message.Pong(4, 1_700_000_000_000L),
                new Message.Error(null, ErrorCode.BAD_JSON, "frame is not valid JSON", null),
                new Message.Error(7L, ErrorCode.UNKNOWN_SYMBOL, "no such symbol", "XXXX"));
        for (Message m : all) {
            assertThat(codec.decode(codec.encode(m))).as(m.toString()).isEqualTo(m);
        }
    }

    @Test
    void writesTypeFirstAndNullErrorIdExplicitly() {
        assertThat(codec.encode(new Message.Ping(4))).isEqualTo("{\"type\":\"ping\",\"id\":4}");
        assertThat(codec.encode(new Message.Error(null, ErrorCode.BAD_JSON, "x", null)))
                .isEqualTo("{\"type\":\"error\",\"id\":null,\"code\":\"bad_json\",\"message\":\"x\"}");
    }

    @Test
    void classifiesBadFrames() {
        assertThatThrownBy(() -> codec.decode("not json")).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_JSON));
        assertThatThrownBy(() -> codec.decode("{\"type\":\"teleport\",\"id\":1}"))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE));
        assertThatThrownBy(() -> codec.decode("{\"id\":1}")).isInstanceOfSatisfying(ProtocolException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.UNKNOWN_TYPE));
        assertThatThrownBy(() -> codec.decode("{\"type\":\"subscribe\",\"id\":\"x\",\"symbols\":5}"))
                .isInstanceOfSatisfying(ProtocolException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_REQUEST));
        assertThatThrownBy(() -> codec.decode("")).isInstanceOf(ProtocolException.class);
    }
}
