package io.stockmonitor.market;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BoundsTest {
    private static final long T0 = 1_700_000_100_000L; // a whole 5 minutes

    @Test
    void tickRingEvictsTheOldest() {
        MarketModel model = new MarketModel(new MarketLimits(100, 60, 30, 4, 2, 15_000), () -> T0);
        model.addSymbol("A");
        for (int i = 0; i < 1_000; i++) {
            model.applyTick("A", i + 1, T0 + i * 7L, 10 + i / 100.0, i, 1, 2, T0);
        }
        TickBuffer ticks = new TickBuffer(500);
        assertThat(model.readTicks("A", Long.MIN_VALUE, ticks)).isEqualTo(100);
        assertThat(ticks.time(0)).isEqualTo(T0 + 900 * 7L);
        assertThat(ticks.size(0)).isEqualTo(900);
        assertThat(ticks.price(99)).isEqualTo(19.99);
        assertThat(model.readTicks("A", T0 + 990 * 7L, ticks)).isEqualTo(10);
    }

    @Test
    void barRingsHoldATimeWindowOfTheirCapacity() {
        MarketLimits limits = new MarketLimits(100, 60, 30, 4, 2, 15_000);
        MarketModel model = new MarketModel(limits, () -> T0);
        model.addSymbol("A");
        for (int i = 0; i < 3_600; i++) {
            model.applyTick("A", i + 1, T0 + i * 1_000L, 10, 1, 1, 2, T0);
        }
        BarBuffer bars = new BarBuffer(1_000);
        assertThat(model.readBars("A", BarInterval.S1, Long.MIN_VALUE, bars)).isEqualTo(60);
        assertThat(bars.time(0)).isEqualTo(T0 + 3_540_000);
        assertThat(model.readBars("A", BarInterval.S5, Long.MIN_VALUE, bars)).isEqualTo(limits.barsFor(BarInterval.S5));
        assertThat(limits.barsFor(BarInterval.S5)).isEqualTo(13);
        assertThat(model.readBars("A", BarInterval.M5, Long.MIN_VALUE, bars))
                .as("coarse intervals keep days, beyond the 1 s window: the hour's 12 bars").isEqualTo(12);
        assertThat(model.readBars("A", BarInterval.M1, Long.MIN_VALUE, bars)).as("capped at 30").isEqualTo(30);
        assertThat(MarketLimits.defaults().barsFor(BarInterval.S5)).as("the 8 h window").isEqualTo(5_761);
        assertThat(MarketLimits.defaults().barsFor(BarInterval.M5)).as("14 days").isEqualTo(4_033);
        assertThat(MarketLimits.defaults().barsFor(BarInterval.M1)).as("7 days, the cap").isEqualTo(10_080);
        assertThat(MarketLimits.defaults().barsFor(BarInterval.D1)).as("four years").isEqualTo(1_462);
    }

    @Test
    void aLongQuietSpellLeavesNoStaleBarsBehind() {
        MarketModel model = new MarketModel(new MarketLimits(100, 60, 30, 4, 2, 15_000), () -> T0);
        model.addSymbol("A");
        model.applyTick("A", 1, T0, 10, 1, 1, 2, T0);
        model.applyTick("A", 2, T0 + 30_000, 11, 1, 1, 2, T0);
        model.applyTick("A", 3, T0 + 61_000, 12, 1, 1, 2, T0);
        BarBuffer bars = new BarBuffer(100);
        assertThat(model.readBars("A", BarInterval.S1, Long.MIN_VALUE, bars)).isEqualTo(2);
        assertThat(bars.time(0)).isEqualTo(T0 + 30_000);
        model.applyTick("A", 4, T0 + 10_000_000, 13, 1, 1, 2, T0);
        assertThat(model.readBars("A", BarInterval.S1, Long.MIN_VALUE, bars)).isEqualTo(1);
    }

    @Test
    void symbolsAreBoundedAndKeepTheirOrder() {
        MarketModel model = new MarketModel(new MarketLimits(10, 10, 10, 4, 2, 15_000), () -> T0);
        model.addSymbol("B");
        model.addSymbol("A");
        model.addSymbol("B");
        assertThat(model.symbols()).containsExactly("B", "A");
        assertThatThrownBy(() -> model.addSymbol("C")).isInstanceOf(IllegalStateException.class);
        model.removeSymbol("B");
        model.addSymbol("C");
        assertThat(model.symbols()).containsExactly("A", "C");
        long v = model.version();
        model.applyTick("A", 1, T0, 1, 1, 1, 1, T0);
        assertThat(model.version()).isGreaterThan(v);
    }
}
