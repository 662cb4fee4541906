package io.stockmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.market.GapKind;
import org.junit.jupiter.api.Test;

/** The day's change %, against the previous close the source gave. */
class ChangeAlertTest {
    private static AlertRule change(long id, boolean above, double pct, boolean oneShot, double rearm) {
        return AlertRule.of(id, "AAPL", above ? AlertKind.CHANGE_ABOVE : AlertKind.CHANGE_BELOW, pct, 0, null,
                oneShot, rearm);
    }

    private static AlertRig withPrevClose(double prevClose) {
        AlertRig rig = new AlertRig("AAPL");
        rig.market.applyDayStats("AAPL", Double.NaN, Double.NaN, Double.NaN, prevClose, Double.NaN);
        return rig;
    }

    @Test
    void firesWhenTheChangeGoesStrictlyBeyondTheLevel() {
        AlertRig rig = withPrevClose(200).rules(change(1, true, 2.5, true, 0));
        rig.trades("AAPL", 204, 205, 205.02);
        assertThat(rig.fired).singleElement().satisfies(f -> {
            assertThat(f.price()).isEqualTo(205.02);
            assertThat(f.value()).isCloseTo(2.51, org.assertj.core.data.Offset.offset(1e-9));
            assertThat(f.rule().text()).isEqualTo("AAPL%>2.5");
            assertThat(f.message()).isEqualTo("AAPL day change +2.51 % (limit +2.50 %) at 205.02");
        });
    }

    @Test
    void negativeLevelsWorkBothWays() {
        AlertRig rig = withPrevClose(100).rules(change(1, false, -1.5, false, 0), change(2, true, -1, false, 0));
        rig.trades("AAPL", 99, 98.6, 98.4, 98.5, 99.1, 98.4);
        assertThat(rig.fired).extracting(f -> f.rule().id(), AlertFiring::price).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1L, 98.4),
                org.assertj.core.groups.Tuple.tuple(2L, 99.1),
                org.assertj.core.groups.Tuple.tuple(1L, 98.4));
    }

    @Test
    void withoutAPreviousCloseNothingFiresAndItsArrivalIsNotACrossing() {
        AlertRig rig = new AlertRig("AAPL").rules(change(1, true, 1, false, 0));
        rig.trades("AAPL", 100, 200, 100, 300);
        assertThat(rig.fired).isEmpty();
        rig.market.applyDayStats("AAPL", Double.NaN, Double.NaN, Double.NaN, 100, Double.NaN);
        rig.trade("AAPL", 150);
        assertThat(rig.fired).as("the first known value only sets the side").isEmpty();
        rig.trades("AAPL", 100.5, 101.5);
        assertThat(rig.firedPrices()).containsExactly(101.5);
    }

    @Test
    void rearmsInPercentagePoints() {
        AlertRig rig = withPrevClose(100).rules(change(1, true, 2, false, 0.5));
        rig.trades("AAPL", 101, 102.1, 101.6, 102.2, 101.5, 102.01);
        assertThat(rig.firedPrices()).containsExactly(102.1, 102.01);
    }

    @Test
    void aNewPreviousCloseMovesTheChange() {
        AlertRig rig = withPrevClose(100).rules(change(1, true, 5, false, 0));
        rig.trades("AAPL", 104, 104.5);
        rig.market.applyDayStats("AAPL", Double.NaN, Double.NaN, Double.NaN, 99, Double.NaN);
        rig.trade("AAPL", 104.5);
        assertThat(rig.firedPrices()).as("104.5 against 99 is +5.56 %%").containsExactly(104.5);
    }

    @Test
    void acrossALostGapAndOnRefilledTrades() {
        AlertRig rig = withPrevClose(100).rules(change(1, true, 3, false, 0), change(2, false, -3, false, 0));
        rig.trade("AAPL", 101).gap("AAPL", GapKind.LOST).trade("AAPL", 104);
        rig.trade("AAPL", 96, false);
        assertThat(rig.fired).extracting(AlertFiring::marks).containsExactly("across a gap", "refilled");
    }
}
