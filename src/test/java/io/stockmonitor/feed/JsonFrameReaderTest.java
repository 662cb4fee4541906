package io.stockmonitor.feed;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.stockmonitor.source.v1.TickFrameParser;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One parser reads frame after frame, so what is left of one frame must never run into the next: found by the frame
 * property tests (issue 10), which read a valid frame after every mutated one.
 */
class JsonFrameReaderTest {
    private static final String TICK = "{\"type\":\"tick\",\"symbol\":\"MSFT\",\"seq\":5,\"ts\":1796040299949,"
            + "\"price\":123.45,\"size\":100}";

    @Test
    void garbageAfterASkippedFrameDoesNotSpillIntoTheNextFrame() {
        // A frame that is not a tick is skipped; here an unterminated string follows it (TickFrameFuzzTest).
        TickFrameParser parser = TickFrameParser.forSymbols(List.of("MSFT"));
        assertThat(parser.parse("{\"type\":\"\\u001b[2J\",\"symbol\":\"\",\"ts\":1796040299949}\""))
                .isEqualTo(TickFrameParser.Kind.OTHER);
        assertThat(parser.parse(TICK)).isEqualTo(TickFrameParser.Kind.TICK);
        assertThat(parser.tick().symbol).isEqualTo("MSFT");
    }

    @Test
    void aFrameItsCallerLeftUnfinishedDoesNotSpillIntoTheNextFrame() throws Exception {
        // A caller that returns on a cut-short frame without end() or reset() (Binance and Coinbase did; seeds
        // 308638468056092834 case 151 and 8810689100644915490 case 13).
        JsonFrameReader reader = new JsonFrameReader(1024);
        JsonParser p = reader.begin("{\"stream\":\"btcusdt@aggTrade\"");
        assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
        while (p.nextToken() != JsonToken.NOT_AVAILABLE) {
            // read what there is, then give up as such a caller does
        }
        p = reader.begin(TICK);
        assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
        assertThat(p.nextToken()).isEqualTo(JsonToken.FIELD_NAME);
        assertThat(p.currentName()).isEqualTo("type");
    }
}
