package io.stockmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.feed.TradeListener;
import io.stockmonitor.market.GapKind;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The hook for the indicators package: a line's value for a symbol now, crossed by the price. */
class LineAlertTest {
    /** A fixed line, set by the test. */
    private static final class Level implements IndicatorLine {
        final Map<String, Double> values = new HashMap<>();

        @Override
        public String name() {
            return "LEVEL";
        }

        @Override
        public double value(String symbol) {
            return values.getOrDefault(symbol, Double.NaN);
        }
    }

    /** A 3-trade simple moving average, fed by the same output ahead of the engine, as an indicator would be. */
    private static final class Sma3 implements IndicatorLine, TradeListener {
        private final double[] last = new double[3];
        private int n;

        @Override
        public String name() {
            return "SMA 3";
        }

        @Override
        public double value(String symbol) {
            return n < 3 ? Double.NaN : (last[0] + last[1] + last[2]) / 3;
        }

        @Override
        public void onTrade(String symbol, String epoch, long seq, long ts, double price, double size, boolean live) {
            last[n % 3] = price;
            n++;
        }
    }

    private static AlertRule line(long id, boolean above, String name, double rearm) {
        return AlertRule.of(id, "AAPL", above ? AlertKind.LINE_ABOVE : AlertKind.LINE_BELOW, 0, 0, name, false,
                rearm);
    }

    @Test
    void firesWhenThePriceCrossesAMovingLine() {
        Sma3 sma = new Sma3();
        AlertRig rig = new AlertRig(IndicatorLines.of(List.of(sma)), "AAPL");
        rig.output.removeListener(rig.engine);
        rig.output.addListener(sma);
        rig.output.addListener(rig.engine);
        rig.rules(line(1, true, "SMA 3", 0), line(2, false, "SMA 3", 0));
        rig.trades("AAPL", 100, 99, 98, 97, 99);
        // SMA after 97: 98 (97 below); after 99: 98 (99 above).
        assertThat(rig.fired).extracting(f -> f.rule().id()).containsExactly(1L);
        assertThat(rig.fired.get(0).value()).isEqualTo(98.0);
        assertThat(rig.fired.get(0).rule().text()).isEqualTo("AAPL>[SMA 3]");
        rig.trades("AAPL", 97);
        assertThat(rig.fired).extracting(f -> f.rule().id()).containsExactly(1L, 2L);
    }

    @Test
    void rearmsAPercentOfTheLineBack() {
        Level level = new Level();
        level.values.put("AAPL", 100.0);
        AlertRig rig = new AlertRig(IndicatorLines.of(List.of(level)), "AAPL").rules(line(1, true, "LEVEL", 1));
        rig.trades("AAPL", 99.5, 100.5, 99.5, 100.5, 98.9, 100.1);
        assertThat(rig.firedPrices()).containsExactly(100.5, 100.1);
        level.values.put("AAPL", 110.0);
        rig.trades("AAPL", 100, 110.5);
        assertThat(rig.fired).as("the line moved up: 100 is far below it").hasSize(3);
    }

    @Test
    void noLineOrAnUnknownNameNeverFires() {
        Level level = new Level();
        AlertRig rig = new AlertRig(IndicatorLines.of(List.of(level)), "AAPL")
                .rules(line(1, true, "LEVEL", 0), line(2, true, "VWAP", 0));
        rig.trades("AAPL", 1, 200, 1, 200);
        assertThat(rig.fired).isEmpty();
        level.values.put("AAPL", 100.0);
        rig.trades("AAPL", 200, 99, 101);
        assertThat(rig.fired).extracting(f -> f.rule().id()).containsExactly(1L);
    }

    @Test
    void acrossALostGap() {
        Level level = new Level();
        level.values.put("AAPL", 100.0);
        AlertRig rig = new AlertRig(IndicatorLines.of(List.of(level)), "AAPL").rules(line(1, false, "LEVEL", 0));
        rig.trade("AAPL", 101).gap("AAPL", GapKind.LOST).trade("AAPL", 95);
        assertThat(rig.fired).singleElement().satisfies(f -> assertThat(f.acrossGap()).isTrue());
    }
}
