package io.stockmonitor.alerts;

import static io.stockmonitor.alerts.AlertRig.above;
import static io.stockmonitor.alerts.AlertRig.below;
import static io.stockmonitor.alerts.AlertRig.rearming;
import static org.assertj.core.api.Assertions.assertThat;

import io.stockmonitor.market.GapKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Price levels: crossings, one-shot, re-arming, gaps, refills and resumes, through the real feed output. */
class PriceAlertTest {

    @Test
    void firesOnTheFirstTradeStrictlyBeyondAfterOneThatWasNot() {
        AlertRig rig = new AlertRig("AAPL").rules(above(1, "AAPL", 190));
        rig.trades("AAPL", 189.00, 189.99, 190.00);
        assertThat(rig.fired).as("at the level is not beyond it").isEmpty();
        rig.trade("AAPL", 190.01);
        assertThat(rig.fired).hasSize(1);
        AlertFiring f = rig.fired.get(0);
        assertThat(f.price()).isEqualTo(190.01);
        assertThat(f.seq()).isEqualTo(rig.lastSeq());
        assertThat(f.ts()).isEqualTo(rig.ts);
        assertThat(f.refilled()).isFalse();
        assertThat(f.acrossGap()).isFalse();
        assertThat(f.rule().text()).isEqualTo("AAPL>190");
        assertThat(f.message()).isEqualTo("AAPL crossed above 190 at 190.01");
    }

    @Test
    void theFirstTradeNeverFiresEvenBeyondTheLevel() {
        AlertRig rig = new AlertRig("AAPL").rules(above(1, "AAPL", 190), below(2, "AAPL", 200));
        rig.trades("AAPL", 195, 196);
        assertThat(rig.fired).isEmpty();
    }

    @Test
    void aOneShotRuleFiresOnceWhateverFollows() {
        AlertRig rig = new AlertRig("AAPL").rules(above(1, "AAPL", 190));
        rig.trades("AAPL", 189, 191, 189, 191, 185, 195);
        assertThat(rig.firedPrices()).containsExactly(191.0);
        assertThat(rig.engine.spent(1)).isTrue();
    }

    @Test
    void belowIsTheMirrorImage() {
        AlertRig rig = new AlertRig("AAPL").rules(rearming(below(1, "AAPL", 100), 0));
        rig.trades("AAPL", 101, 100, 99.99, 99, 100, 100.01, 99.5);
        assertThat(rig.firedPrices()).containsExactly(99.99, 99.5);
    }

    @Test
    void withoutARearmDistanceEveryCrossingFires() {
        AlertRig rig = new AlertRig("AAPL").rules(rearming(above(1, "AAPL", 190), 0));
        rig.trades("AAPL", 189.99, 190.01, 189.99, 190.01, 190.00, 190.02, 190.03);
        assertThat(rig.firedPrices()).containsExactly(190.01, 190.01, 190.02);
    }

    @Test
    void aPriceWobblingOnTheLevelFiresOnceUntilItIsBackTheRearmDistance() {
        // 0.1 % of 190 = 0.19: re-armed at 189.81 or lower.
        AlertRig rig = new AlertRig("AAPL").rules(rearming(above(1, "AAPL", 190), 0.1));
        rig.trades("AAPL", 189.90, 190.05, 189.95, 190.05, 189.82, 190.10, 189.95, 190.2);
        assertThat(rig.fired).as("a wobble within the re-arm distance fires once").hasSize(1);
        rig.trades("AAPL", 189.81, 189.90, 190.01);
        assertThat(rig.firedPrices()).containsExactly(190.05, 190.01);
        rig.trades("AAPL", 189.85, 190.5);
        assertThat(rig.fired).hasSize(2);
    }

    @Test
    void belowRearmsAboveTheLevel() {
        AlertRig rig = new AlertRig("X").rules(rearming(below(1, "X", 100), 1));
        rig.trades("X", 100.5, 99.5, 100.5, 99, 101, 99.9);
        assertThat(rig.firedPrices()).containsExactly(99.5, 99.9);
    }

    @Test
    void severalRulesOnOneSymbolAndRulesOnOthersAreIndependent() {
        AlertRig rig = new AlertRig("AAPL", "MSFT").rules(above(1, "AAPL", 190), above(2, "AAPL", 191),
                below(3, "AAPL", 189), above(4, "MSFT", 400));
        rig.trade("AAPL", 190).trade("MSFT", 399).trade("AAPL", 192).trade("MSFT", 401).trade("AAPL", 188);
        assertThat(rig.fired).extracting(f -> f.rule().id()).containsExactly(1L, 2L, 4L, 3L);
    }

