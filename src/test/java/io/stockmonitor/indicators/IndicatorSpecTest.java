package io.stockmonitor.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import org.junit.jupiter.api.Test;

class IndicatorSpecTest {

    @Test
    void textRoundTrips() {
        String text = "SMA 20, EMA 50, BB 20 2.5, VWAP 09:30 America/New_York, VOLMA 30, RSI 9, MACD 5 35 5";
        List<Indicator> list = IndicatorSpec.parseAll(text);
        assertThat(list).hasSize(7);
        assertThat(((Vwap) list.get(3)).zone()).isEqualTo(ZoneId.of("America/New_York"));
        assertThat(((Vwap) list.get(3)).sessionStart()).isEqualTo(LocalTime.of(9, 30));
        assertThat(IndicatorSpec.formatAll(IndicatorSpec.parseAll(IndicatorSpec.formatAll(list))))
                .isEqualTo(IndicatorSpec.formatAll(list));
        assertThat(IndicatorSpec.parseAll(IndicatorSpec.DEFAULTS)).hasSize(5);
        assertThat(IndicatorSpec.parse("vwap")).isInstanceOf(Vwap.class);
        assertThat(IndicatorSpec.parseAll(" ")).isEmpty();
    }

    @Test
    void badTextSaysWhatIsWrong() {
        assertThatThrownBy(() -> IndicatorSpec.parse("WMA 20")).hasMessageContaining("unknown indicator");
        assertThatThrownBy(() -> IndicatorSpec.parse("SMA x")).hasMessageContaining("not a whole number");
        assertThatThrownBy(() -> IndicatorSpec.parse("MACD 26 12 9")).hasMessageContaining("shorter");
        assertThatThrownBy(() -> IndicatorSpec.parse("RSI 0")).isInstanceOf(IllegalArgumentException.class);
    }
}
