package io.stockmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AlertSyntaxTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "AAPL>190          | AAPL    | PRICE_ABOVE  | 190       | AAPL>190",
        "AAPL<189.5        | AAPL    | PRICE_BELOW  | 189.5     | AAPL<189.5",
        "AAPL%>2.5         | AAPL    | CHANGE_ABOVE | 2.5       | AAPL%>2.5",
        "AAPL%<-1.5        | AAPL    | CHANGE_BELOW | -1.5      | AAPL%<-1.5",
        "AAPL%>-0.25       | AAPL    | CHANGE_ABOVE | -0.25     | AAPL%>-0.25",
        "BTC/USD<50000     | BTC/USD | PRICE_BELOW  | 50000     | BTC/USD<50000",
        "BTC-USD%>2.5      | BTC-USD | CHANGE_ABOVE | 2.5       | BTC-USD%>2.5",
        "BTCUSDT>91234.56  | BTCUSDT | PRICE_ABOVE  | 91234.56  | BTCUSDT>91234.56",
        "brk.b > 450       | BRK.B   | PRICE_ABOVE  | 450       | BRK.B>450",
        "' aapl % < +1 '   | AAPL    | CHANGE_BELOW | 1         | AAPL%<+1",
        "XRPUSDT<.38123    | XRPUSDT | PRICE_BELOW  | 0.38123   | XRPUSDT<.38123",
        "BINANCE:BTCUSDT>1 | BINANCE:BTCUSDT | PRICE_ABOVE | 1   | BINANCE:BTCUSDT>1",
    })
    void theFourFormsInAnySourcesSpelling(String typed, String symbol, AlertKind kind, double level, String text) {
        AlertRule r = AlertSyntax.parse(typed, 7, null);
        assertThat(r.id()).isEqualTo(7);
        assertThat(r.symbol()).isEqualTo(symbol);
        assertThat(r.kind()).isEqualTo(kind);
        assertThat(r.level()).isEqualTo(level);
        assertThat(r.text()).isEqualTo(text);
        assertThat(r.oneShot()).isTrue();
        assertThat(r.paused()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "AAPL", "AAPL=190", "AAPL>>190", "AAPL><190", ">190", "%>2", "AAPL>",
        "AAPL>abc", "AAPL>1e5", "AAPL>190,5", "AAPL>-190", "AAPL>0", "AAPL<0.000", "AAPL%>-100", "AAPL%<-250",
        "AA PL>190", "AAPL%%>2", "AAPL>190%", "AAPL>NaN", "AAPL>Infinity", "AAPL>1..2", "A\u0000>1",
        "AVERYLONGSYMBOLTHATISMUCHTOOLONGFORANYSOURCE>1"})
    void anythingElseIsAOneLineError(String typed) {
        assertThatThrownBy(() -> AlertSyntax.parse(typed, 1, null))
                .isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n").contains("SYMBOL>PRICE"));
    }

    @org.junit.jupiter.api.Test
    void aRearmDistanceMakesARearmingRule() {
        AlertRule r = AlertSyntax.parse("AAPL>190", 1, 0.5);
        assertThat(r.oneShot()).isFalse();
        assertThat(r.rearmPercent()).isEqualTo(0.5);
        assertThat(AlertSyntax.parse("AAPL>190", 1, 0.0).oneShot()).isFalse();
    }
}
