package io.stockmonitor.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.market.GapKind;
import org.junit.jupiter.api.Test;

/** "A move of X % within N minutes", on the trades' own times. */
class MoveAlertTest {
    private static AlertRule move(long id, AlertKind kind, double pct, int minutes, boolean oneShot, double rearm) {
        return AlertRule.of(id, "AAPL", kind, pct, minutes, null, oneShot, rearm);
    }

    @Test
    void aRiseOfXPercentWithinTheWindowFires() {
        AlertRig rig = new AlertRig("AAPL").rules(move(1, AlertKind.MOVE_UP, 2, 1, true, 0));
        rig.step = 5_000;
        rig.trades("AAPL", 100, 99, 100, 100.5, 100.9, 100.97);
        assertThat(rig.fired).as("+1.99 %% from the low of 99").isEmpty();
        rig.trade("AAPL", 100.98);
        assertThat(rig.fired).singleElement().satisfies(f -> {
            assertThat(f.value()).isCloseTo(2.0, org.assertj.core.data.Offset.offset(1e-6));
            assertThat(f.rule().text()).isEqualTo("AAPL+2%/1m");
            assertThat(f.message()).isEqualTo("AAPL moved +2.00 % within 1 min, at 100.98");
        });
    }

    @Test
    void theSameRiseSpreadOverMoreThanTheWindowDoesNotFire() {
        AlertRig rig = new AlertRig("AAPL").rules(move(1, AlertKind.MOVE_UP, 2, 1, true, 0));
        rig.step = 20_000;
        // +0.5 % every 20 s: 1 % within a minute, never 2 %.
        double p = 100;
        for (int i = 0; i < 20; i++) {
            rig.trade("AAPL", p);
            p *= 1.005;
        }
        assertThat(rig.fired).isEmpty();
    }

    @Test
    void aFallFiresADownRuleAndEitherButNotAnUpRule() {
        AlertRig rig = new AlertRig("AAPL").rules(move(1, AlertKind.MOVE_DOWN, 1, 5, true, 0),
                move(2, AlertKind.MOVE_ANY, 1, 5, true, 0), move(3, AlertKind.MOVE_UP, 1, 5, true, 0));
        rig.trades("AAPL", 100, 100.5, 99.4);
        assertThat(rig.fired).extracting(f -> f.rule().id()).containsExactly(1L, 2L);
        assertThat(rig.fired.get(0).value()).isNegative();
    }

    @Test
    void rearmsWhenTheMoveIsBackUnderTheLevelSoASteadyTrendFiresOncePerWindow() {
        AlertRig rig = new AlertRig("AAPL").rules(move(1, AlertKind.MOVE_UP, 1, 1, false, 0));
        rig.step = 10_000;
        double p = 100;
        for (int i = 0; i < 60; i++) {
            rig.trade("AAPL", p);
            p *= 1.0025;
        }
        // +0.25 % per 10 s: the 1 % mark is reached 40 s into each window, then the low slides up with it.
        assertThat(rig.fired.size()).isBetween(1, 3);
        AlertRig flat = new AlertRig("AAPL").rules(move(1, AlertKind.MOVE_UP, 1, 1, false, 0));
        flat.step = 10_000;
        flat.trades("AAPL", 100, 101.5, 101.5, 101.5, 101.5, 101.5, 101.5, 101.5, 101.5);
        assertThat(flat.fired).as("once the window forgot the low, the move is 0: re-armed, but nothing new")
                .hasSize(1);
        flat.trades("AAPL", 102.6);
        assertThat(flat.fired).hasSize(2);
    }

    @Test
    void aRefilledStretchIsReplayedOnItsOwnTimes() {
        AlertRig rig = new AlertRig("AAPL").rules(move(1, AlertKind.MOVE_UP, 2, 2, true, 0));
        rig.step = 30_000;
        rig.trade("AAPL", 100);
        rig.trade("AAPL", 101, false).trade("AAPL", 102.5, false);
        rig.clock.addAndGet(600_000);
        assertThat(rig.fired).singleElement().satisfies(f -> assertThat(f.refilled()).isTrue());
    }

    @Test
    void aJumpAcrossALostGapIsMarked() {
        AlertRig rig = new AlertRig("AAPL").rules(move(1, AlertKind.MOVE_ANY, 3, 5, true, 0));
        rig.trade("AAPL", 100).gap("AAPL", GapKind.LOST).trade("AAPL", 96);
        assertThat(rig.fired).singleElement().satisfies(f -> assertThat(f.acrossGap()).isTrue());
    }

    @Test
    void aRuleMadeMidSessionSeesTheRecentTradesButDoesNotFireOnAMoveAlreadyMade() {
        AlertRig rig = new AlertRig("AAPL");
        rig.trades("AAPL", 100, 101, 102.5);
        rig.rules(move(1, AlertKind.MOVE_UP, 2, 5, false, 0), move(2, AlertKind.MOVE_UP, 3, 5, false, 0));
        rig.trade("AAPL", 102.6);
        assertThat(rig.fired).as("+2.6 %% was there when the rule was made").isEmpty();
        rig.trade("AAPL", 103.1);
        assertThat(rig.fired).extracting(f -> f.rule().id()).containsExactly(2L);
    }
}