    @Test
    void aTradeOfASymbolWithoutRulesOrNotInTheModelFiresNothing() {
        AlertRig rig = new AlertRig("AAPL").rules(above(1, "MSFT", 1));
        rig.trades("AAPL", 1, 2, 3);
        rig.output.trade("MSFT", "e", 1, rig.ts, 5, 1, Double.NaN, Double.NaN, true);
        rig.output.trade("MSFT", "e", 2, rig.ts, 6, 1, Double.NaN, Double.NaN, true);
        assertThat(rig.fired).as("MSFT is not in the model: the output never applies it").isEmpty();
    }

    @Test
    void aReplayedOrRefilledTradeFiresMarkedWithItsOwnTime() {
        AlertRig rig = new AlertRig("AAPL").rules(rearming(above(1, "AAPL", 190), 0));
        rig.trade("AAPL", 189);
        long refilledTs = rig.ts + rig.step;
        rig.clock.set(refilledTs + 60_000);
        rig.trade("AAPL", 191, false);
        rig.trade("AAPL", 189, false).trade("AAPL", 190.5);
        assertThat(rig.fired).hasSize(2);
        AlertFiring refilled = rig.fired.get(0);
        assertThat(refilled.refilled()).isTrue();
        assertThat(refilled.ts()).as("when the trade happened").isEqualTo(refilledTs);
        assertThat(refilled.atMs()).as("when it was evaluated").isEqualTo(refilledTs + 60_000);
        assertThat(refilled.marks()).isEqualTo("refilled");
        assertThat(rig.fired.get(1).refilled()).isFalse();
    }

    @Test
    void aLevelJumpedOverAcrossALostGapFiresOnceMarked() {
        AlertRig rig = new AlertRig("AAPL").rules(rearming(above(1, "AAPL", 190), 0), rearming(above(2, "AAPL", 195), 0),
                rearming(below(3, "AAPL", 180), 0));
        rig.trade("AAPL", 185);
        rig.gap("AAPL", GapKind.LOST);
        rig.trade("AAPL", 197);
        assertThat(rig.fired).extracting(f -> f.rule().id()).containsExactly(1L, 2L);
        assertThat(rig.fired).allSatisfy(f -> {
            assertThat(f.acrossGap()).isTrue();
            assertThat(f.marks()).isEqualTo("across a gap");
        });
        rig.trades("AAPL", 198, 199);
        assertThat(rig.fired).hasSize(2);
        rig.trades("AAPL", 189, 191);
        assertThat(rig.fired).hasSize(3);
        assertThat(rig.fired.get(2).acrossGap()).as("the mark is for the first trade after the gap only").isFalse();
    }

    @Test
    void aLostGapThatJumpsNoLevelFiresNothingAndTheMarkDoesNotLinger() {
        AlertRig rig = new AlertRig("AAPL").rules(rearming(above(1, "AAPL", 190), 0));
        rig.trade("AAPL", 185).gap("AAPL", GapKind.LOST).trade("AAPL", 186).trade("AAPL", 191);
        assertThat(rig.fired).hasSize(1);
        assertThat(rig.fired.get(0).acrossGap()).isFalse();
    }

    @Test
    void exactAndByTimeGapsRefilledTheTradesSoNoGapMark() {
        AlertRig rig = new AlertRig("AAPL").rules(rearming(above(1, "AAPL", 190), 0));
        rig.trade("AAPL", 185);
        rig.trade("AAPL", 191, false).gap("AAPL", GapKind.EXACT).trade("AAPL", 189);
        rig.trade("AAPL", 192, false).gap("AAPL", GapKind.BY_TIME).trade("AAPL", 193);
        assertThat(rig.fired).hasSize(2).allSatisfy(f -> {
            assertThat(f.acrossGap()).isFalse();
            assertThat(f.refilled()).isTrue();
        });
    }

    @Test
    void aGapOnAnotherSymbolDoesNotMarkThisOne() {
        AlertRig rig = new AlertRig("AAPL", "MSFT").rules(rearming(above(1, "AAPL", 190), 0), above(2, "MSFT", 1));
        rig.trade("AAPL", 185).gap("MSFT", GapKind.LOST).trade("AAPL", 191);
        assertThat(rig.fired).singleElement().satisfies(f -> assertThat(f.acrossGap()).isFalse());
    }

    @Test
    void aResumeReplaysTheOutagesTradesAndEachCrossingFiresOnceOnThem() {
        // What a protocol resume does: after the drop the server replays the missed trades (not live), then live.
        AlertRig rig = new AlertRig("AAPL").rules(rearming(above(1, "AAPL", 190), 0));
        rig.trades("AAPL", 189, 189.5);
        for (double p : new double[] {190.5, 189.5, 191}) {
            rig.trade("AAPL", p, false);
        }
        rig.trades("AAPL", 189, 190.1);
        assertThat(rig.fired).extracting(AlertFiring::price, AlertFiring::refilled)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(190.5, true),
                        org.assertj.core.groups.Tuple.tuple(191.0, true),
                        org.assertj.core.groups.Tuple.tuple(190.1, false));
    }

    @Test
    void aRuleMadeWhileTheSymbolTradesStartsOnTheSideItIsOn() {
        AlertRig rig = new AlertRig("AAPL");
        rig.trade("AAPL", 189.9);
        rig.rules(above(1, "AAPL", 190), below(2, "AAPL", 180));
        rig.trade("AAPL", 190.1);
        assertThat(rig.firedPrices()).as("the first trade after the rule was made can fire").containsExactly(190.1);
    }

    @Test
    void unchangedRulesKeepTheirStateWhenTheListChangesAndEditedOnesStartOver() {
        AlertRig rig = new AlertRig("AAPL").rules(above(1, "AAPL", 190), rearming(above(2, "AAPL", 195), 2));
        rig.trades("AAPL", 189, 196);
        assertThat(rig.fired).hasSize(2);
        rig.rules(above(1, "AAPL", 190), rearming(above(2, "AAPL", 195), 2), below(3, "AAPL", 150));
        rig.trades("AAPL", 193, 196);
        assertThat(rig.fired).as("1 is spent; 2 is not re-armed (2 %% of 195 back is 191.1)").hasSize(2);
        rig.rules(above(1, "AAPL", 190.5), rearming(above(2, "AAPL", 195), 2));
        rig.trades("AAPL", 189, 191);
        assertThat(rig.fired).as("the edited rule 1 is new").hasSize(3);
    }

    @Test
    void pausedRulesAreNotEvaluated() {
        AlertRig rig = new AlertRig("AAPL").rules(above(1, "AAPL", 190).withPaused(true));
        rig.trades("AAPL", 189, 191);
        assertThat(rig.fired).isEmpty();
        assertThat(rig.engine.activeRules()).isZero();
    }

    @Test
    void rulesBeyondThePerSymbolLimitAreNotEvaluated() {
        AlertRule[] rules = new AlertRule[AlertLimits.MAX_RULES_PER_SYMBOL + 5];
        for (int i = 0; i < rules.length; i++) {
            rules[i] = above(i + 1, "AAPL", 100 + i * 0.01);
        }
        AlertRig rig = new AlertRig("AAPL").rules(rules);
        assertThat(rig.engine.activeRules()).isEqualTo(AlertLimits.MAX_RULES_PER_SYMBOL);
        rig.trades("AAPL", 99, 200);
        assertThat(rig.fired).hasSize(AlertLimits.MAX_RULES_PER_SYMBOL);
    }

    @Test
    void theRecordSinkSeesTheTradeBeforeTheListeners() {
        AlertRig rig = new AlertRig("AAPL").rules(rearming(above(1, "AAPL", 190), 0));
        List<String> order = new java.util.ArrayList<>();
        rig.output.sink((symbol, epoch, seq, ts, price, size) -> order.add("tick " + seq));
        AlertEngine second = new AlertEngine(rig.market, IndicatorLines.NONE,
                (rule, seq, ts, price, value, flags, at) -> order.add("alert " + seq), rig.clock::get);
        second.setRules(List.of(rearming(above(1, "AAPL", 190), 0)));
        rig.output.addListener(second);
        rig.trades("AAPL", 189, 191);
        assertThat(order).containsExactly("tick 1", "tick 2", "alert 2");
        rig.output.removeListener(second);
        rig.trades("AAPL", 189, 191);
        assertThat(order).hasSize(5);
    }

    @Test
    void aFailingSinkDoesNotStopTheFeed() {
        AlertRig rig = new AlertRig("AAPL");
        AlertEngine failing = new AlertEngine(rig.market, IndicatorLines.NONE,
                (rule, seq, ts, price, value, flags, at) -> {
                    throw new IllegalStateException("boom");
                }, rig.clock::get);
        failing.setRules(List.of(rearming(above(1, "AAPL", 190), 0)));
        rig.output.addListener(failing);
        rig.trades("AAPL", 189, 191, 189, 191);
        assertThat(failing.firings()).isEqualTo(2);
    }
}
